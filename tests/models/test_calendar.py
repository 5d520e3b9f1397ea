from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from lapor_desk.models.calendar import UTC, WorkingCalendar, load_config
from lapor_desk.models.enums import ComplaintType


def wib(y: int, m: int, d: int, h: int = 9) -> datetime:
    # 09:00 WIB is 02:00 UTC
    return datetime(y, m, d, h - 7, 0, tzinfo=UTC)


@pytest.fixture
def calendar() -> WorkingCalendar:
    return load_config().calendar


def test_weekend_is_skipped(calendar: WorkingCalendar) -> None:
    friday = wib(2026, 11, 20)
    assert calendar.add_working_days(friday, 1) == wib(2026, 11, 23)  # Monday
    assert calendar.add_working_days(friday, 3) == wib(2026, 11, 25)


def test_eid_collective_leave_is_skipped(calendar: WorkingCalendar) -> None:
    # 18-24 March 2026: Nyepi, Idul Fitri and cuti bersama; 21-22 is a weekend.
    tuesday = wib(2026, 3, 17)
    assert calendar.add_working_days(tuesday, 3) == wib(2026, 3, 27)
    assert not calendar.is_working_day(date(2026, 3, 23))  # cuti bersama, a Monday


def test_local_date_is_wib_not_utc(calendar: WorkingCalendar) -> None:
    # 23:30 UTC on Friday is already Saturday 06:30 WIB: the next working day is Monday + 1.
    late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert calendar.local_date(late) == date(2026, 11, 21)
    assert calendar.local_date(calendar.add_working_days(late, 1)) == date(2026, 11, 23)


def test_working_days_between_equals_a_walk_over_every_day() -> None:
    """The running totals give what counting day by day gives, across years and leap days, with
    the configured extra holidays and working days."""
    import random
    from datetime import timedelta

    calendar = WorkingCalendar(extra_holidays=frozenset({date(2025, 6, 3), date(2027, 1, 4)}),
                               extra_working_days=frozenset({date(2026, 3, 21)}))

    def walk(start: datetime, end: datetime) -> int:
        day, last = calendar.local_date(start), calendar.local_date(end)
        count = 0
        while day < last:
            day += timedelta(days=1)
            count += calendar.is_working_day(day)
        return count

    pick = random.Random(20261202)
    for _ in range(400):
        start = wib(2023, 12, 25) + timedelta(hours=pick.randrange(0, 4 * 365 * 24))
        end = start + timedelta(hours=pick.randrange(-48, 800 * 24))
        assert calendar.working_days_between(start, end) == walk(start, end), (start, end)
    assert calendar.working_days_between(wib(2023, 12, 29), wib(2027, 1, 5)) == \
        walk(wib(2023, 12, 29), wib(2027, 1, 5))


def test_working_days_between(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(wib(2026, 11, 20), wib(2026, 11, 27)) == 5
    assert calendar.working_days_between(wib(2026, 11, 27), wib(2026, 11, 20)) == 0
    assert calendar.working_days_between(wib(2026, 3, 17), wib(2026, 3, 27)) == 3


def test_negative_days_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(wib(2026, 1, 5), -1)


def test_sla_table_by_type() -> None:
    sla = load_config().sla
    assert sla.verify == 3 and sla.auto_close == 10
    assert sla.resolution_days(ComplaintType.ASPIRASI, False) == 5
    assert sla.resolution_days(ComplaintType.PERMINTAAN_INFORMASI, False) == 5
    assert sla.resolution_days(ComplaintType.PENGADUAN, False) == 14
    assert sla.resolution_days(ComplaintType.PENGADUAN, True) == 60


def test_config_file_overrides_rules(tmp_path: Path) -> None:
    path = tmp_path / "sla.toml"
    path.write_text(
        '[deadlines]\nverify = 2\n[calendar]\nextra_holidays = ["2026-11-23"]\n'
        'extra_working_days = ["2026-11-21"]\n'
    )
    config = load_config(path)
    assert config.sla.verify == 2
    assert not config.calendar.is_working_day(date(2026, 11, 23))
    assert config.calendar.is_working_day(date(2026, 11, 21))  # a Saturday made a working day
