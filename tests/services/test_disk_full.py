"""Queueing work on a full disk (a small real file system): each user action, recorded complaint
(with its attachment), draft and register import either is written whole, with its outbox entry,
or not at all, and says so with :class:`StorageProblem` (code, profile folder, drive) instead of
a raw ``OperationalError``. Once space is freed the same work goes through and syncs once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint, OutboxEntry
from lapor_desk.services import StorageProblem, Workstation
from lapor_desk.services.drafts import DraftStore
from lapor_desk.services.verification import ActionFields
from tests.services.test_intake import CATEGORY, GOOD, HEADER, form
from tests.support.live_server import LiveServer
from tests.support.small_disk import fill, small_disk
from tests.sync.fault_harness import assert_exactly_once, assert_integrity, outbox_states

pytestmark = pytest.mark.timeout(300)
USER = "admin.kendari"


@pytest.fixture
def on_small_disk(tmp_path: Path, live_server: LiveServer,
                  password: str) -> Iterator[tuple[Workstation, Path]]:
    """A signed-in, synced workstation whose profiles live on a 16 MiB tmpfs."""
    with small_disk(tmp_path / "disk", 16 * 1024 * 1024) as disk:
        station = Workstation(disk / "profiles", device="pytest")
        try:
            station.sign_in(live_server.url, USER, password)
            station.sync()
            yield station, disk
        finally:
            station.close()


def _outbox(station: Workstation) -> int:
    with station.session.require_cache().engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


def _state(station: Workstation, complaint_id: str) -> tuple[str, int]:
    with station.session.require_cache().engine.connect() as c:
        row = c.execute(select(Complaint.status, Complaint.version).where(
            Complaint.id == complaint_id)).one()
    return str(row.status), int(row.version)


def _no_room(station: Workstation, disk: Path) -> Path:
    """Fill the disk; the WAL is emptied first, so even a one-row commit needs new space."""
    with station.session.require_cache().engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return fill(disk, 0)


def _assert_disk_full(problem: pytest.ExceptionInfo[StorageProblem], profile: Path,
                      disk: Path) -> None:
    assert problem.value.code == "disk_full"
    assert (problem.value.folder, problem.value.drive) == (str(profile), str(disk))


def test_work_queued_on_a_full_disk_is_written_whole_or_not_at_all(
        on_small_disk: tuple[Workstation, Path], tmp_path: Path, live_server: LiveServer) -> None:
    station, disk = on_small_disk
    info = station.info
    assert info is not None
    profile = Path(info.profile_dir)
    noted = station.complaint_ids("not_followed_up")[0]
    postponed = station.complaint_ids("needs_verification")[0]
    station.replies.save_draft(noted, "follow_up", "Draf lama: sudah dicek ke lokasi.")
    photo = tmp_path / "foto-lokasi.jpg"  # picked from outside the profile's disk
    photo.write_bytes(b"\xff\xd8\xff" + bytes(200 * 1024))
    register = tmp_path / "register.csv"
    register.write_text(HEADER + GOOD.format(cat=CATEGORY), "utf-8")
    before = (_outbox(station), _state(station, noted), _state(station, postponed))
    ballast = _no_room(station, disk)

    for attempt in (
        lambda: station.actions.internal_note(noted, "Catatan: tim sudah ke lokasi."),
        lambda: station.verification.submit("postpone", postponed,
                                            ActionFields(reason="Data pelapor belum lengkap")),
        lambda: station.intake.record(form(), [photo]),
        lambda: station.replies.send(noted, "follow_up", "Perbaikan selesai.", [str(photo)]),
        lambda: station.replies.save_draft(noted, "follow_up", "Draf baru " * 2000),
        lambda: station.register.run(register),
    ):
        with pytest.raises(StorageProblem) as problem:
            attempt()
        _assert_disk_full(problem, profile, disk)

    assert (_outbox(station), _state(station, noted), _state(station, postponed)) == before
    assert not list((profile / "blobs").rglob("*.part")), "a half-copied attachment was left"
    kept = DraftStore(profile, station.clock, station.session.require_cache().keys.drafts).get(  # as a restart reads it
        noted, "follow_up")
    assert kept is not None and kept.text == "Draf lama: sudah dicek ke lokasi."
    assert_integrity(profile / "cache.sqlite3")

    ballast.unlink()  # space freed: the same work goes through, and is sent once
    queued = [
        station.actions.internal_note(noted, "Catatan: tim sudah ke lokasi.").mutation_id,
        station.verification.submit("postpone", postponed,
                                    ActionFields(reason="Data pelapor belum lengkap")).mutation_id,
        station.intake.record(form(), [photo]).mutation_id,
        station.replies.send(noted, "follow_up", "Perbaikan selesai.", [str(photo)]).mutation_id,
    ]
    assert station.register.run(register).count == 1
    queued += [m for m in outbox_states(station.session.require_cache()) if m not in queued]
    assert station.replies.draft(noted, "follow_up") is None  # sent: the draft is gone
    outcome = station.sync()
    assert outcome.pushed == len(queued) == 5
    assert_exactly_once(live_server, station.session.require_cache(), queued)
    assert_integrity(profile / "cache.sqlite3")


def test_a_sync_on_a_full_disk_says_so_and_the_next_one_finishes(
        on_small_disk: tuple[Workstation, Path]) -> None:
    station, disk = on_small_disk
    info = station.info
    assert info is not None
    noted = station.complaint_ids("not_followed_up")[0]
    station.actions.internal_note(noted, "Catatan sebelum disk penuh.")
    ballast = _no_room(station, disk)
    with pytest.raises(StorageProblem) as problem:
        station.sync()
    _assert_disk_full(problem, Path(info.profile_dir), disk)
    assert station.status().last_error == "disk_full"
    ballast.unlink()
    assert station.sync().pushed == 1
    assert station.status().pending == 0 and station.status().last_error is None
