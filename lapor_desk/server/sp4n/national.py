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

Taking the same record again changes nothing. What comes from SP4N-LAPOR! is never sent back
there: its events are of kind ``national_update``, which the push queue leaves out
(:mod:`.push`).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import DictDirectory
from lapor_desk.models.calendar import DomainConfig, default_config
from lapor_desk.models.complaint_state import ComplaintState, EventRecord, FollowUpRecord
from lapor_desk.models.enums import ActionKind, FollowUpKind, Status
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import IntakeError, validate_new_complaint
from lapor_desk.models.lifecycle import RULES, Transition
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.models.validation import TEXT_MAX
from lapor_desk.server.db import Complaint, FollowUp
from lapor_desk.server.services import records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.sp4n import records as sp4n_records
from lapor_desk.server.sp4n.connector import IncomingReport

#: The kind of the events a national record writes (the push queue leaves them out).
EVENT_KIND = "national_update"
#: Ids of national follow-ups: uuid5 in this namespace.
NAMESPACE = uuid.UUID("6b1f5a8e-3c1d-5b7e-9a40-5d4e1f0c2a18")

#: SP4N-LAPOR!'s status words (as its exports and pages write them) -> this system's status.
STATUS_WORDS: dict[str, Status] = {
    "belum terverifikasi": Status.UNVERIFIED, "menunggu verifikasi": Status.UNVERIFIED,
    "terverifikasi": Status.FORWARDED, "terdisposisi": Status.FORWARDED,
    "didisposisikan": Status.FORWARDED, "belum ditindaklanjuti": Status.FORWARDED,
    "terdisposisi, belum ditindaklanjuti": Status.FORWARDED,
    "proses": Status.IN_PROGRESS, "diproses": Status.IN_PROGRESS,
    "sedang diproses": Status.IN_PROGRESS, "ditindaklanjuti": Status.IN_PROGRESS,
    "terdisposisi, sedang diproses": Status.IN_PROGRESS,
    "ditanggapi pelapor": Status.REPORTER_RESPONDED,
    "ditanggapi oleh pelapor": Status.REPORTER_RESPONDED,
    "tunda": Status.POSTPONED, "ditunda": Status.POSTPONED,
    "selesai": Status.DONE, "arsip": Status.ARCHIVED, "diarsipkan": Status.ARCHIVED,
    **{str(s): s for s in Status},
}
_REPLY_FROM = RULES[ActionKind.FOLLOW_UP][1]
_CLOSE_FROM = RULES[ActionKind.CLOSE][1]
_CLOSED = frozenset({Status.DONE, Status.ARCHIVED})


def national_status(word: str) -> Status | None:
    """This system's status for SP4N-LAPOR!'s ``word``; None when it names none."""
    return STATUS_WORDS.get(" ".join(clean_line(word).casefold().split()))


@dataclass
class RecordOutcome:
    national_tracking_number: int
    complaint_id: str | None = None
    #: ``created``, ``updated``, ``unchanged`` or ``refused`` (the record cannot be a complaint).
    kind: str = "unchanged"
    follow_ups_added: int = 0
    status: str | None = None  # the status reached, when it changed
    problems: list[str] = field(default_factory=list)


def follow_up_id(number: int, from_reporter: bool, at: datetime, body: str) -> str:
    """The id a national follow-up has here, the same at every import."""
    digest = hashlib.sha256(clean_text(body).encode()).hexdigest()
    side = "pelapor" if from_reporter else "instansi"
    return str(uuid.uuid5(NAMESPACE, f"{number}:{side}:{at.isoformat()}:{digest}"))


def follow_up_ids(report: IncomingReport) -> dict[int, str]:
    """The ids here of a report's follow-ups that are the national side's (by their index)."""
    ids = {}
    for index, item in enumerate(report.follow_ups):
        body = clean_text(item.body)[:TEXT_MAX]
        if body and item.reference is None:
            ids[index] = follow_up_id(report.national_tracking_number, item.from_reporter,
                                      item.at, body)
    return ids


def _event(before: ComplaintState, after: ComplaintState, number: int, now: datetime,
           **detail: Any) -> EventRecord:
    return EventRecord(EVENT_KIND, before.status, after.status, None, now,
                       {"national": number, **detail})


def _bump(state: ComplaintState, exclusive: bool, **changes: Any) -> ComplaintState:
    return replace(state, version=state.version + 1,
                   transition_version=state.transition_version + int(exclusive), **changes)


def _reply(state: ComplaintState, fid: str, body: str, at: datetime, number: int,
           config: DomainConfig, now: datetime) -> Transition:
    """A reply the agency posted on SP4N-LAPOR!: as a follow-up written here (``_follow_up``
    in models/transitions.py), from the national side. The reporter's time to answer counts
    from when it is taken in here (or its national date, if later): an old reply taken in late
    must not close the complaint at once."""
    after = _bump(state, False, status=Status.IN_PROGRESS,
                  first_follow_up_at=state.first_follow_up_at or at, last_follow_up_at=at,
                  auto_close_due=config.calendar.add_working_days(max(at, now),
                                                                  config.sla.auto_close))
    return Transition(state=after, event=_event(state, after, number, now, follow_up=fid),
                      follow_up=FollowUpRecord(fid, FollowUpKind.REPLY, body, None, None, at))


def _response(state: ComplaintState, fid: str, body: str, at: datetime, number: int,
              now: datetime) -> Transition:
    """The reporter answered there: waiting for it (Sedang Diproses), the complaint becomes
    Ditanggapi Pelapor; at another open status it is added and the status stays."""
    if state.status == Status.IN_PROGRESS:
        after = _bump(state, False, status=Status.REPORTER_RESPONDED, auto_close_due=None)
    else:
        after = _bump(state, False)
    return Transition(state=after, event=_event(state, after, number, now, follow_up=fid),
                      follow_up=FollowUpRecord(fid, FollowUpKind.REPORTER_RESPONSE, body,
                                               None, None, at))


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
    changed = False
    for item in sorted(report.follow_ups, key=lambda f: f.at):
        body = clean_text(item.body)[:TEXT_MAX]
        if not body or item.reference is not None:  # ours, sent from here
            continue
        fid = follow_up_id(number, item.from_reporter, item.at, body)
        if session.get(FollowUp, fid) is not None:
            continue
        state = records.state_of(row)
        if item.from_reporter:
            if state.status in _CLOSED:
                outcome.problems.append(f"response_not_reachable:{state.status}")
                continue
            transition = _response(state, fid, body, item.at, number, now)
        else:
            if state.status not in _REPLY_FROM:
                outcome.problems.append(f"reply_not_reachable:{state.status}")
                continue
            transition = _reply(state, fid, body, item.at, number, config, now)
        records.write_transition(session, row, transition, directory=directory, now=now)
        row = records.lock_complaint_row(session, outcome.complaint_id)
        assert row is not None
        outcome.follow_ups_added += 1
        changed = True
    target = national_status(report.status) if report.status else None
    state = records.state_of(row)
    if report.status and target is None:
        outcome.problems.append(f"unknown_status:{clean_line(report.status)[:40]}")
    elif target is not None and target != state.status:
        if target == Status.DONE and state.status in _CLOSE_FROM:
            after = _bump(state, True, status=Status.DONE, closed_at=now, auto_close_due=None)
            records.write_transition(session, row, Transition(
                state=after, event=_event(state, after, number, now)), directory=directory,
                now=now)
            outcome.status = str(Status.DONE)
            changed = True
        else:
            outcome.problems.append(f"status_not_reachable:{state.status}>{target}")
    if outcome.kind != "created" and changed:
        outcome.kind = "updated"
    return outcome
