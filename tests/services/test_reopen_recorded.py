"""A recorded complaint the server refused, reopened in its form from the outbox review: every
field typed and its files come back with the server's reasons, the corrected complaint is sent
as a new action that resolves the refused one, and the server holds it exactly once. Against the
real reference server (on SQLite).

The refusal is the one of this issue: a desk whose PC clock is an hour ahead and that did not
know the server's clock (a version before it learned it, or its saved difference lost) records
the complaint an hour in the future."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.models.calendar import utcnow
from lapor_desk.server import db as server_db
from lapor_desk.services import NotFound, Workstation
from lapor_desk.services.intake import FieldProblem, IntakeRefused, StoredAttachment
from tests.services.test_intake import form
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


class PcClock:
    """This PC's clock: true time plus an error the test sets."""

    def __init__(self) -> None:
        self.error = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.error


@pytest.fixture
def pc() -> PcClock:
    return PcClock()


@pytest.fixture
def clerk(tmp_path: Path, live_server: LiveServer, password: str,
          pc: PcClock) -> Iterator[Workstation]:
    station = Workstation(tmp_path / "profiles", device="pytest", clock=pc)
    station.sign_in(live_server.url, "admin.kendari", password)
    station.sync()
    yield station
    station.close()


def refused_record(clerk: Workstation, pc: PcClock, photo: Path) -> tuple[int, str, datetime]:
    """Record a complaint an hour ahead, unknown to the server's clock; the sync refuses it."""
    pc.error = timedelta(hours=1)
    clerk.session.server_clock.load(None)  # the desk does not know the server's clock
    typed_at = utcnow()
    recorded = clerk.intake.record(
        form(title="Pungutan liar di loket KTP kecamatan", channel="letter",
             regency="Kota Kendari"), [photo])
    outcome = clerk.sync()
    assert (outcome.applied, outcome.rejected) == (0, 1)
    return recorded.mutation_id, recorded.complaint_id, typed_at


def server_complaints(live_server: LiveServer, title: str) -> list[server_db.Complaint]:
    with live_server.session() as session:
        return list(session.scalars(select(server_db.Complaint).where(
            server_db.Complaint.title == title)))


def test_refused_recorded_complaint_reopens_with_everything_typed_and_is_sent_once(
        clerk: Workstation, pc: PcClock, live_server: LiveServer, tmp_path: Path) -> None:
    photo = tmp_path / "kwitansi.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"k" * 4096)
    old, complaint_id, typed_at = refused_record(clerk, pc, photo)
    review = clerk.outbox_review
    [item] = review.items(["rejected"])
    assert (item.mutation_id, item.kind, item.reason) == (old, "record_complaint",
                                                           "invalid_payload")
    assert item.title == "Pungutan liar di loket KTP kecamatan" and not item.in_cache
    assert item.can_redo

    reopened = review.recorded_form(old)
    typed = form(title="Pungutan liar di loket KTP kecamatan", channel="letter",
                 regency="Kota Kendari")
    for key in ("title", "body", "incident_date", "province", "regency", "district",
                "village", "category", "channel", "complaint_type"):
        assert reopened.raw[key] == typed[key], key
    assert reopened.raw["reporter"] == {**typed["reporter"], "email": None}  # NIK included
    assert reopened.attachments == (StoredAttachment(
        reopened.attachments[0].sha256, 4099, "image/jpeg", "kwitansi.jpg"),)
    assert reopened.problems == (FieldProblem("received_at", "future"),)
    # the desk has learned the server's clock meanwhile (the sync's answers): the time is
    # corrected to when the clerk really typed it
    assert reopened.received_corrected
    assert abs(reopened.received_at - typed_at) < timedelta(seconds=30)

    # Reopening and cancelling changes nothing: the refused one stays, as it was.
    again = review.recorded_form(old)
    assert again.attachments == reopened.attachments and again.problems == reopened.problems
    assert {k: v for k, v in again.raw.items() if k != "received_at"} == {
        k: v for k, v in reopened.raw.items() if k != "received_at"}
    assert abs(again.received_at - reopened.received_at) < timedelta(seconds=2)
    assert [i.mutation_id for i in review.items(["rejected"])] == [old]

    fixed = {**reopened.raw, "title": "Pungutan liar di loket KTP Kecamatan Mandonga"}
    result = review.resend_recorded(old, fixed, list(reopened.attachments))
    assert result.complaint_id == complaint_id and result.attachments == 1
    assert review.items(["rejected"]) == []
    [waiting] = review.items(["pending"])
    assert waiting.mutation_id == result.mutation_id and waiting.complaint_id == complaint_id
    cache = clerk.session.require_cache()
    with cache.engine.connect() as connection:
        refused = connection.execute(select(OutboxEntry).where(
            OutboxEntry.mutation_id == old)).one()
    assert refused.dismissed  # resolved, and it keeps no NIK any more
    assert orjson.loads(refused.payload)["complaint"]["reporter"]["nik"] is None

    with pytest.raises(NotFound):  # a second resend of the same refusal: it is resolved
        review.resend_recorded(old, fixed, [])
    outcome = clerk.sync()
    assert (outcome.applied, outcome.rejected) == (1, 0)
    [stored] = server_complaints(live_server, fixed["title"])
    assert stored.id == complaint_id
    assert abs(stored.created_at - typed_at) < timedelta(seconds=30)
    assert server_complaints(live_server, typed["title"]) == []
    with live_server.session() as session:
        files = session.scalar(select(func.count()).select_from(server_db.Attachment).where(
            server_db.Attachment.complaint_id == complaint_id))
    assert files == 1


def test_the_same_correction_twice_never_makes_two_complaints(
        clerk: Workstation, pc: PcClock, live_server: LiveServer, tmp_path: Path) -> None:
    """Even written twice (two desks sharing a profile copy, a restored backup), the corrected
    complaint keeps the refused one's id: the server accepts it once and refuses the other."""
    photo = tmp_path / "surat.pdf"
    photo.write_bytes(b"%PDF-1.4 " + b"s" * 1000)
    old, complaint_id, _typed = refused_record(clerk, pc, photo)
    reopened = clerk.outbox_review.recorded_form(old)
    outbox = clerk.session.outbox
    assert outbox is not None
    cache = clerk.session.require_cache()
    first = clerk.outbox_review.resend_recorded(old, reopened.raw, [])
    with cache.writer.begin() as connection:  # the refusal, back as it was (a restored copy)
        connection.execute(OutboxEntry.__table__.update().where(
            OutboxEntry.mutation_id == old).values(dismissed=False))
    second = clerk.outbox_review.resend_recorded(old, reopened.raw, [])
    assert first.complaint_id == second.complaint_id == complaint_id
    outcome = clerk.sync()
    assert (outcome.applied, outcome.rejected) == (1, 1)
    assert len(server_complaints(live_server, "Pungutan liar di loket KTP kecamatan")) == 1


def test_a_form_still_wrong_is_refused_and_the_refused_one_stays(
        clerk: Workstation, pc: PcClock, tmp_path: Path) -> None:
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG" + b"p" * 100)
    old, _cid, _typed = refused_record(clerk, pc, photo)
    reopened = clerk.outbox_review.recorded_form(old)
    with pytest.raises(IntakeRefused) as refused:
        clerk.outbox_review.resend_recorded(old, {**reopened.raw, "title": "abc"},
                                            list(reopened.attachments))
    assert {(p.field, p.code) for p in refused.value.problems} == {("title", "too_short")}
    assert [i.mutation_id for i in clerk.outbox_review.items(["rejected"])] == [old]
    assert clerk.outbox_review.items(["pending"]) == []
