"""The packed page layout (schema version 3, ``layout=packed``): the columnar layout with each
column in the form that compresses best (docs/sync-protocol.md, "The packed layout").

A column may be sent as

- a list of values, or ``{"ref": [...]}`` into the page's ids, as in the columnar layout;
- ``{"dict": [distinct values], "idx": [index per row]}`` when few distinct values repeat (status,
  kind, region names, actor names, event details);
- ``{"delta": [...]}`` for integers that climb (event ids, tracking numbers): each value the
  difference to the previous non-null one;
- ``{"time": "s" | "us", "delta": [...]}`` for timestamps: seconds (or microseconds) since
  1970-01-01 UTC, each the difference to the previous non-null one of the column. The database
  gives them as numbers (``pull_sql.Selects(epoch=True)``): nothing is parsed here.

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

from itertools import pairwise
from typing import Any, cast

import orjson

from lapor_desk.models import wire

PACKED_SCHEMA_VERSION = wire.PACKED_SCHEMA_VERSION
#: Each entity's time column that its own ids' milliseconds are counted from.
TIMED = wire.TIMED
#: Columns holding a timestamp: in the packed layout the database writes them as microseconds
#: since 1970 (``pull_sql.Selects(epoch=True)``), the desktop as ``2026-11-23T04:05:06.123456Z``.
TIME_COLUMNS: dict[str, frozenset[str]] = {
    entity: wire.names_of_kind(entity, wire.TIME) for entity in wire.ENTITIES}
_HEX = "0123456789abcdef"


def _every(text: str, start: int, step: int, char: str, count: int) -> bool:
    return text[start::step] == char * count


def _deltas(values: list[int | None]) -> list[int | None]:
    if None not in values:
        whole = cast(list[int], values)
        return [b - a for a, b in zip([0, *whole], whole, strict=False)]
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


def time_column(micros: tuple[int | None, ...] | list[int | None]) -> dict[str, Any]:
    """A timestamp column (microseconds since 1970, as the database gave them) in whole seconds
    when it holds no fractions."""
    present = [v for v in micros if v is not None]
    if present and not any(map((1_000_000).__rmod__, present)):
        values: list[int | None] = [None if v is None else v // 1_000_000 for v in micros]
        return {"time": "s", "delta": _deltas(values)}
    return {"time": "us", "delta": _deltas(list(micros))}


#: How many values of a column the form is chosen on.
SAMPLE = 256


def int_column(values: tuple[Any, ...]) -> Any:
    """``{"delta": ...}`` when the values climb (ids, tracking numbers): the differences (in a
    sample) are much smaller than the values themselves."""
    sample = [v for v in values[:SAMPLE] if v is not None]
    if len(sample) < 8 or set(map(type, sample)) != {int}:
        return list(values)
    steps = [b - a for a, b in pairwise(sample)]
    if sum(map(abs, steps)) * 4 >= sum(map(abs, sample[1:])):
        return list(values)
    if set(map(type, values)) - {int, type(None)}:
        return list(values)
    return {"delta": _deltas(list(values))}


_SCALARS = (frozenset({str}), frozenset({int}), frozenset({bool}))


def dict_column(values: tuple[Any, ...]) -> Any:
    """``{"dict", "idx"}`` when few distinct values repeat (at most ``max(16, count / 8)``),
    else the list itself. A sample whose values are mostly distinct ends the attempt early."""
    count = len(values)
    if count < 8:
        return list(values)
    limit = max(16, count // 8)
    types = set(map(type, values))
    types.discard(type(None))
    scalar = frozenset(types) in _SCALARS or not types
    sample = values[:SAMPLE]
    keys_of_sample = sample if scalar else list(map(orjson.dumps, sample))
    if len(dict.fromkeys(keys_of_sample)) > max(16, len(sample) // 2):
        return list(values)
    keys: Any = values if scalar else list(map(orjson.dumps, values))
    distinct = dict.fromkeys(keys)
    if len(distinct) > limit:
        return list(values)
    position = {key: at for at, key in enumerate(distinct)}
    if scalar:  # one scalar type (and null): the values are their own keys
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
    times in microseconds (``None`` counts as 0): the first ids belong to the first entity's
    rows, row by row."""
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
