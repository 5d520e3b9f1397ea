"""Pull pages: the changes a viewer may see after a cursor, cut by seq, exact, in wire form.

How a page is made (docs/sync-protocol.md, "Pull"): there are eight sources (six entities, scope
exits, deletions), each filtered to the viewer's scope in SQL. Seqs are unique across sources, so
the window ``(cursor, cursor + limit]`` holds at most ``limit`` changes; sparse scopes read wider
windows (see ``_Reader.collect``). The database builds each row's JSON; when the rows exceed
``max_bytes`` the page is cut in seq order. The whole page is read from one snapshot (see
database.read_session), and writers commit in seq order, so a cursor never skips a change that
commits later.

A page is written in the row layout (schema version 1) or, for a client that asks with
``layout=columns``, in the columnar layout (version 2): the same rows re-read and written column
by column with every record id once (``_columns_body``); with ``layout=packed``, in the packed
layout (version 3, ``_packed_body`` and :mod:`lapor_desk.server.packing`): columnar, each column
in its most compact form, the rows read with their times as numbers.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import BigInteger, Integer, bindparam
from sqlalchemy.orm import Session

from lapor_desk.models import wire
from lapor_desk.models.driver import driver_fetch
from lapor_desk.models.gc_pause import gc_paused
from lapor_desk.server import packing
from lapor_desk.server.cursor import Cursor
from lapor_desk.server.epoch import Epoch, read_head, with_epoch
from lapor_desk.server.pull_sql import COLUMNS, Selects
from lapor_desk.server.scope import Viewer

DEFAULT_LIMIT, MIN_LIMIT, MAX_LIMIT = 5000, 1, 20000
DEFAULT_MAX_BYTES, MIN_MAX_BYTES, MAX_MAX_BYTES = 4 << 20, 64 << 10, 16 << 20
ENTITIES = tuple(wire.ENTITIES)
#: How much wider the next window of a sparse scope is read (at most).
GALLOP = 8


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class PulledPage(NamedTuple):
    body: bytes  # the page's JSON, uncompressed
    cursor: str | None
    has_more: bool
    rows: int = 0  # changes and tombstones (the server's metrics)


def pull_page(session: Session, viewer: Viewer, *, cursor: str | None, limit: int,
              max_bytes: int, instance_id: str, now: datetime,
              layout: str = "rows", head: tuple[Epoch, int] | None = None) -> PulledPage:
    """One pull page: its JSON body (uncompressed), in ``layout`` ``rows`` (schema version 1),
    ``columns`` (schema version 2, see :func:`_columns_body`) or ``packed`` (schema version 3,
    see :func:`_packed_body`; its rows are read with times as numbers), with its cursor and
    ``has_more``. ``head``: the epoch and the change counter when read already in ``session``
    (``auth.authenticate_in``)."""
    epoch, counter = head or read_head(session)
    layout_body = {"columns": _columns_body, "packed": _packed_body}.get(layout, _body)

    def body(*args: Any) -> bytes:
        return with_epoch(layout_body(*args), epoch)

    user = viewer.user
    lo = width = 0
    if cursor:
        parsed = Cursor.decode(cursor)
        if (parsed.instance_id != instance_id or parsed.user_id != user.id
                or parsed.scope_epoch != user.scope_epoch or not parsed.holds_in(epoch)
                or parsed.seq > counter):
            return PulledPage(body(None, False, now, {}, []), None, False)
        lo, width = parsed.seq, parsed.width
    if lo >= counter:
        unchanged = Cursor(instance_id, user.id, user.scope_epoch, lo, width, epoch.id).encode()
        return PulledPage(body(unchanged, False, now, {}, []), unchanged, False)

    reader = _Reader(session, viewer, epoch=layout == "packed")
    fetched, hi, has_more, width = reader.collect(lo, limit, counter, width)
    seqs: dict[str, list[int]] = {}
    encoded: dict[str, list[bytes]] = {}
    for kind, name in SOURCES:
        rows = fetched.get(name)
        if not rows:
            continue
        seqs[name] = [row[0] for row in rows]
        if kind == "tombstone":
            encoded[name] = [orjson.dumps({"entity": row[1], "id": row[2]}) for row in rows]
        else:
            encoded[name] = [row[1].encode("utf-8") for row in rows]
    total = sum(len(item) + 1 for items in encoded.values() for item in items)
    last_seq = hi
    if total > max_bytes:
        last_seq, cut_before_end = _cut(seqs, encoded, max_bytes)
        has_more = has_more or cut_before_end
        for name, items in seqs.items():
            keep = bisect.bisect_right(items, last_seq)
            encoded[name] = encoded[name][:keep]
    changes = {kind: encoded[name] for kind, name in SOURCES if kind != "tombstone" and encoded.get(name)}
    tombstones = encoded.get("scope_exit", []) + encoded.get("deletion", [])
    end = last_seq if has_more else max(last_seq, counter)
    next_cursor = Cursor(instance_id, user.id, user.scope_epoch, end, width, epoch.id).encode()
    counted = sum(len(items) for items in changes.values()) + len(tombstones)
    return PulledPage(body(next_cursor, has_more, now, changes, tombstones, (lo, end, counter)),
                      next_cursor, has_more, counted)


def _cut(seqs: dict[str, list[int]], encoded: dict[str, list[bytes]],
         max_bytes: int) -> tuple[int, bool]:
    """The seq of the row (in seq order) that spends ``max_bytes``; and whether rows follow it."""
    sizes = sorted(
        (seq, len(item) + 1)
        for name in seqs for seq, item in zip(seqs[name], encoded[name], strict=True)
    )
    spent = 0
    for index, (seq, size) in enumerate(sizes):
        spent += size
        if spent >= max_bytes:
            return seq, index + 1 < len(sizes)
    return sizes[-1][0], False


def _next_width(width: int, found: int, limit: int) -> int:
    """Aim the next window at a little over ``limit`` changes, assuming a similar density: one
    window then fills the page, and the few rows over the cut are all that is read twice."""
    if found >= 0.9 * width:  # nearly every seq is visible: a window of `limit` fills a page
        return limit
    return max(limit, int(width * min(8.0, max(0.25, 1.1 * limit / max(found, 1)))))


SOURCES = [(entity, entity) for entity in ENTITIES] + [("tombstone", "scope_exit"),
                                                        ("tombstone", "deletion")]


class _Reader:
    """The statements of one page, for one viewer in one snapshot."""

    def __init__(self, session: Session, viewer: Viewer, epoch: bool = False) -> None:
        self.session = session
        self.viewer = viewer
        self.selects = Selects(viewer, epoch)
        self.params = viewer.params()
        self.times = "epoch" if epoch else "text"

    def _fetch(self, name: str, build: Callable[[], Any], **values: Any) -> list[Any] | None:
        key = (self.viewer.dialect, self.viewer.kind, self.times, name)
        return STATEMENTS.fetch(self.session, key, build, {**self.params, **values})

    def collect(self, lo: int, limit: int, counter: int,
                hint: int) -> tuple[dict[str, list[Any]], int, bool, int]:
        """The page's rows per source, its last seq, whether visible changes follow, and the
        width to start the next page's window with.

        Seqs are unique across sources, so the window ``(lo, lo + limit]`` holds at most
        ``limit`` changes. Windows are read until ``limit + 1`` changes are found or the counter
        is reached, each source at most as many rows as are still missing; a sparse scope gets
        wider windows (and the cursor remembers the width). The page is cut at the
        ``limit``-th change: a source that ran into its row limit cannot hide a change at or
        below that one, so pages are exact and ``has_more`` is too."""
        width = min(max(limit, hint), limit << 12)
        fetched: dict[str, list[Any]] = {}
        start, total = lo, 0
        while True:
            hi = min(start + width, counter)
            need = limit + 1 - total
            found = 0
            for _, name in SOURCES:
                rows = self.rows(name, start, hi, need)
                if rows:
                    fetched.setdefault(name, []).extend(rows)
                    found += len(rows)
            total += found
            if total > limit:
                cut = sorted(row[0] for rows in fetched.values() for row in rows)[limit - 1]
                for name, rows in fetched.items():
                    fetched[name] = rows[:bisect.bisect_right([r[0] for r in rows], cut)]
                return fetched, cut, True, _next_width(cut - lo, limit, limit)
            if hi >= counter:
                return fetched, counter, False, _next_width(hi - lo, total, limit)
            start = hi
            missing = limit + 1 - total
            width = width * GALLOP if found == 0 else max(
                limit, int(width * min(GALLOP, 1.25 * missing / found)))

    def rows(self, name: str, lo: int, hi: int, limit: int) -> list[Any] | None:
        """One source's first ``limit`` rows in ``(lo, hi]``, in seq order."""
        def build() -> Any:
            built = getattr(self.selects, name)(False)
            if built is None:
                return None
            column, stmt = built
            return (stmt.where(column > bindparam("lo", type_=BigInteger),
                               column <= bindparam("hi", type_=BigInteger))
                    .order_by(column).limit(bindparam("limit", type_=Integer)))

        return self._fetch(f"rows-{name}", build, lo=lo, hi=hi, limit=limit)


class StatementCache:
    """Pull statements compiled once per (dialect, viewer kind, name) and run on the driver's own
    cursor: building and hashing SQLAlchemy constructs per request would cost more than the
    queries. Viewer values travel as bind parameters, so the text depends on the kind only."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, ...], tuple[str, dict[str, Any], tuple[str, ...] | None] | None] = {}
        self._lock = threading.Lock()

    def fetch(self, session: Session, key: tuple[str, ...], build: Callable[[], Any],
              params: dict[str, Any]) -> list[Any] | None:
        """Rows as plain tuples; ``None`` when ``build`` has no statement for this viewer."""
        connection = session.connection()
        if key not in self._compiled:
            stmt = build()
            entry = None
            if stmt is not None:
                compiled = stmt.compile(dialect=connection.dialect)
                sql = str(compiled)
                if "POSTCOMPILE" in sql:
                    raise RuntimeError("pull statements must not need expanding parameters")
                order = tuple(compiled.positiontup) if compiled.positional else None
                entry = (sql, dict(compiled.params), order)
            with self._lock:
                self._compiled[key] = entry
        entry = self._compiled[key]
        if entry is None:
            return None
        sql, defaults, order = entry
        values = {**defaults, **params}
        args: Any = tuple(values[name] for name in order) if order is not None else values
        return driver_fetch(connection, sql, args)


STATEMENTS = StatementCache()


def encode_row(session: Session, kind: str, row: Any) -> dict[str, Any]:
    """A ``(seq, row_json)`` row as a dict keyed by wire column."""
    return dict(zip(COLUMNS[kind], orjson.loads(row[1]), strict=True))


#: ``(from, at, head)`` change sequence numbers of a page: where it started, where its cursor
#: is, the newest change on the server (docs/sync-protocol.md, "progress").
Progress = tuple[int, int, int]


def _progress(progress: Progress | None) -> dict[str, int] | None:
    if progress is None:
        return None
    start, at, head = progress
    return {"from": start, "at": at, "head": head}


def _body(cursor: str | None, has_more: bool, now: datetime, changes: dict[str, list[bytes]],
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


def _columns_body(cursor: str | None, has_more: bool, now: datetime,
                  changes: dict[str, list[bytes]], tombstones: list[bytes],
                  progress: Progress | None = None) -> bytes:
    """A page in the columnar layout (schema version 2): each entity's values column by
    column, and every record id once, in the page's ``ids`` table. The same rows as
    :func:`_body`; similar values side by side compress much better (docs/sync-protocol.md)."""
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


def _packed_body(cursor: str | None, has_more: bool, now: datetime,
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
