"""One SP4N round (``lapor-server sp4n-round``; docs/sp4n.md): send the complaints SP4N-LAPOR!
has no record of (:func:`.run.send_reports`), push what changed here on the ones it has
(:func:`push_changes`), fetch what is new there (:func:`fetch_new`). Each part its own; a part
the connector cannot do is skipped and logged (``sp4n_part_unsupported``).

Every step's state is in the database, so any number of rounds may run at once, from any
number of processes, and a round cut off anywhere loses and doubles nothing: the pushes are a
queue (:mod:`.push`: claimed, leased, retried with backoff); a fetched report is taken in by its
national number (:func:`.national.take_record`, one transaction each, the number unique).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Complaint, Sp4nMark
from lapor_desk.server.logs import event
from lapor_desk.server.sp4n import files, national, push
from lapor_desk.server.sp4n.connector import (
    Connector,
    ConnectorError,
    OutgoingFollowUp,
    OutgoingStatus,
    Unsupported,
)
from lapor_desk.server.sp4n.run import RoundReport, send_reports

log = logging.getLogger(__name__)

#: The mark where the next fetch starts, and how far back of it each fetch looks again (the two
#: systems' clocks differ; a report fetched twice is taken in once).
FETCHED = "fetched_since"
OVERLAP = timedelta(hours=1)


@dataclass
class PushReport:
    sent: list[tuple[str, str]] = field(default_factory=list)  # (kind, ref)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, ref, code)
    unsupported: bool = False


@dataclass
class FetchReport:
    outcomes: list[national.RecordOutcome] = field(default_factory=list)
    failed: str | None = None  # the connector's error code
    files_taken: int = 0
    #: Files whose download failed for a reason that may pass: the mark stays, tried again.
    files_failed: int = 0


def push_changes(engine: Engine, connector: Connector, *, now: datetime | None = None,
                 limit: int = 100, blob_root: Path | None = None) -> PushReport:
    """Send the queued replies and status changes (see :mod:`.push`); stops at the first
    failure that is not about one change alone."""
    now = now or utcnow()
    report = PushReport()
    while len(report.sent) + len(report.failed) < limit:
        claimed = push.claim(engine, now, limit=min(20, limit))
        if not claimed:
            break
        stop = False
        for index, item in enumerate(claimed):
            if stop:
                push.give_back(engine, item)
                continue
            with Session(engine) as session:
                number = session.scalar(select(Complaint.national_tracking_number)
                                        .where(Complaint.id == item.complaint_id))
                attached = (files.outgoing_files(session, blob_root, item.complaint_id, item.ref)
                            if blob_root is not None and item.kind == push.FOLLOW_UP else ())
            try:
                if number is None:
                    raise ConnectorError("the complaint is not recorded there", code="refused")
                if item.kind == push.FOLLOW_UP:
                    answer = connector.send_follow_up(OutgoingFollowUp(
                        number, item.reference, item.body or "", item.at, attached))
                else:
                    answer = connector.send_status(OutgoingStatus(
                        number, item.ref, item.reference, item.at))
            except Unsupported:
                report.unsupported = True
                push.give_back(engine, item)
                stop = True
                continue
            except ConnectorError as error:
                state = push.mark_failed(engine, item, now, f"{error.code}: {error}",
                                         permanent=error.code == "refused")
                report.failed.append((item.kind, item.ref, error.code))
                event(log, "sp4n_push_failed", logging.WARNING, complaint=item.complaint_id,
                      kind=item.kind, code=error.code, attempts=item.attempts, now_status=state)
                stop = error.code != "refused"  # unreachable, token refused: a later round
                continue
            push.mark_sent(engine, item, now, answer)
            report.sent.append((item.kind, item.ref))
        if stop:
            break
    if report.unsupported:
        event(log, "sp4n_part_unsupported", connector=connector.name, part="push")
    return report


def _mark(session: Session) -> datetime | None:
    return session.scalar(select(Sp4nMark.at).where(Sp4nMark.name == FETCHED))


def fetch_new(engine: Engine, connector: Connector, *, agency_id: int | None,
              since: datetime, now: datetime | None = None,
              config: DomainConfig | None = None, blob_root: Path | None = None) -> FetchReport:
    """Take in the reports SP4N-LAPOR! has for the agency since the last fetch (``since`` the
    first time): new ones created, known ones updated, each by its number, once; with
    ``blob_root`` their files too (:mod:`.files`). A file whose download failed keeps the mark
    where it was, so the next fetch sees the same reports again and takes what is missing."""
    now = now or utcnow()
    config = config or default_config()
    report = FetchReport()
    with Session(engine) as session:
        start = _mark(session) or since
    try:
        incoming = connector.pull_new(start - OVERLAP if start > since else start)
    except Unsupported:
        event(log, "sp4n_part_unsupported", connector=connector.name, part="fetch")
        return report
    except ConnectorError as error:
        report.failed = error.code
        event(log, "sp4n_fetch_failed", logging.WARNING, code=error.code, error=str(error)[:300])
        return report
    for item in incoming:
        for attempt in (1, 2):  # a second process took the same new report in at once
            try:
                with transaction(engine) as session:
                    outcome = national.take_record(session, item, agency_id=agency_id,
                                                   now=now, config=config)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        report.outcomes.append(outcome)
        if outcome.problems:
            event(log, "sp4n_record_problems", logging.WARNING,
                  national=outcome.national_tracking_number, problems=",".join(outcome.problems))
        if blob_root is not None and outcome.complaint_id is not None:
            taken = files.take_files(engine, blob_root, connector, item, outcome.complaint_id,
                                     national.follow_up_ids(item), now)
            report.files_taken += taken.taken
            report.files_failed += len(taken.failed)
    if report.files_failed:
        return report  # the mark stays: the next round fetches these reports again
    try:
        with transaction(engine) as session:
            if _mark(session) is None:
                session.add(Sp4nMark(name=FETCHED, at=now))
            else:
                session.execute(update(Sp4nMark).where(Sp4nMark.name == FETCHED,
                                                       Sp4nMark.at < now).values(at=now))
    except IntegrityError:  # another round wrote the first mark at the same moment
        pass
    return report


@dataclass
class FullRound:
    reports: RoundReport
    pushes: PushReport
    fetched: FetchReport


def run_round(engine: Engine, connector: Connector, *, since: datetime, agency_id: int | None,
              now: datetime | None = None, limit: int = 200,
              blob_root: Path | None = None) -> FullRound:
    """The three parts; ``blob_root`` (the blob store's folder): attachments go and come too."""
    now = now or utcnow()
    sent = send_reports(engine, connector, since=since, limit=limit, now=now,
                        blob_root=blob_root)
    pushed = push_changes(engine, connector, now=now, limit=limit, blob_root=blob_root)
    fetched = fetch_new(engine, connector, agency_id=agency_id, since=since, now=now,
                        blob_root=blob_root)
    event(log, "sp4n_full_round", connector=connector.name, reports=len(sent.sent),
          pushed=len(pushed.sent), push_failed=len(pushed.failed),
          fetched=len(fetched.outcomes), files_taken=fetched.files_taken,
          files_failed=fetched.files_failed)
    return FullRound(sent, pushed, fetched)
