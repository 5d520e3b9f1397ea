"""Pull: exact paging, tombstones for scope exits and deletions, resets, cheap no-change pulls."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Complaint, ComplaintEvent, ScopeExit
from lapor_desk.server.responses import SUPPORTED_CODINGS, accepted_codings, choose_coding
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services.users import move_user
from tests.server.builder import NOW, complaint_payload, new_id
from tests.server.client import Api, WorldServer, apply_page


def _add_complaints(server: WorldServer, count: int, agency: str = "prov") -> list[str]:
    engine = make_engine(server.live.database_url)
    ids = []
    try:
        for index in range(count):
            with transaction(engine) as session:
                payload = complaint_payload(f"Laporan massal nomor {index}",
                                            body="Kronologi panjang. " * 60,
                                            confidential=index % 5 == 0, anonymous=index % 3 == 0)
                ids.append(complaint_services.submit_complaint(
                    session, payload, server.unit(agency), now=NOW + timedelta(seconds=index)).id)
    finally:
        engine.dispose()
    return ids


def _seq(cursor: str) -> int:
    return int(orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[4])


def test_paging_is_exact_by_rows_and_by_bytes(server: WorldServer) -> None:
    ids = _add_complaints(server, 120)
    admin = server.login("admin_prov")
    for cid in ids[:30]:
        admin.do("internal_note", cid, None, follow_up_id=new_id(), body="dicek " * 50)
    whole, pages = admin.pull_all(limit=20000, max_bytes=16 << 20)
    assert len(pages) == 1 and not pages[0]["has_more"]
    by_rows, row_pages = admin.pull_all(limit=7)
    assert by_rows["state"] == whole["state"]
    assert all(sum(len(b["rows"]) for b in p["changes"].values()) + len(p["tombstones"]) <= 7
               for p in row_pages)
    assert [p["has_more"] for p in row_pages] == [True] * (len(row_pages) - 1) + [False]
    by_bytes, byte_pages = admin.pull_all(max_bytes=64 << 10)
    assert by_bytes["state"] == whole["state"] and len(byte_pages) > 3
    for page in byte_pages[:-1]:
        rows = [orjson.dumps(r) for b in page["changes"].values() for r in b["rows"]]
        sizes = [len(r) + 1 for r in rows]
        # Only the page's last row (in seq order) may cross the budget.
        assert sum(sizes) - max(sizes) < 64 << 10 <= sum(sizes) + 4096
    assert _seq(by_rows["cursor"]) == _seq(by_bytes["cursor"]) == _seq(whole["cursor"])


def test_resuming_between_writes_never_skips(server: WorldServer) -> None:
    _add_complaints(server, 20)
    admin, liaison = server.login("admin_prov"), server.login("lo_prov_works")
    state: dict = {}
    cursor = None
    targets = list(server.world.complaints.values())
    for step in range(40):
        page = admin.pull(cursor, limit=3)
        apply_page(state, page)
        cursor = page["cursor"]
        if step < len(targets):  # a write lands between two pages
            admin.do("internal_note", targets[step], None, follow_up_id=new_id(), body=f"n{step}")
        if step == 3:
            liaison.do("follow_up", server.cid("prov_plain"), None, follow_up_id=new_id(), body="x")
        if step == 2:
            admin.do("forward", server.cid("prov_plain"), 1, to_id=server.unit("prov_works"),
                     disposition_id=new_id())
    while True:
        page = admin.pull(cursor, limit=3)
        apply_page(state, page)
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert state == server.login("admin_prov").pull_all()[0]["state"]


def test_scope_exit_sends_tombstone_only_to_those_who_lost_it(server: WorldServer) -> None:
    admin, liaison, other = (server.login(u) for u in ("admin_prov", "lo_prov_health", "lo_prov_works"))
    cid = server.cid("prov_secret")
    admin.do("forward", cid, 1, to_id=server.unit("prov_health"), disposition_id=new_id())
    liaison_view, _ = liaison.pull_all()
    assert cid in liaison_view["state"]["complaint"]
    assert liaison_view["state"]["disposition"] and liaison_view["state"]["event"]
    admin_view, _ = admin.pull_all()
    other_view, _ = other.pull_all()
    # The liaison says it is not their unit's authority: it goes back up to the province.
    result = liaison.do("not_our_authority", cid, 2, reason="bukan kewenangan kami",
                        disposition_id=new_id())
    assert result["outcome"] == "applied"
    page = liaison.pull(liaison_view["cursor"])
    assert page["tombstones"] == [{"entity": "complaint", "id": cid}] and not page["changes"]
    admin_page = admin.pull(admin_view["cursor"])
    assert admin_page["tombstones"] == []
    assert cid in {r[0] for r in admin_page["changes"]["complaint"]["rows"]}
    assert other.pull(other_view["cursor"])["tombstones"] == []
    with server.live.session() as session:
        assert session.scalars(select(ScopeExit.complaint_id)).all() == [cid, cid]


def test_entering_scope_resends_the_complaint_and_its_history(server: WorldServer) -> None:
    admin, liaison = server.login("admin_prov"), server.login("lo_prov_works")
    cid = server.cid("prov_plain")
    admin.do("internal_note", cid, None, follow_up_id=new_id(), body="catatan sebelum disposisi")
    start, _ = liaison.pull_all()
    assert cid not in start["state"].get("complaint", {})
    admin.do("forward", cid, 1, to_id=server.unit("prov_works"), disposition_id=new_id())
    after, _ = liaison.pull_all(start["cursor"])
    state = after["state"]
    assert cid in state["complaint"]
    assert [f["body"] for f in state["follow_up"].values()] == ["catatan sebelum disposisi"]
    # The note's event is told by its follow-up row and stays on the server (see below).
    assert {e["kind"] for e in state["event"].values()} == {"submitted", "forward"}
    names = {d["actor_name"] for d in state["disposition"].values()}
    assert names == {"Admin_Prov"}


def test_events_told_by_another_row_stay_on_the_server(server: WorldServer) -> None:
    """The pull sends status changes and actions that wrote no other row; an action that wrote a
    follow-up or a disposition without changing the status is told by that row alone."""
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    before, _ = admin.pull_all()
    note = admin.do("internal_note", cid, None, follow_up_id=new_id(), body="cek lapangan")
    assert note["outcome"] == "applied"
    forward = admin.do("forward", cid, note["version"], to_id=server.unit("prov_works"),
                       disposition_id=new_id())
    assert forward["outcome"] == "applied"
    other = server.cid("prov_anon")
    link = admin.do("link_duplicate", cid, None, other_id=other)
    assert link["outcome"] == "applied"
    after, _ = admin.pull_all(before["cursor"])
    sent = {(e["kind"], e["from_status"], e["to_status"]) for e in after["state"]["event"].values()}
    # (the forward moved the complaint, so its earlier history is re-sent too)
    assert {kind for kind, _, _ in sent} == {"submitted", "forward", "link_duplicate"}
    assert any(kind == "forward" and old != new for kind, old, new in sent)
    with server.live.session() as session:
        kinds = set(session.scalars(select(ComplaintEvent.kind).where(
            ComplaintEvent.complaint_id == cid)))
    assert {"internal_note", "forward", "link_duplicate"} <= kinds  # the audit trail is whole
    assert len(after["state"]["follow_up"]) == 1 and len(after["state"]["disposition"]) == 1


def test_deletion_tombstones(server: WorldServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="lapor_desk.server")
    admin, national, other = (server.login(u) for u in ("admin_prov", "nasional", "admin_menkes"))
    views = [api.pull_all()[0] for api in (admin, national, other)]
    cid = server.cid("prov_anon")
    with transaction(server.live.engine) as session:
        complaint_services.delete_complaint(session, cid)
    purged = [r.getMessage() for r in caplog.records
              if r.getMessage().startswith("event=complaint_purged ")]
    assert len(purged) == 1 and f"complaint={cid}" in purged[0]  # the purge is on record
    for api, view, expected in ((admin, views[0], [cid]), (national, views[1], [cid]),
                                (other, views[2], [])):
        page = api.pull(view["cursor"])
        assert [t["id"] for t in page["tombstones"]] == expected
    fresh = server.login("admin_prov").pull_all()[0]["state"]
    assert cid not in fresh["complaint"]
    with server.live.session() as session:
        assert session.get(Complaint, cid) is None


def test_moving_a_user_resets_their_cursor(server: WorldServer) -> None:
    liaison = server.login("lo_prov_works")
    view, _ = liaison.pull_all()
    with transaction(server.live.engine) as session:
        move_user(session, "lo_prov_works", server.unit("prov_health"))
    page = liaison.pull(view["cursor"])
    assert page["reset"] is True and page["cursor"] is None and page["changes"] == {}
    assert liaison.get("/me").json()["unit_id"] == server.unit("prov_health")
    # Another user's cursor and another instance's cursor reset too.
    assert server.login("lo_prov_health").pull(view["cursor"])["reset"] is True
    cursor = view["cursor"]
    raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[1] = "00000000-0000-0000-0000-000000000000"
    foreign = base64.urlsafe_b64encode(orjson.dumps(raw)).rstrip(b"=").decode()
    assert liaison.pull(foreign)["reset"] is True


def test_no_change_pull_is_small(server: WorldServer) -> None:
    """A pull with nothing new is a small answer that keeps the cursor. How fast it is is
    measured by bench/server_bench.py and bench/pull_bench.py, not timed here (a loaded test
    machine made a 50 ms limit fail now and then)."""
    api = server.login("admin_prov")
    view, _ = api.pull_all()
    response = api.get("/sync/pull", params={"cursor": view["cursor"]})
    assert response.status_code == 200 and len(response.content) < 2048
    body = response.json()
    assert body["changes"] == {} and body["tombstones"] == [] and body["cursor"] == view["cursor"]


def test_bad_cursors_and_parameters(shared_server: WorldServer) -> None:
    api: Api = shared_server.login("nasional")
    for cursor in ("garbage", "W10", "%%%", "x" * 5000, base64.urlsafe_b64encode(b'[1,"a",1,1,-5]').decode()):
        response = api.get("/sync/pull", params={"cursor": cursor})
        assert response.status_code == 400 and response.json()["error"]["code"] == "cursor_invalid"
    for params in ({"limit": 0}, {"limit": 10**12}, {"limit": "many"}, {"max_bytes": 10}):
        response = api.get("/sync/pull", params=params)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    gz = api.http.get(api.base + "/sync/pull", headers={**api.headers, "Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gz.json()["schema_version"] == 1
    plain = api.http.get(api.base + "/sync/pull",
                         headers={**api.headers, "Accept-Encoding": "zstd;q=0, identity"})
    assert "Content-Encoding" not in plain.headers and plain.json()["schema_version"] == 1


@pytest.mark.skipif("zstd" not in SUPPORTED_CODINGS, reason="no Zstandard codec installed")
def test_zstd_when_the_client_accepts_it(shared_server: WorldServer) -> None:
    api: Api = shared_server.login("nasional")
    both = api.http.get(api.base + "/sync/pull",
                        headers={**api.headers, "Accept-Encoding": "gzip, zstd"})
    assert both.headers["Content-Encoding"] == "zstd" and both.json()["schema_version"] == 1
    assert both.headers["Vary"] == "Accept-Encoding"


def test_accept_encoding_parsing() -> None:
    assert accepted_codings("gzip, deflate, zstd") == {"gzip", "deflate", "zstd"}
    assert accepted_codings("zstd;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_codings("ZSTD ; q=1.0,  br") == {"zstd", "br"}
    assert accepted_codings("gzip;q=nonsense") == set()
    assert choose_coding("identity") is None
    assert choose_coding("gzip") == "gzip"
