"""A complaint's SP4N-LAPOR! tracking number on the desktop (server/sp4n/records.py written on
the real server, synced): shown in the detail, found by the search box, and the complaint leaves
the list "Belum tercatat di SP4N-LAPOR!" (services/queues.py); "Salin untuk LAPOR!"
(services/lapor_copy.py) copies the complaint until then, its latest follow-up after."""

from __future__ import annotations

from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint, FollowUp
from lapor_desk.server.database import transaction
from lapor_desk.server.sp4n.records import record_national_number
from lapor_desk.services import Workstation
from lapor_desk.services.lapor_copy import text_for_lapor
from lapor_desk.services.queues import NOT_IN_SP4N
from lapor_desk.services.types import ComplaintFilter
from tests.support.live_server import LiveServer


def _counts(station: Workstation) -> dict[str, int]:
    return {q.key: q.count for q in station.queues()}


def test_the_national_number_reaches_the_desktop_and_is_searched_and_listed(
        signed_in: Workstation, live_server: LiveServer) -> None:
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as connection:
        target = connection.execute(select(Complaint.id, Complaint.tracking_number)
                                    .where(Complaint.status != "archived")
                                    .order_by(Complaint.id)).first()
        unrecorded = connection.execute(select(Complaint.id).where(
            Complaint.status != "archived")).all()
    assert target is not None
    before = _counts(signed_in)
    assert before[NOT_IN_SP4N] == len(unrecorded)
    assert target.id in signed_in.complaint_ids(NOT_IN_SP4N)
    number = 9_165_816
    assert number != target.tracking_number
    with transaction(live_server.engine) as session:
        assert record_national_number(session, target.id, number)
    signed_in.sync()

    detail = signed_in.detail(target.id)
    assert detail.national_tracking_number == number
    assert detail.national_link == f"https://www.lapor.go.id/pengaduan/{number}"
    for typed in (str(number), "#9165 816", f"nomor laporan {number}"):
        assert signed_in.complaint_ids("all", ComplaintFilter(search=typed))[0] == target.id
    assert _counts(signed_in)[NOT_IN_SP4N] == before[NOT_IN_SP4N] - 1
    assert target.id not in signed_in.complaint_ids(NOT_IN_SP4N)


def test_salin_untuk_lapor_copies_the_complaint_then_its_latest_follow_up(
        signed_in: Workstation, live_server: LiveServer) -> None:
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as connection:
        readable = select(Complaint.id).where(Complaint.redacted.is_(False),
                                              Complaint.national_tracking_number.is_(None))
        anonim = connection.execute(readable.where(Complaint.anonymous.is_(True))).scalar()
        named = connection.execute(readable.where(
            Complaint.anonymous.is_(False), Complaint.reporter_name.is_not(None))).scalar()
        replied = connection.execute(readable.where(Complaint.id.in_(
            select(FollowUp.complaint_id).where(FollowUp.kind == "reply",
                                                FollowUp.redacted.is_(False))))).scalar()
    assert anonim and named and replied
    detail = signed_in.detail(named)
    text = text_for_lapor(detail)
    assert text is not None and detail.body is not None
    assert text.startswith(f"Judul: {detail.row.title}\n") and detail.body in text
    assert f"Pelapor: {detail.reporter_name}" in text and "Anonim: Tidak" in text
    with cache.engine.connect() as connection:  # what the cache holds of the anonim reporter
        cached = connection.execute(select(Complaint.reporter_name, Complaint.reporter_contact)
                                    .where(Complaint.id == anonim)).one()
    text = text_for_lapor(signed_in.detail(anonim))
    assert text is not None and "Anonim: Ya" in text and "Pelapor: Anonim" in text
    assert not any(value and value in text for value in cached)

    with transaction(live_server.engine) as session:
        assert record_national_number(session, replied, 9_200_002)
    signed_in.sync()
    detail = signed_in.detail(replied)
    replies = [t for t in detail.timeline if t.kind == "follow_up" and t.code == "reply"]
    latest = max(replies, key=lambda t: t.at)
    text = text_for_lapor(detail)
    assert text is not None and text.startswith("Tindak lanjut laporan #9200002")
    assert text.endswith(f":\n{latest.text}")
