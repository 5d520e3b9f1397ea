"""A reply written on a desktop reaches SP4N-LAPOR! exactly once: the liaison officer's follow-up,
queued in the desktop's outbox and synced to the REAL server (twice: the second sync replays
nothing), is pushed by the SP4N round to the simulated national server across a failed call, a
worker killed mid-call and a round run again (server/sp4n/push.py, round.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.database import transaction
from lapor_desk.server.db import ComplaintEvent
from lapor_desk.server.sp4n import records
from lapor_desk.server.sp4n.bridge import BridgeConnector
from lapor_desk.server.sp4n.connector import STATUS_OUT, OutgoingFollowUp
from lapor_desk.server.sp4n.round import push_changes
from lapor_desk.services import Workstation
from tests.support.live_server import LiveServer
from tests.support.sp4n_standin import national_standin

pytestmark = pytest.mark.timeout(180)
TOKEN = "tok-kendari-0001"


class Killed(BaseException):
    """The worker process dies: nothing after this point of the round runs."""


class DiesAfterSending(BridgeConnector):
    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None:
        super().send_follow_up(follow_up)
        raise Killed


def test_a_reply_written_on_a_desktop_reaches_sp4n_once(
        signed_in: Workstation, live_server: LiveServer, tmp_path: Path, password: str) -> None:
    admin = signed_in
    liaison = Workstation(tmp_path / "lo", device="pytest-lo")
    liaison.sign_in(live_server.url, "lo.kendari.pupr", password)
    try:
        assert liaison.info is not None
        cid = admin.complaint_ids("needs_verification")[0]
        with national_standin({TOKEN: "Kota Kendari"}) as national:
            number = national.national_report("Jalan berlubang di Kadia", "Kronologi: lubang "
                                              "besar di jalan, sudah dua motor jatuh.",
                                              utcnow() - timedelta(days=1))
            with live_server.session() as session:  # its seeded history, sent first
                earlier = [STATUS_OUT[str(to)] for frm, to in session.execute(
                    select(ComplaintEvent.from_status, ComplaintEvent.to_status)
                    .where(ComplaintEvent.complaint_id == cid).order_by(ComplaintEvent.id))
                    if frm is not None and frm != to]
            with transaction(live_server.engine) as session:  # recorded there by an operator
                records.record_national_number(session, cid, number)
            admin.actions.forward(cid, liaison.info.unit_id, "mohon ditindaklanjuti")
            assert admin.sync().applied == 1
            liaison.sync()
            body = "Tim PUPR sudah menambal lubang di Jalan Kadia."
            liaison.actions.follow_up(cid, body)
            assert liaison.sync().applied == 1
            liaison.sync()  # nothing queued twice

            bridge = BridgeConnector(national.bridge_url, TOKEN)
            t0 = utcnow()
            national.fail_next = [503]
            assert push_changes(live_server.engine, bridge, now=t0).failed
            with pytest.raises(Killed):
                push_changes(live_server.engine, DiesAfterSending(national.bridge_url, TOKEN),
                             now=t0 + timedelta(minutes=2))
            later = push_changes(live_server.engine, bridge, now=t0 + timedelta(minutes=10))
            assert later.sent == [("follow_up", national.replies_received[0]["referensi"])]
            assert push_changes(live_server.engine, bridge, now=t0 + timedelta(hours=1)).sent == []
        assert [(r["trackingid"], r["isi"]) for r in national.replies_received] == \
            [(number, body)]
        assert [s["status"] for s in national.statuses_received] == \
            [*earlier, "Terdisposisi, Belum Ditindaklanjuti"]
        assert national.reports[number]["status"] == "Sedang Diproses"
    finally:
        liaison.close()
