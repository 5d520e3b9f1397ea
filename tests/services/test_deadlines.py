"""Deadline badges count working days (weekends and Indonesian holidays excluded)."""

from __future__ import annotations

from datetime import datetime, timedelta

from lapor_desk.models.calendar import UTC, default_config
from lapor_desk.services.deadlines import deadline_of, running_due
from lapor_desk.services.types import DeadlineBadge

FRIDAY_NOON = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)  # 12:00 WIB


def test_badges() -> None:
    config = default_config()
    assert deadline_of(None, FRIDAY_NOON, config).badge == DeadlineBadge.NONE
    late = deadline_of(FRIDAY_NOON - timedelta(hours=1), FRIDAY_NOON, config)
    assert late.badge == DeadlineBadge.OVERDUE
    # Monday morning is within one working day of Friday noon: amber, not green.
    monday = deadline_of(FRIDAY_NOON + timedelta(days=2, hours=20), FRIDAY_NOON, config)
    assert monday.badge == DeadlineBadge.DUE_SOON and monday.working_days_left == 1
    later = deadline_of(FRIDAY_NOON + timedelta(days=6), FRIDAY_NOON, config)
    assert later.badge == DeadlineBadge.ON_TRACK and later.working_days_left == 4


def test_running_deadline_follows_the_status() -> None:
    a, b = FRIDAY_NOON, FRIDAY_NOON + timedelta(days=1)
    assert running_due("unverified", a, b) == a
    assert running_due("in_progress", a, b) == b
    assert running_due("postponed", a, b) is None and running_due("done", a, b) is None
