"""What goes to SP4N-LAPOR! about a complaint recorded there: queued with the change, claimed by
one worker, retried with backoff (the notification queue's pattern, server/notify/queue.py).

``enqueue`` runs inside the transaction that writes the change (``records.write_transition``),
so a reply or a status change of a complaint that carries a national tracking number has its
row exactly when the change exists: a rejected or rolled-back action leaves none, a replayed
push writes none again, and ``event_seq`` (the change's audit event, unique) makes a second row
for one change impossible. What came FROM SP4N-LAPOR! (events of kind ``national_update``) is
never queued: it is there already.

``claim`` takes due rows in a short write transaction (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, the write lock on SQLite), and only the oldest unsent row of each complaint, so a
complaint's changes reach the national system in the order they happened here. A claimed row is
``sending`` until ``claimed_until``; a worker that died while sending leaves it to be claimed
again after that lease, and the call is repeated with the same reference (the national side
answers it as the first: docs/sp4n.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from lapor_desk.models.complaint_state import Transition
from lapor_desk.models.enums import FollowUpKind
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Sp4nPush

PUSHES = cast(Table, Sp4nPush.__table__)
_INSERT = insert(PUSHES)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
FOLLOW_UP, STATUS = "follow_up", "status"
#: The events of changes taken in from SP4N-LAPOR! (server/sp4n/national.py): never sent back.
FROM_NATIONAL = "national_update"
#: How long a claimed row is a worker's own before another may take it again.
LEASE = timedelta(minutes=5)
#: A row is refused for good after this many failed attempts.
MAX_ATTEMPTS = 20


def enqueue(connection: Connection, complaint_id: str, national_number: int | None,
            transition: Transition, event_seq: int, now: datetime) -> bool:
    """Queue what ``transition`` changes on a complaint recorded nationally (in the caller's
    transaction): its public reply, else its new status. Returns whether a row was queued."""
    if national_number is None or transition.event.kind == FROM_NATIONAL:
        return False
    follow_up = transition.follow_up
    values: dict[str, Any]
    if follow_up is not None and follow_up.kind == FollowUpKind.REPLY:
        # the reply's status change (to Sedang Diproses) travels with it: SP4N-LAPOR! moves
        # a report to its "in process" state when the agency replies there
        values = {"kind": FOLLOW_UP, "ref": follow_up.id, "body": follow_up.body,
                  "at": follow_up.at}
    elif transition.event.from_status != transition.state.status:
        values = {"kind": STATUS, "ref": str(transition.state.status), "body": None,
                  "at": transition.event.at}
    else:
        return False
    connection.execute(_INSERT, {
        "complaint_id": complaint_id, "event_seq": event_seq, "status": PENDING, "attempts": 0,
        "next_attempt_at": now, **values})
    return True


@dataclass(frozen=True)
class Claimed:
    id: int
    complaint_id: str
    event_seq: int
    kind: str
    ref: str
    body: str | None
    at: datetime
    attempts: int

    @property
    def reference(self) -> str:
        """What the national side knows the call by: the same at every try."""
        return self.ref if self.kind == FOLLOW_UP else f"status:{self.event_seq}"


def _due(now: datetime) -> Any:
    return or_(
        and_(PUSHES.c.status == PENDING, PUSHES.c.next_attempt_at <= now),
        and_(PUSHES.c.status == SENDING, PUSHES.c.claimed_until <= now),
    )


def claim(engine: Engine, now: datetime, limit: int = 20) -> list[Claimed]:
    """Up to ``limit`` due rows, oldest first and each the oldest unsent one of its complaint,
    now this caller's until ``now + LEASE``."""
    earlier = PUSHES.alias("earlier")
    waiting = (select(earlier.c.id).where(
        earlier.c.complaint_id == PUSHES.c.complaint_id, earlier.c.id < PUSHES.c.id,
        earlier.c.status.in_((PENDING, SENDING))).exists())
    with transaction(engine) as session:
        connection = session.connection()
        query = (select(PUSHES).where(_due(now), ~waiting).order_by(PUSHES.c.id).limit(limit))
        if connection.dialect.name == "postgresql":
            query = query.with_for_update(of=PUSHES, skip_locked=True)
        rows = connection.execute(query).all()
        if not rows:
            return []
        connection.execute(
            update(PUSHES).where(PUSHES.c.id.in_([r.id for r in rows]))
            .values(status=SENDING, claimed_until=now + LEASE, attempts=PUSHES.c.attempts + 1))
        return [Claimed(r.id, r.complaint_id, r.event_seq, r.kind, r.ref, r.body, r.at,
                        r.attempts + 1) for r in rows]


def _finish(engine: Engine, claimed: Claimed, **values: Any) -> bool:
    """Record how a claimed row ended, unless its lease was lost to another worker meanwhile
    (its attempt count moved on). Returns whether it was recorded."""
    with transaction(engine) as session:
        result = session.connection().execute(
            update(PUSHES).where(PUSHES.c.id == claimed.id, PUSHES.c.status == SENDING,
                                 PUSHES.c.attempts == claimed.attempts)
            .values(claimed_until=None, **values))
        return bool(result.rowcount)


def mark_sent(engine: Engine, claimed: Claimed, now: datetime, answer: str | None) -> bool:
    return _finish(engine, claimed, status=SENT, sent_at=now,
                   answer=(answer or "")[:255] or None, error=None)


def backoff(attempts: int, base: timedelta = timedelta(minutes=1),
            cap: timedelta = timedelta(hours=6)) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes, at most 6 hours."""
    wait: timedelta = base * (2 ** max(0, min(attempts - 1, 30)))
    return min(cap, wait)


def mark_failed(engine: Engine, claimed: Claimed, now: datetime, error: str, *,
                permanent: bool = False) -> str:
    """A failed attempt: tried again after :func:`backoff`, or ``failed`` for good when the
    national system refused it or the attempts are used up. Returns the new status."""
    if permanent or claimed.attempts >= MAX_ATTEMPTS:
        _finish(engine, claimed, status=FAILED, error=error[:2000])
        return FAILED
    _finish(engine, claimed, status=PENDING, error=error[:2000],
            next_attempt_at=now + backoff(claimed.attempts))
    return PENDING


def give_back(engine: Engine, claimed: Claimed) -> None:
    """A claim not tried at all (the connector has no such call): pending again, as it was."""
    _finish(engine, claimed, status=PENDING, attempts=claimed.attempts - 1)
