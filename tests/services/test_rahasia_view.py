"""A rahasia complaint on the desktop of an admin who may not read it: its routing facts are
there, its words are not (the timeline says they are hidden), search does not find it by them,
and when it becomes readable (it comes back up to the admin's agency) the next sync brings them.
Against the real reference server over loopback HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.models.cache import search_complaint_ids
from lapor_desk.models.cache.schema import Complaint
from lapor_desk.server.database import transaction
from lapor_desk.server.seed import DEFAULT_NOW
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.services import Workstation
from lapor_desk.services.types import ComplaintDetail
from tests.server.builder import complaint_payload, new_id
from tests.server.client import Api
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)

#: A word that only this test's complaint carries.
SCHOOL = "SDN 5 Mokoaulu"


def _api(live_server: LiveServer, username: str, password: str) -> Api:
    api = Api(live_server.url + "/api/v1")
    response = api.post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    api.token = response.json()["token"]
    return api


def _rahasia_at_kendari(live_server: LiveServer, password: str) -> tuple[str, Api, Api]:
    """A rahasia complaint to Kota Kendari, postponed, forwarded to a unit that replies: every
    step's words name the school. Returns its id and the city's admin and liaison."""
    admin = live_server.user("agency_admin")  # admin.kendari: the report lists Kendari first
    assert admin.username == "admin.kendari"
    liaison = next(u for u in live_server.seed.users
                   if u.role == "liaison_officer" and u.agency_id == admin.agency_id)
    with transaction(live_server.engine) as session:
        cid = complaint_services.submit_complaint(
            session, complaint_payload(f"Pungutan liar di {SCHOOL}", confidential=True,
                                       tags=["pungli"], received_at="2026-11-20T01:00:00Z"),
            admin.agency_id, now=DEFAULT_NOW - timedelta(days=1)).id
    city, unit = _api(live_server, admin.username, password), _api(
        live_server, liaison.username, password)
    for api, kind, payload in (
        (city, "postpone", {"reason": f"Kepala {SCHOOL} belum dapat dihubungi"}),
        (city, "forward", {"to_id": liaison.unit_id, "note": f"Mohon periksa {SCHOOL}",
                           "disposition_id": new_id()}),
        (unit, "follow_up", {"follow_up_id": new_id(), "body": f"{SCHOOL} sudah diperiksa"}),
    ):
        assert api.do(kind, cid, None, **payload)["outcome"] == "applied", kind
    return cid, city, unit


def _found(station: Workstation, words: str) -> list[str]:
    with station.session.require_cache().engine.connect() as connection:
        return search_complaint_ids(connection, words)


def _texts(detail: ComplaintDetail) -> list[str]:
    return [t.text for t in detail.timeline if t.text]


def test_a_hidden_complaint_shows_its_facts_not_its_words_until_it_becomes_readable(
        workstation: Workstation, live_server: LiveServer, password: str) -> None:
    cid, city, unit = _rahasia_at_kendari(live_server, password)
    workstation.sign_in(live_server.url, "admin.sultra", password)  # the province: above it
    workstation.sync()

    detail = workstation.detail(cid)
    row = detail.row
    assert row.confidential and row.redacted and row.title == ""
    assert row.tracking_number and row.status == "in_progress" and row.location_name
    assert detail.body is None and detail.reporter_name is None and detail.tags == ()
    assert detail.regency and detail.category and detail.handling_unit_name
    assert not any(SCHOOL in text for text in _texts(detail))
    hidden = {(t.kind, t.code) for t in detail.timeline if t.redacted}
    assert {("event", "postpone"), ("disposition", "forward"), ("follow_up", "reply")} <= hidden
    assert all(t.text is None for t in detail.timeline if t.redacted)
    assert cid not in _found(workstation, "Mokoaulu")
    assert cid not in _found(workstation, "rahasia") + _found(workstation, "disembunyikan")
    with workstation.session.require_cache().engine.connect() as connection:
        stored: Any = connection.execute(select(Complaint.title, Complaint.body, Complaint.tags)
                                         .where(Complaint.id == cid)).one()
    assert tuple(stored) == ("", None, "[]")  # nothing stands in for the words to be indexed

    # the unit and then the city return it: it comes up to the province, whose admin reads it
    assert unit.do("not_our_authority", cid, None, reason=f"{SCHOOL} bukan sekolah kota",
                   disposition_id=new_id())["outcome"] == "applied"
    assert city.do("not_our_authority", cid, None, reason=f"{SCHOOL} dikelola provinsi",
                   disposition_id=new_id())["outcome"] == "applied"
    workstation.sync()

    detail = workstation.detail(cid)
    assert not detail.row.redacted and detail.row.title == f"Pungutan liar di {SCHOOL}"
    assert detail.body and SCHOOL in detail.body and detail.reporter_name
    assert detail.tags == ("pungli",)
    assert not any(t.redacted for t in detail.timeline)
    assert {f"Kepala {SCHOOL} belum dapat dihubungi", f"Mohon periksa {SCHOOL}",
            f"{SCHOOL} sudah diperiksa", f"{SCHOOL} dikelola provinsi"} <= set(_texts(detail))
    assert _found(workstation, "Mokoaulu") == [cid]
