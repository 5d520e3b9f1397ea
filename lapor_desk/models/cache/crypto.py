"""The cache encrypted at rest: SQLCipher 4 through ``sqlcipher3``.

The key is 32 random bytes (AES-256), given to SQLCipher as a raw key (``PRAGMA key =
"x'<64 hex>'"``), so opening a connection costs no passphrase derivation. The key itself is kept
by the caller (the sync layer keeps it in the OS keyring); nothing here writes it anywhere.

A plaintext cache left by a version before encryption is encrypted in place on its first open with
a key (:func:`encrypt_in_place`): ``sqlcipher_export`` into a new file beside it, every table's row
count compared, the new file fsynced and atomically renamed over the old one, whose bytes are then
overwritten with zeros (POSIX; best effort: an SSD or a copy-on-write file system may keep old
blocks) and unlinked. A crash at any point leaves either the old plaintext cache or the new
encrypted one, never a mix; a half-written ``.encrypting`` file is discarded on the next try.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import sqlcipher3.dbapi2 as sqlcipher

from lapor_desk.models import storage
from lapor_desk.models.cache.file_writes import zero_handle

KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTING_SUFFIX = ".encrypting"

FileState = Literal["missing", "plaintext", "encrypted"]

#: The DB-API module of encrypted caches (exceptions are ``sqlcipher.DatabaseError`` etc.).
dbapi: Any = sqlcipher


class CacheKeyError(Exception):
    """The cache cannot be opened as asked. ``code``: ``cache_key_required`` (the file is
    encrypted and no key was given), ``cache_key_wrong`` (the key does not open it),
    ``cache_encrypt_failed`` (a plaintext cache could not be encrypted; it is left as it was)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a cache key is {KEY_BYTES} bytes, not {len(key)}")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def file_state(path: Path) -> FileState:
    """What is at ``path``: nothing (or an empty file), a plain SQLite file, or something else
    (SQLCipher files start with a random salt, not the SQLite header)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plaintext" if head == SQLITE_HEADER else "encrypted"


def connect(path: Path, key: bytes) -> Any:
    """A DB-API connection to the encrypted cache: ``PRAGMA key`` before anything reads the file."""
    connection = sqlcipher.connect(str(path), check_same_thread=False)
    # SQLCipher would print a wrong key's HMAC failures to stderr; the caller gets an exception.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(key_pragma(key))
    return connection


def check_key(path: Path, key: bytes) -> None:
    """Raise :class:`CacheKeyError` (``cache_key_wrong``) when ``key`` does not open ``path``.

    Only SQLCipher's ``file is not a database`` on a readable, encrypted-looking file is a wrong
    key (:func:`.storage.is_wrong_key`); a failure of the disk (``disk I/O error``, ``unable to
    open database file``, a full disk...) is raised as it came, for the caller to name it
    (:func:`.storage.classify`): telling a person their key is wrong when their disk is full
    would have them delete a profile that still holds their work."""
    connection = connect(path, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if not storage.is_wrong_key(exc, path):
            raise
        raise CacheKeyError(f"the key does not open {path.name}: {exc}",
                            code="cache_key_wrong") from exc
    finally:
        connection.close()


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    names = [str(row[0]) for row in connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND rootpage > 0 "
        "AND (name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence')")]
    return {name: int(connection.execute(
        f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]) for name in names}


def _fsync(path: Path, directory: bool = False) -> None:
    if directory and os.name != "posix":
        return
    descriptor = os.open(path, os.O_RDONLY if directory else os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def encrypt_in_place(path: Path, key: bytes) -> int:
    """Turn the plaintext SQLite cache at ``path`` into a SQLCipher one keyed by ``key``.
    Returns the number of rows copied. Nothing may have the cache open meanwhile."""
    target = path.with_name(path.name + ENCRYPTING_SUFFIX)
    for leftover in [target, *_sidecars(target)]:
        leftover.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(descriptor)
    source = sqlcipher.connect(str(path), isolation_level=None)  # no key: plain SQLite
    try:
        busy = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy is not None and busy[0]:
            raise CacheKeyError("the cache is in use; cannot encrypt it now",
                                code="cache_encrypt_failed")
        before = _row_counts(source, "main")
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        user_version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
        source.execute(f"PRAGMA encrypted.user_version = {user_version}")
        after = _row_counts(source, "encrypted")
        source.execute("DETACH DATABASE encrypted")
    except sqlcipher.Error as exc:
        source.close()
        target.unlink(missing_ok=True)
        if storage.classify(exc, path.parent) is not None:
            raise  # the disk's fault (full, read-only...), named by the caller
        raise CacheKeyError(f"cannot encrypt {path.name}: {exc}",
                            code="cache_encrypt_failed") from exc
    except BaseException:
        source.close()
        target.unlink(missing_ok=True)
        raise
    source.close()
    if after != before:
        target.unlink(missing_ok=True)
        lost = {name: (count, after.get(name)) for name, count in before.items()
                if after.get(name) != count}
        raise CacheKeyError(f"encrypted copy differs from the cache: {lost}",
                            code="cache_encrypt_failed")
    check_key(target, key)
    _fsync(target)
    # The plaintext WAL is checkpointed and empty; it must not be replayed into the new file.
    for sidecar in _sidecars(path):
        sidecar.unlink(missing_ok=True)
    old = path.open("r+b") if os.name == "posix" else None
    try:
        os.replace(target, path)
        _fsync(path.parent, directory=True)
        if old is not None:
            zero_handle(old)
    finally:
        if old is not None:
            old.close()
    return sum(before.values())


