"""Changes that do not come from a desktop client: a citizen submits or answers, the clock closes
unanswered complaints, an operator purges one. Used by the demo, the tests and the CLI."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.models import lifecycle
from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.models.enums import Status, SystemEventKind
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import NewComplaint, validate_new_complaint
from lapor_desk.models.text import clean_text
from lapor_desk.models.validation import TEXT_MAX
from lapor_desk.server.database import transaction
from lapor_desk.server.db import (
    ChannelMessage,
    ChannelThread,
    Complaint,
    Deletion,
    Notification,
    PublicAccess,
    ReplyContact,
    Reporter,
    Sp4nPush,
    Sp4nSent,
    next_seqs,
)
from lapor_desk.server.logs import event
from lapor_desk.server.services import records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.services.errors import InvalidInputError, NotFoundError

log = logging.getLogger(__name__)


def submit_complaint(
    session: Session,
    complaint: NewComplaint | dict[str, Any],
    responsible_id: int,
    *,
    complaint_id: str | None = None,
    directory: DictDirectory | None = None,
    config: DomainConfig | None = None,
    now: datetime | None = None,
    tracking_number: int | None = None,
) -> Complaint:
    """A citizen's complaint from an online channel, addressed to agency ``responsible_id``."""
    now = now or utcnow()
    new = complaint if isinstance(complaint, NewComplaint) else validate_new_complaint(complaint, now)
    directory = directory or load_directory(session)
    responsible = directory.get(responsible_id)
    if responsible is None:
        raise NotFoundError(f"no agency {responsible_id}")
    return records.insert_complaint(
        session, complaint_id=complaint_id or uuid7(), new=new, responsible=responsible,
        config=config or default_config(), now=now, event_kind=str(SystemEventKind.SUBMITTED),
        tracking_number=tracking_number,
    )


def reporter_response(session: Session, complaint_id: str, body: str, *,
                      response_id: str | None = None, directory: DictDirectory | None = None,
                      now: datetime | None = None) -> int:
    """The reporter answered a follow-up: status ``reporter_responded``, auto-close stops.
    Returns the complaint's new version."""
    now = now or utcnow()
    complaint = records.lock_complaint_row(session, complaint_id)
    if complaint is None:
        raise NotFoundError(f"no complaint {complaint_id}")
    body = clean_text(body)
    if not body or len(body) > TEXT_MAX:
        raise InvalidInputError("a response needs text (at most 20000 characters)")
    transition = lifecycle.reporter_response(
        records.state_of(complaint), now, response_id or uuid7(), body
    )
    records.write_transition(session, complaint, transition,
                             directory=directory or load_directory(session), now=now)
    return transition.state.version


def auto_close_due(engine: Engine, now: datetime | None = None,
                   clock: Callable[[], datetime] = utcnow) -> int:
    """Close every in-progress complaint whose auto-close deadline passed, each in its own
    transaction. Returns how many were closed."""
    now = now or clock()
    with Session(engine) as session:
        due = list(session.scalars(
            select(Complaint.id).where(
                Complaint.status == str(Status.IN_PROGRESS), Complaint.auto_close_due <= now
            )
        ))
    closed = 0
    directory: DictDirectory | None = None
    for complaint_id in due:
        with transaction(engine) as session:
            directory = directory or load_directory(session)
            complaint = records.lock_complaint_row(session, complaint_id)
            if complaint is None:
                continue
            state = records.state_of(complaint)
            if not lifecycle.auto_close_due(state, now):
                continue
            records.write_transition(session, complaint, lifecycle.auto_close(state, now),
                                     directory=directory, now=now)
            closed += 1
    if closed:
        event(log, "auto_close", closed=closed)
    return closed


def delete_complaint(session: Session, complaint_id: str, now: datetime | None = None) -> None:
    """Purge a complaint, its records and its reporter's personal data; clients that had it get a
    tombstone. Blobs stay (they are content-addressed and may be shared)."""
    now = now or utcnow()
    complaint = records.lock_complaint(session, complaint_id)
    if complaint is None:
        raise NotFoundError(f"no complaint {complaint_id}")
    # messages hold the contact too; what was (to be) sent to SP4N-LAPOR! names the complaint
    for table in (*records.CHILD_TABLES, Notification, ReplyContact, Sp4nPush, Sp4nSent):
        session.execute(delete(table).where(table.complaint_id == complaint_id))
    # The channels' records of the reporter's number or address (server/channels/) go too; the
    # message ids stay, without the complaint, so a message delivered again opens nothing.
    session.execute(delete(ChannelThread).where(ChannelThread.complaint_id == complaint_id))
    session.execute(update(ChannelMessage).where(ChannelMessage.complaint_id == complaint_id)
                    .values(complaint_id=None))
    session.execute(delete(PublicAccess).where(PublicAccess.complaint_id == complaint_id))
    reporter_id = complaint.reporter_id
    path = complaint.location_path
    session.delete(complaint)
    session.flush()
    if reporter_id is not None:
        still_used = session.scalars(
            select(Complaint.id).where(Complaint.reporter_id == reporter_id)
        ).first()
        if still_used is None:
            session.execute(delete(Reporter).where(Reporter.id == reporter_id))
    session.add(Deletion(seq=next_seqs(session), entity="complaint", entity_id=complaint_id,
                         location_path=path, at=now))
    session.flush()
    # The purge itself is on record (the complaint's id only: its words and reporter are gone).
    event(log, "complaint_purged", complaint=complaint_id, reporter_removed=reporter_id is not None)
