"""The reporter's rating of the handling (the public page, server/public/service.py) on the
desktop: rated on the real server, synced, shown in the complaint's detail, averaged per unit in
the oversight recap and its CSV; the complaint's version stays (no queued action conflicts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.server.database import transaction
from lapor_desk.server.db import PublicAccess
from lapor_desk.server.public import service
from lapor_desk.services import Workstation
from lapor_desk.services.oversight import GroupStats, Recap
from lapor_desk.services.recap import csv_rows
from lapor_desk.services.recap_terms import RATED_HEADING, RATING_HEADING
from tests.server.builder import new_id
from tests.support.live_server import LiveServer


def _rate(live_server: LiveServer, complaint_id: str, rating: int, note: str) -> None:
    """As a citizen who sent the complaint from the public page rates it there."""
    now = datetime.now(UTC)
    with transaction(live_server.engine) as session:
        session.add(PublicAccess(complaint_id=complaint_id, code_hash="-", form_key=new_id(),
                                 created_at=now))
    service.rate(live_server.engine, complaint_id, rating, note, now)


def test_a_rating_reaches_the_detail_and_the_recap(signed_in: Workstation,
                                                    live_server: LiveServer) -> None:
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as connection:
        done = connection.execute(
            select(Complaint.id, Complaint.handling_unit_id, Complaint.server_version)
            .where(Complaint.status == "done", Complaint.redacted.is_(False),
                   Complaint.handling_unit_id.is_not(None), Complaint.rating.is_(None))
            .order_by(Complaint.handling_unit_id, Complaint.id)).all()
    unit = done[0].handling_unit_id
    first, second = [row for row in done if row.handling_unit_id == unit][:2]
    assert signed_in.detail(first.id).rating is None
    before = signed_in.oversight.recap()  # the seed's reporters rated some complaints already
    _rate(live_server, first.id, 4, "Cepat, terima kasih")
    _rate(live_server, second.id, 5, "")
    signed_in.sync()

    detail = signed_in.detail(first.id)
    assert (detail.rating, detail.rating_note) == (4, "Cepat, terima kasih")
    assert detail.rated_at is not None
    assert (signed_in.detail(second.id).rating, signed_in.detail(second.id).rating_note) == (
        5, None)
    with cache.engine.connect() as connection:
        version = connection.execute(select(Complaint.server_version).where(
            Complaint.id == first.id)).scalar()
    assert version == first.server_version

    recap = signed_in.oversight.recap()

    def rated(stats: GroupStats | None) -> tuple[int, int]:
        """(complaints rated, sum of their ratings)"""
        if stats is None or not stats.rated:
            return 0, 0
        return stats.rated, round((stats.rating_average or 0) * stats.rated)

    def group(of: Recap, key: str) -> GroupStats | None:
        return next((g for g in of.units if g.key == key), None)

    for key in {g.key for g in recap.units} | {g.key for g in before.units}:
        count, total = rated(group(before, key))
        if key == str(unit):
            count, total = count + 2, total + 9
        assert rated(group(recap, key)) == (count, total), key
    count, total = rated(before.total)
    assert rated(recap.total) == (count + 2, total + 9)
    assert recap.total.rating_average == pytest.approx((total + 9) / (count + 2))
    assert all(g.rating_average is None for g in recap.units if not g.rated)

    rows = csv_rows(signed_in.recaps.report())
    heading = rows[0]
    last = rows[-1]
    average = f"{(total + 9) / (count + 2):.1f}".replace(".", ",")
    assert last[heading.index(RATING_HEADING)] == average
    assert last[heading.index(RATED_HEADING)] == str(count + 2)
