"""What goes to SP4N-LAPOR! about a complaint recorded there: queued with the change, claimed by
one worker, retried with backoff (the notification queue's pattern, server/notify/queue.py).

``enqueue`` runs inside the transaction that writes the change (``records.write_transition``),
so a reply or a status change of a complaint that carries a national tracking number has its
row exactly when the change exists: a rejected or rolled-back action leaves none, a replayed
push writes none again, and ``event_seq`` (the change's audit event, unique) makes a second row
for one change impossible. What came FROM SP4N-LAPOR! (events of kind ``national_update``) is
never queued: it is there already.

What was written BEFORE the complaint had its national number (a reply on a walk-in complaint
recorded there later, a forward made before the round sent the report) is queued when the
number is set (:func:`enqueue_earlier`, in the transaction that sets it:
``records.record_national_number``, whoever sets it: the round's send, its fetch,
``sp4n-record``), in the order it happened and before anything written after; so each change is
queued once, either at its writing or at the number's.

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
from lapor_desk.models.enums import ActionKind, FollowUpKind
from lapor_desk.server.database import transaction
from lapor_desk.server.db import ComplaintEvent, FollowUp, Sp4nPush

PUSHES = cast(Table, Sp4nPush.__table__)
_EVENTS = cast(Table, ComplaintEvent.__table__)
_FOLLOW_UPS = cast(Table, FollowUp.__table__)
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


def enqueue_earlier(connection: Connection, complaint_id: str, now: datetime) -> int:
    """Queue what :func:`enqueue` would have queued for the complaint's changes written before
    it had a national number (in the caller's transaction, the one setting the number), oldest
    first; what is queued already (by its event) is left. Returns how many rows were queued.

    A change is read back from its audit event: a public reply (event ``follow_up``; its
    follow-up is the reply written at the event's moment), else a change of status; the
    complaint's first event (its submission: the report carries it) and what came from
    SP4N-LAPOR! are not sent."""
    queued = set(connection.scalars(select(PUSHES.c.event_seq)
                                    .where(PUSHES.c.complaint_id == complaint_id)))
    events = connection.execute(
        select(_EVENTS.c.seq, _EVENTS.c.kind, _EVENTS.c.from_status, _EVENTS.c.to_status,
               _EVENTS.c.at, _EVENTS.c.detail)
        .where(_EVENTS.c.complaint_id == complaint_id).order_by(_EVENTS.c.id)).all()
    national = {str((e.detail or {}).get("follow_up")) for e in events
                if e.kind == FROM_NATIONAL}
    replies = [r for r in connection.execute(
        select(_FOLLOW_UPS.c.id, _FOLLOW_UPS.c.body, _FOLLOW_UPS.c.at)
        .where(_FOLLOW_UPS.c.complaint_id == complaint_id,
               _FOLLOW_UPS.c.kind == str(FollowUpKind.REPLY))
        .order_by(_FOLLOW_UPS.c.at, _FOLLOW_UPS.c.id)).all() if r.id not in national]
    rows: list[dict[str, Any]] = []
    for e in events:
        if e.kind == FROM_NATIONAL or e.seq in queued:
            continue
        reply = (next((r for r in replies if r.at == e.at), None)
                 if e.kind == str(ActionKind.FOLLOW_UP) else None)
        if reply is not None:
            replies.remove(reply)
            values: dict[str, Any] = {"kind": FOLLOW_UP, "ref": reply.id, "body": reply.body,
                                      "at": reply.at}
        elif e.from_status is not None and e.to_status and e.from_status != e.to_status:
            values = {"kind": STATUS, "ref": e.to_status, "body": None, "at": e.at}
        else:
            continue
        rows.append({"complaint_id": complaint_id, "event_seq": e.seq, "status": PENDING,
                     "attempts": 0, "next_attempt_at": now, **values})
    if rows:
        connection.execute(_INSERT, rows)
    return len(rows)


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
