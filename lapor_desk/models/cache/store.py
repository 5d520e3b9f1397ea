"""Opening a profile's cache: one SQLite file per profile directory, migrated on open.

``open_cache(profile_dir, key=...)`` creates the directory (owner-only, see
:mod:`.permissions`), opens ``cache.sqlite3`` with WAL journaling and ``synchronous=FULL`` (a
sync batch that committed survives a power cut), runs the Alembic migrations to head and makes
sure the single ``sync_state`` row exists (with a fresh client id).

With ``key`` (the profile's 32-byte cache key, kept in the OS keyring by
:func:`lapor_desk.sync.secure_cache.open_secure_cache`, the path the desktop and the CLI take)
the file is a SQLCipher database (:mod:`.crypto`): every pooled connection is a ``sqlcipher3``
connection whose first statement is ``PRAGMA key``; a plaintext cache of an earlier version is
encrypted in place first. The same key, through HKDF, seals the attachment files
(``Cache.blobs``, :mod:`.blob_store`) and the drafts (:mod:`.at_rest`); plain attachment files
of an earlier version are sealed on opening. Without a key the cache is plain SQLite (tests and
tools), and an encrypted file is refused with :class:`~.crypto.CacheKeyError`.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql.compiler import SQLCompiler

from lapor_desk.models.cache import crypto, permissions
from lapor_desk.models.cache.at_rest import AtRestKeys
from lapor_desk.models.cache.blob_store import BlobStore
from lapor_desk.models.cache.crypto import CacheKeyError
from lapor_desk.models.cache.schema import SyncState
from lapor_desk.models.driver import driver_fetch
from lapor_desk.paths import BLOB_DIR, CACHE_FILE

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.sql.elements import ClauseElement

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
    encrypted: bool = False
    #: keys of the profile's files at rest (attachments, drafts), derived from the cache key;
    #: None for a plain cache
    keys: AtRestKeys | None = field(default=None, repr=False, compare=False)

    @cached_property
    def writer(self) -> Engine:
        return self.engine.execution_options(lapor_immediate=True)

    @cached_property
    def blobs(self) -> BlobStore:
        """The attachment files, sealed with the profile's key (plain for a plain cache)."""
        return BlobStore(self.blob_dir, self.keys.attachments if self.keys else None)

    @property
    def path(self) -> Path:
        return self.profile_dir / CACHE_FILE

    @property
    def blob_dir(self) -> Path:
        return self.profile_dir / BLOB_DIR

    def data_version(self) -> int:
        """A number that changes whenever anything commits to the cache, in this process or in
        another: SQLite's ``PRAGMA data_version`` on a connection of its own that never writes.
        Read it *before* reading data to remember: if it is the same later, nothing changed
        since (what was read may be newer than the number, never older)."""
        lock, holder = _WATCHERS.setdefault(self.engine, (threading.Lock(), []))
        with lock:
            if not holder:
                holder.append(self.engine.raw_connection())
            cursor = holder[0].cursor()
            try:
                return int(cursor.execute("PRAGMA data_version").fetchone()[0])
            finally:
                cursor.close()

    def close(self) -> None:
        """Close every pooled connection and refuse new ones: a worker that still reads after
        the profile was closed (and perhaps deleted) gets :class:`CacheClosed` instead of
        re-creating database files in it."""
        closed = _CLOSED.get(self.engine)
        if closed is not None:
            closed.set()
        watcher = _WATCHERS.pop(self.engine, None)
        if watcher is not None:
            with watcher[0]:
                for connection in watcher[1]:
                    connection.close()
                watcher[1].clear()
        self.engine.dispose()


def driver_rows(connection: Connection, statement: ClauseElement) -> list[Any]:
    """The rows of ``statement`` read on the driver's own cursor, for the long lists of ids
    the desktop filters and searches with: SQLAlchemy's result rows cost about as much again as
    SQLite's reading (``bench/queue_bench.py``). Values stay
    bound parameters (an ``IN`` list is expanded into one parameter per value)."""
    compiled = statement.compile(dialect=connection.dialect,
                                 compile_kwargs={"render_postcompile": True})
    assert isinstance(compiled, SQLCompiler)
    params = compiled.params
    return driver_fetch(connection, str(compiled),
                        [params[name] for name in compiled.positiontup or ()])


class CacheClosed(Exception):
    """The cache was closed (signed out, profile deleted); open it again to read it."""


#: Each cache engine's watcher connection (:meth:`Cache.data_version`), closed with the cache.
_WATCHERS: weakref.WeakKeyDictionary[Engine, tuple[threading.Lock, list[Any]]] = (
    weakref.WeakKeyDictionary())
#: Each cache engine's "closed" flag (set by :meth:`Cache.close`).
_CLOSED: weakref.WeakKeyDictionary[Engine, threading.Event] = weakref.WeakKeyDictionary()


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions are not serialisable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    # Children are kept consistent by the sync engine (a page may carry a child before its
    # parent arrives in a later page), so the database does not enforce foreign keys.
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=15000")
    # 32 MiB of page cache per connection (the workers, the sync and its prefetch each hold
    # one): twice that made the desktop's peak memory much larger with the initial sync no
    # faster (docs/benchmarks.md).
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def _on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("lapor_immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_cache_engine(path: Path, key: bytes | None = None) -> Engine:
    """The cache's engine: plain SQLite, or SQLCipher when ``key`` is given (the dialect then uses
    ``sqlcipher3``'s DB-API module, so its errors are wrapped like sqlite3's)."""
    closed = threading.Event()

    def refuse_when_closed() -> None:
        if closed.is_set():
            raise CacheClosed(f"the cache {path} is closed")

    # The pool hands out the connection returned last (LIFO): a worker's next read then finds
    # the pages its last one decrypted in that connection's page cache, instead of taking the
    # longest-idle of four connections in turn: less memory and faster searches
    # (bench/ui_bench.py).
    if key is None:
        engine = create_engine(
            f"sqlite:///{path}", poolclass=QueuePool, pool_size=4, max_overflow=4,
            pool_use_lifo=True,
        )
        event.listen(engine, "do_connect", lambda *_args: refuse_when_closed())
    else:
        key_bytes = bytes(key)

        def connect() -> Any:
            refuse_when_closed()
            return crypto.connect(path, key_bytes)

        engine = create_engine(
            f"sqlite:///{path}", module=crypto.dbapi, creator=connect,
            poolclass=QueuePool, pool_size=4, max_overflow=4, pool_use_lifo=True,
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    _CLOSED[engine] = closed
    return engine


#: The newest cache schema revision. Opening a cache already there skips Alembic altogether
#: (importing and running it is a noticeable part of a desktop's start);
#: tests/models/test_cache.py checks that this is Alembic's head.
SCHEMA_HEAD = "0012"


def migration_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the cache schema to ``revision`` (default: the newest)."""
    from alembic import command

    config = migration_config()
    with engine.execution_options(lapor_immediate=True).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(migration_config()).get_current_head()


def open_cache(profile_dir: Path | str, *, key: bytes | None = None,
               migrate: bool = True) -> Cache:
    """Open (creating if needed) the cache of the profile at ``profile_dir``; encrypted with
    ``key`` when one is given. Raises :class:`CacheKeyError` when the file cannot be opened so."""
    directory = permissions.make_private_dir(Path(profile_dir))
    permissions.make_private_dir(directory / BLOB_DIR)
    path = directory / CACHE_FILE
    state = crypto.file_state(path)
    if key is not None and state == "plaintext":
        crypto.encrypt_in_place(path, key)
    elif key is not None and state == "encrypted":
        crypto.check_key(path, key)
    elif key is None and state == "encrypted":
        raise CacheKeyError(f"{path} is encrypted; its key is needed", code="cache_key_required")
    if state == "missing":
        permissions.create_private_file(path)  # SQLite gives -wal and -shm the same mode
    engine = create_cache_engine(path, key)
    if migrate:
        if not at_head(engine):
            upgrade(engine)
        ensure_sync_state(engine)
    cache = Cache(directory, engine, encrypted=key is not None,
                  keys=AtRestKeys.from_profile_key(key) if key is not None else None)
    cache.blobs.seal_plaintext()  # an earlier version's plain attachment files
    permissions.restrict_tree(directory)
    return cache


def at_head(engine: Engine) -> bool:
    """The cache's recorded schema revision is :data:`SCHEMA_HEAD` (no upgrade to run)."""
    try:
        with engine.connect() as connection:
            found = [row[0] for row in connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version")]
    except OperationalError:  # a new file: no alembic_version table yet
        return False
    return found == [SCHEMA_HEAD]


def ensure_sync_state(engine: Engine) -> None:
    with engine.execution_options(lapor_immediate=True).begin() as connection:
        exists = connection.execute(select(SyncState.id).where(SyncState.id == 1)).first()
        if exists is None:
            connection.execute(
                insert(SyncState).values(id=1, client_id=str(uuid.uuid4()), next_mutation_id=1)
            )
