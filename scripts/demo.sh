#!/usr/bin/env bash
# The main job, for now: the reference server with seeded data on loopback and a headless sync
# of a desktop profile against it. Installs what a fresh Debian/Ubuntu machine needs.
#   bash scripts/demo.sh [COMPLAINTS]      (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
complaints="${1:-5000}"
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[server,ui,dev]"

work="${LAPOR_DEMO_DIR:-$PWD/demo}"
mkdir -p "$work"
db="sqlite:///$work/server.sqlite3"
port="${LAPOR_DEMO_PORT:-8765}"
export LAPOR_PASSWORD="${LAPOR_PASSWORD:-demo-lapor-2026}"

if [ ! -f "$work/server.sqlite3" ]; then
  .venv/bin/lapor-server init-db --db "$db"
  .venv/bin/lapor-server seed --db "$db" --complaints "$complaints" --seed 1 \
      --password "$LAPOR_PASSWORD" --json > "$work/seed.json"
fi
.venv/bin/lapor-server serve --db "$db" --host 127.0.0.1 --port "$port" \
    > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  .venv/bin/python -c "import sys, requests; sys.exit(0 if requests.get(sys.argv[1], timeout=1).ok else 1)" \
      "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
user="$(.venv/bin/python -c "import json,sys; d=json.load(open(sys.argv[1])); print(next(u['username'] for u in d['users'] if u['role']=='agency_admin'))" "$work/seed.json")"
echo "Server: http://127.0.0.1:$port  user: $user  password: $LAPOR_PASSWORD"
profile="$work/profile-$user"
url="http://127.0.0.1:$port"
sync_and_status='"$0" sync --profile "$1" --server "$2" --user "$3" --once && "$0" status --profile "$1" --json'
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then  # a desktop session: its own keyring
  sh -c "$sync_and_status" .venv/bin/lapor-desk "$profile" "$url" "$user"
else
  # No desktop session (a server, a container): the profile's token and cache key live only in
  # a keyring, so the demo starts gnome-keyring in a private D-Bus session, its keyring in $work.
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install gnome-keyring dbus" >&2; exit 1; }
  done
  mkdir -p -m 700 "$work/keyring/home" "$work/keyring/run"
  HOME="$work/keyring/home" XDG_DATA_HOME="$work/keyring/home/.local/share" \
    XDG_RUNTIME_DIR="$work/keyring/run" dbus-run-session -- sh -c \
    "printf demo-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && $sync_and_status" \
    "$PWD/.venv/bin/lapor-desk" "$profile" "$url" "$user"
fi
echo "Server still running (Ctrl-C to stop); API docs at http://127.0.0.1:$port/docs"
wait $server_pid
