"""Deadline badges in working days (hari kerja), from the shared calendar and SLA table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import null, select, union_all

from lapor_desk.models.cache.schema import Complaint
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


def running_deadlines(statuses: Iterable[str]) -> Any:
    """A subquery ``(id, due)`` of the complaints in ``statuses`` with their running deadline:
    the same choice as DEADLINE_SQL, one part per deadline, each part read from its order index
    alone (schema.Complaint) instead of every complaint's row for the general expression (the
    offline attachments' plan reads it: docs/benchmarks.md)."""
    wanted = {str(s) for s in statuses}
    verify = sorted(wanted & {str(s) for s in VERIFY_STATUSES})
    resolve = sorted(wanted & {str(s) for s in RESOLUTION_STATUSES})
    neither = sorted(wanted - set(verify) - set(resolve))
    return union_all(
        select(Complaint.id, Complaint.verify_due.label("due")).where(Complaint.status.in_(verify)),
        select(Complaint.id, Complaint.resolution_due).where(Complaint.status.in_(resolve)),
        select(Complaint.id, null()).where(Complaint.status.in_(neither)),
    ).subquery("due")


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
