"""The cache encrypted at rest (SQLCipher), its key in the keyring, in-place encryption of a
plaintext cache of the previous version, and owner-only profile files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from sqlalchemy import func, insert, select

from lapor_desk.models.cache import Complaint, OutboxEntry, SyncState, open_cache
from lapor_desk.models.cache.crypto import CacheKeyError, file_state, new_key
from lapor_desk.models.cache.search import integrity_check, search_complaint_ids
from lapor_desk.models.cache.store import CACHE_FILE, current_revision, head_revision
from lapor_desk.sync import credentials
from lapor_desk.sync.credentials import CacheKeyUnavailable, MemoryKeyring
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.secure_cache import open_secure_cache, wipe_profile
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.support.compare import assert_cache_matches_server
from tests.support.live_server import LiveServer
from tests.sync.wire import complaint

pytestmark = pytest.mark.timeout(180)
MARKER = "Kerusakan jembatan Wundulako"  # a title to look for in the raw bytes
POSIX = os.name == "posix"


def _row(cid: str, **over: object) -> dict[str, object]:
    row = complaint(cid, **over)
    for key in ("handler_unit_ids", "duplicate_ids", "tags"):
        row[key] = "[]"
    row["server_version"] = row["version"]
    return row


def _fill(engine: object, count: int) -> None:
    with engine.begin() as c:  # type: ignore[attr-defined]
        c.execute(insert(Complaint), [_row(f"c{i}") for i in range(count)]
                  + [_row("marked", title=MARKER, body="Jembatan gantung putus di Kolaka")])


def _count(cache: object) -> int:
    with cache.engine.connect() as c:  # type: ignore[attr-defined]
        return int(c.execute(select(func.count()).select_from(Complaint)).scalar_one())


def _all_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def test_encrypted_cache_is_unreadable_without_its_key(tmp_path: Path) -> None:
    key = new_key()
    cache = open_cache(tmp_path / "p", key=key)
    assert cache.encrypted
    _fill(cache.engine, 50)
    with cache.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert str(c.exec_driver_sql("PRAGMA cipher_version").scalar()).startswith("4.")
        assert search_complaint_ids(c, "jembatan gantung") == ["marked"]  # FTS5 works
        integrity_check(c)  # the FTS indexes agree with their tables
    assert current_revision(cache.engine) == head_revision()
    cache.close()

    path = tmp_path / "p" / CACHE_FILE
    assert file_state(path) == "encrypted"
    assert MARKER.encode() not in _all_bytes(tmp_path / "p")
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(CacheKeyError, match="the key does not open") as wrong:
        open_cache(tmp_path / "p", key=new_key())
    assert wrong.value.code == "cache_key_wrong"
    with pytest.raises(CacheKeyError) as missing:
        open_cache(tmp_path / "p")
    assert missing.value.code == "cache_key_required"
    again = open_cache(tmp_path / "p", key=key)
    assert _count(again) == 51
    again.close()


def test_plaintext_cache_is_encrypted_in_place_with_nothing_lost(
        tmp_path: Path, memory: MemoryKeyring) -> None:
    """A cache of the previous version (plain SQLite), with rows still only in its WAL as a
    crash would leave them, opens through the normal path encrypted and complete."""
    old = tmp_path / "old"
    cache = open_cache(old)  # the previous version: no key
    _fill(cache.engine, 300)
    with cache.engine.connect() as c:
        client_id = c.execute(select(SyncState.client_id)).scalar_one()
    cache.close()
    writer = sqlite3.connect(old / CACHE_FILE, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("BEGIN")
    writer.execute("INSERT INTO outbox (mutation_id, complaint_id, kind, payload, state, "
                   "created_at, attempts, dismissed) VALUES (1, 'c1', 'internal_note', '{}', "
                   "'pending', '2026-11-01T00:00:00.000000Z', 0, 0)")
    writer.execute("UPDATE sync_state SET next_mutation_id = 2")
    writer.execute("COMMIT")
    profile = tmp_path / "profile"
    shutil.copytree(old, profile)  # db + uncheckpointed WAL, as after a power cut
    writer.close()
    assert (profile / (CACHE_FILE + "-wal")).stat().st_size > 0
    assert file_state(profile / CACHE_FILE) == "plaintext"

    upgraded = open_secure_cache(profile)
    assert upgraded.encrypted and file_state(profile / CACHE_FILE) == "encrypted"
    assert _count(upgraded) == 301
    with upgraded.engine.connect() as c:
        assert c.execute(select(SyncState.client_id)).scalar_one() == client_id
        assert c.execute(select(SyncState.next_mutation_id)).scalar_one() == 2
        assert c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one() == 1
        assert search_complaint_ids(c, "jembatan gantung") == ["marked"]
    upgraded.close()
    leftovers = sorted(p.name for p in profile.iterdir())
    assert not [n for n in leftovers if n.endswith(".encrypting")], leftovers
    assert MARKER.encode() not in _all_bytes(profile)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(profile / CACHE_FILE).execute("SELECT * FROM complaint").fetchall()
    reopened = open_secure_cache(profile)  # the key in the keyring opens it from now on
    assert _count(reopened) == 301
    reopened.close()


def test_an_encryption_interrupted_by_a_crash_is_done_again(tmp_path: Path) -> None:
    """A crash before the rename leaves the plaintext cache and a partial ``.encrypting``
    copy: the next open discards the copy and encrypts the untouched cache again."""
    cache = open_cache(tmp_path)
    _fill(cache.engine, 20)
    cache.close()
    partial = tmp_path / (CACHE_FILE + ".encrypting")
    partial.write_bytes(b"half a copy")
    (tmp_path / (CACHE_FILE + ".encrypting-journal")).write_bytes(b"journal")
    key = new_key()
    again = open_cache(tmp_path, key=key)
    assert _count(again) == 21
    again.close()
    assert not partial.exists()
    assert not (tmp_path / (CACHE_FILE + ".encrypting-journal")).exists()
    assert file_state(tmp_path / CACHE_FILE) == "encrypted"


def test_cache_key_is_per_profile_and_only_in_the_keyring(
        tmp_path: Path, memory: MemoryKeyring) -> None:
    first = open_secure_cache(tmp_path / "a")
    second = open_secure_cache(tmp_path / "b")
    _fill(first.engine, 3)
    first.close()
    second.close()
    services = sorted(service for service, _user in memory._store)
    assert len(services) == 2 and all(s.startswith("lapor-desk-cache/") for s in services)
    key_a = credentials.load_cache_key(tmp_path / "a")
    key_b = credentials.load_cache_key(tmp_path / "b")
    assert key_a and key_b and key_a != key_b and len(key_a) == 32
    on_disk = _all_bytes(tmp_path)
    for key in (key_a, key_b):
        assert key not in on_disk and key.hex().encode() not in on_disk
        assert key.hex().upper().encode() not in on_disk

    # A profile moved elsewhere keeps its key (the key id travels with it).
    shutil.move(str(tmp_path / "a"), str(tmp_path / "moved"))
    moved = open_secure_cache(tmp_path / "moved")
    assert _count(moved) == 4
    moved.close()

    # A key gone from the keyring is a clear refusal, never a new empty cache over the old one.
    assert credentials.forget_cache_key(tmp_path / "moved")
    with pytest.raises(CacheKeyError) as lost:
        open_secure_cache(tmp_path / "moved")
    assert lost.value.code == "cache_key_missing"
    assert file_state(tmp_path / "moved" / CACHE_FILE) == "encrypted"

    wipe_profile(tmp_path / "b")
    assert not (tmp_path / "b").exists()
    assert credentials.load_cache_key(tmp_path / "b") is None
    assert all(not s.endswith(services[1].split("/")[1]) for s, _u in memory._store)


def test_memory_keyring_is_never_chosen_by_keyring_detection() -> None:
    """Were it viable it would sit behind the Secret Service in keyring's chain (or alone on a
    desktop without one) and silently keep the cache key only until the process ends."""
    from keyring.backend import get_all_keyring

    assert not MemoryKeyring.viable
    assert not [k for k in get_all_keyring() if isinstance(k, MemoryKeyring)]


@pytest.mark.parametrize("backend", [null.Keyring, fail.Keyring], ids=["null", "fail"])
def test_no_usable_keyring_never_leaves_a_plaintext_cache(tmp_path: Path,
                                                          backend: type) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        with pytest.raises(CacheKeyUnavailable):
            open_secure_cache(tmp_path / "p")
    finally:
        keyring.set_keyring(previous)
    assert not (tmp_path / "p" / CACHE_FILE).exists()


def test_encrypted_cache_syncs_with_the_live_server(live_server: LiveServer, tmp_path: Path,
                                                   password: str,
                                                   memory: MemoryKeyring) -> None:
    """Pull pages (the raw executemany bulk apply on sqlcipher3 connections), push an action."""
    cache = open_secure_cache(tmp_path / "desk")
    transport = Transport(live_server.url, timeout=(5.0, 30.0),
                          retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05),
                          sleep=lambda _s: None)
    try:
        engine = SyncEngine(cache, transport)
        engine.login("admin.kendari", password, "pytest")
        report = engine.sync()
        assert report.rows > 100
        assert_cache_matches_server(cache, live_server, "admin.kendari", password)
        with cache.engine.connect() as c:
            some = c.execute(select(Complaint.id).order_by(Complaint.id).limit(1)).scalar_one()
        Outbox(cache).internal_note(some, "Catatan internal: sudah dicek di lapangan.")
        assert engine.sync().applied == 1
        assert_cache_matches_server(cache, live_server, "admin.kendari", password)
    finally:
        transport.close()
        cache.close()
    assert file_state(tmp_path / "desk" / CACHE_FILE) == "encrypted"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX; Windows keeps the profile in the "
                                      "user's own ACL-protected folder")
def test_profile_files_are_owner_only(tmp_path: Path, memory: MemoryKeyring) -> None:
    profile = tmp_path / "p"
    # Files an earlier version left world-readable.
    old_umask = os.umask(0o022)
    try:
        (profile / "blobs" / "ab").mkdir(parents=True)
        (profile / "blobs" / "ab" / "abcdef").write_bytes(b"photo")
        (profile / "logs").mkdir()
        (profile / "logs" / "lapor-desk.log").write_text("log line")
        (profile / "drafts.json").write_text("{}")
        os.chmod(profile, 0o755)
        assert _mode(profile / "drafts.json") == 0o644
        cache = open_secure_cache(profile)
        _fill(cache.engine, 5)
        with cache.engine.connect():  # while open: -wal and -shm exist
            sidecars = [profile / (CACHE_FILE + s) for s in ("-wal", "-shm")]
            assert all(p.exists() for p in sidecars)
            assert {_mode(p) for p in sidecars} == {0o600}
            new_blob = profile / "blobs" / "cd" / "cdef01"  # as sync/blobs.py writes one
            new_blob.parent.mkdir()
            with new_blob.open("ab") as sink:
                sink.write(b"another photo")
            (profile / "logs" / "lapor-desk.log.1").write_text("rotated")
        cache.close()
        for path in [profile, *profile.rglob("*")]:
            expected = 0o700 if path.is_dir() else 0o600
            assert _mode(path) == expected, (path, oct(_mode(path)))
        assert _mode(profile / CACHE_FILE) == 0o600
    finally:
        os.umask(old_umask)
