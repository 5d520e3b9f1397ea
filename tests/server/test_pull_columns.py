"""The columnar page layout (schema version 2, ``layout=columns``) and the packed one built on it
(version 3, ``layout=packed``): the same pages as the row layout, cut at the same places, every
record id once in the page's ``ids``; and the desktop's parser reads every layout into the same
rows."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lapor_desk.server.database import transaction
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.sync.protocol import parse_page
from tests.server.builder import new_id
from tests.server.client import Api, WorldServer


def running(deltas: list[Any]) -> list[Any]:
    out, at = [], 0
    for delta in deltas:
        if delta is None:
            out.append(None)
        else:
            at += delta
            out.append(at)
    return out


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Each entity's time column its own ids' milliseconds count from (docs/sync-protocol.md).
TIMED = {"complaint": "created_at", "disposition": "at", "follow_up": "at",
         "attachment": "created_at"}


def plain(column: Any, ids: list[str]) -> list[Any]:
    """One column of a columnar or packed page as plain values (written for the test)."""
    if isinstance(column, list):
        return column
    if "ref" in column:
        return [None if at is None else ids[at] for at in running(column["ref"])]
    if "dict" in column:
        return [column["dict"][i] for i in column["idx"]]
    if "time" in column:
        unit = timedelta(seconds=1) if column["time"] == "s" else timedelta(microseconds=1)
        return [None if n is None else
                (EPOCH + n * unit).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                for n in running(column["delta"])]
    assert set(column) == {"delta"}
    return running(column["delta"])


def id_texts(page: dict[str, Any]) -> list[str]:
    """The page's ids; a packed table rebuilt as UUID texts (written for the test)."""
    table = page["ids"]
    if isinstance(table, list):
        return table
    numbers: list[int] = []
    for entity, count in table["timed"]:
        times = plain(page["changes"][entity]["columns"][TIMED[entity]], [])[:count]
        for time, offset in zip(times, table["ms"][len(numbers):], strict=False):
            base = (datetime.strptime(time, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
                    - EPOCH) // timedelta(milliseconds=1)
            numbers.append(base + offset)
    numbers += running(table["ms"][len(numbers):])
    out = []
    for i, number in enumerate(numbers):
        hexa = f"{number:012x}" + table["rest"][20 * i:20 * i + 20]
        out.append(f"{hexa[:8]}-{hexa[8:12]}-{hexa[12:16]}-{hexa[16:20]}-{hexa[20:]}")
    return out


def decode(page: dict[str, Any]) -> dict[str, Any]:
    """A columnar or packed page written back as the row layout (independently of the
    desktop's code)."""
    ids = id_texts(page)
    changes = {}
    for entity, block in page["changes"].items():
        columns: dict[str, list[Any]] = {}
        for name, column in block["columns"].items():
            column = plain(column, ids)
            assert len(column) == block["count"]
            columns[name] = column
        names = list(columns)
        changes[entity] = {"columns": names,
                           "rows": [list(row) for row in zip(*(columns[n] for n in names))]}
    return {**without_version(page), "changes": changes}


def without_version(page: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in page.items()
            if k not in ("ids", "changes", "schema_version", "server_time")}


def both_layouts(api: Api, cursor: str | None = None, layout: str = "columns", **params: Any
                 ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Follow a pull in the row layout and in ``layout``, page by page from the same cursors."""
    pairs = []
    while True:
        rows = api.pull(cursor, **params)
        columns = api.pull(cursor, layout=layout, **params)
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


@pytest.mark.parametrize("layout", ["columns", "packed"])
@pytest.mark.parametrize("username", ["nasional", "admin_prov", "admin_kab", "lo_prov_works"])
def test_columns_carry_the_same_pages_as_rows(server: WorldServer, username: str,
                                              layout: str) -> None:
    api = server.login(username)
    first = both_layouts(api, limit=7, layout=layout)
    _busy(server)
    later = both_layouts(api, first[-1][0]["cursor"], limit=5, layout=layout)
    whole = both_layouts(api, limit=20000, layout=layout)
    seen: set[str] = set()
    for rows, columns in first + later + whole:
        assert rows["schema_version"] == 1
        assert columns["schema_version"] == {"columns": 2, "packed": 3}[layout]
        assert decode(columns) == {**without_version(rows), "changes": rows["changes"]}
        assert len(id_texts(columns)) == len(set(id_texts(columns)))
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


def test_packed_page_uses_the_compact_forms(shared_server: WorldServer) -> None:
    """The packed layout is only worth its code if the forms are chosen: times as numbers,
    repeated texts as a dictionary, UUIDs split with the page's own ids timed by their rows."""
    page = shared_server.login("nasional").pull(limit=20000, layout="packed")
    assert page["schema_version"] == 3
    complaint = page["changes"]["complaint"]["columns"]
    assert complaint["created_at"]["time"] == "s" and "delta" in complaint["created_at"]
    assert set(complaint["id"]) == {"ref"}
    counts = {entity: block["count"] for entity, block in page["changes"].items()}
    # repeated texts of any entity with enough rows (the hand-made world is small)
    repeated = [(entity, name) for entity, count in counts.items() if count >= 8
                for name in ("kind", "status", "level")
                if name in page["changes"][entity]["columns"]]
    assert repeated, counts
    for entity, name in repeated:
        assert set(page["changes"][entity]["columns"][name]) == {"dict", "idx"}, (entity, name)
    table = page["ids"]
    assert set(table) == {"ms", "rest", "timed"}
    assert table["timed"][0] == ["complaint", page["changes"]["complaint"]["count"]]
    assert len(table["rest"]) == 20 * len(table["ms"])
    # the page's own ids come first and are all there, each once
    texts = id_texts(page)
    rows = decode(page)["changes"]
    own = [row[0] for entity, _ in table["timed"] for row in rows[entity]["rows"]]
    assert texts[:len(own)] == own and len(set(texts)) == len(texts)
    if page["changes"].get("event", {}).get("count", 0) >= 8:
        assert "delta" in page["changes"]["event"]["columns"]["id"]
