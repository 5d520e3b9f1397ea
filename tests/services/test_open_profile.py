"""Opening a profile that holds unsynced work when the disk, not the key, is the problem.

A disk that cannot be written (a file-size limit, a read-only drive) used to be reported as "the
key in the keyring does not open the cache", whose advice was to delete the profile, and with it
the unsynced work. Each case here is told by its own code; a key that really is wrong still says
so; nothing here deletes or advises deleting the folder, and the work is all there afterwards.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.services import StorageProblem, Workstation
from lapor_desk.services.profile_copy import ProfileLocked
from lapor_desk.services.profiles import ProfileStore
from lapor_desk.services.types import UserProfile
from lapor_desk.sync import credentials
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.secure_cache import open_secure_cache
from tests.services.test_intake import form
from tests.support.file_keyring import child_env, file_keyring
from tests.support.small_disk import remount, small_disk
from tests.sync.fakes import sign_in
from tests.sync.fault_harness import assert_integrity

pytestmark = pytest.mark.timeout(180)
SERVER = "https://lapor.example.go.id"
UNSYNCED = 5

#: The child opens the profile as the desktop does (Workstation.resume) and says what it got,
#: in the words the desktop would show (Bahasa Indonesia).
CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from lapor_desk.services import ServiceError, Workstation
from lapor_desk.ui import i18n, labels
app = QCoreApplication([])
assert i18n.set_language("id")
station = Workstation(Path(sys.argv[1]))
try:
    station.resume(station.known_profiles()[0])
    print(json.dumps({"opened": True}))
except ServiceError as exc:
    print(json.dumps({"type": type(exc).__name__, "code": exc.code, "folder": exc.folder,
                      "drive": exc.drive, "message": labels.error_message(exc)}))
"""


def make_profile(root: Path) -> Path:
    """A known profile (saved session, cache key in the keyring) with unsynced recorded
    complaints: what the person would lose if the folder were deleted."""
    store = ProfileStore(root)
    directory = store.directory(SERVER, "sari")
    cache = open_secure_cache(directory)
    try:
        sign_in(cache)
        outbox = Outbox(cache)
        for index in range(UNSYNCED):
            outbox.record_complaint(form(title=f"Jembatan kayu rusak di dusun {index + 1}"))
    finally:
        cache.close()
    credentials.save_token(SERVER, "sari", "token-saved-earlier")
    store.save(UserProfile(SERVER, "sari", str(directory), "Sari", "agency_admin",
                           "2026-11-30T08:00:00+00:00"))
    return directory


def pending(directory: Path) -> int:
    cache = open_secure_cache(directory)
    try:
        with cache.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(OutboxEntry).where(
                OutboxEntry.state == "pending")).scalar_one())
    finally:
        cache.close()


def advises_deleting(message: str) -> bool:
    """Indonesian advice to delete (``hapus``), other than "do not delete" (``jangan hapus``)."""
    return "hapus" in message.lower().replace("jangan hapus", "").replace("jangan dihapus", "")


@pytest.fixture
def keyring_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "keyring.json"
    with file_keyring(path):
        yield path


def _file_size_limit(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # as ``ulimit -f`` leaves it: writes fail
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _child(args: list[str], keyring_file: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env={**os.environ, **child_env(keyring_file)},
                          capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=lambda: _file_size_limit(limit))


def test_a_file_size_limit_is_a_disk_problem_not_a_wrong_key(
        tmp_path: Path, keyring_file: Path) -> None:
    """``ulimit -f 8``: the cache reads, but its ``-shm`` cannot grow past 8 KiB."""
    root = tmp_path / "profiles"
    directory = make_profile(root)

    opened = _child(["-c", CHILD, str(root)], keyring_file, limit=8 * 1024)
    assert opened.returncode == 0, opened.stderr
    got = json.loads(opened.stdout)
    assert (got["type"], got["code"], got["folder"]) == (
        "StorageProblem", "disk_limit", str(directory)), got
    assert "batas ukuran berkas" in got["message"] and str(directory) in got["message"]
    assert not advises_deleting(got["message"]), got["message"]

    status = _child(["-m", "lapor_desk.cli", "status", "--profile", str(directory)],
                    keyring_file, limit=8 * 1024)
    assert status.returncode == 8, status.stderr
    assert "file-size limit" in status.stderr and "Traceback" not in status.stderr
    assert "delete" not in status.stderr.lower().replace("do not delete", "")

    assert pending(directory) == UNSYNCED  # nothing lost; it opens once the limit is lifted
    assert_integrity(directory / "cache.sqlite3")


def test_a_read_only_profile_is_a_disk_problem_not_a_wrong_key(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 8 * 1024 * 1024) as disk:
        root = disk / "profiles"
        directory = make_profile(root)
        remount(disk, read_only=True)  # a write-protected drive, or one the system locked
        try:
            station = Workstation(root)
            with pytest.raises(StorageProblem) as problem:
                station.resume(station.known_profiles()[0])
            assert (problem.value.code, problem.value.folder, problem.value.drive) == (
                "disk_read_only", str(directory), str(disk))
            assert station.info is None and station.session.cache is None
        finally:
            remount(disk, read_only=False)
        assert pending(directory) == UNSYNCED


def test_a_wrong_key_is_still_reported_as_one_and_the_folder_is_kept(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    directory = make_profile(root)
    key = credentials.load_cache_key(directory)
    credentials.create_cache_key(directory)  # another key in the keyring under the same name
    station = Workstation(root)
    with pytest.raises(ProfileLocked) as locked:
        station.resume(station.known_profiles()[0])
    assert (locked.value.code, locked.value.folder) == ("cache_key_wrong", str(directory))
    assert directory.exists()

    assert key is not None  # the profile's own key back: everything is there
    restore_key(directory, key)
    assert pending(directory) == UNSYNCED


def restore_key(directory: Path, key: bytes) -> None:
    """Put ``key`` back as the profile's cache key in the keyring."""
    import keyring

    key_id = (directory / credentials.KEY_ID_FILE).read_text("ascii").strip()
    keyring.set_password(credentials.cache_key_service(key_id), credentials.CACHE_KEY_USER,
                         key.hex())
