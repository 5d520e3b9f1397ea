"""Pull pages: the changes a viewer may see after a cursor, cut by seq, exact, in wire form.

How a page is made (docs/sync-protocol.md, "Pull"): there are eight sources (six entities, scope
exits, deletions), each filtered to the viewer's scope in SQL, read together in one statement
per window (``_Reader.window``). Seqs are unique across sources, so the window
``(cursor, cursor + limit]`` holds at most ``limit`` changes; sparse scopes read wider windows
(see ``_Reader.collect``). The database builds each row's JSON; when the rows exceed
``max_bytes`` the page is cut in seq order. The whole page is read from one snapshot (see
database.read_session), and writers commit in seq order, so a cursor never skips a change that
commits later. The page is then written in the layout the client asked for
(:mod:`lapor_desk.server.pull_layouts`).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    BigInteger,
    Integer,
    Text,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from lapor_desk.models import wire
from lapor_desk.models.driver import driver_fetch
from lapor_desk.server.cursor import Cursor
from lapor_desk.server.epoch import Epoch, read_head, with_epoch
from lapor_desk.server.pull_layouts import columns_body, packed_body, rows_body
from lapor_desk.server.pull_sql import COLUMNS, Selects
from lapor_desk.server.scope import Viewer

DEFAULT_LIMIT, MIN_LIMIT, MAX_LIMIT = 5000, 1, 20000
DEFAULT_MAX_BYTES, MIN_MAX_BYTES, MAX_MAX_BYTES = 4 << 20, 64 << 10, 16 << 20
ENTITIES = tuple(wire.ENTITIES)
#: How much wider the next window of a sparse scope is read (at most).
GALLOP = 8


class PulledPage(NamedTuple):
    body: bytes  # the page's JSON, uncompressed
    cursor: str | None
    has_more: bool
    rows: int = 0  # changes and tombstones (the server's metrics)


def pull_page(session: Session, viewer: Viewer, *, cursor: str | None, limit: int,
              max_bytes: int, instance_id: str, now: datetime,
              layout: str = "rows", head: tuple[Epoch, int] | None = None) -> PulledPage:
    """One pull page: its JSON body (uncompressed), in ``layout`` ``rows`` (schema version 1),
    ``columns`` (schema version 2, see :func:`pull_layouts.columns_body`) or ``packed`` (schema version 3,
    see :func:`pull_layouts.packed_body`; its rows are read with times as numbers), with its cursor and
    ``has_more``. ``head``: the epoch and the change counter when read already in ``session``
    (``auth.authenticate_in``)."""
    epoch, counter = head or read_head(session)
    layout_body = {"columns": columns_body, "packed": packed_body}.get(layout, rows_body)

    def body(*args: Any) -> bytes:
        return with_epoch(layout_body(*args), epoch)

    user = viewer.user
    start = _start(viewer, cursor, (epoch, counter), instance_id)
    if start is None:
        return PulledPage(body(None, False, now, {}, []), None, False)
    lo, width = start
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


def _start(viewer: Viewer, cursor: str | None, head: tuple[Epoch, int],
           instance_id: str) -> tuple[int, int] | None:
    """Where the page after ``cursor`` starts and its window's width; ``None`` when the cursor
    is not one for this viewer, instance and epoch (the page is a reset)."""
    if not cursor:
        return 0, 0
    epoch, counter = head
    user = viewer.user
    parsed = Cursor.decode(cursor)
    if (parsed.instance_id != instance_id or parsed.user_id != user.id
            or parsed.scope_epoch != user.scope_epoch or not parsed.holds_in(epoch)
            or parsed.seq > counter):
        return None
    return parsed.seq, parsed.width


def reads_changes(viewer: Viewer, cursor: str | None, head: tuple[Epoch, int],
                  instance_id: str) -> bool:
    """Whether the page after ``cursor`` reads the changes: not when the head alone answers it
    (the cursor is at the head, or it is a reset), as most syncs of a desktop are."""
    start = _start(viewer, cursor, head, instance_id)
    return start is not None and start[0] < head[1]


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
            for name, rows in self.window(start, hi, need).items():
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

    def window(self, lo: int, hi: int, limit: int) -> dict[str, list[Any]]:
        """Each source's first ``limit`` rows in ``(lo, hi]``, in seq order (the sources with
        none left out), read in one statement: a window behind the head that holds nothing of
        the viewer's scope (others' changes elsewhere) costs one round trip, not one per
        source. A row is ``(seq, row_json)`` or, for a tombstone, ``(seq, entity, id)``."""
        rows = self._fetch("window", self._window_statement, lo=lo, hi=hi, limit=limit)
        assert rows is not None
        names = [name for _, name in SOURCES]
        out: dict[str, list[Any]] = {}
        for source, seq, first, second in rows:
            out.setdefault(names[source], []).append((seq, first, second))
        for items in out.values():
            items.sort(key=_seq_of)
        return out

    def _window_statement(self) -> Any:
        """``(source, seq, a, b)`` rows: ``source`` the index in :data:`SOURCES`; a change's
        ``a`` its row's JSON; a tombstone's ``a`` its entity and ``b`` its id."""
        branches = []
        for source, (kind, name) in enumerate(SOURCES):
            built = getattr(self.selects, name)(False)
            if built is None:
                continue
            column, stmt = built
            page = (stmt.where(column > bindparam("lo", type_=BigInteger),
                               column <= bindparam("hi", type_=BigInteger))
                    .order_by(column).limit(bindparam("limit", type_=Integer)).subquery())
            values = list(page.c)
            if kind != "tombstone":
                values.append(cast(null(), Text))
            branches.append(select(literal_column(str(source)).label("source"),
                                   *(cast(value, Text) if i else value
                                     for i, value in enumerate(values))))
        return union_all(*branches)


def _seq_of(row: tuple[Any, ...]) -> Any:
    return row[0]


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
