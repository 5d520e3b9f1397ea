"""Oversight for coordinators: how the units and the kabupaten/kota in the user's scope are doing.

Everything is aggregated in SQL over the local cache (which holds exactly the user's scope) and
comes back as frozen values:

- per group (a unit, or a kabupaten/kota): complaints by status, overdue (the running working-day
  deadline, :data:`deadlines.DEADLINE_SQL`, has passed), unfollowed (forwarded to a unit and
  still without a public follow-up) and the median time from forwarding to the first follow-up,
  in working days (hari kerja) of the configured calendar;
- the trend: complaints received per month, those of them done now, and those finished (closed
  as Selesai) within each month whenever received: two different counts, named apart.

A *unit* group is the node right below the user's scope root on the way to where the complaint
sits now: for an agency admin the OPD / unit kerja (plus the agency itself for complaints it has
not forwarded yet), for a national admin the agencies (K/L/D, province). A *regency* group is the
incident's kabupaten/kota (oversight_units.py). With a month chosen, only complaints received in
that month count (the calendar month in the local time of the user's region: WIB, WITA or WIT,
services/local_time.py); their status is today's.

Only coordinators (national and agency admins) get oversight; a liaison officer's queues already
show everything of their one unit, so :meth:`Oversight.overview` refuses the role.
No reporter identity and no complaint text is ever read here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal_column, select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import UTC, DomainConfig, WorkingCalendar
from lapor_desk.models.enums import Status
from lapor_desk.services.deadlines import DEADLINE_SQL
from lapor_desk.services.errors import ActionNotAllowed
from lapor_desk.services.local_time import WIB, LocalZone
from lapor_desk.services.oversight_units import ScopeDirectory, read_directory
from lapor_desk.services.ratings import LowRating, low_ratings
from lapor_desk.services.types import Capabilities

BREAKDOWNS = ("unit", "regency")
#: The order statuses are counted, charted and exported in (the lifecycle's order).
STATUS_ORDER: tuple[str, ...] = tuple(str(s) for s in Status)
TREND_MONTHS = 12
MAX_MONTHS = 36
#: Statuses in which a forwarded complaint without a public reply counts as unfollowed.
UNFOLLOWED_STATUSES = (str(Status.FORWARDED), str(Status.POSTPONED))


@dataclass(frozen=True)
class GroupStats:
    key: str          # unit: the agency id; regency: its name ("" when not stated); total: ""
    name: str         # agency or kabupaten/kota name as the directory spells it
    kind: str         # scope (the user's own agency), agency, unit, regency, none, unknown, total
    statuses: tuple[int, ...]  # counts in STATUS_ORDER
    overdue: int
    unfollowed: int
    followed_up: int  # complaints whose time to first follow-up is measured
    median_follow_up_days: float | None  # working days, None when nothing was measured
    rated: int = 0  # complaints the reporter rated (the public page)
    rating_average: float | None = None  # their mean rating, 1-5; None when none was rated

    @property
    def total(self) -> int:
        return sum(self.statuses)

    def count(self, status: str) -> int:
        return self.statuses[STATUS_ORDER.index(status)]


@dataclass(frozen=True)
class MonthCount:
    month: date       # the first day of the month
    received: int
    finished: int     # closed as done within the month, whenever received
    received_done: int = 0  # received in the month and done now


@dataclass(frozen=True)
class Overview:
    breakdown: str    # "unit" or "regency"
    month: date | None
    scope_name: str
    generated_at: datetime
    groups: tuple[GroupStats, ...]
    total: GroupStats
    trend: tuple[MonthCount, ...]
    #: the period's complaints their reporters rated 1-2, newest first (services/ratings.py)
    low_ratings: tuple[LowRating, ...] = ()


@dataclass(frozen=True)
class Recap:
    """The monthly recap (rekapitulasi): both breakdowns, the total and the trend."""

    month: date | None
    scope_name: str
    generated_at: datetime
    units: tuple[GroupStats, ...]
    regencies: tuple[GroupStats, ...]
    total: GroupStats
    trend: tuple[MonthCount, ...]
    zone: LocalZone = WIB   # the local time the months and times are in


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _wire(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class _Tally:
    """Counts for one group while rows are rolled up."""

    def __init__(self) -> None:
        self.statuses = [0] * len(STATUS_ORDER)
        self.overdue = 0
        self.unfollowed = 0
        self.days: Counter[int] = Counter()  # working days to first follow-up -> complaints
        self.rated = 0
        self.rating_sum = 0

    def freeze(self, key: str, name: str, kind: str) -> GroupStats:
        return GroupStats(key, name, kind, tuple(self.statuses), self.overdue, self.unfollowed,
                          self.days.total(), _median(self.days), self.rated,
                          self.rating_sum / self.rated if self.rated else None)


def _median(frequencies: Counter[int]) -> float | None:
    """The median of values given as value -> how often (as ``statistics.median`` would)."""
    size = frequencies.total()
    if size == 0:
        return None
    ordered = sorted(frequencies.items())

    def nth(rank: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if rank < seen:
                return value
        raise AssertionError("rank beyond the data")

    if size % 2:
        return float(nth(size // 2))
    return (nth(size // 2 - 1) + nth(size // 2)) / 2


class _WorkingDayIndex:
    """Working days between two local dates by a cumulative count (fast for many pairs).

    ``between(a, b)`` equals :meth:`WorkingCalendar.working_days_between`: the working days in
    ``(a, b]``.
    """

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self._index: dict[date, int] = {}

    def _extend(self, first: date, last: date) -> None:
        self._index = {}
        day, running = first, 0
        while day <= last:
            if self.calendar.is_working_day(day):
                running += 1
            self._index[day] = running
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        if start not in self._index or end not in self._index:
            known = list(self._index) or [start]
            # a year of slack each way: extending (a rebuild) stays rare
            self._extend(min(start, min(known)) - timedelta(days=366),
                         max(end, max(known)) + timedelta(days=366))
        return self._index[end] - self._index[start]


class Oversight:
    def __init__(self, cache: Cache, role: Callable[[], str], config: DomainConfig,
                 clock: Callable[[], datetime]) -> None:
        self.cache = cache
        self.role = role
        self.config = config
        self.clock = clock

    # --- public -------------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the signed-in role gets the dashboard (coordinators only)."""
        return Capabilities.of(self.role()).oversight

    def overview(self, breakdown: str = "unit", month: date | None = None,
                 months: int = TREND_MONTHS) -> Overview:
        """Groups of one breakdown for complaints received in ``month`` (all when None), and
        the trend of the ``months`` months ending with ``month`` (or the current month)."""
        if breakdown not in BREAKDOWNS:
            raise ValueError(f"unknown breakdown {breakdown!r}")
        recap = self.recap(month, months)
        groups = recap.units if breakdown == "unit" else recap.regencies
        with self.cache.engine.connect() as connection:
            bounds = self.month_bounds(recap.month, recap.zone) if recap.month else None
            low = low_ratings(connection, read_directory(connection), bounds)
        return Overview(breakdown, recap.month, recap.scope_name, recap.generated_at, groups,
                        recap.total, recap.trend, low)

    def recap(self, month: date | None = None, months: int = TREND_MONTHS,
              now: datetime | None = None) -> Recap:
        """Both breakdowns at once (one read of the cache), as of ``now`` (the clock's)."""
        self.require_coordinator()
        now = now or self.clock()
        month = month_start(month) if month is not None else None
        with self.cache.engine.connect() as connection:
            directory = read_directory(connection)
            zone = directory.zone()
            counts = connection.execute(self._count_query(now, month, zone)).all()
            waits = self._follow_up_days(connection, now, month, zone)
            ratings = connection.execute(self._rating_query(month, zone)).all()
            last = month or month_start(zone.local(now).date())
            trend = self._trend(connection, zone, add_months(last, -(max(months, 1) - 1)), last)
        units: dict[str, _Tally] = defaultdict(_Tally)
        regencies: dict[str, _Tally] = defaultdict(_Tally)
        total = _Tally()
        for location, regency, status, count, overdue, unfollowed in counts:
            where = STATUS_ORDER.index(status) if status in STATUS_ORDER else None
            for tally in (units[directory.unit_key(location)], regencies[regency or ""],
                          total):
                if where is not None:
                    tally.statuses[where] += int(count)
                tally.overdue += int(overdue or 0)
                tally.unfollowed += int(unfollowed or 0)
        for location, regency, days, count in waits:
            for tally in (units[directory.unit_key(location)], regencies[regency or ""],
                          total):
                tally.days[int(days)] += int(count)
        for location, regency, count, rating_sum in ratings:
            for tally in (units[directory.unit_key(location)], regencies[regency or ""],
                          total):
                tally.rated += int(count)
                tally.rating_sum += int(rating_sum or 0)
        return Recap(
            month=month,
            scope_name=directory.scope_name,
            generated_at=now,
            units=_ordered(t.freeze(k, *directory.describe(k)) for k, t in units.items()),
            regencies=_ordered(t.freeze(k, k, "regency" if k else "none")
                               for k, t in regencies.items()),
            total=total.freeze("", directory.scope_name, "total"),
            trend=trend,
            zone=zone,
        )

    def months(self) -> tuple[date, ...]:
        """Months to choose from, newest first: the current month back to the oldest complaint
        (at most :data:`MAX_MONTHS`)."""
        with self.cache.engine.connect() as connection:
            zone = read_directory(connection).zone()
            oldest_text = connection.execute(select(func.min(Complaint.created_at))).scalar()
        newest = month_start(zone.local(self.clock()).date())
        oldest = newest
        if oldest_text:
            oldest = month_start(zone.local(datetime.fromisoformat(oldest_text)).date())
        found: list[date] = []
        month = newest
        while month >= oldest and len(found) < MAX_MONTHS:
            found.append(month)
            month = add_months(month, -1)
        return tuple(found)

    # --- queries ------------------------------------------------------------------------------

    def require_coordinator(self) -> None:
        if not self.available:
            raise ActionNotAllowed("role_not_allowed", "oversight is for coordinators")

    def zone(self) -> LocalZone:
        """The local time of the user's region (WIB, WITA or WIT)."""
        with self.cache.engine.connect() as connection:
            return read_directory(connection).zone()

    def directory(self) -> ScopeDirectory:
        with self.cache.engine.connect() as connection:
            return read_directory(connection)

    def _offset(self, now: datetime) -> str:
        """The calendar zone's UTC offset as an SQLite date modifier: working days are counted
        in the calendar's zone, as the deadlines are (Indonesia's zones keep no DST)."""
        offset = self.config.calendar.tz.utcoffset(now.replace(tzinfo=None))
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        return f"{minutes:+d} minutes"

    @staticmethod
    def month_bounds(month: date, zone: LocalZone) -> tuple[str, str]:
        """The month's first moment and the next month's, in the zone, as wire text."""
        start = datetime.combine(month, time.min, tzinfo=zone.tz)
        end = datetime.combine(add_months(month, 1), time.min, tzinfo=zone.tz)
        return _wire(start), _wire(end)

    def _received_in(self, query: Any, month: date | None, zone: LocalZone) -> Any:
        if month is None:
            return query
        start, end = self.month_bounds(month, zone)
        return query.where(Complaint.created_at >= start, Complaint.created_at < end)

    def _count_query(self, now: datetime, month: date | None, zone: LocalZone) -> Any:
        deadline: Any = literal_column(f"({DEADLINE_SQL})")
        location = func.coalesce(Complaint.handling_unit_id, Complaint.responsible_id)
        overdue = case((and_(deadline.is_not(None), deadline < _wire(now)), 1), else_=0)
        unfollowed = case((and_(Complaint.status.in_(UNFOLLOWED_STATUSES),
                                Complaint.forwarded_at.is_not(None),
                                Complaint.first_follow_up_at.is_(None)), 1), else_=0)
        query = (select(location, Complaint.regency, Complaint.status, func.count(),
                        func.sum(overdue), func.sum(unfollowed))
                 .group_by(location, Complaint.regency, Complaint.status))
        return self._received_in(query, month, zone)

    def _rating_query(self, month: date | None, zone: LocalZone) -> Any:
        """(location, regency, complaints rated, sum of their ratings)."""
        location = func.coalesce(Complaint.handling_unit_id, Complaint.responsible_id)
        query = (select(location, Complaint.regency, func.count(), func.sum(Complaint.rating))
                 .where(Complaint.rating.is_not(None))
                 .group_by(location, Complaint.regency))
        return self._received_in(query, month, zone)

    def _follow_up_days(self, connection: Any, now: datetime, month: date | None,
                        zone: LocalZone) -> list[tuple[int, str | None, int, int]]:
        """(location, regency, working days from forwarding to the first follow-up, count).

        SQL groups the complaints by the two local dates (a few thousand distinct rows even at
        100,000 complaints); each distinct pair of dates is then counted in working days once,
        with the configured calendar.
        """
        shift = self._offset(now)
        location = func.coalesce(Complaint.handling_unit_id, Complaint.responsible_id)
        forwarded = func.date(Complaint.forwarded_at, shift)
        followed = func.date(Complaint.first_follow_up_at, shift)
        query = (select(location, Complaint.regency, forwarded, followed, func.count())
                 .where(Complaint.forwarded_at.is_not(None),
                        Complaint.first_follow_up_at.is_not(None),
                        Complaint.first_follow_up_at >= Complaint.forwarded_at)
                 .group_by(location, Complaint.regency, forwarded, followed))
        index = _WorkingDayIndex(self.config.calendar)
        days: dict[tuple[str, str], int] = {}
        result = []
        for where, regency, start, end, count in connection.execute(
                self._received_in(query, month, zone)):
            pair = (start, end)
            if pair not in days:
                days[pair] = index.between(date.fromisoformat(start), date.fromisoformat(end))
            result.append((int(where), regency, days[pair], int(count)))
        return result

    def _trend(self, connection: Any, zone: LocalZone, first: date,
               last: date) -> tuple[MonthCount, ...]:
        months = [first]
        while months[-1] < last:
            months.append(add_months(months[-1], 1))
        bounds = [self.month_bounds(m, zone)[0] for m in months] \
            + [self.month_bounds(last, zone)[1]]

        def per_month(column: Any, *where: Any) -> dict[int, int]:
            bucket = case(*((column < bounds[i + 1], i) for i in range(len(months))))
            rows = connection.execute(
                select(bucket, func.count())
                .where(column >= bounds[0], column < bounds[-1], *where)
                .group_by(bucket)).all()
            return {int(index): int(count) for index, count in rows}

        received = per_month(Complaint.created_at)
        finished = per_month(Complaint.closed_at, Complaint.status == str(Status.DONE))
        received_done = per_month(Complaint.created_at, Complaint.status == str(Status.DONE))
        return tuple(MonthCount(m, received.get(i, 0), finished.get(i, 0),
                                received_done.get(i, 0))
                     for i, m in enumerate(months))


def _ordered(groups: Iterable[GroupStats]) -> tuple[GroupStats, ...]:
    """Busiest first; complaints with no kabupaten/kota stated last."""
    return tuple(sorted(groups, key=lambda g: (g.kind == "none", -g.total, g.name)))
