"""A client's clock a little ahead: the server accepts its times within the shared tolerance
(models/intake.py::CLOCK_SKEW_TOLERANCE), stores none in its own future, and refuses a time
beyond it. Every answer says the server's time in ``Date``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from lapor_desk.models.calendar import UTC, utcnow
from lapor_desk.models.intake import CLOCK_SKEW_TOLERANCE
from lapor_desk.server.db import Complaint
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer
from tests.support.clock import MovableClock


def _wire(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def test_received_at_a_little_ahead_is_accepted_and_stored_as_now(server: WorldServer) -> None:
    api = server.login("admin_kab")
    cid = new_id()
    ahead = utcnow() + timedelta(seconds=20)
    answer = api.do("record_complaint", cid, None, complaint=complaint_payload(
        "Surat warga tentang lampu jalan", channel="letter", received_at=_wire(ahead)))
    after = utcnow()
    assert answer["outcome"] == "applied", answer
    with server.live.session() as session:
        created = session.scalar(select(Complaint.created_at).where(Complaint.id == cid))
    assert created is not None
    assert created <= after  # never received in the server's future
    assert created >= ahead - timedelta(seconds=25)


def test_received_at_beyond_the_tolerance_is_refused(server: WorldServer) -> None:
    api = server.login("admin_kab")
    for ahead in (CLOCK_SKEW_TOLERANCE + timedelta(minutes=1), timedelta(hours=1)):
        answer = api.do("record_complaint", new_id(), None, complaint=complaint_payload(
            "Surat warga tentang lampu jalan", channel="letter",
            received_at=_wire(utcnow() + ahead)))
        assert (answer["outcome"], answer["reason"]) == ("rejected", "invalid_payload")
        assert answer["detail"] == "received_at:future"
    far = api.do("record_complaint", new_id(), None, complaint=complaint_payload(
        "Surat warga tentang lampu jalan", channel="letter",
        incident_date=(utcnow() + timedelta(days=2)).date().isoformat()))
    assert far["detail"] == "incident_date:future"


def test_every_answer_tells_the_servers_time(server: WorldServer) -> None:
    api = server.login("admin_kab")
    before = utcnow().replace(microsecond=0)
    for response in (api.get("/health"), api.get("/me"), api.get("/sync/pull", params={
            "limit": 1}), api.get("/no-such-endpoint")):
        stamp = parsedate_to_datetime(response.headers["Date"])
        assert before - timedelta(seconds=2) <= stamp <= utcnow() + timedelta(seconds=1)


def test_todays_incident_at_one_in_the_morning_wib_is_no_future_date(
        serve_world: Callable[..., WorldServer]) -> None:
    """At 01:00 WIB (18:00 UTC the day before) a walk-in's "today" is accepted; the day after
    is the future everywhere in Indonesia (03:00 in WIT) and refused. The server's clock is
    injected at that hour."""
    now = utcnow()
    night = now.replace(hour=18, minute=0, second=0, microsecond=0)
    night = night if night <= now else night - timedelta(days=1)
    server = serve_world(clock=MovableClock(night))
    api = server.login("admin_kab")
    today = night.astimezone(ZoneInfo("Asia/Jakarta")).date()
    assert today == night.date() + timedelta(days=1)
    for day, outcome in ((today, ("applied", None)),
                         (today + timedelta(days=1), ("rejected", "invalid_payload"))):
        answer = api.do("record_complaint", new_id(), None, complaint=complaint_payload(
            "Warga datang melapor lampu jalan", channel="walk_in", received_at=_wire(night),
            incident_date=day.isoformat()))
        assert (answer["outcome"], answer.get("reason")) == outcome, answer
    assert answer["detail"] == "incident_date:future"
