"""Attachments kept for offline use: the policy, its budget, hash checks, and working offline,
against the real reference server serving the seed's real files (on SQLite)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import Attachment, Complaint
from lapor_desk.server.db import BlobUpload, User
from lapor_desk.server.seed.attachment_files import blob_path, png
from lapor_desk.services import Workstation
from lapor_desk.services.attachments import (
    ACTIVE_STATUSES,
    AttachmentInfo,
    AttachmentUnavailable,
    OfflinePolicy,
    kind_of,
)
from tests.support.live_server import LiveServer, start_server
from tests.support.seed_blobs import serve_seed_blobs

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def station(signed_in: Workstation, live_server: LiveServer) -> Workstation:
    serve_seed_blobs(live_server)
    return signed_in


def cached(station: Workstation) -> list[tuple[str, str, str]]:
    """(attachment id, complaint id, complaint status) of every attachment in the cache."""
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        return [(r.id, r.complaint_id, r.status) for r in c.execute(
            select(Attachment.id, Attachment.complaint_id, Complaint.status)
            .join(Complaint, Complaint.id == Attachment.complaint_id))]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_kind_follows_the_mime_type_then_the_name() -> None:
    assert kind_of("image/png", "x.png") == "image"
    assert kind_of("application/pdf", "surat.pdf") == "pdf"
    assert kind_of("", "FOTO.JPG") == "image"
    assert kind_of(None, "surat.pdf") == "pdf"
    assert kind_of("application/vnd.ms-excel", "rekap.xls") == "other"
    assert kind_of("text/html", "x.png") == "other"  # the declared type wins


def test_a_complaints_attachments_are_listed_and_opened_verified(station: Workstation) -> None:
    service = station.attachments
    complaint_id = next(c for _a, c, _s in cached(station))
    listed = service.for_complaint(complaint_id)
    assert listed and all(isinstance(a, AttachmentInfo) for a in listed)
    first = listed[0]
    assert first.kind in ("image", "pdf") and first.size > 0 and not first.available
    assert first.filename.endswith((".png", ".pdf"))
    content = service.content(first.id)
    # verified: the content's SHA-256 is the attachment's; the file kept in the profile's
    # blob store is sealed (not the plaintext, not even its first bytes)
    assert hashlib.sha256(content).hexdigest() == first.sha256 and len(content) == first.size
    kept = station.session.require_cache().blobs.path(first.sha256)
    assert kept.is_relative_to(Path(station.info.profile_dir))  # type: ignore[union-attr]
    on_disk = kept.read_bytes()
    assert on_disk.startswith(b"LDSEAL") and content[:16] not in on_disk
    assert service.info(first.id).available
    assert next(a.available for a in service.for_complaint(complaint_id) if a.id == first.id)


def test_a_damaged_local_copy_is_never_shown_and_is_fetched_again(
        station: Workstation) -> None:
    service = station.attachments
    attachment_id = cached(station)[0][0]
    good = service.content(attachment_id)
    path = station.session.require_cache().blobs.path(service.info(attachment_id).sha256)
    sealed = bytearray(path.read_bytes())
    sealed[-5] ^= 0x01  # bit rot on the laptop's disk
    path.write_bytes(bytes(sealed))
    assert service.content(attachment_id) == good  # the damaged copy was fetched again
    assert path.read_bytes() != bytes(sealed)


def test_a_server_copy_that_does_not_match_its_hash_is_refused(
        station: Workstation, live_server: LiveServer) -> None:
    service = station.attachments
    info = service.info(cached(station)[0][0])
    served = blob_path(live_server.settings.resolved_blob_dir(), info.sha256)
    served.write_bytes(b"X" * info.size)  # same size, wrong content
    with pytest.raises(AttachmentUnavailable) as caught:
        service.content(info.id)
    assert caught.value.code == "damaged"
    assert not service.info(info.id).available
    assert not list(station.session.require_cache().blob_dir.rglob(info.sha256 + "*"))


def test_prefetch_keeps_active_complaints_attachments_within_the_budget(
        station: Workstation) -> None:
    service = station.attachments
    everything = cached(station)
    active = {a for a, _c, s in everything if s in {str(x) for x in ACTIVE_STATUSES}}
    closed = {a for a, _c, s in everything if a not in active}
    assert len(active) >= 3 and closed  # the seed has both
    assert service.policy() == OfflinePolicy()  # 200 MB unless the profile says otherwise
    full = service.plan()
    assert {a.id for a in full.fetch} <= active and full.left_out == 0
    assert full.planned_bytes == sum(a.size for a in full.fetch)
    # A budget that holds only the first two files of the plan (most urgent first).
    sizes = [a.size for a in full.fetch]
    service.set_budget(sizes[0] + sizes[1])
    assert service.policy().budget_bytes == sizes[0] + sizes[1]
    small = service.plan()
    assert [a.id for a in small.fetch] == [a.id for a in full.fetch[:2]]
    assert small.left_out == len(full.fetch) - 2
    result = service.prefetch()
    assert (result.downloaded, result.bytes, result.failed, result.offline) == (
        2, sizes[0] + sizes[1], 0, False)
    assert all(service.info(a.id).available for a in full.fetch[:2])
    fetched = {a.sha256 for a in full.fetch[:2]}  # blobs are shared by content
    others = [a for a in closed if service.info(a).sha256 not in fetched]
    assert others and not any(service.info(a).available for a in others)
    # Nothing more to do within that budget; what is here counts against it.
    after = service.plan()
    assert after.fetch == () and after.kept_bytes == sizes[0] + sizes[1]
    service.set_budget(0)
    assert service.plan().fetch == ()


def test_offline_a_downloaded_attachment_opens_and_a_missing_one_is_fetched_later(
        station: Workstation, live_server: LiveServer) -> None:
    service = station.attachments
    here, missing = (a for a, _c, _s in cached(station)[:2])
    kept = service.content(here)
    port = int(live_server.url.rsplit(":", 1)[1])
    live_server.stop()
    assert service.content(here) == kept  # no network needed
    with pytest.raises(AttachmentUnavailable) as caught:
        service.content(missing)
    assert caught.value.code == "offline"
    assert service.info(missing).wanted and not service.info(missing).available
    assert service.prefetch().offline  # still offline: nothing lost, nothing fetched
    # The connection returns: the next prefetch fetches what was asked for first.
    back = start_server(live_server.settings, port=port)
    try:
        service.set_budget(0)  # wanted attachments do not depend on the budget
        plan = service.plan()
        assert [a.id for a in plan.fetch] == [missing]
        assert service.prefetch().downloaded == 1
        info = service.info(missing)
        assert info.available and not info.wanted
    finally:
        back.stop()


def test_an_attachment_uploaded_by_another_desk_arrives_verified(
        station: Workstation, live_server: LiveServer, password: str, tmp_path: Path) -> None:
    complaint_id = next(c for c in (c for _a, c, _s in cached(station))
                        if "internal_note" in station.detail(c).allowed_actions)
    photo = tmp_path / "foto_jalan_rusak.png"
    photo.write_bytes(png(64, 48, (120, 90, 60), 3))
    station.replies.send(complaint_id, "internal_note", "Foto lokasi terlampir.", [photo])
    station.sync()  # uploads the blob (resumable, chunked) and pushes the note
    other = Workstation(tmp_path / "other-desk", device="pytest-2")
    try:
        other.sign_in(live_server.url, "admin.kendari", password)
        other.sync()
        mine = [a for a in other.attachments.for_complaint(complaint_id)
                if a.filename == photo.name]
        assert len(mine) == 1 and mine[0].kind == "image" and not mine[0].available
        assert other.attachments.content(mine[0].id) == photo.read_bytes()
        assert mine[0].sha256 == sha(photo)
    finally:
        other.close()


def test_the_same_file_from_two_users_desks_is_sent_by_each_and_stored_once(
        station: Workstation, live_server: LiveServer, password: str, tmp_path: Path) -> None:
    """The server answers the upload status per user: the second desk hears offset 0, sends its
    bytes (owning the blob by having the file, not by knowing its hash), and its note applies."""
    complaint_id = next(c for c in (c for _a, c, _s in cached(station))
                        if "internal_note" in station.detail(c).allowed_actions)
    photo = tmp_path / "foto_bersama.png"
    photo.write_bytes(png(96, 64, (30, 140, 200), 5))
    station.replies.send(complaint_id, "internal_note", "Foto dari admin.", [photo])
    assert station.sync().applied == 1
    other = Workstation(tmp_path / "other-desk", device="pytest-2")
    try:
        other.sign_in(live_server.url, "nasional1", password)
        other.sync()
        other.replies.send(complaint_id, "internal_note", "Foto yang sama dari nasional.",
                           [photo])
        report = other.sync()
        assert (report.applied, report.rejected) == (1, 0)
    finally:
        other.close()
    with live_server.session() as session:
        owners = {row.user_id for row in session.execute(
            select(BlobUpload.user_id).where(BlobUpload.sha256 == sha(photo),
                                             BlobUpload.complete.is_(True)))}
        users = dict(session.execute(select(User.username, User.id)).all())
    assert owners == {users["admin.kendari"], users["nasional1"]}
    stored = [p for p in live_server.settings.resolved_blob_dir().rglob(sha(photo))]
    assert len(stored) == 1


def test_copies_for_the_system_application_are_private_and_removed_afterwards(
        station: Workstation) -> None:
    service = station.attachments
    info = service.info(cached(station)[0][0])
    copy = service.external_copy(info.id)
    profile = Path(station.info.profile_dir)  # type: ignore[union-attr]
    assert copy.name == info.filename and copy.is_relative_to(profile / "opened")
    assert sha(copy) == info.sha256  # the one plain copy: what the other application reads
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert service.external_copy(info.id) == copy  # the same copy, not another one
    assert service.remove_external_copies() == 0  # still fresh
    assert service.remove_external_copies(older_than=-1) == 1
    assert not copy.exists() and not copy.parent.exists()
    assert service.info(info.id).available  # the sealed blob itself stays
    # Quitting (the workstation closes) removes them all, fresh or not.
    again = service.external_copy(info.id)
    station.close()
    assert not again.exists()
