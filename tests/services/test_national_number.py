"""A complaint's SP4N-LAPOR! tracking number on the desktop (server/sp4n/records.py written on
the real server, synced): shown in the detail, found by the search box, and the complaint leaves
the list "Belum tercatat di SP4N-LAPOR!" (services/queues.py)."""

from __future__ import annotations

from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.server.database import transaction
from lapor_desk.server.sp4n.records import record_national_number
from lapor_desk.services import Workstation
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
