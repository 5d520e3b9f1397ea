"""The packed page layout (schema version 3): the server's forms read back exactly by the desktop,
and malformed or hostile packed pages refused with a protocol error (nothing half-read)."""

from __future__ import annotations

import copy
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from lapor_desk.models.ids import uuid7
from lapor_desk.server import packing
from lapor_desk.server.pull_layouts import packed_body
from lapor_desk.sync import packed
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.protocol import COLUMNS, parse_page
from tests.sync.wire import complaint, follow_up, mutate, page

T = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _rows_page() -> dict[str, Any]:
    """Ten complaints and twelve follow-ups with UUIDv7 ids made at their records' times."""
    rng = random.Random(7)
    complaints, follow_ups = [], []
    for n in range(10):
        made = T + timedelta(hours=n, seconds=rng.randrange(3600))
        cid = uuid7(int(made.timestamp() * 1000) + rng.randrange(1000))
        complaints.append(complaint(
            cid, created_at=iso(made), status=rng.choice(["unverified", "forwarded"]),
            tracking_number=4000000 + 7 * n, tags=["jalan"] if n % 2 else [],
            forwarded_at=None if n % 3 else iso(made + timedelta(days=1, microseconds=n))))
    for n in range(12):
        at = T + timedelta(days=2, minutes=17 * n)
        fid = uuid7(int(at.timestamp() * 1000) + 250)
        follow_ups.append(follow_up(fid, complaints[n % 10]["id"], at=iso(at),
                                    author_name=["Sari", "Rudi"][n % 2]))
    return page("c9", complaints=complaints, follow_ups=follow_ups)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(text: str | None) -> int | None:
    if text is None:
        return None
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return (moment - EPOCH) // timedelta(microseconds=1)


def _packed(body: dict[str, Any]) -> dict[str, Any]:
    """The same page as the reference server writes it in the packed layout (its rows as the
    database gives them for that layout: times as microseconds since 1970)."""
    changes = {}
    for entity, block in body["changes"].items():
        times = [at for at, name in enumerate(block["columns"])
                 if name in packing.TIME_COLUMNS[entity]]
        rows = []
        for row in block["rows"]:
            row = list(row)
            for at in times:
                row[at] = micros(row[at])
            rows.append(orjson.dumps(row))
        changes[entity] = rows
    raw = packed_body(body["cursor"], body["has_more"], T, changes, [])
    return dict(orjson.loads(raw))


def test_packed_page_reads_as_the_same_rows() -> None:
    rows = _rows_page()
    body = _packed(rows)
    assert body["schema_version"] == 3
    columns = body["changes"]["complaint"]["columns"]
    assert columns["created_at"]["time"] == "s"
    assert columns["forwarded_at"]["time"] == "us"  # microseconds kept
    assert set(columns["status"]) == {"dict", "idx"}
    assert set(columns["tracking_number"]) == {"delta"}
    assert body["ids"]["timed"] == [["complaint", 10], ["follow_up", 12]]
    assert all(-1000 < ms <= 1000 for ms in body["ids"]["ms"])  # near their records' times
    a, b = parse_page(rows), parse_page(body)
    assert b.schema_version == 3 and a.changes.keys() == b.changes.keys()
    for entity in a.changes:
        assert b.changes[entity].dicts() == a.changes[entity].dicts()


def test_ids_that_are_not_uuids_go_as_a_list_and_a_desktop_refuses_them() -> None:
    rows = page("c1", complaints=[complaint(f"K-{n}") for n in range(9)])
    for n, row in enumerate(rows["changes"]["complaint"]["rows"]):
        row[list(COLUMNS["complaint"]).index("id")] = f"K-{n}"  # as an old server may hold
    body = _packed(rows)
    assert body["ids"] == [f"K-{n}" for n in range(9)]
    for layout in (body, rows):  # never a record id of another shape (models/shapes.py)
        with pytest.raises(ProtocolError):
            parse_page(layout)


def test_uppercase_or_misplaced_dashes_are_not_split() -> None:
    good = uuid7()
    assert packing._uuid_parts([good]) is not None
    assert packing._uuid_parts([good.upper()]) is None
    assert packing._uuid_parts([good[:7] + "-" + good[7] + good[9:]]) is None
    assert packing._uuid_parts([good.replace("-", "")]) is None


def test_forms_round_trip_whatever_the_values() -> None:
    rng = random.Random(2026)
    for _ in range(200):
        count = rng.randrange(1, 60)
        whole = rng.random() < 0.5  # whole seconds go as "s"
        numbers = [None if rng.random() < 0.2 else
                   rng.randrange(-10**15, 10**17) // (10**6 if whole else 1) * (10**6 if whole else 1)
                   for _ in range(count)]
        texts = [None if v is None else iso(EPOCH + timedelta(microseconds=v)) for v in numbers]
        column = packing.time_column(numbers)
        if whole and any(v is not None for v in numbers):
            assert column["time"] == "s"
        assert packed.decode_column(column, count, "t") == texts
        assert [micros(t) for t in texts] == numbers
        ints = tuple(None if rng.random() < 0.1 else rng.randrange(-10**9, 10**12)
                     for _ in range(count))
        if any(v is not None for v in ints):
            form = packing.int_column(ints)
            back = form if isinstance(form, list) else packed.decode_column(form, count, "i")
            assert back == list(ints)
        words = tuple(rng.choice([None, "a", "b", {"x": 1}, [1, 2]]) for _ in range(count))
        form = packing.dict_column(words)
        back = form if isinstance(form, list) else packed.decode_column(
            orjson.loads(orjson.dumps(form)), count, "d")
        assert back == list(words)


def test_microseconds_and_times_before_1970_are_written_back_exactly() -> None:
    values = [-1, 0, 999_999, 1_772_416_800_000_001, -62_135_596_800_000_000]
    texts = packed.time_texts(values, 1_000_000)
    assert texts == ["1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00.000000Z",
                     "1970-01-01T00:00:00.999999Z", "2026-03-02T02:00:00.000001Z",
                     "0001-01-01T00:00:00.000000Z"]


def _mutated(path: list[Any], value: Any) -> dict[str, Any]:
    return mutate(_packed(_rows_page()), path, value)


_CC = ["changes", "complaint", "columns"]
_REST = "ab" * 10
HOSTILE = {
    "time unit unknown": lambda: _mutated([*_CC, "created_at", "time"], "ms"),
    "time delta short": lambda: _mutated([*_CC, "created_at", "delta"], [0]),
    "time delta text": lambda: _mutated([*_CC, "created_at", "delta", 0], "1"),
    "time delta float": lambda: _mutated([*_CC, "created_at", "delta", 0], 1.5),
    "time far future": lambda: _mutated([*_CC, "updated_at"], {"time": "s", "delta": [10**12] * 10}),
    "time before year 1": lambda: _mutated([*_CC, "updated_at"],
                                          {"time": "s", "delta": [-10**11] * 10}),
    "time with extra key": lambda: _mutated([*_CC, "created_at", "x"], 1),
    "required time null": lambda: _mutated([*_CC, "created_at", "delta", 0], None),
    "dict index past": lambda: _mutated([*_CC, "status", "idx", 0], 99),
    "dict index negative": lambda: _mutated([*_CC, "status", "idx", 0], -1),
    "dict index bool": lambda: _mutated([*_CC, "status", "idx", 0], True),
    "dict too few indexes": lambda: _mutated([*_CC, "status", "idx"], [0]),
    "dict not a list": lambda: _mutated([*_CC, "status", "dict"], "unverified"),
    "dict bigger than the rows": lambda: _mutated([*_CC, "status", "dict"], ["a"] * 11),
    "dict value of the wrong type": lambda: _mutated([*_CC, "status", "dict", 0], 5),
    "delta on a text column": lambda: _mutated([*_CC, "title"], {"delta": [1] * 10}),
    "delta wrong length": lambda: _mutated([*_CC, "tracking_number", "delta"], [1]),
    "unknown form": lambda: _mutated([*_CC, "title"], {"zip": "..."}),
    "ids without rest": lambda: _mutated(["ids", "rest"], KeyError),
    "ids rest short": lambda: _mutated(["ids", "rest"], "ab"),
    "ids rest not hex": lambda: _mutated(
        ["ids", "rest"], "zz" + _packed(_rows_page())["ids"]["rest"][2:]),
    "ids rest uppercase": lambda: _mutated(
        ["ids", "rest"], _packed(_rows_page())["ids"]["rest"].upper()),
    "ids ms text": lambda: _mutated(["ids", "ms", 0], "5"),
    "ids ms too big": lambda: _mutated(["ids", "ms", 12], 1 << 48),
    "ids ms negative": lambda: _mutated(["ids", "ms", 12], -(1 << 50)),
    "ids repeated": lambda: _mutated(["ids"], {"ms": [5, 0], "rest": _REST * 2, "timed": []}),
    "timed unknown entity": lambda: _mutated(["ids", "timed", 0, 0], "event"),
    "timed twice": lambda: _mutated(["ids", "timed", 1], ["complaint", 10]),
    "timed more rows than sent": lambda: _mutated(["ids", "timed", 0, 1], 11),
    "timed more ids than sent": lambda: _mutated(["ids"], {"ms": [0], "rest": _REST,
                                                           "timed": [["complaint", 10]]}),
    "timed count negative": lambda: _mutated(["ids", "timed", 0, 1], -1),
    "timed not pairs": lambda: _mutated(["ids", "timed"], [["complaint"]]),
    "timed entity absent": lambda: _mutated(["changes", "complaint"], KeyError),
    "timed time column garbage": lambda: _mutated([*_CC, "created_at"], ["kemarin"] * 10),
    "ids extra key": lambda: _mutated(["ids", "zip"], 1),
    "ref past the ids": lambda: _mutated([*_CC, "id", "ref", 1], 10**6),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_packed_pages_are_refused(name: str) -> None:
    body = HOSTILE[name]()
    before = copy.deepcopy(body)
    with pytest.raises(ProtocolError):
        parse_page(body)
    assert body == before  # reading never changes what was received


def test_packed_forms_are_refused_in_an_older_schema_version() -> None:
    body = _packed(_rows_page())
    body["schema_version"] = 2
    with pytest.raises(ProtocolError):
        parse_page(body)


def test_a_timed_column_sent_plainly_is_still_read() -> None:
    """A server may send the time column of a timed entity as plain texts."""
    rows = _rows_page()
    body = _packed(rows)
    times = [r[list(COLUMNS["complaint"]).index("created_at")]
             for r in rows["changes"]["complaint"]["rows"]]
    body["changes"]["complaint"]["columns"]["created_at"] = times
    assert parse_page(body).changes["complaint"].dicts() == \
        parse_page(rows).changes["complaint"].dicts()
