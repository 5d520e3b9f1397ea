"""Raw DB-API access to a profile's cache in tests, encrypted or not.

The desktop's cache is a SQLCipher file whose key is in the keyring (the tests' MemoryKeyring),
so ``sqlite3.connect(cache_path)`` says "file is not a database". Tests that count rows
independently of the services use ``connect_cache(cache_path)`` instead: a ``sqlcipher3``
connection keyed with the profile's key when the file is encrypted, a plain ``sqlite3`` one when
it is not. ``Row`` is the matching row factory.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from lapor_desk.models.cache import crypto
from lapor_desk.sync import credentials


def connect_cache(cache_path: Path | str) -> Any:
    path = Path(cache_path)
    if crypto.file_state(path) != "encrypted":
        return sqlite3.connect(path)
    key = credentials.load_cache_key(path.parent)
    assert key is not None, f"no cache key in the keyring for {path.parent}"
    return crypto.connect(path, key)


def row_factory(connection: Any) -> Any:
    """The ``Row`` class of ``connection``'s module (sqlite3.Row or sqlcipher3's)."""
    return crypto.dbapi.Row if isinstance(connection, crypto.dbapi.Connection) else sqlite3.Row
