"""Opening a profile's cache: one SQLite file per profile directory, migrated on open.

``open_cache(profile_dir)`` creates the directory, opens ``cache.sqlite3`` with WAL journaling and
``synchronous=FULL`` (a sync batch that committed survives a power cut), runs the Alembic
migrations to head and makes sure the single ``sync_state`` row exists (with a fresh client id).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.pool import QueuePool

from lapor_desk.models.cache.schema import SyncState

CACHE_FILE = "cache.sqlite3"
BLOB_DIR = "blobs"
SCRIPT_LOCATION = "lapor_desk.models:migrations"


@dataclass(frozen=True)
class Cache:
    """An open profile cache. ``engine`` is safe to share; use one Session/connection per batch.

    Read with ``engine``; write with ``writer.begin()``: its transactions start with
    ``BEGIN IMMEDIATE``, so a writer that reads first (an outbox action, a sync page) waits for
    the write lock up front (``busy_timeout``) instead of failing when another writer (the UI's
    database worker and the sync engine may both write) committed in between.
    """

    profile_dir: Path
    engine: Engine

    @cached_property
    def writer(self) -> Engine:
        return self.engine.execution_options(lapor_immediate=True)

    @property
    def path(self) -> Path:
        return self.profile_dir / CACHE_FILE

    @property
    def blob_dir(self) -> Path:
        return self.profile_dir / BLOB_DIR

    def close(self) -> None:
        self.engine.dispose()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions are not serialisable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    # Children are kept consistent by the sync engine (a page may carry a child before its
    # parent arrives in a later page), so the database does not enforce foreign keys.
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("lapor_immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_cache_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}", poolclass=QueuePool, pool_size=4, max_overflow=4
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def migration_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the cache schema to ``revision`` (default: the newest)."""
    config = migration_config()
    with engine.execution_options(lapor_immediate=True).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(migration_config()).get_current_head()


def open_cache(profile_dir: Path | str, *, migrate: bool = True) -> Cache:
    """Open (creating if needed) the cache of the profile at ``profile_dir``."""
    directory = Path(profile_dir)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / BLOB_DIR).mkdir(exist_ok=True)
    engine = create_cache_engine(directory / CACHE_FILE)
    if migrate:
        upgrade(engine)
        ensure_sync_state(engine)
    return Cache(directory, engine)


def ensure_sync_state(engine: Engine) -> None:
    with engine.execution_options(lapor_immediate=True).begin() as connection:
        exists = connection.execute(select(SyncState.id).where(SyncState.id == 1)).first()
        if exists is None:
            connection.execute(
                insert(SyncState).values(id=1, client_id=str(uuid.uuid4()), next_mutation_id=1)
            )
