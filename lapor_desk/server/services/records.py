"""Writing complaint changes: the one place that stamps rows with change sequence numbers.

Every row written gets its own fresh ``seq`` (``db.next_seqs``). When a complaint moves to another
node, a ``ScopeExit`` is written for the old place and the complaint and all its children are
re-stamped, so the new audience receives them; the same when the units entitled to read a
confidential complaint change.

A pushed action is one short transaction (docs/sync-protocol.md, "Push"), so the hot path here is
SQLAlchemy Core on the session's connection with statements built once: a complaint is read as a
plain row (``lock_complaint_row``) and changed with one UPDATE, its records are plain INSERTs.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import AgencyDirectory, AgencyNode, location_of
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import Status
from lapor_desk.models.intake import NewComplaint
from lapor_desk.models.lifecycle import (
    AttachmentRef,
    ComplaintState,
    EventRecord,
    Transition,
    new_complaint_deadlines,
)
from lapor_desk.server.db import (
    Attachment,
    Complaint,
    ComplaintEvent,
    Disposition,
    FollowUp,
    Reporter,
    ScopeExit,
    next_seqs,
)
from lapor_desk.server.notify import queue as notify_queue
from lapor_desk.server.services import one_statement
from lapor_desk.server.sp4n import push as sp4n_push

CHILD_TABLES: tuple[Any, ...] = (Disposition, FollowUp, Attachment, ComplaintEvent)
#: A new complaint's version (``insert_complaint``).
FIRST_VERSION = 1

COMPLAINTS = cast(Table, Complaint.__table__)
#: What deciding and writing a transition reads of a complaint (not its texts).
_LOCKED_COLUMNS = (
    "id", "status", "responsible_id", "handling_unit_id", "complaint_type", "misconduct",
    "version", "transition_version", "created_at", "verify_due", "resolution_due",
    "auto_close_due", "paused_at", "forwarded_at", "first_follow_up_at", "last_follow_up_at",
    "closed_at", "handler_unit_ids", "duplicate_ids", "location_path", "confidential",
    "national_tracking_number",
)
_LOCK_ROW = (select(*(COMPLAINTS.c[name] for name in _LOCKED_COLUMNS))
             .where(COMPLAINTS.c.id == bindparam("complaint_id")).with_for_update())
_UPDATE_COMPLAINT = update(COMPLAINTS).where(COMPLAINTS.c.id == bindparam("_complaint_id"))
_INSERT = {table: insert(table) for table in (*CHILD_TABLES, ScopeExit)}

_STATE_FIELDS = (
    "status", "responsible_id", "handling_unit_id", "version", "transition_version", "verify_due",
    "resolution_due", "auto_close_due", "paused_at", "forwarded_at", "first_follow_up_at",
    "last_follow_up_at", "closed_at",
)


def state_of(complaint: Complaint | Row[Any]) -> ComplaintState:
    return ComplaintState(
        id=complaint.id,
        status=Status(complaint.status),
        responsible_id=complaint.responsible_id,
        handling_unit_id=complaint.handling_unit_id,
        complaint_type=complaint.complaint_type,
        misconduct=bool(complaint.misconduct),
        version=complaint.version,
        transition_version=complaint.transition_version,
        created_at=complaint.created_at,
        verify_due=complaint.verify_due,
        resolution_due=complaint.resolution_due,
        auto_close_due=complaint.auto_close_due,
        paused_at=complaint.paused_at,
        forwarded_at=complaint.forwarded_at,
        first_follow_up_at=complaint.first_follow_up_at,
        last_follow_up_at=complaint.last_follow_up_at,
        closed_at=complaint.closed_at,
        handler_unit_ids=tuple(int(u) for u in complaint.handler_unit_ids or ()),
        duplicate_ids=tuple(str(d) for d in complaint.duplicate_ids or ()),
    )


def lock_complaint(session: Session, complaint_id: str) -> Complaint | None:
    """The complaint as an ORM object, row-locked until commit on PostgreSQL."""
    return session.scalars(
        select(Complaint).where(Complaint.id == complaint_id).with_for_update()
    ).first()


def lock_complaint_row(session: Session, complaint_id: str) -> Row[Any] | None:
    """What ``state_of`` and ``write_transition`` need of the complaint, as a plain row,
    row-locked until commit on PostgreSQL."""
    return session.connection().execute(_LOCK_ROW, {"complaint_id": complaint_id}).first()


def location_path(directory: AgencyDirectory, responsible_id: int, handling_unit_id: int | None) -> str:
    node = directory.get(location_of(responsible_id, handling_unit_id))
    if node is None:
        raise LookupError(f"agency {location_of(responsible_id, handling_unit_id)} unknown")
    return node.path


def _child_keys(connection: Connection, complaint_id: str) -> list[tuple[Any, Any]]:
    keys: list[tuple[Any, Any]] = []
    for table in CHILD_TABLES:
        for (ident,) in connection.execute(
            select(table.id).where(table.complaint_id == complaint_id).order_by(table.seq)
        ):
            keys.append((table, ident))
    return keys


def write_transition(
    session: Session,
    complaint: Row[Any],
    transition: Transition,
    *,
    directory: AgencyDirectory,
    now: datetime,
    client_id: str | None = None,
    mutation_id: int | None = None,
) -> None:
    """Apply ``transition`` to ``complaint`` (a row from ``lock_complaint_row``, already locked)
    and write its records."""
    connection = session.connection()
    after = transition.state
    old_path = complaint.location_path
    new_path = location_path(directory, after.responsible_id, after.handling_unit_id)
    handlers_changed = list(after.handler_unit_ids) != list(complaint.handler_unit_ids or [])
    moved = new_path != old_path
    restamp = moved or transition.scope_changed or (handlers_changed and complaint.confidential)
    children = _child_keys(connection, complaint.id) if restamp else []
    follow_up = transition.follow_up
    attachments = follow_up.attachments if follow_up is not None else ()
    count = (
        int(moved) + 1 + len(children) + int(transition.disposition is not None)
        + int(follow_up is not None) + len(attachments) + 1
    )
    values: dict[str, Any] = {name: getattr(after, name) for name in _STATE_FIELDS}
    values.update(
        status=str(after.status), handler_unit_ids=list(after.handler_unit_ids),
        duplicate_ids=list(after.duplicate_ids), location_path=new_path, updated_at=now,
    )
    d = transition.disposition
    disposition = None if d is None else {
        "id": d.id, "complaint_id": complaint.id, "from_id": d.from_id, "to_id": d.to_id,
        "kind": str(d.kind), "note": d.note, "actor_id": d.actor_id, "at": d.at}
    note = None if follow_up is None else {
        "id": follow_up.id, "complaint_id": complaint.id, "kind": str(follow_up.kind),
        "body": follow_up.body, "author_id": follow_up.author_id, "unit_id": follow_up.unit_id,
        "at": follow_up.at}
    files = _attachment_rows(complaint.id, follow_up.id if follow_up else None, attachments, now)
    event = _event_row(complaint.id, transition.event, client_id, mutation_id)
    if connection.dialect.name == "postgresql" and not moved and not children:
        stmt, params = one_statement.parameters(count, complaint.id, values, disposition, note,
                                                files, event)
        event_seq = int(connection.execute(stmt, params).scalar_one())
    else:
        event_seq = _write_each(connection, complaint, count, values, moved, old_path, children,
                                disposition, note, files, event, now)
    node = directory.get(location_of(after.responsible_id, after.handling_unit_id))
    notify_queue.enqueue(connection, complaint.id, transition, event_seq,
                         node.name if node is not None else "", now)
    sp4n_push.enqueue(connection, complaint.id, complaint.national_tracking_number, transition,
                      event_seq, now)


def _write_each(connection: Connection, complaint: Row[Any], count: int, values: dict[str, Any],
                moved: bool, old_path: str, children: list[tuple[Any, Any]],
                disposition: dict[str, Any] | None, note: dict[str, Any] | None,
                files: list[dict[str, Any]], event: dict[str, Any], now: datetime) -> int:
    """``write_transition``'s rows one statement at a time; returns the event's seq. The change
    numbers: [the scope exit], the complaint, its re-stamped children, its records."""
    first = next_seqs(connection, count)
    seqs = iter(range(first, 1 << 62))
    if moved:
        connection.execute(_INSERT[ScopeExit], {"seq": next(seqs), "complaint_id": complaint.id,
                                                "old_location_path": old_path, "at": now})
    connection.execute(_UPDATE_COMPLAINT, {**values, "_complaint_id": complaint.id,
                                           "seq": next(seqs)})
    _restamp(connection, children, seqs)
    if disposition is not None:
        connection.execute(_INSERT[Disposition], {**disposition, "seq": next(seqs)})
    if note is not None:
        connection.execute(_INSERT[FollowUp], {**note, "seq": next(seqs)})
    if files:
        connection.execute(_INSERT[Attachment], [{**row, "seq": next(seqs)} for row in files])
    event_seq = next(seqs)
    connection.execute(_INSERT[ComplaintEvent], {**event, "seq": event_seq})
    return event_seq


def _restamp(connection: Connection, children: list[tuple[Any, Any]], seqs: Iterable[int]) -> None:
    by_table: dict[Any, list[dict[str, Any]]] = {}
    iterator = iter(seqs)
    for table, ident in children:
        by_table.setdefault(table, []).append({"_id": ident, "_seq": next(iterator)})
    for table, params in by_table.items():
        t = table.__table__
        connection.execute(
            update(t).where(t.c.id == bindparam("_id")).values(seq=bindparam("_seq")), params)


def _attachment_rows(complaint_id: str, follow_up_id: str | None,
                     refs: Sequence[AttachmentRef], now: datetime) -> list[dict[str, Any]]:
    return [{"id": ref.id, "complaint_id": complaint_id, "follow_up_id": follow_up_id,
             "sha256": ref.sha256, "size": ref.size, "mime_type": ref.mime_type,
             "filename": ref.filename, "created_at": now} for ref in refs]


def _event_row(complaint_id: str, event: EventRecord, client_id: str | None,
               mutation_id: int | None) -> dict[str, Any]:
    return {
        "complaint_id": complaint_id, "kind": str(event.kind),
        "from_status": str(event.from_status) if event.from_status is not None else None,
        "to_status": str(event.to_status) if event.to_status is not None else None,
        "actor_id": event.actor_id, "at": event.at, "detail": dict(event.detail),
        "client_id": client_id, "mutation_id": mutation_id,
    }


def add_attachments(session: Session, complaint_id: str, follow_up_id: str | None,
                    refs: Sequence[AttachmentRef], now: datetime, seqs: Iterable[int]) -> None:
    if not refs:
        return
    iterator = iter(seqs)
    session.connection().execute(_INSERT[Attachment], [
        {**row, "seq": next(iterator)}
        for row in _attachment_rows(complaint_id, follow_up_id, refs, now)])


def add_event(session: Session, complaint_id: str, event: EventRecord, seq: int,
              client_id: str | None = None, mutation_id: int | None = None) -> None:
    session.connection().execute(_INSERT[ComplaintEvent], {
        **_event_row(complaint_id, event, client_id, mutation_id), "seq": seq})


_EXISTING = {table: select(table.__table__.c.id).where(
    table.__table__.c.id.in_(bindparam("ids", expanding=True)))
    for table in (Complaint, *CHILD_TABLES)}


def existing_ids(session: Session, table: Any, ids: Iterable[str]) -> list[str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return []
    stmt = _EXISTING.get(table)
    if stmt is None:
        stmt = select(table.id).where(table.id.in_(bindparam("ids", expanding=True)))
    return list(session.connection().scalars(stmt, {"ids": wanted}))


def new_tracking_number(session: Session, rng: random.Random | None = None) -> int:
    """A 7-digit tracking number not yet in use."""
    rng = rng or random.SystemRandom()
    while True:
        number = rng.randint(1_000_000, 9_999_999)
        if session.scalars(
            select(Complaint.id).where(Complaint.tracking_number == number)
        ).first() is None:
            return number


def received_detail(new: NewComplaint) -> dict[str, Any]:
    """The first event's detail: how the complaint came and, for a letter, its number and date
    (kept with the event that records its arrival; the desktop prints them on the receipt)."""
    detail: dict[str, Any] = {"channel": str(new.channel)}
    if new.letter_number:
        detail["letter_number"] = new.letter_number
    if new.letter_date is not None:
        detail["letter_date"] = new.letter_date.isoformat()
    return detail


#: SP4N-LAPOR!'s report page for a national tracking number (as LAPOR!'s public API
#: description gives it; docs/sp4n.md).
NATIONAL_LINK = "https://www.lapor.go.id/pengaduan/{number}"


def insert_complaint(
    session: Session,
    *,
    complaint_id: str,
    new: NewComplaint,
    responsible: AgencyNode,
    config: DomainConfig,
    now: datetime,
    event_kind: str,
    actor_id: int | None = None,
    recorded_by: int | None = None,
    handler_unit_ids: Sequence[int] = (),
    attachments: Sequence[AttachmentRef] = (),
    client_id: str | None = None,
    mutation_id: int | None = None,
    tracking_number: int | None = None,
) -> Complaint:
    """A new unverified complaint at ``responsible``, with its reporter and first event."""
    rep = new.reporter
    reporter = Reporter(name=rep.name, nik=rep.nik, phone=rep.phone, email=rep.email, created_at=now)
    session.add(reporter)
    session.flush()
    seqs = iter(range(next_seqs(session, 2 + len(attachments)), 1 << 62))
    complaint = Complaint(
        id=complaint_id,
        tracking_number=tracking_number or new_tracking_number(session),
        complaint_type=str(new.complaint_type),
        misconduct=new.misconduct,
        title=new.title,
        body=new.body,
        incident_date=new.incident_date,
        province=new.province,
        regency=new.regency,
        district=new.district,
        village=new.village,
        category=new.category,
        subcategory=new.subcategory,
        channel=str(new.channel),
        anonymous=new.anonymous,
        confidential=new.confidential,
        reporter_id=reporter.id,
        status=str(Status.UNVERIFIED),
        responsible_id=responsible.id,
        handling_unit_id=None,
        location_path=responsible.path,
        version=FIRST_VERSION,
        transition_version=FIRST_VERSION,
        created_at=new.received_at,
        updated_at=now,
        verify_due=new_complaint_deadlines(config, new.received_at)["verify_due"],
        handler_unit_ids=list(dict.fromkeys(handler_unit_ids)),
        duplicate_ids=[],
        tags=list(new.tags),
        recorded_by=recorded_by,
        national_tracking_number=new.national_tracking_number,
        national_link=(NATIONAL_LINK.format(number=new.national_tracking_number)
                       if new.national_tracking_number is not None else None),
        seq=next(seqs),
    )
    session.add(complaint)
    session.flush()
    add_attachments(session, complaint_id, None, attachments, now, seqs)
    event = EventRecord(event_kind, None, Status.UNVERIFIED, actor_id, now,
                        received_detail(new))
    add_event(session, complaint_id, event, next(seqs), client_id, mutation_id)
    session.flush()
    return complaint
