"""Upkeep of the full-text index (two external-content FTS5 tables over ``complaint`` and
``follow_up``).

Normally triggers keep the index in step with every insert, upsert, delete and tombstone. A bulk
load (an initial sync or one after a reset, when the cache starts empty) instead *suspends* the
triggers and the secondary B-tree indexes of the pulled tables, and rebuilds all of them once at
the end, which is many times faster. The triggers' absence is itself the persistent "bulk load
unfinished" mark: a pull that finds it carries on as a bulk load and restores everything when it
completes; :func:`ensure_fresh` repairs on demand (e.g. a search screen of a profile whose first
sync was cut short and that stays offline).
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex

from lapor_desk.models.cache.schema import Base

#: Secondary indexes dropped during a bulk load (primary keys stay: upserts need them).
BULK_TABLES = ("complaint", "disposition", "follow_up", "event")


def _bulk_indexes() -> list[Index]:
    return [index for name in BULK_TABLES for index in Base.metadata.tables[name].indexes]

TRIGGER_NAMES = (
    "complaint_fts_ai", "complaint_fts_ad", "complaint_fts_au",
    "follow_up_fts_ai", "follow_up_fts_ad", "follow_up_fts_au",
)

TRIGGERS = (
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_fts_ai AFTER INSERT ON complaint BEGIN "
        "INSERT INTO complaint_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_fts_ad AFTER DELETE ON complaint BEGIN "
        "INSERT INTO complaint_fts(complaint_fts, rowid, title, body) "
        "VALUES ('delete', old.rowid, old.title, old.body); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_fts_au AFTER UPDATE OF title, body ON complaint "
        "WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN "
        "INSERT INTO complaint_fts(complaint_fts, rowid, title, body) "
        "VALUES ('delete', old.rowid, old.title, old.body); "
        "INSERT INTO complaint_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_fts_ai AFTER INSERT ON follow_up BEGIN "
        "INSERT INTO follow_up_fts(rowid, body) VALUES (new.rowid, new.body); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_fts_ad AFTER DELETE ON follow_up BEGIN "
        "INSERT INTO follow_up_fts(follow_up_fts, rowid, body) "
        "VALUES ('delete', old.rowid, old.body); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_fts_au AFTER UPDATE OF body ON follow_up "
        "WHEN old.body IS NOT new.body BEGIN "
        "INSERT INTO follow_up_fts(follow_up_fts, rowid, body) "
        "VALUES ('delete', old.rowid, old.body); "
        "INSERT INTO follow_up_fts(rowid, body) VALUES (new.rowid, new.body); END"
    ),
)


def triggers_present(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_a%'"
    ).scalar_one()
    return int(found) == len(TRIGGER_NAMES)


def suspend(connection: Connection) -> None:
    """Stop index upkeep for a bulk load (stale until :func:`resume`)."""
    for name in TRIGGER_NAMES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for index in _bulk_indexes():
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")


def resume(connection: Connection) -> None:
    """Recreate the secondary indexes, rebuild both full-text indexes from their tables and
    restore trigger upkeep."""
    for index in _bulk_indexes():
        # IF NOT EXISTS, not checkfirst: SQLAlchemy cannot reflect expression indexes.
        connection.execute(CreateIndex(index, if_not_exists=True))
    connection.exec_driver_sql("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
    connection.exec_driver_sql("INSERT INTO follow_up_fts(follow_up_fts) VALUES ('rebuild')")
    for statement in TRIGGERS:
        connection.exec_driver_sql(statement)


def ensure_fresh(connection: Connection) -> bool:
    """Repair the index after an interrupted bulk load. Returns True when it had to."""
    if triggers_present(connection):
        return False
    resume(connection)
    return True
