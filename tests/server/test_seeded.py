"""The server over the seeded demo region (the lead's ``live_server`` fixture): every role logs
in and pulls; paging is exact; no NIK and no anonymous identity leaves the server."""

from __future__ import annotations

import base64
import random
import zlib
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.server.db import Complaint, Reporter
from tests.server.client import Api, apply_page
from tests.support.live_server import LiveServer

ROLES = ["national_admin", "agency_admin", "liaison_officer"]


def _login(live_server: LiveServer, role: str, password: str) -> Api:
    user = live_server.user(role)
    api = Api(live_server.url + "/api/v1")
    response = api.post("/auth/login", json={"username": user.username, "password": password})
    assert response.status_code == 200, response.text
    api.token = response.json()["token"]
    return api


@pytest.mark.parametrize("role", ROLES)
def test_each_role_pulls_its_scope_exactly(live_server: LiveServer, password: str, role: str) -> None:
    api = _login(live_server, role, password)
    whole, pages = api.pull_all(limit=20000, max_bytes=16 << 20)
    assert len(pages) == 1
    paged, small_pages = api.pull_all(limit=97)
    assert paged["state"] == whole["state"]
    assert len(small_pages) > 1 or len(whole["state"].get("complaint", {})) < 20
    me = api.get("/me").json()
    complaints = whole["state"].get("complaint", {})
    if role == "liaison_officer":
        assert all(c["handling_unit_id"] == me["unit_id"] for c in complaints.values())
    if role == "national_admin":
        with live_server.session() as session:
            assert len(complaints) == session.query(Complaint).count()


def test_no_nik_or_anonymous_identity_on_the_wire(live_server: LiveServer, password: str) -> None:
    api = _login(live_server, "national_admin", password)
    raw = api.get("/sync/pull", params={"limit": 20000, "max_bytes": 16 << 20}).text
    with live_server.session() as session:
        niks = [n for n in session.scalars(select(Reporter.nik)) if n]
        open_reporters = select(Complaint.reporter_id).where(Complaint.anonymous.is_(False))
        hidden: list[Any] = session.execute(  # reporters who only ever reported anonymously
            select(Reporter.name, Reporter.phone, Reporter.email)
            .join(Complaint, Complaint.reporter_id == Reporter.id)
            .where(Complaint.anonymous.is_(True), Reporter.id.not_in(open_reporters))
        ).all()
        named = session.scalars(select(Complaint.id).where(Complaint.anonymous.is_(False))).all()
    assert niks and hidden and named
    for nik in niks:
        assert nik not in raw
    for name, phone, email in hidden:
        for value in (phone, email):
            if value:
                assert value not in raw
    for row in api.pull_all()[0]["state"]["complaint"].values():
        if row["anonymous"]:
            assert row["reporter_name"] is None and row["reporter_contact"] is None


def _with_width(cursor: str, width: int) -> str:
    raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[-1] = width  # the last field (server/cursor.py); the position before it stays
    return base64.urlsafe_b64encode(orjson.dumps(raw)).rstrip(b"=").decode()


@pytest.mark.parametrize("role", ROLES)
def test_random_limits_and_window_hints_never_change_the_result(
    live_server: LiveServer, password: str, role: str
) -> None:
    """Whatever the page size and the window width a cursor suggests, the pages add up to
    the same state (the width is only a hint for where to start looking)."""
    api = _login(live_server, role, password)
    whole = api.pull_all(limit=20000, max_bytes=16 << 20)[0]["state"]
    rng = random.Random(zlib.crc32(role.encode()))
    for _ in range(3):
        limit = rng.randint(5, 400)
        state: dict[str, Any] = {}
        cursor = None
        while True:
            page = api.pull(cursor, limit=limit)
            apply_page(state, page)
            if not page["has_more"]:
                break
            cursor = _with_width(page["cursor"], rng.choice([0, 1, limit, 10**9]))
        assert state == whole, limit
