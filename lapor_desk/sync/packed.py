"""Reading the packed page layout (schema version 3, ``docs/sync-protocol.md``).

The packed layout is the columnar one (:mod:`lapor_desk.sync.columnar`) with more forms for a
column and for the page's id table. Here each is turned back into the plain values the columnar
layout would have carried, checked on the way (types, lengths, ranges); the values then go
through the same column checks as every layout. Anything malformed raises ``ProtocolError``.

- ``{"dict": [values], "idx": [n indexes]}``: row ``i`` holds ``dict[idx[i]]``;
- ``{"delta": [n]}``: integers, each the difference to the previous non-null one (nulls stay);
- ``{"time": "s" | "us", "delta": [n]}``: timestamps as seconds (microseconds) since
  1970-01-01 UTC, delta-coded the same way, written back as ``2026-11-23T04:05:06.000000Z``;
- ids ``{"ms": [...], "rest": "hex", "timed": [[entity, n], ...]}``: id ``i`` is the UUID whose
  first 48 bits are its milliseconds and whose other 80 bits are ``rest[20i:20i+20]``. The first
  ``n`` ids of each timed entity (in order, from the table's start) are that entity's first ``n``
  rows' own ids and their milliseconds are counted from the row's time column (``TIMED``); the
  remaining ids' milliseconds are delta-coded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from operator import add
from typing import Any

from lapor_desk.models import wire
from lapor_desk.sync.rows import MAX_ID, expect_object, invalid

#: Each entity's time column that its own ids' milliseconds are counted from.
TIMED = wire.TIMED
_NONE = type(None)
_HEX = "0123456789abcdef"
_EPOCH = date(1970, 1, 1).toordinal()
#: Seconds since 1970 of 0001-01-01 and of 9999-12-31 23:59:59: what ``date`` can spell.
_MIN_S = (1 - _EPOCH) * 86400
_MAX_S = (date(9999, 12, 31).toordinal() - _EPOCH) * 86400 + 86399
_MAX_MS = 1 << 48
_EPOCH_TIME = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _ints(values: Any, count: int, what: str, nullable: bool = True) -> list[Any]:
    if not isinstance(values, list) or len(values) != count:
        raise invalid(f"{what} must have one value per row")
    allowed = {int, _NONE} if nullable else {int}
    if not set(map(type, values)) <= allowed:
        raise invalid(f"{what} must hold whole numbers")
    return values


def undelta(deltas: list[Any]) -> list[Any]:
    """Running sums over the non-null values (nulls stay null)."""
    if None not in deltas:
        return list(accumulate(deltas))
    out: list[Any] = []
    previous = 0
    for delta in deltas:
        if delta is None:
            out.append(None)
        else:
            previous += delta
            out.append(previous)
    return out


#: ``MM:SS`` of each second of an hour, and the same with whole-second ending.
_MINUTES_SECONDS = [f"{m:02d}:{s:02d}" for m in range(60) for s in range(60)]
_MINUTES_SECONDS_WHOLE = [f"{text}.000000Z" for text in _MINUTES_SECONDS]


class _Hours:
    """``YYYY-MM-DDTHH:`` of an hour since 1970, remembered across pages (a year of hours is
    under 9,000 texts; the memory is dropped if it ever passes ``LIMIT``)."""

    LIMIT = 100_000

    def __init__(self) -> None:
        self.known: dict[int, str] = {}
        self.days: dict[int, str] = {}

    def __call__(self, hour: int) -> str:
        if len(self.known) >= self.LIMIT:
            self.known.clear()
            self.days.clear()
        days, hours = divmod(hour, 24)
        day = self.days.get(days)
        if day is None:
            day = self.days[days] = date.fromordinal(days + _EPOCH).isoformat()
        text = self.known[hour] = f"{day}T{hours:02d}:"
        return text


_HOURS = _Hours()


def time_values(raw: dict[str, Any], count: int, what: str) -> tuple[list[int | None], int]:
    """A ``time`` column as numbers since 1970 (``None`` stays), range-checked, and how many of
    them make a second (1 or 1,000,000)."""
    if set(raw) != {"time", "delta"} or raw["time"] not in ("s", "us"):
        raise invalid(f"{what} must be a time column in s or us")
    values = undelta(_ints(raw["delta"], count, what))
    present = [v for v in values if v is not None]
    per_second = 1 if raw["time"] == "s" else 1_000_000
    if present and (min(present) < _MIN_S * per_second
                    or max(present) >= (_MAX_S + 1) * per_second):
        raise invalid(f"{what} holds a time out of range")
    return values, per_second


def time_texts(values: list[int | None], per_second: int) -> list[str | None]:
    """Times since 1970 as ``2026-11-23T04:05:06.123456Z`` (the hot path of a pull: per value
    one lookup of its hour, one of its minute and second)."""
    hours = _HOURS
    known = hours.known
    table = _MINUTES_SECONDS
    out: list[str | None] = []
    append = out.append
    if per_second == 1:
        ending = _MINUTES_SECONDS_WHOLE
        for value in values:
            if value is None:
                append(None)
            else:
                hour, rest = divmod(value, 3600)
                append((known.get(hour) or hours(hour)) + ending[rest])
        return out
    for value in values:
        if value is None:
            append(None)
            continue
        whole, fraction = divmod(value, per_second)
        hour, rest = divmod(whole, 3600)
        append(f"{known.get(hour) or hours(hour)}{table[rest]}.{fraction:06d}Z")
    return out


def dictionary(raw: dict[str, Any], count: int, what: str) -> tuple[list[Any], list[int]]:
    """A ``dict`` column's values and indexes, checked (every index lands in the values)."""
    values, index = raw["dict"], raw["idx"]
    if not isinstance(values, list) or len(values) > max(count, 1):
        raise invalid(f"{what} must have a list of values")
    index = _ints(index, count, what, nullable=False)
    if index and (min(index) < 0 or max(index) >= len(values)):
        raise invalid(f"{what} refers outside its values")
    return values, index


def decode_column(raw: dict[str, Any], count: int, what: str) -> list[Any]:
    """The plain values of a ``dict``, ``delta`` or ``time`` column."""
    if "time" in raw:
        return time_texts(*time_values(raw, count, what))
    if set(raw) == {"delta"}:
        return undelta(_ints(raw["delta"], count, what))
    if set(raw) == {"dict", "idx"}:
        values, index = dictionary(raw, count, what)
        return [values[i] for i in index]
    raise invalid(f"{what} must be a list, a reference, dict, delta or time column")


def _epoch_ms(raw: Any, count: int, what: str) -> list[int]:
    """A timed entity's time column as milliseconds since 1970 (null counts as 0)."""
    if isinstance(raw, dict) and "time" in raw:
        values, per_second = time_values(raw, count, what)
        if per_second == 1:
            return [0 if v is None else v * 1000 for v in values]
        micros = values
    else:
        if isinstance(raw, dict):
            texts = decode_column(raw, count, what)
        elif isinstance(raw, list) and len(raw) == count:
            texts = raw
        else:
            raise invalid(f"{what} must have one value per row")
        micros = []
        for value in texts:
            if value is None:
                micros.append(None)
                continue
            if not isinstance(value, str) or len(value) > 40:
                raise invalid(f"{what} must hold times")
            try:
                moment = datetime.fromisoformat(value)
            except ValueError as error:
                raise invalid(f"{what} must hold times") from error
            if moment.tzinfo is None:
                raise invalid(f"{what} must hold times in UTC")
            micros.append((moment - _EPOCH_TIME) // _MICROSECOND)
    return [0 if v is None else v // 1000 for v in micros]


def decode_ids(value: Any, changes: Any, limit: int) -> list[str]:
    """The page's id table in the packed form, as the UUID texts it stands for."""
    table = expect_object(value, "ids")
    if not set(table) <= {"ms", "rest", "timed"} or "ms" not in table or "rest" not in table:
        raise invalid("ids must have ms and rest")
    ms, rest = table["ms"], table["rest"]
    if not isinstance(ms, list) or len(ms) > limit:
        raise invalid("ids.ms must be a list")
    _ints(ms, len(ms), "ids.ms", nullable=False)
    if not isinstance(rest, str) or len(rest) != 20 * len(ms) or rest.strip(_HEX):
        raise invalid("ids.rest must hold 20 hex digits per id")
    timed = table.get("timed") or []
    if not isinstance(timed, list) or len(timed) > len(TIMED):
        raise invalid("ids.timed must be a list")
    values: list[int] = []
    seen: set[str] = set()
    for item in timed:
        if (not isinstance(item, list) or len(item) != 2 or item[0] not in TIMED
                or item[0] in seen or type(item[1]) is not int or item[1] < 0):
            raise invalid("ids.timed must list [entity, count] pairs")
        entity, n = item
        seen.add(entity)
        block = expect_object(expect_object(changes, "changes").get(entity), f"changes.{entity}")
        count = block.get("count")
        if type(count) is not int or not n <= count <= limit or len(values) + n > len(ms):
            raise invalid("ids.timed counts more rows than the page has")
        columns = expect_object(block.get("columns"), f"{entity}.columns")
        bases = _epoch_ms(columns.get(TIMED[entity]), count, f"{entity}.{TIMED[entity]}")
        offset = len(values)
        values.extend(map(add, bases[:n], ms[offset:offset + n]))
    values.extend(undelta(ms[len(values):]) if len(values) < len(ms) else [])
    if values and (min(values) < 0 or max(values) >= _MAX_MS):
        raise invalid("ids.ms out of range")
    heads = [f"{number:012x}" for number in values]
    out = [f"{head[:8]}-{head[8:]}-{rest[at:at + 4]}-{rest[at + 4:at + 8]}-{rest[at + 8:at + 20]}"
           for head, at in zip(heads, range(0, len(rest), 20), strict=True)]
    if len(set(out)) != len(out):
        raise invalid("ids must be distinct")
    assert not out or max(map(len, out)) <= MAX_ID
    return out
