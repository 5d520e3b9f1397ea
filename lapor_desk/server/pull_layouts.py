"""The layouts a pull page is written in (docs/sync-protocol.md, "Pull"), from its rows as the
database built them (``pull_sql``): the row layout (schema version 1, :func:`rows_body`), the
columnar one (version 2, :func:`columns_body`: the same rows written column by column with every
record id once) and the packed one (version 3, :func:`packed_body` and
:mod:`lapor_desk.server.packing`: columnar, each column in its most compact form, the rows read
with their times as numbers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lapor_desk.models import wire
from lapor_desk.models.gc_pause import gc_paused
from lapor_desk.server import packing
from lapor_desk.server.pull_sql import COLUMNS

ENTITIES = tuple(wire.ENTITIES)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


#: ``(from, at, head)`` change sequence numbers of a page: where it started, where its cursor
#: is, the newest change on the server (docs/sync-protocol.md, "progress").
Progress = tuple[int, int, int]


def _progress(progress: Progress | None) -> dict[str, int] | None:
    if progress is None:
        return None
    start, at, head = progress
    return {"from": start, "at": at, "head": head}


def rows_body(cursor: str | None, has_more: bool, now: datetime, changes: dict[str, list[bytes]],
          tombstones: list[bytes], progress: Progress | None = None) -> bytes:
    parts: list[bytes] = [
        b'{"schema_version":', str(wire.ROWS_SCHEMA_VERSION).encode(),
        b',"cursor":', orjson.dumps(cursor),
        b',"has_more":', b"true" if has_more else b"false",
        b',"reset":', b"true" if cursor is None else b"false",
        b',"server_time":', orjson.dumps(_iso(now)),
    ]
    if progress is not None:
        parts += [b',"progress":', orjson.dumps(_progress(progress))]
    parts.append(b',"changes":{')
    first = True
    for entity in ENTITIES:
        rows = changes.get(entity)
        if not rows:
            continue
        if not first:
            parts.append(b",")
        first = False
        parts += [orjson.dumps(entity), b':{"columns":', orjson.dumps(COLUMNS[entity]),
                  b',"rows":[', b",".join(rows), b"]}"]
    parts += [b'},"tombstones":[', b",".join(tombstones), b"]}"]
    return b"".join(parts)


COLUMNS_SCHEMA_VERSION = wire.COLUMNS_SCHEMA_VERSION
#: Columns holding record ids (text) that the columnar layout sends as references into the
#: page's ``ids`` table. Agencies and events have integer ids made by the server.
REF_COLUMNS: dict[str, frozenset[str]] = {
    entity: wire.names_of_kind(entity, wire.RECORD_ID) for entity in wire.ENTITIES}


def _refs(values: tuple[Any, ...], ids: dict[Any, int]) -> list[int | None]:
    """A column of ids as references into the page's id table (each the difference to the
    previous non-null reference of the column, so runs and new ids cost one or two digits)."""
    out: list[int | None] = []
    append = out.append
    get = ids.get
    previous = 0
    for value in values:
        if value is None:
            append(None)
            continue
        index = get(value)
        if index is None:
            index = ids[value] = len(ids)
        append(index - previous)
        previous = index
    return out


def columns_body(cursor: str | None, has_more: bool, now: datetime,
                  changes: dict[str, list[bytes]], tombstones: list[bytes],
                  progress: Progress | None = None) -> bytes:
    """A page in the columnar layout (schema version 2): each entity's values column by
    column, and every record id once, in the page's ``ids`` table. The same rows as
    :func:`rows_body`; similar values side by side compress much better (docs/sync-protocol.md)."""
    with gc_paused():  # a page is hundreds of thousands of fresh, acyclic objects
        return _columns(cursor, has_more, now, changes, tombstones, progress)


def _columns(cursor: str | None, has_more: bool, now: datetime,
             changes: dict[str, list[bytes]], tombstones: list[bytes],
             progress: Progress | None) -> bytes:
    ids: dict[Any, int] = {}
    blocks: dict[str, Any] = {}
    for entity in ENTITIES:
        rows = changes.get(entity)
        if not rows:
            continue
        parsed = orjson.loads(b"[" + b",".join(rows) + b"]")
        refs = REF_COLUMNS[entity]
        columns: dict[str, Any] = {}
        for name, values in zip(COLUMNS[entity], zip(*parsed, strict=True), strict=True):
            columns[name] = {"ref": _refs(values, ids)} if name in refs else values
        blocks[entity] = {"count": len(parsed), "columns": columns}
    page = {
        "schema_version": COLUMNS_SCHEMA_VERSION, "cursor": cursor, "has_more": has_more,
        "reset": cursor is None, "server_time": _iso(now), "ids": list(ids),
        "changes": blocks,
        **({"progress": _progress(progress)} if progress is not None else {}),
        "tombstones": [orjson.Fragment(item) for item in tombstones],
    }
    return orjson.dumps(page)


def packed_body(cursor: str | None, has_more: bool, now: datetime,
                 changes: dict[str, list[bytes]], tombstones: list[bytes],
                 progress: Progress | None = None) -> bytes:
    """A page in the packed layout (schema version 3, see :mod:`lapor_desk.server.packing`): the
    columnar layout with each column in the form that compresses best."""
    with gc_paused():
        return _packed(cursor, has_more, now, changes, tombstones, progress)


def _packed(cursor: str | None, has_more: bool, now: datetime,
            changes: dict[str, list[bytes]], tombstones: list[bytes],
            progress: Progress | None) -> bytes:
    """The rows come with their times as microseconds since 1970 (``Selects(epoch=True)``)."""
    parsed: dict[str, list[Any]] = {
        entity: orjson.loads(b"[" + b",".join(changes[entity]) + b"]")
        for entity in ENTITIES if changes.get(entity)}
    # the page's own records' ids open the id table, entity by entity (their milliseconds are
    # then sent as the difference to the row's own time)
    ids: dict[Any, int] = {}
    timed: list[tuple[str, list[int | None]]] = []
    for entity, time_name in packing.TIMED.items():
        rows = parsed.get(entity)
        if not rows:
            continue
        at = COLUMNS[entity].index(time_name)
        before = len(ids)
        for row in rows:
            ids.setdefault(row[0], len(ids))
        if len(ids) != before + len(rows):  # an id twice: leave the rest in reference order
            break
        timed.append((entity, [row[at] for row in rows]))
    blocks: dict[str, Any] = {}
    for entity, rows in parsed.items():
        refs = REF_COLUMNS[entity]
        times = packing.TIME_COLUMNS[entity]
        columns: dict[str, Any] = {}
        for name, values in zip(COLUMNS[entity], zip(*rows, strict=True), strict=True):
            column: Any = None
            if name in refs:
                column = {"ref": _refs(values, ids)}
            elif name in times:
                column = packing.time_column(values)
            elif type(next((v for v in values if v is not None), None)) is int:
                column = packing.int_column(values)
            if column is None:
                column = packing.dict_column(values)
            columns[name] = column
        blocks[entity] = {"count": len(rows), "columns": columns}
    page = {
        "schema_version": packing.PACKED_SCHEMA_VERSION, "cursor": cursor, "has_more": has_more,
        "reset": cursor is None, "server_time": _iso(now),
        "ids": packing.id_table(list(ids), timed), "changes": blocks,
        **({"progress": _progress(progress)} if progress is not None else {}),
        "tombstones": [orjson.Fragment(item) for item in tombstones],
    }
    return orjson.dumps(page)
