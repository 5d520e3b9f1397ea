"""Deadline badges in working days (hari kerja), from the shared calendar and SLA table."""

from __future__ import annotations

from datetime import datetime

from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import Status
from lapor_desk.services.types import Deadline, DeadlineBadge

#: Which deadline runs in which status (the SLA clock is paused while postponed).
VERIFY_STATUSES = frozenset({Status.UNVERIFIED})
RESOLUTION_STATUSES = frozenset({Status.FORWARDED, Status.IN_PROGRESS,
                                 Status.REPORTER_RESPONDED})

#: The same choice as SQL, for ordering id lists by deadline inside the database.
DEADLINE_SQL = (
    "CASE WHEN complaint.status = 'unverified' THEN complaint.verify_due "
    "WHEN complaint.status IN ('forwarded', 'in_progress', 'reporter_responded') "
    "THEN complaint.resolution_due END"
)


def running_due(status: str, verify_due: datetime | None,
                resolution_due: datetime | None) -> datetime | None:
    if status in VERIFY_STATUSES:
        return verify_due
    if status in RESOLUTION_STATUSES:
        return resolution_due
    return None


def deadline_of(due: datetime | None, now: datetime, config: DomainConfig) -> Deadline:
    """Overdue once ``due`` has passed; due soon when it falls within the next working day."""
    if due is None:
        return Deadline(None, DeadlineBadge.NONE, None)
    calendar = config.calendar
    if due <= now:
        return Deadline(due, DeadlineBadge.OVERDUE, -calendar.working_days_between(due, now))
    left = calendar.working_days_between(now, due)
    if due <= calendar.add_working_days(now, 1):
        return Deadline(due, DeadlineBadge.DUE_SOON, left)
    return Deadline(due, DeadlineBadge.ON_TRACK, left)
