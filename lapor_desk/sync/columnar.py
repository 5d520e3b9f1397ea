"""Validation of the columnar page layout (schema version 2, ``docs/sync-protocol.md``) and of
the packed one built on it (version 3, :mod:`lapor_desk.sync.packed`).

A page in this layout carries ``ids``, the table of record ids it uses (each once), and per
entity ``{"count": n, "columns": {name: column}}`` where a column is either a list of ``n``
values or ``{"ref": [n references]}``: each reference is the difference to the previous non-null
reference of that column, summing to an index into ``ids`` (``null`` stays null). Values go
through the same column checks as the row layout (:func:`lapor_desk.sync.rows.column`), so the
result is the same :class:`EntityRows` either way.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from lapor_desk.models.shapes import record_ids_ok
from lapor_desk.sync.packed import decode_column, dictionary
from lapor_desk.sync.rows import (
    COLUMNS,
    JSON_DEFAULT,
    EntityRows,
    column,
    expect_int,
    expect_object,
    invalid,
)

_NONE = type(None)


def parse_ids(value: Any, limit: int) -> list[str]:
    """The page's id table: distinct record ids (UUIDs in canonical text)."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > limit:
        raise invalid("ids must be a list")
    if value:
        if set(map(type, value)) != {str} or not record_ids_ok(value):
            raise invalid("ids must be record ids (UUIDs)")
        if len(set(value)) != len(value):
            raise invalid("ids must be distinct")
    return value


def resolve(refs: Any, count: int, ids: list[str], what: str) -> list[Any]:
    """The ids a ``ref`` column stands for."""
    if not isinstance(refs, list) or len(refs) != count:
        raise invalid(f"{what} must have one reference per row")
    if not refs:
        return refs
    types = set(map(type, refs))
    if not types <= {int, _NONE}:
        raise invalid(f"{what} has references of the wrong type")
    size = len(ids)
    if _NONE not in types:
        indexes = list(accumulate(refs))
        if min(indexes) < 0 or max(indexes) >= size:
            raise invalid(f"{what} refers outside the page's ids")
        return [ids[index] for index in indexes]
    out: list[Any] = []
    previous = 0
    for ref in refs:
        if ref is None:
            out.append(None)
            continue
        previous += ref
        if not 0 <= previous < size:
            raise invalid(f"{what} refers outside the page's ids")
        out.append(ids[previous])
    return out


def parse_columns(entity: str, block: Any, ids: list[str], max_rows: int,
                  packed: bool = False) -> EntityRows:
    """Validate one entity's ``{"count", "columns"}`` block of a columnar page (``packed``: of
    a packed page, whose columns may also come as ``dict``, ``delta`` or ``time``)."""
    data = expect_object(block, f"changes.{entity}")
    count = expect_int(data.get("count"), f"{entity}.count", 0)
    if count > max_rows:
        raise invalid("page has too many rows")
    columns = expect_object(data.get("columns"), f"{entity}.columns")
    if len(columns) > 500:
        raise invalid(f"{entity} has too many columns")
    spec = COLUMNS[entity]
    missing = [name for name, (_kind, required) in spec.items()
               if required and name not in columns]
    if missing:
        raise invalid(f"{entity} lacks required columns {missing}")
    out: list[Any] = []
    for name, (kind, required) in spec.items():
        what = f"{entity}.{name}"
        if name not in columns:  # an optional column this server does not send
            out.append([JSON_DEFAULT.get(kind)] * count)
            continue
        raw = columns[name]
        if isinstance(raw, dict):
            if set(raw) == {"ref"}:
                values = resolve(raw["ref"], count, ids, what)
            elif packed and set(raw) == {"dict", "idx"}:
                # check each distinct value once (JSON ones are written as text once too)
                distinct, index = dictionary(raw, count, what)
                checked = column(distinct, kind, False, what)
                if required and any(distinct[i] is None for i in set(index)):
                    raise invalid(f"{what} must not be null")
                out.append([checked[i] for i in index])
                continue
            elif packed:
                values = decode_column(raw, count, what)
            else:
                raise invalid(f"{what} must be a list or a reference column")
        elif isinstance(raw, list):
            if len(raw) != count:
                raise invalid(f"{what} must have one value per row")
            values = raw
        else:
            raise invalid(f"{what} must be a list or a reference column")
        out.append(column(values, kind, required, what))
    return EntityRows(tuple(spec), list(zip(*out, strict=True)) if count else [])
