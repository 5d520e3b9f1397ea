"""The pushed ``national_update`` (a national record from a register imported on a desktop;
server/services/national_action.py) follows ``lapor-server sp4n-import``'s rules: matched by the
national number, whichever id the desktop named; an admin's scope only; the liaison officer may
not; what the status machine cannot reach is refused whole, nothing written; the same record
again adds nothing; a malformed payload is refused by field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from lapor_desk.server.db import Complaint, ComplaintEvent, FollowUp
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer

REPLY = {"at": "2026-11-03T01:00:00Z", "body": "Petugas sudah meninjau puskesmas.",
         "from_reporter": False}


def _update(number: int, status: str = "", *follow_ups: dict[str, Any],
            new: bool = False) -> dict[str, Any]:
    return {"national_tracking_number": number, "status": status,
            "follow_ups": list(follow_ups), "new": new}


def _counts(server: WorldServer, complaint_id: str) -> tuple[str, int, int]:
    with server.live.session() as s:
        status = s.scalar(select(Complaint.status).where(Complaint.id == complaint_id))
        replies = s.scalar(select(func.count()).select_from(FollowUp)
                           .where(FollowUp.complaint_id == complaint_id))
        events = s.scalar(select(func.count()).select_from(ComplaintEvent).where(
            ComplaintEvent.complaint_id == complaint_id,
            ComplaintEvent.kind == "national_update"))
    return str(status), int(replies or 0), int(events or 0)


def test_a_national_update_follows_the_rules_of_the_national_import(
        server: WorldServer) -> None:
    admin, known = server.login("admin_kab"), new_id()
    assert admin.do("record_complaint", known, None, complaint=complaint_payload(
        "Puskesmas tutup siang hari", national_tracking_number=7400001))["outcome"] == "applied"

    # Selesai and a reply before anybody verified it here: refused whole, nothing written
    early = admin.do("national_update", new_id(), 0, **_update(7400001, "Selesai", REPLY))
    assert (early["outcome"], early["reason"]) == ("rejected", "invalid_transition")
    assert early["detail"] == ("reply_not_reachable:unverified,"
                               "status_not_reachable:unverified>done")
    assert _counts(server, known) == ("unverified", 0, 0)

    # a liaison officer may not take national records in; another agency's admin sees nothing
    lo = server.login("lo_kab_health")
    assert lo.do("national_update", known, 0, **_update(7400001))["reason"] == \
        "role_not_allowed"
    other = server.login("admin_menkes").do("national_update", known, 0,
                                            **_update(7400001, "Selesai"))
    assert (other["reason"], other["detail"]) == ("out_of_scope", "SP4N-LAPOR! 7400001")
    unknown = admin.do("national_update", known, 0, **_update(7499999, "Selesai"))
    assert (unknown["reason"], unknown["detail"]) == ("not_found", "SP4N-LAPOR! 7499999")
    bad = admin.do("national_update", known, 0,
                   **_update(7400001, "Selesai", {**REPLY, "at": "kemarin"}))
    assert (bad["reason"], bad["detail"]) == ("invalid_payload", "follow_ups.at:invalid")

    # forwarded here: the reply lands (Sedang Diproses), then Selesai; the id the desktop
    # named does not matter, the number does
    assert admin.do("forward", known, None, to_id=server.unit("kab_health"),
                    note="mohon ditangani", disposition_id=new_id())["outcome"] == "applied"
    done = admin.do("national_update", new_id(), 0, **_update(7400001, "selesai ", REPLY))
    assert (done["outcome"], done["reason"]) == ("applied", None)
    assert _counts(server, known) == ("done", 1, 2)
    again = admin.do("national_update", known, 0, **_update(7400001, "SELESAI", REPLY))
    assert again["outcome"] == "applied" and _counts(server, known) == ("done", 1, 2)


def test_a_record_recorded_in_the_same_import_takes_what_it_can(server: WorldServer) -> None:
    admin, recorded = server.login("admin_kab"), new_id()
    answers = admin.push(
        admin.action("record_complaint", recorded, None, complaint=complaint_payload(
            "Ambulans desa rusak", national_tracking_number=7400002)),
        admin.action("national_update", recorded, 0, **_update(
            7400002, "Selesai", {**REPLY, "body": "Jawaban pelapor di LAPOR!",
                                 "from_reporter": True}, new=True)))
    assert [a["outcome"] for a in answers] == ["applied", "applied"]
    # the reporter's answer is taken; Selesai cannot be reached yet and is left
    assert _counts(server, recorded) == ("unverified", 1, 1)
