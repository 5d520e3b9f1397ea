"""Working days (hari kerja) and the SLA table, both read from configuration.

All datetimes in the domain are timezone-aware UTC. Working days are counted in the configured
zone (WIB by default): a deadline of N working days after ``start`` is the same wall-clock time on
the N-th working day after ``start``'s local date.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from lapor_desk.models import holiday_table
from lapor_desk.models.enums import ComplaintType

__all__ = ["UTC", "WIT", "DomainConfig", "SlaTable", "WorkingCalendar", "default_config",
           "load_config", "utcnow"]

#: Indonesia's easternmost time zone (WIT, Papua and Maluku: UTC+9, no daylight saving): where
#: a calendar day in Indonesia begins first. WIB (UTC+7) and WITA (UTC+8) are behind it.
WIT = timezone(timedelta(hours=9), "WIT")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SlaTable:
    verify: int = 3
    first_response: int = 3
    #: the unit's first follow-up reply after the complaint was forwarded to it (the recap's
    #: compliance figure "tindak lanjut pertama")
    follow_up: int = 5
    resolution_aspirasi: int = 5
    resolution_permintaan_informasi: int = 5
    resolution_pengaduan: int = 14
    resolution_pengaduan_misconduct: int = 60
    auto_close: int = 10
    due_soon_hours: int = 24
    #: The latest day a postponement may name, in working days from today.
    postpone_max: int = 30

    def resolution_days(self, complaint_type: ComplaintType, misconduct: bool) -> int:
        if complaint_type == ComplaintType.PENGADUAN:
            return self.resolution_pengaduan_misconduct if misconduct else self.resolution_pengaduan
        if complaint_type == ComplaintType.ASPIRASI:
            return self.resolution_aspirasi
        return self.resolution_permintaan_informasi


@dataclass
class WorkingCalendar:
    """Indonesia's working days: Monday to Friday minus national holidays and cuti bersama."""

    timezone_name: str = "Asia/Jakarta"
    country: str = "ID"
    categories: tuple[str, ...] = ("public", "government")
    extra_holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    _years: dict[int, frozenset[date]] = field(default_factory=dict, repr=False)
    _counts: dict[int, list[int]] = field(default_factory=dict, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    def _holidays_of(self, year: int) -> frozenset[date]:
        cached = self._years.get(year)
        if cached is None:
            if (self.country, tuple(self.categories)) == (holiday_table.COUNTRY,
                                                          holiday_table.CATEGORIES):
                cached = holiday_table.shipped(year)
            if cached is None:
                cached = holiday_table.from_package(year, self.country, tuple(self.categories))
            self._years[year] = cached
        return cached

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day.weekday() >= 5 or day in self.extra_holidays:
            return False
        return day not in self._holidays_of(day.year)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def working_day_from(self, day: date) -> date:
        """``day`` when it is a working day, else the next working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_ahead(self, day: date, days: int) -> date:
        """The ``days``-th working day after ``day``."""
        return self.local_date(self.add_working_days(
            datetime.combine(day, datetime.min.time(), tzinfo=self.tz), days))

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same local time on the ``days``-th working day after ``start``'s local date."""
        if days < 0:
            raise ValueError("days must not be negative")
        local = start.astimezone(self.tz)
        day = local.date()
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        moved = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=self.tz)
        return moved.astimezone(UTC)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days whose start lies in (start's local date, end's local date]."""
        if end <= start:
            return 0
        first, last = self.local_date(start), self.local_date(end)
        if last <= first:
            return 0
        if first.year == last.year:
            counts = self._running_count(first.year)
            return counts[_day_of_year(last)] - counts[_day_of_year(first)]
        head = self._running_count(first.year)
        count = head[-1] - head[_day_of_year(first)]
        for year in range(first.year + 1, last.year):
            count += self._running_count(year)[-1]
        return count + self._running_count(last.year)[_day_of_year(last)]

    def _running_count(self, year: int) -> list[int]:
        """``counts[n]``: working days among the year's first ``n`` days (a running total, so a
        deadline badge costs two lookups instead of a walk over every day in between)."""
        cached = self._counts.get(year)
        if cached is None:
            cached = [0]
            day = date(year, 1, 1)
            while day.year == year:
                cached.append(cached[-1] + self.is_working_day(day))
                day += timedelta(days=1)
            self._counts[year] = cached
        return cached


def _day_of_year(day: date) -> int:
    return day.timetuple().tm_yday


@dataclass(frozen=True)
class DomainConfig:
    sla: SlaTable
    calendar: WorkingCalendar


def _parse_dates(values: list[str]) -> frozenset[date]:
    return frozenset(date.fromisoformat(v) for v in values)


def load_config(path: Path | None = None) -> DomainConfig:
    """Read the SLA table and calendar from ``path`` or the packaged ``data/sla.toml``."""
    if path is None:
        text = resources.files("lapor_desk").joinpath("data/sla.toml").read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    raw = tomllib.loads(text)
    deadlines = raw.get("deadlines", {})
    cal = raw.get("calendar", {})
    sla = SlaTable(**{k: int(v) for k, v in deadlines.items()})
    calendar = WorkingCalendar(
        timezone_name=str(cal.get("timezone", "Asia/Jakarta")),
        country=str(cal.get("country", "ID")),
        categories=tuple(cal.get("categories", ("public", "government"))),
        extra_holidays=_parse_dates(list(cal.get("extra_holidays", []))),
        extra_working_days=_parse_dates(list(cal.get("extra_working_days", []))),
    )
    return DomainConfig(sla=sla, calendar=calendar)


@lru_cache(maxsize=1)
def default_config() -> DomainConfig:
    return load_config()
