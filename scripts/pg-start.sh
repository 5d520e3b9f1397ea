#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite on 127.0.0.1:${LAPOR_PG_PORT:-55432}.
# Idempotent: an already running cluster is reused. Prints the admin URL on stdout.
set -euo pipefail
port="${LAPOR_PG_PORT:-55432}"
data="${LAPOR_PG_DATA:-/tmp/lapor-test-pg-$port}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi
run_as_pg() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}
if ! run_as_pg "$bindir/pg_ctl -D $data status" >/dev/null 2>&1; then
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
    run_as_pg "$bindir/initdb -D $data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  run_as_pg "$bindir/pg_ctl -D $data -l $data/server.log -w start" >/dev/null
fi
psql="$bindir/psql"
[ -x "$psql" ] || psql=psql
if ! "$psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_roles where rolname='lapor'" | grep -q 1; then
  "$psql" -h 127.0.0.1 -p "$port" -U postgres -c "create role lapor login superuser password 'lapor'" >/dev/null
fi
echo "postgresql+psycopg://lapor:lapor@127.0.0.1:$port/postgres"
