"""The packed page layout (schema version 3, ``layout=packed``): the columnar layout with each
column in the form that compresses best (docs/sync-protocol.md, "The packed layout").

A column may be sent as

- a list of values, or ``{"ref": [...]}`` into the page's ids, as in the columnar layout;
- ``{"dict": [distinct values], "idx": [index per row]}`` when few distinct values repeat (status,
  kind, region names, actor names, event details);
- ``{"delta": [...]}`` for integers that climb (event ids, tracking numbers): each value the
  difference to the previous non-null one;
- ``{"time": "s" | "us", "delta": [...]}`` for timestamps: seconds (or microseconds) since
  1970-01-01 UTC, each the difference to the previous non-null one of the column.

The ids table is ``{"ms": [...], "rest": "hex...", "timed": [[entity, n], ...]}`` when every id
is a lowercase UUID: the first 48 bits (UUIDv7's milliseconds) as numbers, the other 80 bits as
20 hex digits each, one string. The page's own records' ids come first, entity by entity; for the
first ``n`` ids of each ``timed`` entity ``ms`` is the difference to that row's own time
(``TIMED``: a UUIDv7 is made when its record is, so the difference is small); for the others it
is the difference to the previous such id. Lossless whatever the ids hold; only smaller when
they are UUIDv7s made near their record's time.

Everything here is plain Python over one page's parsed values; the choice of form per column is a
cheap heuristic, never a trial compression.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

PACKED_SCHEMA_VERSION = 3
#: Each entity's time column that its own ids' milliseconds are counted from.
TIMED: dict[str, str] = {"complaint": "created_at", "disposition": "at", "follow_up": "at",
                         "attachment": "created_at"}
#: Columns holding a timestamp (the database writes them ``2026-11-23T04:05:06.123456Z``).
TIME_COLUMNS: dict[str, frozenset[str]] = {
    "agency": frozenset(),
    "complaint": frozenset({
        "created_at", "updated_at", "verify_due", "resolution_due", "auto_close_due",
        "paused_at", "forwarded_at", "first_follow_up_at", "last_follow_up_at", "closed_at"}),
    "disposition": frozenset({"at"}),
    "follow_up": frozenset({"at"}),
    "attachment": frozenset({"created_at"}),
    "event": frozenset({"at"}),
}
_HEX = "0123456789abcdef"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _every(text: str, start: int, step: int, char: str, count: int) -> bool:
    return text[start::step] == char * count


def epoch_us(values: tuple[Any, ...] | list[Any]) -> list[int | None] | None:
    """Timestamps as microseconds since 1970 (``None`` stays); ``None`` if any value is not a
    UTC time in the database's spelling (``2026-11-23T04:05:06.123456Z``), so that the desktop
    writes back exactly the text the database made. The spelling is checked on all values at
    once (C speed)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    try:
        if set(map(len, present)) != {27}:
            return None
        joined = "".join(present)
        n = len(present)
        if not (_every(joined, 26, 27, "Z", n) and _every(joined, 19, 27, ".", n)
                and _every(joined, 10, 27, "T", n) and _every(joined, 4, 27, "-", n)):
            return None
        parse = datetime.fromisoformat
        epoch, unit = _EPOCH, _MICROSECOND
        return [None if v is None else (parse(v) - epoch) // unit for v in values]
    except (ValueError, TypeError):
        return None


def _deltas(values: list[int | None]) -> list[int | None]:
    if None not in values:
        return [b - a for a, b in zip([0, *values], values, strict=False)]
    out: list[int | None] = []
    append = out.append
    previous = 0
    for value in values:
        if value is None:
            append(None)
        else:
            append(value - previous)
            previous = value
    return out


def time_column(micros: list[int | None]) -> dict[str, Any]:
    whole = all(v is None or v % 1_000_000 == 0 for v in micros)
    if whole:
        micros = [None if v is None else v // 1_000_000 for v in micros]
    return {"time": "s" if whole else "us", "delta": _deltas(micros)}


def int_column(values: tuple[Any, ...]) -> Any:
    """``{"delta": ...}`` when the values climb (ids, tracking numbers): the differences are
    much smaller than the values themselves."""
    present = [v for v in values if v is not None]
    if len(present) < 8 or set(map(type, present)) != {int}:
        return list(values)
    deltas = _deltas(list(values))
    if sum(map(abs, (d for d in deltas if d is not None))) * 4 >= sum(map(abs, present)):
        return list(values)
    return {"delta": deltas}


_SCALARS = (frozenset({str}), frozenset({int}), frozenset({bool}))


def dict_column(values: tuple[Any, ...]) -> Any:
    """``{"dict", "idx"}`` when few distinct values repeat, else the list itself."""
    count = len(values)
    if count < 8:
        return list(values)
    limit = max(16, count // 8)
    types = set(map(type, values))
    types.discard(type(None))
    if frozenset(types) in _SCALARS or not types:
        keys: Any = values  # one scalar type (and null): the values are their own keys
        if len(dict.fromkeys(values[:3 * limit])) > limit:
            return list(values)
    else:
        keys = list(map(orjson.dumps, values))
    distinct = dict.fromkeys(keys)
    if len(distinct) > limit:
        return list(values)
    position = {key: at for at, key in enumerate(distinct)}
    if keys is values:
        return {"dict": list(distinct), "idx": [position[v] for v in values]}
    return {"dict": [orjson.Fragment(key) for key in distinct],
            "idx": [position[k] for k in keys]}


def _uuid_parts(ids: list[Any]) -> tuple[list[int], str] | None:
    """Each id's first 48 bits and the other 80 as hex, if every id is a lowercase UUID
    (checked on all ids at once)."""
    n = len(ids)
    if not n or set(map(type, ids)) != {str} or set(map(len, ids)) != {36}:
        return None
    joined = "".join(ids)
    if joined.count("-") != 4 * n or not all(
            _every(joined, at, 36, "-", n) for at in (8, 13, 18, 23)):
        return None
    flat = joined.replace("-", "")
    if flat.strip(_HEX):
        return None
    ms = [int(flat[at:at + 12], 16) for at in range(0, len(flat), 32)]
    rest = "".join([flat[at + 12:at + 32] for at in range(0, len(flat), 32)])
    return ms, rest


def id_table(ids: list[Any], timed: list[tuple[str, list[int | None]]]) -> Any:
    """The page's ids in the packed form (or the plain list when they are not all UUIDs).

    ``timed`` gives, in order, each entity whose rows' own ids open the table and those rows'
    times in microseconds: the first ids belong to the first entity's rows, row by row."""
    parts = _uuid_parts(ids)
    if parts is None:
        return list(ids)
    ms, rest = parts
    out: list[int] = []
    at = 0
    for _entity, micros in timed:
        for value in micros:
            base = 0 if value is None else value // 1000
            out.append(ms[at] - base)
            at += 1
    previous = 0
    for value in ms[at:]:
        out.append(value - previous)
        previous = value
    return {"ms": out, "rest": rest, "timed": [[entity, len(micros)] for entity, micros in timed]}
