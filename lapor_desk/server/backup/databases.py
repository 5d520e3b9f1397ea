"""The database part of a backup: PostgreSQL through ``pg_dump``/``pg_restore`` (custom format),
SQLite through its online backup API. Each dump is read from one snapshot, and the same snapshot
says where the database stood and which blobs it holds complete (:class:`Snapshot`)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, make_url

from lapor_desk.server.backup.errors import BackupError

PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"

_POSITION = text(
    "SELECT (SELECT value FROM counters WHERE name = 'change_seq'),"
    " (SELECT value FROM server_meta WHERE key = 'epoch'),"
    " (SELECT value FROM server_meta WHERE key = 'instance_id'),"
    " (SELECT version_num FROM alembic_version)")
_COMPLETE_BLOBS = text("SELECT sha256, size FROM blobs WHERE complete ORDER BY sha256")


@dataclass(frozen=True)
class Snapshot:
    seq: int
    epoch: str
    instance_id: str
    revision: str
    blobs: list[tuple[str, int]]


def _read_snapshot(connection: Connection | sqlite3.Connection) -> Snapshot:
    if isinstance(connection, sqlite3.Connection):
        position = connection.execute(_POSITION.text).fetchone()
        blobs = connection.execute(_COMPLETE_BLOBS.text).fetchall()
    else:
        position = connection.execute(_POSITION).one()
        blobs = list(connection.execute(_COMPLETE_BLOBS))
    if position is None or position[0] is None or position[1] is None:
        raise BackupError("the database is not initialised (run `lapor-server init-db`)",
                          code="not_initialised")
    return Snapshot(int(position[0]), str(position[1]), str(position[2]), str(position[3]),
                    [(str(sha), int(size)) for sha, size in blobs])


# --- PostgreSQL -----------------------------------------------------------------------------------


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL tools; the password goes in the environment (the
    command line is readable by every user of the machine)."""
    args = []
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client "
                          "(apt-get install postgresql-client)", code="tool_missing")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump_postgresql(database_url: str, target: Path) -> Snapshot:
    """``pg_dump -Fc`` of one exported snapshot, which also gives the position and blobs."""
    url = make_url(database_url)
    args, env = _libpq(url)
    engine = create_engine(url.set(drivername="postgresql+psycopg"),
                           isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection, connection.begin():
            connection.execute(text("SET TRANSACTION READ ONLY"))
            exported = str(connection.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            snapshot = _read_snapshot(connection)
            # The snapshot lives while this transaction does: pg_dump reads the same one.
            _run([_tool("pg_dump"), *args, "--format=custom", f"--snapshot={exported}",
                  "--no-owner", "--no-privileges", f"--file={target}",
                  f"--dbname={url.database}"], env)
    finally:
        engine.dispose()
    return snapshot


def restore_postgresql(database_url: str, source: Path) -> None:
    """Empty the database's ``public`` schema, then ``pg_restore`` the dump in one transaction."""
    url = make_url(database_url)
    args, env = _libpq(url)
    restore_tool = _tool("pg_restore")
    engine = create_engine(url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            others = connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()")).scalar_one()
            if others:
                raise BackupError(f"{others} other connection(s) use the database: stop the "
                                  "server (every worker) before a restore", code="in_use")
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    _run([restore_tool, *args, "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={url.database}", str(source)], env)


# --- SQLite ---------------------------------------------------------------------------------------


def sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("a SQLite database in memory cannot be backed up", code="invalid")
    return Path(database)


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, timeout=30.0)) as connection:
        yield connection


def dump_sqlite(database_url: str, target: Path) -> Snapshot:
    """A copy through the online backup API (one step: one consistent snapshot while the
    server writes), and the position and blobs read from the copy."""
    source = sqlite_path(database_url)
    if not source.is_file():
        raise BackupError(f"no database at {source}", code="not_initialised")
    with _sqlite(source) as live, _sqlite(target) as copy:
        live.backup(copy)
    with _sqlite(target) as copy:
        return _read_snapshot(copy)


def restore_sqlite(database_url: str, source: Path) -> None:
    """Write the backup's pages over the database through the backup API (its journal and WAL
    stay consistent; the server must be stopped)."""
    target = sqlite_path(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _sqlite(source) as backup, _sqlite(target) as live:
        backup.backup(live)
