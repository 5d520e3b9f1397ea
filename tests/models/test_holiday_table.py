"""The shipped holiday table says what the ``holidays`` package says, and the calendar uses it
without importing the package's countries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from lapor_desk.models import holiday_table
from lapor_desk.models.calendar import WorkingCalendar


@pytest.mark.parametrize("year", range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1))
def test_the_table_is_the_packages_answer(year: int) -> None:
    """Fails after an upgrade of ``holidays`` that changed a date: run
    ``python -m lapor_desk.models.holiday_table`` and commit the table."""
    assert holiday_table.shipped(year) == holiday_table.from_package(year)


def test_known_days_and_outside_the_table() -> None:
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan
    assert not calendar.is_working_day(date(2026, 1, 1))
    assert calendar.is_working_day(date(2026, 8, 18))
    assert holiday_table.shipped(holiday_table.LAST_YEAR + 1) is None
    later = date(holiday_table.LAST_YEAR + 1, 8, 17)  # asked of the package itself
    assert not calendar.is_working_day(later)
    other = WorkingCalendar(categories=("public",))  # another choice: the package's answer
    assert other._holidays_of(2026) == holiday_table.from_package(2026, "ID", ("public",))


def test_counting_working_days_imports_no_country_module() -> None:
    code = ("import sys\n"
            "from datetime import datetime, UTC\n"
            "from lapor_desk.models.calendar import WorkingCalendar\n"
            "c = WorkingCalendar()\n"
            "n = c.working_days_between(datetime(2026, 1, 1, tzinfo=UTC),"
            " datetime(2026, 12, 31, tzinfo=UTC))\n"
            "print(n, any(m.startswith('holidays') for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 200 and out[1] == "False"
