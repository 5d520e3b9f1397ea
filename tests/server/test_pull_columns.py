"""The columnar page layout (schema version 2, ``layout=columns``): the same pages as the row
layout, cut at the same places, every record id once in the page's ``ids``; and the desktop's
parser reads both layouts into the same rows."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from lapor_desk.server.database import transaction
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.sync.protocol import parse_page
from tests.server.builder import new_id
from tests.server.client import Api, WorldServer


def decode(page: dict[str, Any]) -> dict[str, Any]:
    """A columnar page written back as the row layout (independently of the desktop's code)."""
    ids = page["ids"]
    changes = {}
    for entity, block in page["changes"].items():
        columns: dict[str, list[Any]] = {}
        for name, column in block["columns"].items():
            if isinstance(column, dict):
                values: list[Any] = []
                at = 0
                for ref in column["ref"]:
                    if ref is None:
                        values.append(None)
                    else:
                        at += ref
                        values.append(ids[at])
                column = values
            assert len(column) == block["count"]
            columns[name] = column
        names = list(columns)
        changes[entity] = {"columns": names,
                           "rows": [list(row) for row in zip(*(columns[n] for n in names))]}
    return {**without_version(page), "changes": changes}


def without_version(page: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in page.items()
            if k not in ("ids", "changes", "schema_version", "server_time")}


def both_layouts(api: Api, cursor: str | None = None, **params: Any
                 ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Follow a pull in both layouts, page by page from the same cursors."""
    pairs = []
    while True:
        rows = api.pull(cursor, **params)
        columns = api.pull(cursor, layout="columns", **params)
        pairs.append((rows, columns))
        if not rows["has_more"]:
            return pairs
        cursor = rows["cursor"]


def _busy(server: WorldServer) -> None:
    """Follow-ups, notes, a forward, a link and a deletion on top of the hand-made world."""
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    note = admin.do("internal_note", cid, None, follow_up_id=new_id(), body="cek lapangan")
    forward = admin.do("forward", cid, note["version"], to_id=server.unit("prov_works"),
                       note="mohon ditindaklanjuti", disposition_id=new_id())
    assert forward["outcome"] == "applied"
    works = server.login("lo_prov_works")
    sha = works.upload(b"%PDF-1.4 surat tanggapan")
    reply = works.do("follow_up", cid, None, follow_up_id=new_id(), body="Sudah diperbaiki.",
                     attachments=[{"id": new_id(), "sha256": sha, "size": 24,
                                   "mime_type": "application/pdf", "filename": "surat.pdf"}])
    assert reply["outcome"] == "applied"
    assert admin.do("link_duplicate", cid, None, other_id=server.cid("prov_anon"))["outcome"] \
        == "applied"
    with transaction(server.live.engine) as session:
        complaint_services.delete_complaint(session, server.cid("prov_secret"))


@pytest.mark.parametrize("username", ["nasional", "admin_prov", "admin_kab", "lo_prov_works"])
def test_columns_carry_the_same_pages_as_rows(server: WorldServer, username: str) -> None:
    api = server.login(username)
    first = both_layouts(api, limit=7)
    _busy(server)
    later = both_layouts(api, first[-1][0]["cursor"], limit=5)
    whole = both_layouts(api, limit=20000)
    seen: set[str] = set()
    for rows, columns in first + later + whole:
        assert rows["schema_version"] == 1 and columns["schema_version"] == 2
        assert decode(columns) == {**without_version(rows), "changes": rows["changes"]}
        assert len(columns["ids"]) == len(set(columns["ids"]))
        seen.update(rows["changes"])
        # the desktop reads both into the same rows
        a, b = parse_page(rows), parse_page(columns)
        assert a.changes.keys() == b.changes.keys() and a.tombstones == b.tombstones
        for entity in a.changes:
            assert [tuple(r) for r in a.changes[entity].rows] == \
                [tuple(r) for r in b.changes[entity].rows]
    assert {"agency", "complaint", "event"} <= seen
    # progress: the pages of a pull follow on from one another and end at the server's head
    for pull in (first, later):
        marks = [rows["progress"] for rows, _ in pull]
        assert marks[0]["from"] == 0 if pull is first else marks[0]["from"] > 0
        assert all(b["from"] == a["at"] for a, b in itertools.pairwise(marks))
        assert all(m["from"] <= m["at"] <= m["head"] for m in marks)
        assert marks[-1]["at"] == marks[-1]["head"]
    if username in ("nasional", "admin_prov"):
        assert {"follow_up", "disposition", "attachment"} <= seen
        assert any(r["tombstones"] for r, _ in later)


def test_each_id_is_sent_once_per_page(shared_server: WorldServer) -> None:
    page = shared_server.login("nasional").pull(limit=20000, layout="columns")
    rows = decode(page)["changes"]
    texts = [row[0] for entity in ("complaint", "disposition", "follow_up", "attachment")
             for row in rows.get(entity, {"rows": []})["rows"]]
    texts += [row[1] for entity in ("disposition", "follow_up", "attachment", "event")
              for row in rows.get(entity, {"rows": []})["rows"]]
    assert set(page["ids"]) == set(texts) and len(page["ids"]) == len(set(texts))


def test_unknown_layout_is_refused(shared_server: WorldServer) -> None:
    api = shared_server.login("nasional")
    response = api.get("/sync/pull", params={"layout": "sideways"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    page = api.pull(None, layout="columns")
    assert page["schema_version"] == 2 and isinstance(page["ids"], list) and page["ids"]
