"""Engines, sessions and schema set-up for the reference server.

``init_database(url)`` runs the Alembic migrations to head and inserts the rows the server needs
(the change counter, the instance id and the first epoch). SQLite gets WAL, foreign keys and a busy timeout, and
explicit ``BEGIN``: a pull reads one snapshot, and writers take the lock up front
(``BEGIN IMMEDIATE``) so two writers never deadlock on a lock upgrade. PostgreSQL pulls run in
REPEATABLE READ, so one pull sees one snapshot; writers serialise on the counter row (db.next_seqs).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from lapor_desk.server import logs
from lapor_desk.server.db import SCHEMA_VERSION, Counter, ServerMeta
from lapor_desk.server.epoch import ensure_epoch

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000


def is_sqlite(url_or_engine: str | Engine) -> bool:
    if isinstance(url_or_engine, Engine):
        return url_or_engine.dialect.name == "sqlite"
    return make_url(url_or_engine).get_backend_name() == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the server's connection settings for SQLite or PostgreSQL."""
    if is_sqlite(url):
        kwargs.setdefault("connect_args", {})
        kwargs["connect_args"].setdefault("check_same_thread", False)
        kwargs["connect_args"].setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    # No ping at each checkout (a round trip at every request): a connection the database
    # closed (a restart, a failover) fails its first statement instead; SQLAlchemy then drops
    # every pooled connection of that age, a pull tries once more on a new one
    # (routes_sync.pull) and any other request answers 503 ``unavailable`` with Retry-After,
    # which the desktop retries (errors.py). Pushes stay exactly once: actions are keyed by
    # their mutation ids.
    kwargs.setdefault("pool_pre_ping", False)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("options", "-c timezone=UTC")
    # Plan every query with its actual parameters (a generic plan cannot use the
    # LIKE-prefix index for a scope pattern it does not know).
    connect_args.setdefault("prepare_threshold", None)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module: we emit BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def write_session(engine: Engine) -> Session:
    """A session for one write transaction (``with write_session(e) as s, s.begin(): ...``)."""
    if engine.dialect.name == "sqlite":
        return Session(engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False)
    return Session(engine, expire_on_commit=False)


def read_session(engine: Engine) -> Session:
    """A session whose reads all see one snapshot (for pulls)."""
    if engine.dialect.name == "sqlite":
        return Session(engine)
    return Session(_snapshot_engine(engine))


def head_session(engine: Engine) -> tuple[Session, bool]:
    """A session for a pull's first statement (the caller and the head), and whether it is a
    snapshot for the whole page too. On PostgreSQL it is not: each statement commits on its
    own (no ``BEGIN`` and ``ROLLBACK`` around it, two round trips of a sync with nothing new),
    and a page that reads the changes opens a :func:`read_session` after it."""
    if engine.dialect.name == "sqlite":
        return Session(engine), True
    found: Engine | None = engine.__dict__.get("_lapor_autocommit")
    if found is None:
        found = engine.__dict__["_lapor_autocommit"] = engine.execution_options(
            isolation_level="AUTOCOMMIT")
    return Session(found), False


def _snapshot_engine(engine: Engine) -> Engine:
    """The engine's REPEATABLE READ view, made once and kept on the engine (a collectable
    cycle): ``Engine.execution_options`` makes a new engine object and registers an event
    listener on it at every call, a cost at every pull."""
    found: Engine | None = engine.__dict__.get("_lapor_snapshot")
    if found is None:
        found = engine.__dict__["_lapor_snapshot"] = engine.execution_options(
            isolation_level="REPEATABLE READ")
    return found


@contextmanager
def connection_session(engine: Engine) -> Iterator[Session]:
    """A session on one connection for several write transactions in a row (``with
    session.begin(): ...`` each; a session of the engine gives its connection back to the
    pool after each)."""
    bind = engine
    if engine.dialect.name == "sqlite":
        bind = engine.__dict__.get("_lapor_immediate") or engine.__dict__.setdefault(
            "_lapor_immediate", engine.execution_options(sqlite_begin="IMMEDIATE"))
    with bind.connect() as connection, Session(connection, expire_on_commit=False) as session:
        yield session


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on error."""
    with write_session(engine) as session, session.begin():
        yield session


def alembic_config(url: str) -> Config:
    config = Config()
    script_location = resources.files("lapor_desk.server").joinpath("migrations")
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def init_database(url: str) -> None:
    """Migrate ``url`` to the newest schema and add the server's own rows. Idempotent."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with transaction(engine) as session:
            if session.get(Counter, "change_seq") is None:
                session.add(Counter(name="change_seq", value=0))
            meta = {row.key: row for row in session.scalars(select(ServerMeta))}
            if "instance_id" not in meta:
                session.add(ServerMeta(key="instance_id", value=str(uuid.uuid4())))
            if "schema_version" not in meta:
                session.add(ServerMeta(key="schema_version", value=str(SCHEMA_VERSION)))
            ensure_epoch(session)
        logs.event(log, "init_database", backend=engine.dialect.name)
    finally:
        engine.dispose()


def instance_id(session: Session) -> str:
    value = session.get(ServerMeta, "instance_id")
    if value is None:
        raise RuntimeError("database not initialised: run `lapor-server init-db`")
    return value.value
