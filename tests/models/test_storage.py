"""Naming a failure of the disk under a profile (models/storage.py): from the OS error, from
SQLite's answer, and by looking at the folder when SQLite cannot tell; and what is not one."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
import requests
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from lapor_desk.models.cache import crypto
from lapor_desk.models.cache.crypto import CacheKeyError
from lapor_desk.models.storage import (
    SQLITE_CANTOPEN,
    SQLITE_FULL,
    SQLITE_IOERR,
    classify,
    diagnose,
    drive_of,
    is_wrong_key,
    sqlite_code,
)


@pytest.mark.parametrize(("number", "code"), [
    (errno.ENOSPC, "disk_full"), (errno.EFBIG, "disk_limit"), (errno.EDQUOT, "disk_limit"),
    (errno.EROFS, "disk_read_only"), (errno.EACCES, "disk_no_access"),
    (errno.EPERM, "disk_no_access"), (errno.EIO, "disk_error"),
])
def test_os_errors_of_the_profile_are_named_by_their_errno(tmp_path: Path, number: int,
                                                          code: str) -> None:
    fault = classify(OSError(number, os.strerror(number)), tmp_path)
    assert fault is not None and (fault.code, fault.errno) == (code, number)
    assert (fault.folder, fault.drive) == (str(tmp_path), drive_of(tmp_path))


def test_what_is_not_a_fault_of_the_profile_disk(tmp_path: Path) -> None:
    picked = tmp_path.parent / "elsewhere" / "scan.pdf"  # a file the person picked
    assert classify(PermissionError(errno.EACCES, "denied", str(picked)), tmp_path) is None
    assert classify(requests.exceptions.ConnectionError("refused"), tmp_path) is None
    assert classify(ConnectionResetError(errno.ECONNRESET, "reset"), tmp_path) is None
    assert classify(CacheKeyError("wrong", code="cache_key_wrong"), tmp_path) is None
    assert classify(ValueError("a bug"), tmp_path) is None
    assert classify(sqlite3.OperationalError("database is locked"), tmp_path) is None
    inside = PermissionError(errno.EACCES, "denied", str(tmp_path / "drafts.json"))
    fault = classify(inside, tmp_path)
    assert fault is not None and fault.code == "disk_no_access"


def test_sqlite_codes_bare_wrapped_and_by_message(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with pytest.raises(OperationalError) as wrapped:
        engine.connect().execute(text("SELECT 1"))
    assert sqlite_code(wrapped.value) == SQLITE_CANTOPEN
    assert sqlite_code(sqlcipher.OperationalError("database or disk is full")) == SQLITE_FULL
    assert sqlite_code(sqlite3.OperationalError("disk I/O error")) == SQLITE_IOERR
    assert sqlite_code(RuntimeError("disk I/O error")) is None


def test_a_full_database_on_a_healthy_folder_is_a_full_disk(tmp_path: Path) -> None:
    fault = classify(sqlite3.OperationalError("database or disk is full"), tmp_path)
    assert fault is not None and fault.code == "disk_full"


def test_an_io_error_sqlite_cannot_name_is_looked_into(tmp_path: Path) -> None:
    """Nothing wrong to be seen: a disk error. A folder that cannot be written: no access."""
    assert diagnose(tmp_path) is None
    fault = classify(sqlite3.OperationalError("disk I/O error"), tmp_path)
    assert fault is not None and fault.code == "disk_error"
    missing = tmp_path / "gone"
    fault = classify(sqlite3.OperationalError("unable to open database file"), missing)
    assert fault is not None and fault.code == "disk_error" and fault.errno == errno.ENOENT


def test_only_a_readable_encrypted_file_can_have_a_wrong_key(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    key = crypto.new_key()
    connection = crypto.connect(path, key)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(CacheKeyError) as wrong:
        crypto.check_key(path, crypto.new_key())
    assert wrong.value.code == "cache_key_wrong"
    assert is_wrong_key(sqlcipher.DatabaseError("file is not a database"), path)
    assert not is_wrong_key(sqlcipher.OperationalError("disk I/O error"), path)
    short = tmp_path / "short.sqlite3"
    short.write_bytes(b"\x01" * 100)  # cut short: damaged, not a key problem
    assert not is_wrong_key(sqlcipher.DatabaseError("file is not a database"), short)
    plain = tmp_path / "plain.sqlite3"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    assert not is_wrong_key(sqlcipher.DatabaseError("file is not a database"), plain)
