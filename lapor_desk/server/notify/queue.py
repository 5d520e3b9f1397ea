"""The notification queue: written with the change, claimed by one worker, retried with backoff.

``enqueue`` runs inside the transaction that writes a complaint's change (``write_transition``),
so the message exists exactly when the change does: a rejected or rolled-back action leaves none,
a replayed push writes none again (its answer is replayed, nothing is written), and the row's
``event_seq`` (the audit event's change number, unique) makes a second row for one event
impossible.

``claim`` takes due rows for one sender in a short write transaction: ``FOR UPDATE SKIP LOCKED``
on PostgreSQL (two workers never take the same row, neither waits for the other), the write lock
on SQLite. A claimed row is ``sending`` until ``claimed_until``; a worker that died while sending
leaves it to be claimed again after that lease.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from lapor_desk.models.complaint_state import Transition
from lapor_desk.models.enums import ActionKind, FollowUpKind, Status, SystemEventKind
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Notification

NOTIFICATIONS = cast(Table, Notification.__table__)
_INSERT = insert(NOTIFICATIONS)

PENDING, SENDING, SENT, SKIPPED, FAILED = "pending", "sending", "sent", "skipped", "failed"
#: Not a status: an outcome not recorded, since the claim had run out (``mark_failed``).
LOST = "lost"

#: The changes a reporter is told about.
VERIFIED, FORWARDED, ANSWERED, FINISHED = "verified", "forwarded", "answered", "finished"
KINDS = (VERIFIED, FORWARDED, ANSWERED, FINISHED)

#: How long a claimed row is a worker's own before another may take it again.
LEASE = timedelta(minutes=5)


def kind_of(transition: Transition) -> str | None:
    """Which message a change makes, if any: the agency took it itself (``verified``), it went
    to a unit or an agency (``forwarded``), a public follow-up (``answered``), it was finished
    by an admin or closed unanswered (``finished``)."""
    event = transition.event
    before, after = event.from_status, transition.state.status
    if event.kind == ActionKind.HANDLE:
        return VERIFIED
    if event.kind == ActionKind.FORWARD:
        return FORWARDED
    if (transition.follow_up is not None and transition.follow_up.kind == FollowUpKind.REPLY
            and event.kind == ActionKind.FOLLOW_UP):
        return ANSWERED
    if after == Status.DONE and before != Status.DONE and event.kind in (
            ActionKind.CLOSE, SystemEventKind.AUTO_CLOSE):
        return FINISHED
    return None


def enqueue(connection: Connection, complaint_id: str, transition: Transition, event_seq: int,
            unit_name: str, now: datetime) -> bool:
    """Queue the message ``transition`` makes (in the caller's transaction). ``unit_name``: where
    the complaint is after the change. Returns whether one was queued."""
    kind = kind_of(transition)
    if kind is None:
        return False
    params: dict[str, Any] = {"unit": unit_name}
    if kind == ANSWERED and transition.follow_up is not None:
        params["reply"] = transition.follow_up.body
    connection.execute(_INSERT, {
        "complaint_id": complaint_id, "event_seq": event_seq, "kind": kind, "params": params,
        "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now})
    return True


@dataclass(frozen=True)
class Claimed:
    id: int
    complaint_id: str
    kind: str
    params: dict[str, Any]
    attempts: int


def _due(now: datetime) -> Any:
    return or_(
        and_(NOTIFICATIONS.c.status == PENDING, NOTIFICATIONS.c.next_attempt_at <= now),
        and_(NOTIFICATIONS.c.status == SENDING, NOTIFICATIONS.c.claimed_until <= now),
    )


def claim(engine: Engine, now: datetime, limit: int = 20) -> list[Claimed]:
    """Up to ``limit`` due messages, oldest first, now this caller's until ``now + LEASE``."""
    with transaction(engine) as session:
        connection = session.connection()
        query = (select(NOTIFICATIONS.c.id, NOTIFICATIONS.c.complaint_id, NOTIFICATIONS.c.kind,
                        NOTIFICATIONS.c.params, NOTIFICATIONS.c.attempts)
                 .where(_due(now)).order_by(NOTIFICATIONS.c.id).limit(limit))
        if connection.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = connection.execute(query).all()
        if not rows:
            return []
        connection.execute(
            update(NOTIFICATIONS).where(NOTIFICATIONS.c.id.in_([r.id for r in rows]))
            .values(status=SENDING, claimed_until=now + LEASE,
                    attempts=NOTIFICATIONS.c.attempts + 1))
        return [Claimed(r.id, r.complaint_id, r.kind, dict(r.params or {}), r.attempts + 1)
                for r in rows]


def _finish(engine: Engine, claimed: Claimed, **values: Any) -> bool:
    """Record how a claimed message ended, unless the lease was lost to another worker
    meanwhile (its attempt count moved on). Returns whether it was recorded."""
    with transaction(engine) as session:
        result = session.connection().execute(
            update(NOTIFICATIONS).where(NOTIFICATIONS.c.id == claimed.id,
                                        NOTIFICATIONS.c.status == SENDING,
                                        NOTIFICATIONS.c.attempts == claimed.attempts)
            .values(claimed_until=None, **values))
        return bool(result.rowcount)


def mark_routed(engine: Engine, claimed: Claimed, channel: str, address: str) -> None:
    with transaction(engine) as session:
        session.connection().execute(
            update(NOTIFICATIONS).where(NOTIFICATIONS.c.id == claimed.id)
            .values(channel=channel, address=address))


def mark_sent(engine: Engine, claimed: Claimed, now: datetime, provider_id: str) -> bool:
    return _finish(engine, claimed, status=SENT, sent_at=now, provider_id=provider_id[:255],
                   error=None)


def mark_skipped(engine: Engine, claimed: Claimed, reason: str) -> bool:
    return _finish(engine, claimed, status=SKIPPED, error=reason)


def backoff(attempts: int, base: timedelta = timedelta(minutes=1),
            cap: timedelta = timedelta(hours=6)) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes, at most 6 hours."""
    wait: timedelta = base * (2 ** max(0, min(attempts - 1, 30)))
    return min(cap, wait)


def mark_failed(engine: Engine, claimed: Claimed, now: datetime, error: str, *,
                permanent: bool, max_attempts: int) -> str:
    """A failed attempt: tried again after :func:`backoff`, or ``failed`` for good when the
    provider refused it or the attempts are used up. Returns the new status, or :data:`LOST`
    when the claim had run out and another worker took the message meanwhile."""
    if permanent or claimed.attempts >= max_attempts:
        recorded = _finish(engine, claimed, status=FAILED, error=error[:2000])
        return FAILED if recorded else LOST
    recorded = _finish(engine, claimed, status=PENDING, error=error[:2000],
                       next_attempt_at=now + backoff(claimed.attempts))
    return PENDING if recorded else LOST
