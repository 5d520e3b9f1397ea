"""Working-day arithmetic on integer UTC timestamps, precomputed for the seeded period.

Exactly ``WorkingCalendar.add_working_days`` / ``working_days_between`` (the tests compare them),
but O(log n) per call: the seed computes a few million deadlines.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta

from lapor_desk.models.calendar import WorkingCalendar

DAY = 86400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def epoch_day(d: date) -> int:
    return d.toordinal() - _EPOCH_ORDINAL


def day_date(day: int) -> date:
    return date.fromordinal(day + _EPOCH_ORDINAL)


class FastCalendar:
    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self.calendar = calendar
        tz = calendar.tz
        probe = [datetime(y, m, 1, 12, tzinfo=UTC) for y in range(first.year, last.year + 1)
                 for m in (1, 4, 7, 10)]
        offsets = {p.astimezone(tz).utcoffset() for p in probe}
        if len(offsets) != 1:
            raise ValueError("FastCalendar needs a zone without daylight saving time")
        offset = offsets.pop()
        assert offset is not None
        self.offset = int(offset.total_seconds())
        days = []
        current = first
        while current <= last:
            if calendar.is_working_day(current):
                days.append(epoch_day(current))
            current += timedelta(days=1)
        self.days = days
        self.day_set = frozenset(days)
        self.first = epoch_day(first)
        self.last = epoch_day(last)

    def local_day(self, ts: int) -> int:
        return (ts + self.offset) // DAY

    def add(self, ts: int, n: int) -> int:
        """``add_working_days`` for a UTC timestamp in seconds."""
        day = (ts + self.offset) // DAY
        if n == 0:
            return ts
        i = bisect_right(self.days, day) + n - 1
        if day < self.first or i >= len(self.days):
            moment = datetime.fromtimestamp(ts, UTC)
            return int(self.calendar.add_working_days(moment, n).timestamp())
        return ts + (self.days[i] - day) * DAY

    def between(self, start: int, end: int) -> int:
        """``working_days_between`` for UTC timestamps in seconds."""
        if end <= start:
            return 0
        a = (start + self.offset) // DAY
        b = (end + self.offset) // DAY
        if a < self.first or b > self.last:
            return self.calendar.working_days_between(
                datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC)
            )
        return bisect_right(self.days, b) - bisect_right(self.days, a)

    def next_working_day(self, day: int, n: int = 1) -> int:
        """The ``n``-th working day after epoch day ``day`` (n >= 1)."""
        i = bisect_right(self.days, day) + n - 1
        if i >= len(self.days):
            return self.days[-1] + (i - len(self.days) + 1)
        return self.days[i]

    def is_working(self, day: int) -> bool:
        return day in self.day_set
