"""Closing, reopening and postponing until a day, pushed over loopback HTTP to the real server
(SQLite and PostgreSQL): the server's status machine decides, scoped by role and agency, and a
retried push changes nothing twice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from lapor_desk.models.calendar import default_config, utcnow
from lapor_desk.server.db import Complaint, ComplaintEvent
from tests.server.builder import new_id
from tests.server.client import Api, WorldServer

CALENDAR = default_config().calendar


def _events(server: WorldServer, complaint_id: str, kind: str) -> list[ComplaintEvent]:
    with server.live.session() as session:
        return list(session.scalars(select(ComplaintEvent).where(
            ComplaintEvent.complaint_id == complaint_id, ComplaintEvent.kind == kind)))


def _status(server: WorldServer, complaint_id: str) -> tuple[str, int]:
    with server.live.session() as session:
        row = session.get(Complaint, complaint_id)
        assert row is not None
        return row.status, row.version


def _in_progress(server: WorldServer) -> str:
    """prov_plain forwarded to the province's public works office and answered there."""
    cid = server.cid("prov_plain")
    admin = server.login("admin_prov")
    assert admin.do("forward", cid, 1, to_id=server.unit("prov_works"),
                    disposition_id=new_id())["outcome"] == "applied"
    liaison = server.login("lo_prov_works")
    assert liaison.do("follow_up", cid, None, follow_up_id=new_id(),
                      body="Perbaikan dijadwalkan minggu depan.")["outcome"] == "applied"
    assert _status(server, cid)[0] == "in_progress"
    return cid


def _refused(api: Api, kind: str, cid: str, **payload: Any) -> tuple[str, str | None]:
    result = api.do(kind, cid, None, **payload)
    assert result["outcome"] == "rejected", result
    return result["reason"], result["detail"]


def test_close_and_reopen_by_role_and_agency_exactly_once(server: WorldServer) -> None:
    cid = _in_progress(server)
    liaison, other_agency = server.login("lo_prov_works"), server.login("admin_kab")
    assert _refused(liaison, "close", cid)[0] == "role_not_allowed"
    assert _refused(other_agency, "close", cid)[0] == "out_of_scope"

    admin = server.login("admin_prov")
    close = admin.action("close", cid, None, note="Jalan sudah diperbaiki")
    first, again = admin.push(close), admin.push(close)  # a retry after a lost answer
    assert first == again and first[0]["outcome"] == "applied"
    assert _status(server, cid)[0] == "done" and len(_events(server, cid, "close")) == 1
    assert _refused(admin, "close", cid)[0] == "invalid_transition"

    assert _refused(liaison, "reopen", cid, reason="Belum beres")[0] == "role_not_allowed"
    assert _refused(other_agency, "reopen", cid, reason="Belum beres")[0] == "out_of_scope"
    assert _refused(admin, "reopen", cid, reason="  ") == ("reason_required", "reason:required")
    reopen = admin.action("reopen", cid, first[0]["version"],
                          reason="Pelapor menelepon: lubang muncul lagi")
    applied, replayed = admin.push(reopen), admin.push(reopen)
    assert applied == replayed and applied[0]["outcome"] == "applied"
    assert _status(server, cid) == ("in_progress", applied[0]["version"])
    events = _events(server, cid, "reopen")
    assert len(events) == 1 and events[0].detail == {
        "reason": "Pelapor menelepon: lubang muncul lagi"}
    assert (events[0].from_status, events[0].to_status) == ("done", "in_progress")

    # another admin who saw it closed and reopens it too: a conflict for a person, not twice
    stale = server.login("admin_prov").do("reopen", cid, first[0]["version"], reason="Ulang")
    assert stale["outcome"] == "conflict" and stale["current"]["status"] == "in_progress"

    # a liaison pulling sees the reopened complaint with its reason
    pulled, _ = liaison.pull_all()
    assert pulled["state"]["complaint"][cid]["status"] == "in_progress"
    reopened = [e for e in pulled["state"]["event"].values()
                if e["complaint_id"] == cid and e["kind"] == "reopen"]
    assert [e["detail"] for e in reopened] == [{"reason": "Pelapor menelepon: lubang muncul lagi"}]


def test_an_archived_complaint_reopens_for_verification(server: WorldServer) -> None:
    cid = server.cid("prov_anon")
    admin = server.login("admin_prov")
    assert admin.do("archive", cid, None, reason_code="too_general")["outcome"] == "applied"
    assert admin.do("reopen", cid, None, reason="Pelapor melengkapi data")["outcome"] == "applied"
    assert _status(server, cid)[0] == "unverified"


def _days_off_ahead(today: date) -> date:
    day = today + timedelta(days=1)
    while CALENDAR.is_working_day(day):
        day += timedelta(days=1)
    return day


def test_postpone_until_a_day_moves_off_days_and_refuses_past_ones(server: WorldServer) -> None:
    admin = server.login("admin_kab")
    cid = server.cid("kab_secret_anon")
    today = CALENDAR.local_date(utcnow())
    assert _refused(admin, "postpone", cid, reason="Data belum lengkap",
                    until=today.isoformat()) == ("invalid_payload", "until:past")
    assert _refused(admin, "postpone", cid, reason="Data belum lengkap",
                    until=(today - timedelta(days=3)).isoformat()) == ("invalid_payload",
                                                                       "until:past")
    assert _refused(admin, "postpone", cid, reason="Data belum lengkap",
                    until=(today + timedelta(days=200)).isoformat()) == ("invalid_payload",
                                                                         "until:too_far")
    assert _refused(admin, "postpone", cid, reason="x", until="besok")[1] == "until:invalid"
    assert len(_events(server, cid, "postpone")) == 0

    day_off = _days_off_ahead(today)
    kept = CALENDAR.working_day_from(day_off)
    assert admin.do("postpone", cid, None, reason="Data pelapor belum lengkap",
                    until=day_off.isoformat())["outcome"] == "applied"
    [stored] = _events(server, cid, "postpone")
    assert stored.detail == {"reason": "Data pelapor belum lengkap", "until": kept.isoformat()}

    # the day is a date, not words: the province's admin, who may not read this rahasia
    # complaint, receives it without the reason
    pulled, _ = server.login("admin_prov").pull_all()
    [event] = [e for e in pulled["state"]["event"].values()
               if e["complaint_id"] == cid and e["kind"] == "postpone"]
    assert event["detail"] == {"until": kept.isoformat()}

