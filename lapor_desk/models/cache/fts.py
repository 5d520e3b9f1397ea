"""Upkeep of the full-text index (two external-content FTS5 tables over ``complaint`` and
``follow_up``, and ``follow_up_owner``, which gives a matching follow-up's complaint without
reading the follow-up's row).

Normally triggers keep the index in step with every insert, upsert, delete and tombstone. A bulk
load (an initial sync or one after a reset, when the cache starts empty) instead *suspends* the
triggers and the secondary B-tree indexes of the pulled tables and builds them again when it
completes, which is many times faster. The triggers' absence is itself the persistent "bulk load
unfinished" mark: a pull that finds it carries on as a bulk load and restores everything when it
completes; :func:`ensure_fresh` repairs on demand (e.g. a search screen of a profile whose first
sync was cut short and that stays offline).

The full-text indexes need not wait for the end: after a page whose next one has not arrived
yet (the network is slower than this machine), the sync engine calls :func:`index_new_rows` in
the page's transaction, which indexes the rows past each table's mark in ``fts_bulk`` and moves
the mark; what is still unindexed at the end is indexed then. So on a slow link the records
are searchable while they arrive and little is left after the last page, and on a fast one no
time goes to it that the pages need. Rows at or below the mark are in the index, so during the
load three *bulk triggers* per table keep exactly those rows right: an update or a delete of
one (a record pulled twice, a tombstone, an action taken meanwhile) changes the index at once,
and so does an insert that gets such a rowid again; every other insert waits for the next
:func:`index_new_rows`. The mark is written into the triggers as a number (a subquery per
inserted row cost markedly more: bench/sync_bench.py), so they are made again whenever it
moves. A bulk load begun without marks (by an older version) rebuilds both indexes at the end,
as before.
"""

from __future__ import annotations

from sqlalchemy import Index, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex

from lapor_desk.models.cache.schema import Base, FtsBulk

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


#: Upkeep of ``follow_up_owner`` (each follow-up's complaint as rowids, cache schema 0005): a
#: follow-up added, removed or moved, a complaint added or removed (a follow-up often arrives
#: before its complaint; a complaint pulled again after it left may get another rowid).
OWNER_TRIGGERS = (
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_owner_ai AFTER INSERT ON follow_up BEGIN "
        "INSERT OR REPLACE INTO follow_up_owner(follow_up_rowid, complaint_rowid) VALUES "
        "(new.rowid, (SELECT rowid FROM complaint WHERE id = new.complaint_id)); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_owner_ad AFTER DELETE ON follow_up BEGIN "
        "DELETE FROM follow_up_owner WHERE follow_up_rowid = old.rowid; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS follow_up_owner_au AFTER UPDATE OF complaint_id ON follow_up "
        "WHEN old.complaint_id IS NOT new.complaint_id BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = "
        "(SELECT rowid FROM complaint WHERE id = new.complaint_id) "
        "WHERE follow_up_rowid = new.rowid; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_owner_ai AFTER INSERT ON complaint BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = new.rowid WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = new.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_owner_ad AFTER DELETE ON complaint BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = NULL WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = old.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS complaint_owner_au AFTER UPDATE OF id ON complaint "
        "WHEN old.id IS NOT new.id BEGIN "
        "UPDATE follow_up_owner SET complaint_rowid = NULL WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = old.id); "
        "UPDATE follow_up_owner SET complaint_rowid = new.rowid WHERE follow_up_rowid IN "
        "(SELECT rowid FROM follow_up WHERE complaint_id = new.id); END"
    ),
)
OWNER_TRIGGER_NAMES = ("follow_up_owner_ai", "follow_up_owner_ad", "follow_up_owner_au",
                       "complaint_owner_ai", "complaint_owner_ad", "complaint_owner_au")
#: What ``follow_up_owner`` must hold: every follow-up and its complaint's rowid, if any.
OWNERS_SQL = ("SELECT f.rowid, c.rowid FROM follow_up f "
              "LEFT JOIN complaint c ON c.id = f.complaint_id")


def fill_owners(connection: Connection) -> None:
    """Write ``follow_up_owner`` again from the two tables (after a bulk load, in which its
    triggers are off)."""
    connection.exec_driver_sql("DELETE FROM follow_up_owner")
    connection.exec_driver_sql(
        f"INSERT INTO follow_up_owner(follow_up_rowid, complaint_rowid) {OWNERS_SQL}")


def owners_differ(connection: Connection) -> int:
    """How many rows of ``follow_up_owner`` are missing, extra or wrong (0 when it is right)."""
    return int(connection.exec_driver_sql(
        "SELECT (SELECT count(*) FROM ("
        f"{OWNERS_SQL} EXCEPT SELECT follow_up_rowid, complaint_rowid FROM follow_up_owner)) + "
        "(SELECT count(*) FROM (SELECT follow_up_rowid, complaint_rowid FROM follow_up_owner "
        f"EXCEPT {OWNERS_SQL}))").scalar_one())


def triggers_present(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_a%'"
    ).scalar_one()
    return int(found) == len(TRIGGER_NAMES)


#: The indexed tables: their full-text table and its columns.
FTS_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "complaint": ("complaint_fts", ("title", "body")),
    "follow_up": ("follow_up_fts", ("body",)),
}

BULK_TRIGGER_NAMES = tuple(f"{table}_fts_bulk_{kind}" for table in FTS_TABLES
                           for kind in ("ai", "ad", "au"))


def _bulk_triggers(table: str, upto: int) -> list[str]:
    """The bulk triggers of ``table`` for the mark ``upto`` (rows at or below it are indexed)."""
    fts, columns = FTS_TABLES[table]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
    upto = int(upto)
    return [
        (f"CREATE TRIGGER {table}_fts_bulk_ai AFTER INSERT ON {table} "
         f"WHEN new.rowid <= {upto} BEGIN {add} END"),
        (f"CREATE TRIGGER {table}_fts_bulk_ad AFTER DELETE ON {table} "
         f"WHEN old.rowid <= {upto} BEGIN {remove} END"),
        (f"CREATE TRIGGER {table}_fts_bulk_au AFTER UPDATE OF {names} ON {table} "
         f"WHEN old.rowid <= {upto} AND ({changed}) BEGIN {remove} {add} END"),
    ]


def _set_mark(connection: Connection, table: str, upto: int) -> None:
    for kind in ("ai", "ad", "au"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_fts_bulk_{kind}")
    for statement in _bulk_triggers(table, upto):
        connection.exec_driver_sql(statement)
    connection.execute(insert(FtsBulk).values(name=table, indexed_to=upto)
                       .on_conflict_do_update(index_elements=["name"],
                                              set_={"indexed_to": upto}))


def _marks(connection: Connection) -> dict[str, int]:
    return {str(name): int(upto) for name, upto in connection.execute(
        select(FtsBulk.name, FtsBulk.indexed_to))}


def _last_rowid(connection: Connection, table: str) -> int:
    return int(connection.exec_driver_sql(
        f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar_one())


#: Bytes of new terms an FTS5 table gathers in memory before it writes them out as a segment
#: (FTS5's ``hashsize``, 1 MiB by default). Kept in each table's ``_config``, so it lasts; it
#: only matters to a transaction that indexes many rows: building both indexes after a bulk
#: load is faster (fewer, bigger segments, less merging) for a few more megabytes of memory
#: while it runs (docs/benchmarks.md).
HASH_SIZE = 8 * 1024 * 1024


def _tune(connection: Connection) -> None:
    for fts, _columns in FTS_TABLES.values():
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {HASH_SIZE})")
        except DBAPIError:  # a SQLite without the option: FTS5's default, only slower
            return


def suspend(connection: Connection) -> None:
    """Stop index upkeep for a bulk load: the secondary indexes and ``follow_up_owner`` until
    :func:`resume`, the full-text indexes until each page's :func:`index_new_rows`."""
    _tune(connection)
    in_step = triggers_present(connection)  # else the full-text indexes' state is unknown
    for name in (*TRIGGER_NAMES, *OWNER_TRIGGER_NAMES):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for index in _bulk_indexes():
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    if in_step:
        for table in FTS_TABLES:
            _set_mark(connection, table, _last_rowid(connection, table))


def _index_past_marks(connection: Connection, marks: dict[str, int]) -> dict[str, int]:
    """Index each table's rows past its mark; returns the tables' new marks (only those that
    moved: when the last rows were deleted, a mark stays)."""
    moved: dict[str, int] = {}
    for table, (fts, columns) in FTS_TABLES.items():
        last = _last_rowid(connection, table)
        if last <= marks[table]:
            continue
        names = ", ".join(columns)
        connection.exec_driver_sql(
            f"INSERT INTO {fts}(rowid, {names}) SELECT rowid, {names} FROM {table} "
            f"WHERE rowid > ?", (marks[table],))
        moved[table] = last
    return moved


def index_new_rows(connection: Connection) -> None:
    """Index the rows past each table's mark and move the marks (after a page of a bulk load,
    in its transaction); nothing to do when the load began without marks (it is rebuilt at the
    end)."""
    marks = _marks(connection)
    if set(marks) != set(FTS_TABLES):
        return
    for table, last in _index_past_marks(connection, marks).items():
        _set_mark(connection, table, last)


def resume(connection: Connection) -> None:
    """Recreate the secondary indexes, bring both full-text indexes up to date (index the rows
    past the marks, or rebuild them when the load kept none), write ``follow_up_owner`` again
    and restore trigger upkeep."""
    _tune(connection)  # a load begun by an older version
    for index in _bulk_indexes():
        # IF NOT EXISTS, not checkfirst: SQLAlchemy cannot reflect expression indexes.
        connection.execute(CreateIndex(index, if_not_exists=True))
    marks = _marks(connection)
    if set(marks) == set(FTS_TABLES):
        _index_past_marks(connection, marks)  # the marks and their triggers go just below
    else:
        connection.exec_driver_sql("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
        connection.exec_driver_sql("INSERT INTO follow_up_fts(follow_up_fts) VALUES ('rebuild')")
    for name in BULK_TRIGGER_NAMES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.execute(delete(FtsBulk))
    fill_owners(connection)
    for statement in (*OWNER_TRIGGERS, *TRIGGERS):
        connection.exec_driver_sql(statement)


def ensure_fresh(connection: Connection) -> bool:
    """Repair the index after an interrupted bulk load. Returns True when it had to."""
    if triggers_present(connection):
        return False
    resume(connection)
    return True
