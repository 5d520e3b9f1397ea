from __future__ import annotations

import copy
from typing import Any

import pytest

from lapor_desk.models.enums import Outcome
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.protocol import (
    COLUMNS,
    parse_health,
    parse_login,
    parse_page,
    parse_push_results,
    parse_upload_state,
    pull_fraction,
)
from tests.sync.wire import columnar, complaint, follow_up, mutate, page, uid, wire_row

C = list(COLUMNS["complaint"]).index


def good_page() -> dict[str, Any]:
    return page("c1", agencies=True, complaints=[complaint("a"), complaint("b")],
                follow_ups=[follow_up("f1", "a")],
                tombstones=[{"entity": "complaint", "id": "z"}, {"entity": "agency", "id": 99}])


def test_parses_a_good_page() -> None:
    parsed = parse_page(good_page())
    assert parsed.cursor == "c1" and not parsed.has_more and not parsed.reset
    assert [r["id"] for r in parsed.changes["complaint"].dicts()] == [uid("a"), uid("b")]
    assert parsed.changes["complaint"].dicts()[0]["handler_unit_ids"] == "[]"
    assert parsed.row_count == 5 + 2 + 1 + 2


def test_unknown_columns_and_entities_are_ignored_missing_optional_become_null() -> None:
    body = good_page()
    block = body["changes"]["complaint"]
    block["columns"].append("sentiment")
    for row in block["rows"]:
        row.append(0.4)
    index = block["columns"].index("village")
    del block["columns"][index]
    for row in block["rows"]:
        del row[index]
    body["changes"]["survey"] = {"columns": ["id"], "rows": [[1]]}
    body["tombstones"].append({"entity": "survey", "id": 3})
    parsed = parse_page(body)
    assert "sentiment" not in parsed.changes["complaint"].dicts()[0]
    assert parsed.changes["complaint"].dicts()[0]["village"] is None
    assert "survey" not in parsed.changes


def _mutate(path: list[Any], value: Any) -> dict[str, Any]:
    return mutate(good_page(), path, value)


HOSTILE = {
    "not an object": ["a list"],
    "schema too new": _mutate(["schema_version"], 4),
    "schema not int": _mutate(["schema_version"], "1"),
    "missing cursor": _mutate(["cursor"], KeyError),
    "null cursor without reset": _mutate(["cursor"], None),
    "huge cursor": _mutate(["cursor"], "x" * 10000),
    "has_more not bool": _mutate(["has_more"], "false"),
    "changes not object": _mutate(["changes"], []),
    "rows not list": _mutate(["changes", "complaint", "rows"], {"a": 1}),
    "row too short": _mutate(["changes", "complaint", "rows", 0], ["a"]),
    "version as text": _mutate(["changes", "complaint", "rows", 0, C("version")], "7"),
    "bool as int": _mutate(["changes", "complaint", "rows", 0, C("misconduct")], 1),
    "required null": _mutate(["changes", "complaint", "rows", 0, C("id")], None),
    "missing required column": _mutate(["changes", "follow_up", "columns", 1], "complaint"),
    "list column as text": _mutate(["changes", "complaint", "rows", 0, C("handler_unit_ids")], "[1]"),
    "giant text": _mutate(["changes", "complaint", "rows", 0, C("title")], "x" * 300_000),
    "tombstone id object": _mutate(["tombstones", 0, "id"], {"x": 1}),
    "agency tombstone text id": _mutate(["tombstones", 1, "id"], "99"),
    "reset with changes": _mutate(["reset"], True),
    "int overflow": _mutate(["changes", "complaint", "rows", 0, C("version")], 2**70),
    "progress not object": _mutate(["progress"], [0, 5, 9]),
    "progress at before from": _mutate(["progress"], {"from": 9, "at": 5, "head": 20}),
    "progress head before at": _mutate(["progress"], {"from": 0, "at": 9, "head": 5}),
    "progress negative": _mutate(["progress"], {"from": -1, "at": 5, "head": 9}),
    "progress as text": _mutate(["progress"], {"from": "0", "at": 5, "head": 9}),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pages_are_refused(name: str) -> None:
    with pytest.raises(ProtocolError) as info:
        parse_page(copy.deepcopy(HOSTILE[name]))
    if name == "schema too new":
        assert info.value.code == "schema_too_new"


def test_progress_is_optional_and_estimates_how_far_a_pull_has_come() -> None:
    assert parse_page(good_page()).progress is None
    body = good_page()
    body["progress"] = {"from": 100, "at": 400, "head": 1100}
    first = parse_page(body).progress
    assert first == (100, 400, 1100)
    assert pull_fraction(first, first) == pytest.approx(0.3)
    assert pull_fraction(first, (400, 1100, 1100)) == 1.0
    assert pull_fraction(first, (400, 700, 1300)) == pytest.approx(0.5)  # the head moved on
    assert pull_fraction(None, first) is None
    assert pull_fraction((7, 7, 7), (7, 7, 7)) == 1.0


def test_reset_page() -> None:
    parsed = parse_page({"schema_version": 1, "cursor": None, "has_more": False, "reset": True,
                         "changes": {}, "tombstones": []})
    assert parsed.reset and parsed.cursor is None


def test_push_results() -> None:
    body = {"results": [
        {"mutation_id": 1, "outcome": "applied", "version": 5, "reason": None, "detail": None,
         "current": None},
        {"mutation_id": 2, "outcome": "rejected", "version": None, "reason": "invalid_transition",
         "detail": "forward from done", "current": None},
        {"mutation_id": 3, "outcome": "conflict", "version": None, "reason": None, "detail": None,
         "current": wire_row("complaint", complaint("a", version=9))},
    ]}
    results = parse_push_results(body, [1, 2, 3])
    assert [r.outcome for r in results] == [Outcome.APPLIED, Outcome.REJECTED, Outcome.CONFLICT]
    assert results[2].current is not None and results[2].current["version"] == 9


@pytest.mark.parametrize("body,sent", [
    ({"results": []}, [1]),
    ({"results": [{"mutation_id": 2, "outcome": "applied"}]}, [1]),
    ({"results": [{"mutation_id": 1, "outcome": "maybe"}]}, [1]),
    ({"results": [{"mutation_id": 1, "outcome": "rejected"}]}, [1]),
    ({"results": [{"mutation_id": 1, "outcome": "applied"}] * 2}, [1]),
    ({"results": [{"mutation_id": 1, "outcome": "conflict", "current": {"id": "a"}}]}, [1]),
    ({"nope": 1}, [1]),
])
def test_bad_push_results_are_refused(body: Any, sent: list[int]) -> None:
    with pytest.raises(ProtocolError):
        parse_push_results(body, sent)


def test_login_health_upload() -> None:
    login = parse_login({"token": "t", "expires_at": None, "user": {
        "id": 3, "username": "sari", "display_name": "Sari", "role": "liaison_officer",
        "unit_id": 11, "scope_root_id": 11}})
    assert login.user.unit_id == 11
    with pytest.raises(ProtocolError):
        parse_login({"token": "t", "user": {"id": 3, "username": "s", "role": "king",
                                            "unit_id": 1, "scope_root_id": 1}})
    assert parse_health({"status": "ok", "schema_version": 1, "instance_id": "i"}).status == "ok"
    with pytest.raises(ProtocolError):
        parse_health({"status": "ok", "schema_version": 5, "instance_id": "i"})
    assert parse_upload_state({"offset": 3, "complete": False}, 10).offset == 3
    with pytest.raises(ProtocolError):
        parse_upload_state({"offset": 11, "complete": False}, 10)


def _event_page(rows: list[list[Any]]) -> dict[str, Any]:
    body = page("c1")
    body["changes"]["event"] = {"columns": list(COLUMNS["event"]), "rows": rows}
    return body


def _event(ident: Any = 7, detail: Any = None) -> list[Any]:
    return [ident, uid("a"), "note", None, None, 5, "Sari", "2026-03-02T02:00:00.000000Z",
            {"note": "x"} if detail is None else detail]


def test_event_ids_and_details_in_cache_spelling() -> None:
    parsed = parse_page(_event_page([_event(7), _event(8, {"to": [1, 2], "n": {"k": 1}})]))
    rows = parsed.changes["event"].dicts()
    assert [r["id"] for r in rows] == [7, 8]  # integer ids reach SQLite's TEXT affinity
    assert rows[0]["detail"] == '{"note":"x"}' and rows[1]["detail"] == '{"to":[1,2],"n":{"k":1}}'


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return {"deep": value}


@pytest.mark.parametrize("row", [
    _event(2**63), _event(-(2**63) - 1), _event(True), _event(1.5), _event("x" * 65),
    _event(7, _nested(12)), _event(7, {"big": "x" * 300_000}), _event(7, "{}"),
    _event(7, {f"k{i}": i for i in range(10_001)}),
], ids=["id too big", "id too small", "id bool", "id float", "id too long", "detail too deep",
        "detail text too long", "detail as text", "detail too large"])
def test_hostile_event_columns_are_refused(row: list[Any]) -> None:
    with pytest.raises(ProtocolError):
        parse_page(_event_page([_event(1), row]))


# --- the columnar layout (schema version 2) ------------------------------------------------------


def test_columnar_page_parses_to_the_same_rows() -> None:
    rows, columns = parse_page(good_page()), parse_page(columnar(good_page()))
    assert columns.schema_version == 2 and columns.tombstones == rows.tombstones
    assert columns.changes.keys() == rows.changes.keys()
    for entity in rows.changes:
        assert columns.changes[entity].dicts() == rows.changes[entity].dicts()
    assert columns.row_count == rows.row_count


def test_columnar_ids_refs_and_missing_columns() -> None:
    body = columnar(good_page())
    assert body["ids"] == [uid("a"), uid("b"), uid("f1")]
    assert body["changes"]["complaint"]["columns"]["id"] == {"ref": [0, 1]}
    assert body["changes"]["follow_up"]["columns"]["id"] == {"ref": [2]}
    assert body["changes"]["follow_up"]["columns"]["complaint_id"] == {"ref": [0]}
    del body["changes"]["complaint"]["columns"]["village"]  # optional: becomes null
    body["changes"]["complaint"]["columns"]["sentiment"] = "anything"  # unknown: ignored
    parsed = parse_page(body)
    assert [r["village"] for r in parsed.changes["complaint"].dicts()] == [None, None]
    assert parsed.changes["follow_up"].dicts()[0]["complaint_id"] == uid("a")


def _mutate_columns(path: list[Any], value: Any) -> dict[str, Any]:
    return mutate(columnar(good_page()), path, value)


_CC = ["changes", "complaint", "columns"]
HOSTILE_COLUMNS = {
    "ids not a list": _mutate_columns(["ids"], {"a": 0}),
    "id not text": _mutate_columns(["ids", 0], 5),
    "id too long": _mutate_columns(["ids", 0], "x" * 65),
    "ids repeated": _mutate_columns(["ids", 1], uid("a")),
    "ref past the ids": _mutate_columns([*_CC, "id", "ref", 1], 7),
    "ref before the ids": _mutate_columns([*_CC, "id", "ref", 0], -1),
    "ref as text": _mutate_columns([*_CC, "id", "ref", 0], "0"),
    "ref as bool": _mutate_columns([*_CC, "id", "ref", 1], True),
    "refs too few": _mutate_columns([*_CC, "id", "ref"], [0]),
    "ref with extra keys": _mutate_columns([*_CC, "id", "extra"], 1),
    "ref for an integer column": _mutate_columns([*_CC, "version"], {"ref": [0, 1]}),
    "required ref null": _mutate_columns([*_CC, "id", "ref", 1], None),
    "column too short": _mutate_columns([*_CC, "title"], ["satu"]),
    "column not a list": _mutate_columns([*_CC, "title"], "satu"),
    "count negative": _mutate_columns(["changes", "complaint", "count"], -1),
    "count not int": _mutate_columns(["changes", "complaint", "count"], "2"),
    "count too big": _mutate_columns(["changes", "complaint", "count"], 10**9),
    "columns not object": _mutate_columns(_CC, [["a"]]),
    "missing required column": _mutate_columns([*_CC, "status"], KeyError),
    "wrong type in a column": _mutate_columns([*_CC, "misconduct", 0], 1),
    "reset with changes": _mutate_columns(["reset"], True),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_COLUMNS))
def test_hostile_columnar_pages_are_refused(name: str) -> None:
    with pytest.raises(ProtocolError):
        parse_page(copy.deepcopy(HOSTILE_COLUMNS[name]))
