"""One round of sending to SP4N-LAPOR!: every complaint it has no record of yet, through a
connector (``lapor-server sp4n-send``; docs/sp4n.md).

Each report is sent once, whichever process runs the round and however often: the sending is
claimed first (a ``sp4n_sent`` row, committed before the call), the answer written with the
national number after it (``records.record_national_number``: the complaint gets a fresh change
number, and every desktop that sees it receives the number at its next pull). A call that fails
gives the claim back and the next round tries again; a claim left without a number (the process
stopped between the call and the write) is never sent again by itself: it is listed in the log
(``sp4n_claim_unfinished``) for an operator, who records the number the national site shows
(``lapor-server sp4n-record``) or clears the claim.

What is sent: complaints received since ``since`` (the day the link was switched on: older ones
are the agency's to record by hand or import), not archived, that carry no national number. An
anonim reporter's name and contact stay here (``OutgoingReport``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.enums import Status
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Complaint, Reporter, Sp4nSent
from lapor_desk.server.logs import event
from lapor_desk.server.sp4n import files, records
from lapor_desk.server.sp4n.connector import Connector, ConnectorError, OutgoingReport

log = logging.getLogger(__name__)

#: A claim older than this without a national number was cut off (a call takes under a minute).
UNFINISHED_AFTER = timedelta(minutes=10)


@dataclass
class RoundReport:
    sent: list[tuple[str, int]] = field(default_factory=list)  # (complaint id, national number)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (complaint id, error code)
    unfinished: list[str] = field(default_factory=list)  # claims cut off: complaint ids


def due_reports(session: Session, since: datetime, limit: int) -> list[str]:
    """Ids of the complaints to send: received since ``since``, not archived, no national
    number, not claimed; oldest first."""
    claimed = select(Sp4nSent.complaint_id).where(Sp4nSent.key.like("report:%"))
    return list(session.scalars(
        select(Complaint.id).where(
            Complaint.national_tracking_number.is_(None), Complaint.created_at >= since,
            Complaint.status != str(Status.ARCHIVED), Complaint.id.not_in(claimed))
        .order_by(Complaint.created_at, Complaint.id).limit(limit)))


def outgoing(session: Session, complaint_id: str) -> OutgoingReport | None:
    row = session.execute(select(Complaint, Reporter).outerjoin(
        Reporter, Reporter.id == Complaint.reporter_id).where(Complaint.id == complaint_id)).first()
    if row is None:
        return None
    c, reporter = row
    named = reporter is not None and not c.anonymous
    return OutgoingReport(
        complaint_id=c.id, tracking_number=c.tracking_number, complaint_type=c.complaint_type,
        title=c.title, body=c.body, incident_date=c.incident_date, province=c.province,
        regency=c.regency, district=c.district, village=c.village, category=c.category,
        channel=c.channel, anonymous=c.anonymous, confidential=c.confidential,
        reporter_name=reporter.name if named else None,
        reporter_contact=(reporter.phone or reporter.email) if named else None,
        created_at=c.created_at, reporter_email=reporter.email if named else None)


def _claim(engine: Engine, key: str, complaint_id: str, now: datetime) -> bool:
    try:
        with transaction(engine) as session:
            return records.claim(session, key, complaint_id, now)
    except IntegrityError:  # another process claimed it at the same moment
        return False


def send_reports(engine: Engine, connector: Connector, *, since: datetime, limit: int = 100,
                 now: datetime | None = None,
                 link_template: str = records.DEFAULT_LINK,
                 blob_root: Path | None = None) -> RoundReport:
    """Send the complaints SP4N-LAPOR! has no record of (see the module); stops at the first
    failure that is not about one report alone (the national system unreachable, the token
    refused). ``blob_root``: the complaints' own attachments go too (server/sp4n/files.py)."""
    now = now or utcnow()
    report = RoundReport()
    with Session(engine) as session:
        ids = due_reports(session, since, limit)
        report.unfinished = list(session.scalars(select(Sp4nSent.complaint_id).where(
            Sp4nSent.key.like("report:%"), Sp4nSent.national_tracking_number.is_(None),
            Sp4nSent.at < now - UNFINISHED_AFTER)))
    for complaint_id in report.unfinished:
        event(log, "sp4n_claim_unfinished", logging.WARNING, complaint=complaint_id)
    for complaint_id in ids:
        key = f"report:{complaint_id}"
        if not _claim(engine, key, complaint_id, now):
            continue
        with Session(engine) as session:
            outgoing_report = outgoing(session, complaint_id)
            if outgoing_report is not None and blob_root is not None:
                outgoing_report = replace(outgoing_report, files=files.outgoing_files(
                    session, blob_root, complaint_id, None))
        if outgoing_report is None:  # purged meanwhile
            with transaction(engine) as session:
                records.release(session, key)
            continue
        try:
            receipt = connector.send_report(outgoing_report)
        except ConnectorError as error:
            with transaction(engine) as session:
                records.release(session, key)
            report.failed.append((complaint_id, error.code))
            event(log, "sp4n_send_failed", logging.WARNING, connector=connector.name,
                  complaint=complaint_id, code=error.code, error=str(error)[:300])
            if error.code != "refused":
                break  # unreachable, token refused: the next round tries again
            continue
        number = receipt.national_tracking_number
        link = receipt.link or link_template.format(number=number)
        try:
            with transaction(engine) as session:
                records.record_national_number(session, complaint_id, number, link=link,
                                               now=now)
                records.mark_sent(session, key, number, receipt.transaction_id, now)
        except records.NumberTaken as error:
            # the national system answered a number another complaint carries: a person looks
            event(log, "sp4n_number_taken", logging.ERROR, complaint=complaint_id,
                  national=number, holder=error.holder)
            report.failed.append((complaint_id, "number_taken"))
            continue
        report.sent.append((complaint_id, number))
    if report.sent or report.failed:
        event(log, "sp4n_round", connector=connector.name, sent=len(report.sent),
              failed=len(report.failed))
    return report
