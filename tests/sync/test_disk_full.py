"""A full disk during a sync: the sync stops with :class:`StorageError` (never a raw
``OperationalError``), the cache stays sound, nothing queued is lost, and once space is freed the
next sync resumes and converges with the server. Tried on a small real file system (a tmpfs) and
with a file-size limit (``ulimit -f``) on the headless CLI in a child process."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import SyncState
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.errors import StorageError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.secure_cache import open_secure_cache
from lapor_desk.sync.transport import Transport
from tests.support.file_keyring import child_env, file_keyring
from tests.support.live_server import LiveServer
from tests.support.small_disk import fill, small_disk
from tests.sync.fault_harness import (
    FAST_RETRY,
    Desk,
    assert_cache_matches_server,
    assert_exactly_once,
    assert_integrity,
    outbox_states,
)

pytestmark = pytest.mark.timeout(300)
USER = "admin.kendari"
WALK_IN = {
    "complaint_type": "pengaduan", "channel": "walk_in", "title": "Jalan desa berlubang",
    "body": "Jalan penghubung antardesa rusak berat sejak musim hujan.", "province": "Jawa Timur",
    "regency": "Surabaya", "category": "Pendidikan dan Kebudayaan", "anonymous": True,
    "reporter": {"name": "Ani", "nik": "3578010101010001", "phone": "081234567890"},
}
#: The seeded scope of admin.kendari takes about 950 KB of cache once pulled (cache, -wal,
#: -shm); its first 50-row pages fit in this much free space, the rest does not.
LEAVE_FREE = 360 * 1024


@pytest.fixture(autouse=True)
def keyring_file(tmp_path: Path) -> Iterator[Path]:
    """Cache keys in a keyring file that this process and the CLI's child processes share."""
    path = tmp_path / "keyring.json"
    with file_keyring(path):
        yield path


def _desk(profile: Path, url: str, **engine_options: object) -> Desk:
    cache = open_secure_cache(profile)
    transport = Transport(url, timeout=(5.0, 30.0), retry=FAST_RETRY, sleep=lambda _s: None)
    engine = SyncEngine(cache, transport, **engine_options)  # type: ignore[arg-type]
    return Desk(cache, transport, engine, Outbox(cache))


def _queue_walk_ins(outbox: Outbox, count: int) -> list[int]:
    return [outbox.record_complaint({**WALK_IN, "title": f"Jalan desa berlubang {i}"})
            .mutation_id for i in range(count)]


def _cursor(desk: Desk) -> str | None:
    with desk.cache.engine.connect() as connection:
        return connection.execute(select(SyncState.cursor)).scalar_one()


def test_a_full_disk_stops_the_sync_cleanly_and_it_resumes_once_space_is_freed(
        live_server: LiveServer, tmp_path: Path, password: str) -> None:
    with small_disk(tmp_path / "disk", 16 * 1024 * 1024) as disk:
        profile = disk / "desk"
        desk = _desk(profile, live_server.url, page_limit=50)
        try:
            desk.engine.login(USER, password, "pytest")
            queued = _queue_walk_ins(desk.outbox, 3)  # work not yet sent
            ballast = fill(disk, LEAVE_FREE)

            with pytest.raises(StorageError) as full:
                desk.engine.sync()
            fault = full.value.fault
            assert (full.value.code, fault.folder, fault.drive) == (
                "disk_full", str(profile), str(disk))
            assert_integrity(desk.cache.path)  # the page being written was rolled back whole
            assert _cursor(desk) is not None, "no page committed before the disk was full"
            assert set(queued) <= set(outbox_states(desk.cache))  # nothing queued was lost

            ballast.unlink()  # space freed: the next sync carries on from the last page
            report = desk.engine.sync()
            assert report.rows > 0
            assert_exactly_once(live_server, desk.cache, queued)
            assert_integrity(desk.cache.path)
            assert_cache_matches_server(live_server, desk.cache, USER, password,
                                        tmp_path / "reference")
        finally:
            desk.close()


def _file_size_limit(limit: int) -> None:
    # The shell's ``ulimit -f``: writes past ``limit`` bytes fail with EFBIG (SIGXFSZ ignored,
    # as a shell that set the limit leaves the process to see the error).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _cli(args: list[str], keyring_file: Path, password: str,
         limit: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **child_env(keyring_file), "LAPOR_PASSWORD": password}
    return subprocess.run(
        [sys.executable, "-m", "lapor_desk.cli", *args], env=env, capture_output=True,
        text=True, timeout=180, check=False,
        preexec_fn=(lambda: _file_size_limit(limit)) if limit is not None else None)


def test_the_cli_sync_under_a_file_size_limit_says_what_to_do_and_loses_nothing(
        live_server: LiveServer, tmp_path: Path, password: str, keyring_file: Path) -> None:
    profile = tmp_path / "cli-profile"
    desk = _desk(profile, live_server.url)
    try:
        desk.engine.login(USER, password, "pytest")
        queued = _queue_walk_ins(desk.outbox, 2)
    finally:
        desk.close()
    sync = ["sync", "--once", "--profile", str(profile), "--server", live_server.url,
            "--user", USER]

    limited = _cli(sync, keyring_file, password, limit=256 * 1024)
    assert limited.returncode == 8, limited.stderr
    assert "Traceback" not in limited.stderr and "OperationalError" not in limited.stderr
    assert "file-size limit" in limited.stderr and str(profile) in limited.stderr

    done = _cli(sync, keyring_file, password)
    assert done.returncode == 0, done.stderr
    desk = _desk(profile, live_server.url)
    try:
        assert_exactly_once(live_server, desk.cache, queued)
        assert_integrity(desk.cache.path)
        assert_cache_matches_server(live_server, desk.cache, USER, password,
                                    tmp_path / "reference")
    finally:
        desk.close()


def test_the_cli_import_on_a_full_disk_imports_nothing_and_says_why(
        tmp_path: Path, keyring_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lapor_desk.cli import main
    from tests.sync.fakes import sign_in
    from tests.sync.test_importer import ID_HEADER, ID_ROWS

    register = tmp_path / "register.csv"  # on another disk, as a USB stick's file would be
    register.write_text("\n".join([ID_HEADER, *ID_ROWS]), "utf-8")
    with small_disk(tmp_path / "disk", 8 * 1024 * 1024) as disk:
        profile = disk / "profile"
        desktop = open_secure_cache(profile)  # the desktop has the profile open meanwhile
        try:
            sign_in(desktop)
            with desktop.engine.connect() as c:
                c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            ballast = fill(disk, 0)
            assert main(["import", str(register), "--profile", str(profile)]) == 8
        finally:
            desktop.close()
        err = capsys.readouterr().err
        assert err.startswith("lapor-desk: Nothing was imported. There is no free space left")
        assert "Traceback" not in err and str(profile) in err
        assert _outbox_size(profile) == 0  # one transaction: no row of the file was written

        ballast.unlink()
        assert main(["import", str(register), "--profile", str(profile)]) == 0
        assert f"imported {len(ID_ROWS)} complaint(s)" in capsys.readouterr().out
        assert _outbox_size(profile) == len(ID_ROWS)  # once, not twice


def _outbox_size(profile: Path) -> int:
    cache = open_secure_cache(profile)
    try:
        return len(outbox_states(cache))
    finally:
        cache.close()
