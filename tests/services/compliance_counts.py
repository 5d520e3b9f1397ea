"""An independent count of the recap's compliance figures and overdue list, row by row.

Reads every complaint with a plain ``SELECT *``, applies the definitions the recap states on its
Definisi sheet in its own words (not services/compliance.py's code), and returns per unit group:
complaints received, on time / judged for each of the three deadlines, and the tracking numbers
overdue now.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from lapor_desk.models.calendar import DomainConfig
from tests.services.oversight_counts import complaints, scope_zone

OPEN_FOR_RESOLUTION = ("forwarded", "in_progress", "reporter_responded")


@dataclass
class Share:
    on_time: int = 0
    judged: int = 0

    def add(self, on_time: bool) -> None:
        self.judged += 1
        self.on_time += on_time

    @property
    def value(self) -> float | None:
        return self.on_time / self.judged if self.judged else None


@dataclass
class UnitCount:
    received: int = 0
    verify: Share = field(default_factory=Share)
    follow_up: Share = field(default_factory=Share)
    finish: Share = field(default_factory=Share)


@dataclass
class Compliances:
    units: dict[str, UnitCount]
    total: UnitCount
    overdue_now: dict[str, list[int]]   # unit -> tracking numbers overdue now (any month)
    finished_in: dict[date, int]        # month -> closed as done in it


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def count_compliance(engine: Engine, config: DomainConfig, now: datetime,
                     month: date) -> Compliances:
    tz = scope_zone(engine)
    with engine.connect() as connection:
        root = connection.exec_driver_sql("SELECT scope_root_id FROM sync_state").scalar()
        paths = {int(i): str(p) for i, p in connection.exec_driver_sql(
            "SELECT id, path FROM agency")}
    units: dict[str, UnitCount] = defaultdict(UnitCount)
    total = UnitCount()
    overdue: dict[str, list[int]] = defaultdict(list)
    finished: dict[date, int] = defaultdict(int)
    for row in complaints(engine):
        where = row["handling_unit_id"] or row["responsible_id"]
        unit = str(where)
        if where != root and paths[where].startswith(paths[root]):
            unit = paths[where][len(paths[root]):].split("/")[0]
        status = row["status"]
        verify_due, resolution_due = _at(row["verify_due"]), _at(row["resolution_due"])
        forwarded, first = _at(row["forwarded_at"]), _at(row["first_follow_up_at"])
        closed = _at(row["closed_at"])
        running = verify_due if status == "unverified" else (
            resolution_due if status in OPEN_FOR_RESOLUTION else None)
        if running is not None and running < now:
            overdue[unit].append(row["tracking_number"])
        if status == "done" and closed is not None:
            finished[closed.astimezone(tz).date().replace(day=1)] += 1
        if _at(row["created_at"]).astimezone(tz).date().replace(day=1) != month:  # type: ignore[union-attr]
            continue
        for bucket in (units[unit], total):
            bucket.received += 1
            # verified: reached a unit (forwarded_at) or archived, by its verification deadline
            if status == "unverified":
                if verify_due is not None and verify_due < now:
                    bucket.verify.add(False)
            elif verify_due is not None:
                when = forwarded or (closed if status == "archived" else None)
                if when is not None:
                    bucket.verify.add(when <= verify_due)
            if forwarded is not None:
                limit = config.calendar.add_working_days(forwarded, config.sla.follow_up)
                if first is not None:
                    bucket.follow_up.add(first <= limit)
                elif now > limit and status != "archived":
                    bucket.follow_up.add(False)
            if resolution_due is not None:
                if status == "done" and closed is not None:
                    bucket.finish.add(closed <= resolution_due)
                elif status in OPEN_FOR_RESOLUTION and resolution_due < now:
                    bucket.finish.add(False)
    return Compliances(dict(units), total, dict(overdue), dict(finished))
