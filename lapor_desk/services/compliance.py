"""Compliance with the service deadlines per unit, and the list of overdue complaints.

The three figures leadership asks of each OPD, for the complaints *received* in a month (its
calendar month in the region's local time, as every recap figure), each judged at the moment the
recap is made:

- **verified on time** (``verify``): the complaint was verified — forwarded to a unit, handled by
  the agency itself, or archived — no later than its verification deadline (``verify_due``: 3 HK,
  ``sla.verify``, after it reached the agency that verifies it; time in *Tunda* does not count).
  Still unverified after the deadline: late. Still unverified before it, or postponed before
  verification: not judged yet.
- **first follow-up on time** (``follow_up``): the unit posted its first follow-up reply no later
  than ``sla.follow_up`` (5) HK after the complaint was forwarded to it (same local time of
  day). No reply and that time has passed: late; it has not passed yet: not judged. Archived
  without a reply: not judged.
- **finished within its SLA** (``finish``): *Selesai* no later than its resolution deadline
  (``resolution_due``: 5, 14 or 60 HK after forwarding, by type). Still open (forwarded, in
  progress, answered by the reporter) after the deadline: late. Running, postponed or archived:
  not judged.

A share is on time / (on time + late): complaints not judged yet are left out, and the recap
says how many were judged. *Overdue* (terlambat) is the same everywhere: an open complaint
whose running deadline (:data:`deadlines.DEADLINE_SQL`: verification while unverified,
resolution while forwarded, in progress or answered) has passed. The overdue list holds every
complaint overdue now, whatever month it was received in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, literal_column, select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.models.calendar import UTC, DomainConfig
from lapor_desk.models.enums import Status
from lapor_desk.services.deadlines import DEADLINE_SQL, RESOLUTION_STATUSES
from lapor_desk.services.local_time import LocalZone
from lapor_desk.services.oversight_units import ScopeDirectory

VERIFY, FOLLOW_UP, FINISH = "verify", "follow_up", "finish"
MEASURES = (VERIFY, FOLLOW_UP, FINISH)
ON_TIME, LATE = "on_time", "late"
_OPEN_RESOLUTION = frozenset(str(s) for s in RESOLUTION_STATUSES)


@dataclass(frozen=True)
class Measure:
    on_time: int = 0
    late: int = 0

    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @property
    def share(self) -> float | None:
        """On time as a fraction of those judged (None when none was judged)."""
        return self.on_time / self.judged if self.judged else None


@dataclass(frozen=True)
class Compliance:
    key: str          # the unit group's key (oversight_units), "" for the total
    name: str
    kind: str         # as GroupStats.kind
    received: int
    verify: Measure
    follow_up: Measure
    finish: Measure

    def measure(self, which: str) -> Measure:
        return {VERIFY: self.verify, FOLLOW_UP: self.follow_up, FINISH: self.finish}[which]


@dataclass(frozen=True)
class OverdueItem:
    unit_key: str
    tracking_number: int | None
    complaint_type: str
    category: str | None     # None for a rahasia complaint (its content stays out)
    confidential: bool
    status: str
    received_at: datetime
    due: datetime
    working_days_late: int
    #: SP4N-LAPOR!'s tracking number (None: not recorded there yet).
    national_tracking_number: int | None = None

    @property
    def stage(self) -> str:
        """Which deadline has passed: verification or resolution."""
        return VERIFY if self.status == str(Status.UNVERIFIED) else FINISH


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def judge(row: Any, now: datetime, config: DomainConfig) -> dict[str, str]:
    """The outcome (``on_time``/``late``) of each measure judged for one complaint row."""
    status = row.status
    found: dict[str, str] = {}
    verify_due, forwarded = _time(row.verify_due), _time(row.forwarded_at)
    closed = _time(row.closed_at)
    verified = forwarded or (closed if status == str(Status.ARCHIVED) else None)
    if status == str(Status.UNVERIFIED):
        if verify_due is not None and verify_due < now:
            found[VERIFY] = LATE
    elif verified is not None and verify_due is not None:
        found[VERIFY] = ON_TIME if verified <= verify_due else LATE
    if forwarded is not None:
        due = config.calendar.add_working_days(forwarded, config.sla.follow_up)
        followed = _time(row.first_follow_up_at)
        if followed is not None:
            found[FOLLOW_UP] = ON_TIME if followed <= due else LATE
        elif due < now and status != str(Status.ARCHIVED):
            found[FOLLOW_UP] = LATE
    resolution_due = _time(row.resolution_due)
    if resolution_due is not None:
        if status == str(Status.DONE) and closed is not None:
            found[FINISH] = ON_TIME if closed <= resolution_due else LATE
        elif status in _OPEN_RESOLUTION and resolution_due < now:
            found[FINISH] = LATE
    return found


@dataclass
class _Tally:
    received: int = 0
    outcomes: dict[str, Counter[str]] = field(
        default_factory=lambda: {m: Counter() for m in MEASURES})

    def add(self, outcome: dict[str, str]) -> None:
        self.received += 1
        for measure, verdict in outcome.items():
            self.outcomes[measure][verdict] += 1

    def freeze(self, key: str, name: str, kind: str) -> Compliance:
        def measure(which: str) -> Measure:
            return Measure(self.outcomes[which][ON_TIME], self.outcomes[which][LATE])
        return Compliance(key, name, kind, self.received, measure(VERIFY), measure(FOLLOW_UP),
                          measure(FINISH))


@dataclass(frozen=True)
class MonthCompliance:
    units: dict[str, Compliance]
    total: Compliance


_COLUMNS = (Complaint.status, Complaint.handling_unit_id, Complaint.responsible_id,
            Complaint.verify_due, Complaint.resolution_due, Complaint.forwarded_at,
            Complaint.first_follow_up_at, Complaint.closed_at)


def month_compliance(connection: Any, directory: ScopeDirectory, config: DomainConfig,
                     now: datetime, bounds: tuple[str, str] | None) -> MonthCompliance:
    """Compliance per unit group for the complaints received within ``bounds`` (wire text,
    start inclusive, end exclusive; None: every complaint)."""
    query = select(*_COLUMNS)
    if bounds is not None:
        query = query.where(Complaint.created_at >= bounds[0], Complaint.created_at < bounds[1])
    units: dict[str, _Tally] = defaultdict(_Tally)
    total = _Tally()
    for row in connection.execute(query):
        outcome = judge(row, now, config)
        units[directory.unit_key(row.handling_unit_id or row.responsible_id)].add(outcome)
        total.add(outcome)
    return MonthCompliance(
        {key: tally.freeze(key, *directory.describe(key)) for key, tally in units.items()},
        total.freeze("", directory.scope_name, "total"))


def overdue_list(connection: Any, directory: ScopeDirectory, config: DomainConfig,
                 now: datetime) -> tuple[OverdueItem, ...]:
    """Every complaint overdue now (any month), by unit group, the longest overdue first."""
    deadline: Any = literal_column(f"({DEADLINE_SQL})")
    query = (select(Complaint.tracking_number, Complaint.complaint_type, Complaint.category,
                    Complaint.confidential, Complaint.status, Complaint.handling_unit_id,
                    Complaint.responsible_id, Complaint.created_at, deadline.label("due"),
                    Complaint.national_tracking_number)
             .where(and_(deadline.is_not(None),
                         deadline < now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))))
    items = []
    for row in connection.execute(query):
        due = datetime.fromisoformat(row.due)
        items.append(OverdueItem(
            directory.unit_key(row.handling_unit_id or row.responsible_id), row.tracking_number,
            row.complaint_type, None if row.confidential else row.category,
            bool(row.confidential), row.status,
            datetime.fromisoformat(row.created_at), due,
            config.calendar.working_days_between(due, now), row.national_tracking_number))
    return tuple(sorted(items, key=lambda i: (i.unit_key, i.due, i.tracking_number or 0)))


def received_in(item: OverdueItem, month: date, zone: LocalZone) -> bool:
    here = zone.local(item.received_at).date()
    return (here.year, here.month) == (month.year, month.month)


def per_unit(items: Iterable[OverdueItem]) -> dict[str, list[OverdueItem]]:
    grouped: dict[str, list[OverdueItem]] = defaultdict(list)
    for item in items:
        grouped[item.unit_key].append(item)
    return dict(grouped)
