"""National records taken in: a report SP4N-LAPOR! holds, matched here by its national tracking
number (docs/sp4n.md).

:func:`take_record` does one record in the caller's transaction:

* no complaint carries the number: a new complaint, unverified, at the agency the link is
  configured for (``[sp4n] agency``), carrying the number; its national follow-ups are then
  applied as below;
* a complaint carries it: its national follow-ups not yet here are added (each has an id made
  from the number, its author's side, its time and its text, so the same follow-up taken in
  twice is one follow-up) and its national status is reached when this system's status machine
  can reach it from where the complaint is;
* anything the machine cannot do (a reply on a complaint nobody verified here yet, a status the
  complaint cannot move to by itself) is reported in ``RecordOutcome.problems`` and not forced:
  an admin does it in the desktop (verify and forward, then the next import adds the replies).

The update of a known complaint is planned by :func:`lapor_desk.models.national.plan_update`,
the rules the desktop's register import (``national_update`` actions) follows too.
Taking the same record again changes nothing. What comes from SP4N-LAPOR! is never sent back
there: its events are of kind ``national_update``, which the push queue leaves out
(:mod:`.push`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.calendar import DomainConfig, default_config
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import IntakeError, validate_new_complaint
from lapor_desk.models.national import (
    EVENT_KIND,
    NAMESPACE,
    STATUS_WORDS,
    NationalItem,
    NationalPlan,
    follow_up_id,
    national_status,
    plan_update,
    taken_in,
)
from lapor_desk.server.db import Complaint, FollowUp
from lapor_desk.server.services import records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.sp4n import records as sp4n_records
from lapor_desk.server.sp4n.connector import IncomingReport

__all__ = ["EVENT_KIND", "NAMESPACE", "STATUS_WORDS", "RecordOutcome", "apply_plan",
           "follow_up_id", "national_status", "plan_known", "take_record"]


@dataclass
class RecordOutcome:
    national_tracking_number: int
    complaint_id: str | None = None
    #: ``created``, ``updated``, ``unchanged`` or ``refused`` (the record cannot be a complaint).
    kind: str = "unchanged"
    follow_ups_added: int = 0
    status: str | None = None  # the status reached, when it changed
    problems: list[str] = field(default_factory=list)


def plan_known(session: Session, row: Row[Any], number: int,
               follow_ups: Iterable[NationalItem], status_word: str | None, *,
               config: DomainConfig, now: datetime, actor_id: int | None = None) -> NationalPlan:
    """The update national record ``number`` makes of the complaint ``row`` (locked), planned
    against what the database holds (models/national.py)."""

    def known(ids: list[str]) -> set[str]:
        return set(session.scalars(select(FollowUp.id).where(FollowUp.id.in_(ids))))

    return plan_update(records.state_of(row), number, follow_ups, status_word, known=known,
                       config=config, now=now, actor_id=actor_id)


def follow_up_ids(report: IncomingReport) -> dict[int, str]:
    """The ids here of a report's follow-ups that are the national side's (by their index)."""
    ids = {}
    for index, item in enumerate(report.follow_ups):
        taken = taken_in(report.national_tracking_number, item)
        if taken is not None and item.reference is None:
            ids[index] = taken[0]
    return ids


def apply_plan(session: Session, complaint_id: str, plan: NationalPlan, *,
               directory: DictDirectory, now: datetime, client_id: str | None = None,
               mutation_id: int | None = None) -> Row[Any]:
    """Write ``plan``'s transitions to complaint ``complaint_id`` in the caller's transaction;
    the complaint's row as it is after them."""
    row = records.lock_complaint_row(session, complaint_id)
    assert row is not None
    for transition in plan.transitions:
        records.write_transition(session, row, transition, directory=directory, now=now,
                                 client_id=client_id, mutation_id=mutation_id)
        row = records.lock_complaint_row(session, complaint_id)
        assert row is not None
    return row


def _new_complaint(session: Session, report: IncomingReport, agency_id: int,
                   directory: DictDirectory, config: DomainConfig, now: datetime,
                   outcome: RecordOutcome) -> Row[Any] | None:
    raw = {
        "complaint_type": report.complaint_type or "pengaduan", "channel": report.channel,
        "title": report.title, "body": report.body, "province": report.province,
        "regency": report.regency, "category": report.category,
        "received_at": report.created_at, "anonymous": report.anonymous,
        "reporter": {"name": report.reporter_name or "Pelapor SP4N-LAPOR!"},
        "national_tracking_number": report.national_tracking_number,
    }
    try:
        new = validate_new_complaint(raw, now)
    except IntakeError as error:
        outcome.kind = "refused"
        outcome.problems.extend(f"invalid:{e.field}" for e in error.errors)
        return None
    responsible = directory.get(agency_id)
    if responsible is None:
        outcome.kind = "refused"
        outcome.problems.append("no_agency")
        return None
    complaint = records.insert_complaint(
        session, complaint_id=uuid7(), new=new, responsible=responsible, config=config, now=now, event_kind=EVENT_KIND)
    if report.link:
        complaint.national_link = report.link[:500]
    session.flush()
    outcome.kind = "created"
    outcome.complaint_id = complaint.id
    return records.lock_complaint_row(session, complaint.id)


def take_record(session: Session, report: IncomingReport, *, agency_id: int | None,
                now: datetime, directory: DictDirectory | None = None,
                config: DomainConfig | None = None) -> RecordOutcome:
    """Create or update the complaint of one national record, in the caller's transaction (see
    the module). ``agency_id``: where a new one goes (None: new records are refused)."""
    number = report.national_tracking_number
    outcome = RecordOutcome(number)
    directory = directory or load_directory(session)
    config = config or default_config()
    held = session.scalars(select(Complaint.id).where(
        Complaint.national_tracking_number == number)).first()
    if held is None and report.reference is not None:
        # one of ours, sent there, whose number is not written here yet: it is this complaint
        ours = session.scalars(select(Complaint.id).where(
            Complaint.tracking_number == report.reference,
            Complaint.national_tracking_number.is_(None))).first()
        if ours is not None:
            sp4n_records.record_national_number(session, ours, number, link=report.link,
                                                now=now)
            held = ours
    if held is None:
        if agency_id is None:
            outcome.kind = "refused"
            outcome.problems.append("no_agency")
            return outcome
        row = _new_complaint(session, report, agency_id, directory, config, now, outcome)
        if row is None:
            return outcome
    else:
        outcome.complaint_id = held
        row = records.lock_complaint_row(session, held)
        assert row is not None
    assert outcome.complaint_id is not None
    items = [f for f in report.follow_ups if f.reference is None]  # not ours, sent from here
    plan = plan_known(session, row, number, items, report.status, config=config, now=now)
    apply_plan(session, outcome.complaint_id, plan, directory=directory, now=now)
    outcome.follow_ups_added = plan.follow_ups_added
    outcome.status = str(plan.status) if plan.status is not None else None
    outcome.problems.extend(plan.problems)
    if outcome.kind != "created" and plan.changes:
        outcome.kind = "updated"
    return outcome
