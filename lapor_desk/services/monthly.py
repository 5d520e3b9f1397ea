"""The monthly recap for leadership (rekapitulasi bulanan): one :class:`MonthlyReport` that every
file is written from (XLSX, CSV, PDF: services/recap*.py), so a figure is the same on every sheet
and page.

A report holds, as of one moment (``current.generated_at``):

- the chosen month's recap (oversight.py: statuses per unit and per kabupaten/kota, the trend)
  and the month before it, for "last month beside this month";
- per unit group, compliance with the deadlines for both months (compliance.py) and how many of
  its complaints are overdue now;
- the overdue list: every complaint overdue now, whatever month it was received in.

Only aggregates, tracking numbers, types and categories are read: never a reporter, a title or a
complaint's text (a rahasia complaint's category stays out too).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lapor_desk.models.calendar import SlaTable
from lapor_desk.services.compliance import (
    Compliance,
    MonthCompliance,
    OverdueItem,
    month_compliance,
    overdue_list,
)
from lapor_desk.services.local_time import LocalZone
from lapor_desk.services.oversight import Oversight, Recap, add_months, month_start
from lapor_desk.services.oversight_units import read_directory


@dataclass(frozen=True)
class UnitLine:
    """One unit group's line: compliance this month and last month, overdue now."""

    key: str
    name: str
    kind: str
    current: Compliance | None    # None: nothing received from this unit's queue this month
    previous: Compliance | None
    overdue_now: int


@dataclass(frozen=True)
class MonthlyReport:
    current: Recap
    previous: Recap | None        # the month before (None when the recap covers all months)
    lines: tuple[UnitLine, ...]   # the current recap's unit order, then the others by name
    total: UnitLine
    overdue: tuple[OverdueItem, ...]
    sla: SlaTable

    @property
    def zone(self) -> LocalZone:
        return self.current.zone

    def unit_name(self, key: str) -> str:
        return next((line.name for line in self.lines if line.key == key), key)


#: Writes a report to a file in one format (services/recap.py has them: ``WRITERS``).
ReportWriter = Callable[[MonthlyReport, Path], None]
#: The writer of a format, or None for a format there is none for.
WriterFor = Callable[[str], ReportWriter | None]


def _lines(current: Recap, now_units: MonthCompliance, before: MonthCompliance | None,
           overdue: tuple[OverdueItem, ...],
           describe: Callable[[str], tuple[str, str]]) -> tuple[UnitLine, ...]:
    late = Counter(item.unit_key for item in overdue)
    keys = [g.key for g in current.units]
    others = set(now_units.units) | set(before.units if before else ()) | set(late)
    keys += sorted(others - set(keys), key=lambda k: describe(k)[0])
    return tuple(UnitLine(key, *describe(key), now_units.units.get(key),
                          before.units.get(key) if before else None, late[key])
                 for key in keys)


class MonthlyRecaps:
    def __init__(self, oversight: Oversight, writer_for: WriterFor | None = None) -> None:
        self.oversight = oversight
        self.writer_for = writer_for

    def report(self, month: date | None = None) -> MonthlyReport:
        oversight = self.oversight
        oversight.require_coordinator()
        now = oversight.clock()
        month = month_start(month) if month is not None else None
        current = oversight.recap(month, now=now)
        previous = oversight.recap(add_months(month, -1), months=1, now=now) if month else None
        config = oversight.config
        with oversight.cache.engine.connect() as connection:
            directory = read_directory(connection)
            zone = directory.zone()

            def of(when: date | None) -> MonthCompliance:
                bounds = oversight.month_bounds(when, zone) if when is not None else None
                return month_compliance(connection, directory, config, now, bounds)

            this_month = of(month)
            last_month = of(add_months(month, -1)) if month else None
            overdue = overdue_list(connection, directory, config, now)
        total = UnitLine("", directory.scope_name, "total", this_month.total,
                         last_month.total if last_month else None, len(overdue))
        return MonthlyReport(current, previous,
                             _lines(current, this_month, last_month, overdue,
                                    directory.describe),
                             total, overdue, config.sla)

    def export(self, path: Path | str, fmt: str, month: date | None = None) -> Path:
        """Compute the report and write it as ``fmt`` ("xlsx", "pdf" or "csv")."""
        write = self.writer_for(fmt) if self.writer_for is not None else None
        if write is None:
            raise ValueError(f"unknown format {fmt!r}")
        data = self.report(month)
        target = Path(path)
        write(data, target)
        return target
