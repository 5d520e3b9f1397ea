"""Queues (the sidebar) and the ordered id lists behind the complaint table.

Which queues a user sees follows the role (``QUEUES`` is data: change it here, not in widgets).
An id list is computed in SQL, ordered by the running deadline (verification while unverified,
resolution while forwarded or in progress; none while postponed or closed), soonest first.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.sql.elements import ColumnClause

from lapor_desk.models.cache.schema import Complaint, OutboxEntry
from lapor_desk.models.cache.search import number_clause, search_clause, search_matches
from lapor_desk.models.cache.store import Cache, driver_rows
from lapor_desk.models.calendar import UTC, DomainConfig
from lapor_desk.models.driver import driver_fetch
from lapor_desk.models.enums import Role, Status
from lapor_desk.services.deadlines import DEADLINE_SQL, RESOLUTION_STATUSES, VERIFY_STATUSES
from lapor_desk.services.errors import NotFound
from lapor_desk.services.filter_options import FilterOptions, read_options
from lapor_desk.services.types import COORDINATORS, ComplaintFilter, QueueInfo

EVERYONE = frozenset(Role)
#: Outbox states a person must look at (until dismissed) or that are still waiting.
OUTBOX_STATES = frozenset({"pending", "rejected"})
CONFLICT_STATES = frozenset({"conflict"})
#: The queue of every complaint ("Semua laporan").
ALL = "all"
NOT_IN_SP4N = "not_in_sp4n"


@dataclass(frozen=True)
class QueueDef:
    key: str
    roles: frozenset[Role]
    statuses: frozenset[Status] = frozenset()
    outbox_states: frozenset[str] = frozenset()
    #: Only the complaints SP4N-LAPOR! has no record of yet (no national tracking number).
    unrecorded: bool = False


QUEUES: tuple[QueueDef, ...] = (
    QueueDef("needs_verification", COORDINATORS, frozenset({Status.UNVERIFIED})),
    QueueDef("not_followed_up", EVERYONE, frozenset({Status.FORWARDED})),
    QueueDef("in_progress", EVERYONE, frozenset({Status.IN_PROGRESS})),
    QueueDef("reporter_responded", EVERYONE, frozenset({Status.REPORTER_RESPONDED})),
    QueueDef("postponed", COORDINATORS, frozenset({Status.POSTPONED})),
    QueueDef("done", EVERYONE, frozenset({Status.DONE})),
    QueueDef("archived", COORDINATORS, frozenset({Status.ARCHIVED})),
    #: Every complaint the user can see, whatever its status: what the search box looks in.
    QueueDef(ALL, EVERYONE, frozenset(Status)),
    #: Belum tercatat di SP4N-LAPOR!: what still needs its national tracking number (a walk-in
    #: complaint to record there, or one the connector has not sent yet); archived ones need none.
    QueueDef(NOT_IN_SP4N, COORDINATORS, frozenset(Status) - {Status.ARCHIVED}, unrecorded=True),
    QueueDef("outbox", EVERYONE, outbox_states=OUTBOX_STATES),
    QueueDef("conflicts", EVERYONE, outbox_states=CONFLICT_STATES),
)
QUEUE_BY_KEY = {q.key: q for q in QUEUES}
#: The queue a complaint of each status is listed in (besides "all"): a search result says it.
QUEUE_OF_STATUS = {str(s): q.key for q in QUEUES if q.key not in (ALL, NOT_IN_SP4N)
                   for s in q.statuses}


def queues_for(role: str) -> tuple[QueueDef, ...]:
    try:
        who = Role(role)
    except ValueError:
        return ()
    return tuple(q for q in QUEUES if who in q.roles)


def _wire(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _outbox_ids(states: frozenset[str]) -> Any:
    return select(OutboxEntry.complaint_id).where(
        OutboxEntry.state.in_(sorted(states)), OutboxEntry.dismissed.is_(False))


class _Listed:
    """An id list, and for a whole queue in its own order the complaint table's rowids beside
    the ids (what a search keeps a queue's rows by, :func:`search_matches`)."""

    __slots__ = ("ids", "rowids")

    def __init__(self, ids: list[str], rowids: array[int] | None = None) -> None:
        self.ids = ids
        self.rowids = rowids

    def __len__(self) -> int:
        return len(self.ids)


class _IdLists:
    """The id lists read last, kept while the cache has not changed (``Cache.data_version``):
    going back to a queue or to "all" after a filter is then a copy, not a query, and a filter
    or a search in the queue keeps some of its list instead of ordering rows again. Holds at
    most ``MAX_IDS`` ids in all (about 10 MB), the most recently used first."""

    MAX_IDS = 120_000

    def __init__(self) -> None:
        self.version: int | None = None
        self.lists: dict[tuple[str, ComplaintFilter], _Listed] = {}
        self.lock = threading.Lock()

    def listed(self, key: tuple[str, ComplaintFilter], version: int) -> _Listed | None:
        """What is kept for ``key`` at ``version`` (not a copy: read it, never change it)."""
        with self.lock:
            if version != self.version:
                self.lists.clear()
                self.version = version
                return None
            listed = self.lists.pop(key, None)
            if listed is not None:
                self.lists[key] = listed  # most recent last
            return listed

    def get(self, key: tuple[str, ComplaintFilter], version: int) -> list[str] | None:
        listed = self.listed(key, version)
        return None if listed is None else list(listed.ids)

    def put(self, key: tuple[str, ComplaintFilter], version: int, listed: _Listed) -> None:
        """Keep ``listed`` (itself: whoever hands it over changes it no more)."""
        with self.lock:
            if version != self.version or len(listed) > self.MAX_IDS:
                return
            self.lists[key] = listed
            total = sum(map(len, self.lists.values()))
            while total > self.MAX_IDS:
                oldest = next(iter(self.lists))
                total -= len(self.lists.pop(oldest))


class QueueQueries:
    def __init__(self, cache: Cache, role: Callable[[], str], config: DomainConfig,
                 clock: Callable[[], datetime]) -> None:
        self.cache = cache
        self.role = role
        self.config = config
        self.clock = clock
        self._id_lists = _IdLists()
        self._order_sql: dict[str, str] = {}

    def queues(self) -> list[QueueInfo]:
        """Every queue the role sees, with its count and how many need attention; one read.
        Counted from indexes: complaints per status, and the overdue ones per running deadline
        (a range of the verification or the resolution order index)."""
        now = _wire(self.clock())
        with self.cache.engine.connect() as connection:
            counts = {str(row[0]): int(row[1]) for row in connection.execute(
                select(Complaint.status, func.count()).group_by(Complaint.status))}
            late: dict[str, int] = {}
            for statuses, due in ((VERIFY_STATUSES, Complaint.verify_due),
                                  (RESOLUTION_STATUSES, Complaint.resolution_due)):
                late.update({str(row[0]): int(row[1]) for row in connection.execute(
                    select(Complaint.status, func.count())
                    .where(Complaint.status.in_(sorted(str(s) for s in statuses)),
                           due.is_not(None), due < now)
                    .group_by(Complaint.status))})
            by_status = {status: (count, late.get(status, 0)) for status, count in counts.items()}
            unrecorded = self._unrecorded_counts(connection, now)
            # The review queues list actions (outbox entries), not complaints: their counts
            # are the actions the panel lists (ui/outbox_review.py), as the status bar's.
            outbox = {row[0]: int(row[1]) for row in connection.execute(
                select(OutboxEntry.state, func.count())
                .where(OutboxEntry.dismissed.is_(False)).group_by(OutboxEntry.state))}
        result = []
        for queue in queues_for(self.role()):
            if queue.outbox_states:
                count = sum(outbox.get(s, 0) for s in queue.outbox_states)
                attention = outbox.get("rejected", 0) if queue.key == "outbox" else count
                result.append(QueueInfo(queue.key, count, attention))
            elif queue.unrecorded:
                result.append(QueueInfo(queue.key, *unrecorded))
            else:
                count = sum(by_status.get(str(s), (0, 0))[0] for s in queue.statuses)
                overdue = sum(by_status.get(str(s), (0, 0))[1] for s in queue.statuses)
                result.append(QueueInfo(queue.key, count, overdue))
        return result

    @staticmethod
    def _unrecorded_counts(connection: Any, now: str) -> tuple[int, int]:
        """How many complaints are not yet in SP4N-LAPOR!, and how many of them are overdue."""
        late = func.count().filter(literal_column(f"({DEADLINE_SQL})") < now)
        row = connection.execute(select(func.count(), late)
                                 .where(*_queue_conditions(NOT_IN_SP4N))).one()
        return int(row[0]), int(row[1] or 0)

    def complaint_ids(self, queue_key: str, where: ComplaintFilter | None = None) -> list[str]:
        """Ids of the queue's complaints that pass ``where``, soonest deadline first (a search
        keeps every complaint that matches, in the list's order). A list read before is given
        again while nothing has been written to the cache since (``_IdLists``)."""
        where = where or ComplaintFilter()
        if where.search and not where.search.strip():
            where = replace(where, search="")  # blanks typed are no search
        version = self.cache.data_version()
        key = (queue_key, where)
        remembered = self._id_lists.get(key, version)
        if remembered is not None:
            return remembered
        if where == ComplaintFilter():
            return list(self._queue_order(queue_key, version).ids)
        ids = self._read_ids(queue_key, where, version)
        self._id_lists.put(key, version, _Listed(list(ids)))
        return ids

    def remember(self, queue_key: str) -> bool:
        """Read the queue's list into memory ahead of its first opening (nothing when it is
        remembered already); True when it read."""
        version = self.cache.data_version()
        if self._remembered_order(queue_key, version) is not None:
            return False
        self._queue_order(queue_key, version)
        return True

    def _remembered_order(self, queue_key: str, version: int) -> _Listed | None:
        listed = self._id_lists.listed((queue_key, ComplaintFilter()), version)
        return listed if listed is not None and listed.rowids is not None else None

    def _queue_order(self, queue_key: str, version: int) -> _Listed:
        """The whole queue in its own order with the rowids (remembered, or read from its
        order index: the index holds both, no complaint row is read)."""
        listed = self._remembered_order(queue_key, version)
        if listed is not None:
            return listed
        sql = self._order_sql.get(queue_key)
        if sql is None:  # fixed per queue: compiled once, its values written in
            query: Any = (select(Complaint.id, literal_column("complaint.rowid"))
                     .where(*_queue_conditions(queue_key))
                     .order_by(*_order("", _running_deadline(queue_key))))
            sql = str(query.compile(dialect=self.cache.engine.dialect,
                                    compile_kwargs={"literal_binds": True}))
            self._order_sql[queue_key] = sql
        # On the driver's own cursor: SQLAlchemy's result rows would cost about as much again
        # for a long id list (bench/queue_bench.py).
        with self.cache.engine.connect() as connection:
            rows = driver_fetch(connection, sql)
        listed = _Listed([str(row[0]) for row in rows], array("q", [row[1] for row in rows]))
        self._id_lists.put((queue_key, ComplaintFilter()), version, listed)
        return listed

    def _read_ids(self, queue_key: str, where: ComplaintFilter, version: int) -> list[str]:
        query = select(Complaint.id).where(*_queue_conditions(queue_key))
        query = _narrow(query, where, self.config.calendar.tz)
        filtered = replace(where, order="", search="") != ComplaintFilter()
        searched = bool(where.search.strip())
        if not where.order and queue_key != ALL:
            # In the default order: which complaints pass comes from the filter index alone
            # (ix_complaint_filters, no row is read) and from the full-text indexes; their
            # order from the queue's own list (remembered, or read from its order index). The
            # order ends on the id, so the queue's order kept for a subset is that subset's.
            passing: set[int] | None = None  # the complaint table's rowids
            matches = None
            with self.cache.engine.connect() as connection:
                if filtered:
                    rowid: ColumnClause[Any] = literal_column("complaint.rowid")
                    passing = {int(row[0]) for row in driver_rows(
                        connection, query.with_only_columns(rowid))}
                    if not passing:
                        return []
                if searched:
                    matches = search_matches(connection, where.search)
                    if not matches:
                        return []
            whole = self._queue_order(queue_key, version)
            assert whole.rowids is not None
            pairs = zip(whole.ids, whole.rowids, strict=True)
            if matches is None:
                assert passing is not None
                return [i for i, rowid in pairs if rowid in passing]
            found = [(i, rowid) for i, rowid in pairs
                     if matches.has(rowid) and (passing is None or rowid in passing)]
            # the complaint whose tracking number was typed comes first, then the others
            return ([i for i, rowid in found if rowid in matches.first]
                    + [i for i, rowid in found if rowid not in matches.first])
        # In another order, or in "all" (whose whole list is not worth ordering, and keeping,
        # for the few complaints a search finds). Filtered or searched, it is cheaper to find
        # the rows through the status index in table order and sort them than to visit every
        # row of the queue in index order: the general expression keeps SQLite off the order indexes
        # (bench/queue_bench.py, "channel filter"); the whole queue is read in index order.
        deadline = (literal_column(f"({DEADLINE_SQL})") if filtered or searched
                    else _running_deadline(queue_key))
        query = query.order_by(*_order(where.order, deadline))
        if searched:
            clause = search_clause(where.search, literal_column("complaint.rowid"))
            if clause is None:
                return []
            query = query.where(clause)
        with self.cache.engine.connect() as connection:
            ids = [str(row[0]) for row in connection.execute(query)]
            number = number_clause(where.search) if searched else None
            if number is None:
                return ids
            first = {str(row[0]) for row in connection.execute(
                select(Complaint.id).where(number))}
        return [i for i in ids if i in first] + [i for i in ids if i not in first]

    def filter_options(self, queue_key: str) -> FilterOptions:
        """What the queue's complaints carry (channels, categories, regions, units), with counts:
        the filter bar offers only these."""
        conditions = _queue_conditions(queue_key)
        with self.cache.engine.connect() as connection:
            return read_options(connection, conditions)


#: Orders a list can take besides the default (the running deadline, soonest first).
SORTS = ("deadline", "number", "title", "status", "type", "received")


def _running_deadline(queue_key: str) -> Any:
    """The SQL for the running deadline of the queue's complaints: the verification or the
    resolution deadline when every status of the queue runs the same one (what the order
    indexes of schema.Complaint hold), None when none of them runs one, else the general CASE."""
    queue = QUEUE_BY_KEY.get(queue_key)
    statuses = queue.statuses if queue is not None else frozenset()
    if statuses and statuses <= VERIFY_STATUSES:
        return Complaint.verify_due
    if statuses and statuses <= RESOLUTION_STATUSES:
        return Complaint.resolution_due
    if statuses and not statuses & (VERIFY_STATUSES | RESOLUTION_STATUSES):
        return None
    return literal_column(f"({DEADLINE_SQL})")


def _order(order: str, deadline: Any) -> list[Any]:
    """ORDER BY for ``order`` (see ComplaintFilter.order); unknown codes give the default.
    Complaints without a value (no deadline, no number yet) always come last. ``deadline`` is
    the queue's running deadline (:func:`_running_deadline`; None: the queue has none)."""
    descending = order.startswith("-")
    code = order.lstrip("-")
    recent = func.coalesce(Complaint.closed_at, Complaint.created_at).desc()
    if code not in SORTS or code == "deadline":
        if deadline is None:  # no deadline runs: the newest first (ix_complaint_recent_order)
            return [recent, Complaint.id]
        running = deadline.desc() if descending else deadline
        return [deadline.is_(None), running, recent, Complaint.id]
    column = {"number": Complaint.tracking_number, "title": func.lower(Complaint.title),
              "status": Complaint.status, "type": Complaint.complaint_type,
              "received": Complaint.created_at}[code]
    tie = Complaint.id.desc() if descending else Complaint.id
    return [column.is_(None), column.desc() if descending else column, tie]


def _queue_conditions(queue_key: str) -> list[Any]:
    """The SQL clauses that make a queue (its statuses, or its outbox states)."""
    queue = QUEUE_BY_KEY.get(queue_key)
    if queue is None:
        raise NotFound(f"no queue {queue_key}", code="not_found")
    conditions: list[Any] = []
    if queue.statuses:
        conditions.append(Complaint.status.in_(sorted(str(s) for s in queue.statuses)))
    if queue.outbox_states:
        conditions.append(Complaint.id.in_(_outbox_ids(queue.outbox_states)))
    if queue.unrecorded:
        conditions.append(Complaint.national_tracking_number.is_(None))
    return conditions


def _narrow(query: Any, where: ComplaintFilter, zone: tzinfo) -> Any:
    """Filters; dates are local (WIB by default) calendar days."""
    if where.complaint_type:
        query = query.where(Complaint.complaint_type == where.complaint_type)
    if where.channel:
        query = query.where(Complaint.channel == where.channel)
    if where.category:
        query = query.where(Complaint.category == where.category)
    if where.subcategory:
        query = query.where(Complaint.subcategory == where.subcategory)
    if where.regency:
        query = query.where(Complaint.regency == where.regency)
    if where.unit_id is not None:
        query = query.where((Complaint.handling_unit_id == where.unit_id)
                            | (Complaint.responsible_id == where.unit_id))
    if where.received_from is not None:
        start = datetime.combine(where.received_from, time.min, tzinfo=zone)
        query = query.where(Complaint.created_at >= _wire(start))
    if where.received_to is not None:
        end = datetime.combine(where.received_to + timedelta(days=1), time.min, tzinfo=zone)
        query = query.where(Complaint.created_at < _wire(end))
    if where.anonymous is not None:
        query = query.where(Complaint.anonymous.is_(where.anonymous))
    if where.confidential is not None:
        query = query.where(Complaint.confidential.is_(where.confidential))
    return query
