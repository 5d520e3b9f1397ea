"""Applying server data to the cache (inside the caller's transaction).

Pages are applied with ``INSERT ... ON CONFLICT(id) DO UPDATE`` executemany per entity straight
on the DB-API cursor (validated tuples, no per-row ORM or type processing), so a page is a handful
of statements; FTS5 upkeep rides on the cache's triggers, or on one rebuild after a bulk load
(see :mod:`lapor_desk.models.cache.fts`). After a page, complaints with local activity are recomputed (pending actions
replayed on the new server rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.engine import Connection

from lapor_desk.models.agencies import Actor, DictDirectory
from lapor_desk.models.cache.schema import (
    ENTITY_TABLES,
    Agency,
    Complaint,
    ComplaintSnapshot,
    OutboxEntry,
    SyncState,
)
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.sync import localview as lv
from lapor_desk.sync.protocol import COLUMNS, ENTITY_ORDER, Page

#: Columns the cache owns that a pulled row must not overwrite.
_KEEP_ON_UPDATE = {"local_path"}


@cache
def upsert_sql(entity: str) -> str:
    """``INSERT ... ON CONFLICT(id) DO UPDATE`` for one entity taking a row in ``COLUMNS`` order
    as it is: the cache's own column is filled in SQL (``server_version`` repeats the row's
    ``version`` parameter; ``local_mutation_id`` of a server row is NULL), so the validated rows
    go to ``executemany`` without being copied."""
    table: Table = ENTITY_TABLES[entity]  # type: ignore[assignment]
    names = list(COLUMNS[entity])
    values = [f"?{number}" for number in range(1, len(names) + 1)]
    if entity == "complaint":
        names.append("server_version")
        values.append(f"?{names.index('version') + 1}")
    elif entity != "agency":
        names.append("local_mutation_id")
        values.append("NULL")
    updates = ", ".join(f"{n} = excluded.{n}" for n in names
                        if n != "id" and n not in _KEEP_ON_UPDATE)
    return (f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join(values)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}")


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _any_activity(connection: Connection) -> bool:
    """Whether any complaint has local activity (two lookups; an initial sync has none, and
    then a page's 20,000 ids need not be looked up one chunk at a time)."""
    snapshot = select(ComplaintSnapshot.complaint_id).limit(1)
    pending = select(OutboxEntry.mutation_id).where(OutboxEntry.state == lv.PENDING).limit(1)
    return (connection.execute(snapshot).first() is not None
            or connection.execute(pending).first() is not None)


def _active_ids(connection: Connection, candidates: set[str]) -> set[str]:
    """Which of ``candidates`` have local activity (a snapshot or a pending action)."""
    if not candidates or not _any_activity(connection):
        return set()
    found: set[str] = set()
    ids = list(candidates)
    for chunk in _chunks(ids):
        found.update(str(r[0]) for r in connection.execute(select(
            ComplaintSnapshot.complaint_id).where(ComplaintSnapshot.complaint_id.in_(chunk))))
        found.update(str(r[0]) for r in connection.execute(select(
            OutboxEntry.complaint_id).where(OutboxEntry.complaint_id.in_(chunk),
                                            OutboxEntry.state == lv.PENDING)))
    return found


def apply_page(connection: Connection, page: Page, actor: Actor | None,
               directory: DictDirectory, config: DomainConfig) -> DictDirectory:
    """Apply one page's rows, tombstones and cursor. Returns the (possibly reloaded) directory."""
    complaints = page.changes.get("complaint")
    touched_ids = {str(row[0]) for row in complaints.rows} if complaints else set()
    active = _active_ids(connection, touched_ids)
    # The DB-API cursor of this connection (same transaction): executemany takes the validated
    # row lists as they are, with no per-row copy or type processing on the way.
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for entity in ENTITY_ORDER:
            block = page.changes.get(entity)
            if block:
                cursor.executemany(upsert_sql(entity), block.rows)
    finally:
        cursor.close()
    if "agency" in page.changes:
        directory = lv.load_directory(connection)

    by_entity: dict[str, list[Any]] = {}
    for tomb in page.tombstones:
        by_entity.setdefault(tomb.entity, []).append(tomb.id)
    dropped = [str(i) for i in by_entity.pop("complaint", [])]
    if dropped:
        lv.delete_complaints(connection, dropped)
        for chunk in _chunks(dropped):
            connection.execute(delete(ComplaintSnapshot).where(
                ComplaintSnapshot.complaint_id.in_(chunk)))
        touched_ids.difference_update(dropped)
        active.difference_update(dropped)
    for entity, ids in by_entity.items():
        table: Table = ENTITY_TABLES[entity]  # type: ignore[assignment]
        for chunk in _chunks(ids):
            connection.execute(delete(table).where(table.c.id.in_(chunk)))

    if active:
        for row in complaints.dicts() if complaints else []:
            if row["id"] in active:
                lv.set_snapshot(connection, row["id"], row)
        lv.rebuild(connection, sorted(active), actor, directory, config)
    connection.execute(update(SyncState).where(SyncState.id == 1).values(cursor=page.cursor))
    return directory


def reset_cache(connection: Connection) -> None:
    """The server says our cursor is void (other instance, or our scope changed): drop every
    complaint and child record and the cursor; keep the outbox and complaints recorded here."""
    local_ids = [str(r[0]) for r in connection.execute(
        select(ComplaintSnapshot.complaint_id).where(ComplaintSnapshot.row.is_(None)))]
    keep = set(local_ids)
    connection.execute(delete(ComplaintSnapshot).where(ComplaintSnapshot.row.is_not(None)))
    for entity in ("disposition", "follow_up", "attachment", "event"):
        table: Table = ENTITY_TABLES[entity]  # type: ignore[assignment]
        if keep:
            connection.execute(delete(table).where(
                table.c.complaint_id.not_in(keep) | table.c.local_mutation_id.is_(None)))
        else:
            connection.execute(delete(table))
    if keep:
        connection.execute(delete(Complaint).where(Complaint.id.not_in(keep)))
    else:
        connection.execute(delete(Complaint))
    connection.execute(delete(Agency))
    connection.execute(update(SyncState).where(SyncState.id == 1).values(cursor=None))
