"""What the public pages do to the database: send a complaint (with its files), find it again by
tracking number and secret code, show what a citizen may read, answer a follow-up, rate.

Errors are :class:`PublicError` codes; the pages word them (routes.py). A citizen sees only the
public follow-ups (``reply``) and their own answers, never an internal note, a disposition or
who handled it.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.agencies import AgencyNode, DictDirectory
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.complaint_state import AttachmentRef
from lapor_desk.models.enums import Channel, FollowUpKind, Status, SystemEventKind
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import FieldError, IntakeError, NewComplaint, validate_new_complaint
from lapor_desk.models.text import clean_text
from lapor_desk.server.blobs import BlobStore, record_whole, write_whole
from lapor_desk.server.database import read_session, transaction
from lapor_desk.server.db import Complaint, FollowUp, PublicAccess, next_seqs
from lapor_desk.server.logs import event
from lapor_desk.server.notify.routes import set_reply_contact
from lapor_desk.server.public.contact import ContactChoice, ReplyTo
from lapor_desk.server.public.errors import PublicError
from lapor_desk.server.services import complaints, records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.services.passwords import hash_password, verify_password

log = logging.getLogger(__name__)

#: Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
RESPONSE_MAX = 4000
#: The field an error of the contact for news is reported on.
REPLY_CONTACT = "reply_contact"
NOTE_MAX = 1000
#: The kinds of files a citizen may send: photos and documents.
FILE_TYPES = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp",
    "application/pdf": ".pdf",
}
#: Statuses in which the handling is over and may be rated.
RATEABLE = (str(Status.DONE),)


@dataclass(frozen=True)
class Upload:
    filename: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class Sent:
    tracking_number: int
    #: The secret code in clear: shown once, on the page that answers the form; None when the
    #: same form was sent again (the code was shown the first time).
    code: str | None


@dataclass(frozen=True)
class PublicFollowUp:
    kind: str  # "reply" (from the agency) or "reporter_response"
    body: str
    at: datetime


@dataclass(frozen=True)
class PublicView:
    complaint_id: str
    tracking_number: int
    title: str
    status: str
    created_at: datetime
    follow_ups: tuple[PublicFollowUp, ...]
    #: Until when the reporter may answer the last follow-up (None: not now).
    answer_until: datetime | None
    may_rate: bool
    rating: int | None


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def check_uploads(uploads: list[Upload], max_files: int, max_bytes: int) -> None:
    if len(uploads) > max_files:
        raise PublicError("too_many_files")
    for upload in uploads:
        if len(upload.data) > max_bytes:
            raise PublicError("file_too_big", upload.filename)
        if upload.mime_type not in FILE_TYPES or not _looks_like(upload):
            raise PublicError("file_type", upload.filename)


def _looks_like(upload: Upload) -> bool:
    """The content is what its type says (a renamed program is refused)."""
    return content_type(upload.data) == upload.mime_type


def content_type(data: bytes) -> str | None:
    """The kind of file the bytes are, among FILE_TYPES; None for any other."""
    head = data[:12]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def as_chosen(filename: str, declared: str, data: bytes) -> Upload:
    """A file from a citizen's phone, typed by its content: the browser types it by its name's
    ending, and a PDF saved as ``.jpg`` (or a photo as ``.pdf``) is still one of the kinds a
    citizen may send. Any other content keeps the type declared (and is refused)."""
    found = content_type(data)
    if found is None:
        return Upload(filename, declared, data)
    stem, dot, ending = filename.rpartition(".")
    if dot and "." + ending.casefold() in _ENDINGS and _ENDINGS["." + ending.casefold()] != found:
        filename = stem + FILE_TYPES[found]  # the name says what the file is
    return Upload(filename, found, data)


_ENDINGS = {**{ending: mime for mime, ending in FILE_TYPES.items()}, ".jpeg": "image/jpeg"}


def _store_file(session: Session, blobs: BlobStore, upload: Upload, now: datetime) -> AttachmentRef:
    sha = write_whole(blobs.root, upload.data)
    record_whole(session, sha, len(upload.data), now)
    stem = clean_text(os.path.basename(upload.filename)).strip()[:200] or "berkas"
    if not stem.lower().endswith(FILE_TYPES[upload.mime_type]):
        stem += FILE_TYPES[upload.mime_type]
    return AttachmentRef(uuid7(), sha, len(upload.data), upload.mime_type, stem)


def addressee(directory: DictDirectory, agency: str) -> AgencyNode | None:
    """The agency named by ``[public] agency``: its code, else its id."""
    wanted = agency.strip().casefold()
    for node in directory.all():
        if node.code.casefold() == wanted:
            return node
    return directory.get(int(wanted)) if wanted.isdigit() else None


def check_fields(raw: dict[str, Any], now: datetime, contact: ContactChoice | None = None
                 ) -> tuple[NewComplaint, ReplyTo | None]:
    """The form's fields checked, the contact for news as the field ``reply_contact``: every
    problem at once in an IntakeError. The contact replies go to: the one given, else the
    identity's phone when that is the only way to answer (``ContactChoice.from_identity``)."""
    errors: list[FieldError] = []
    try:
        new = validate_new_complaint({**raw, "channel": str(Channel.WEB), "received_at": None},
                                     now)
    except IntakeError as error:
        errors += error.errors
    reply: ReplyTo | None = None
    try:
        reply = contact.given() if contact is not None else None
    except PublicError as error:  # shown beside the contact's field, with the form's others
        errors.append(FieldError(REPLY_CONTACT, error.code))
    if errors:
        raise IntakeError(errors)
    if reply is None and contact is not None and not new.anonymous:
        reply = contact.from_identity(new.reporter)
    return new, reply


def submit(engine: Engine, blobs: BlobStore, config: DomainConfig, agency: str,
           new: NewComplaint, reply: ReplyTo | None, uploads: list[Upload], form_key: str,
           now: datetime) -> Sent:
    """A complaint from the public form, its fields as :func:`check_fields` gave them. The same
    ``form_key`` twice gives the first complaint's number and no new complaint. The contact for
    news (contact.py) is stored with the complaint, in its transaction."""
    with read_session(engine) as session:
        known = _sent_before(session, form_key)
    if known is not None:
        return Sent(known, None)
    code = new_code()
    code_hash = hash_password(code)  # outside the transaction: it takes a while on purpose
    try:
        with transaction(engine) as session:
            directory = load_directory(session)
            responsible = addressee(directory, agency)
            if responsible is None:  # a configuration the directory does not know (any more)
                event(log, "public_agency_unknown", agency=agency)
                raise PublicError("unavailable")
            files = [_store_file(session, blobs, upload, now) for upload in uploads]
            complaint = records.insert_complaint(
                session, complaint_id=uuid7(), new=new, responsible=responsible, config=config,
                now=now, event_kind=str(SystemEventKind.SUBMITTED), attachments=files)
            session.add(PublicAccess(complaint_id=complaint.id, code_hash=code_hash,
                                     form_key=form_key, created_at=now))
            if reply is not None:
                set_reply_contact(session, complaint.id, reply.channel, reply.address, now)
            session.flush()  # the form's key is unique: the same form at the same time fails here
            number = complaint.tracking_number
    except IntegrityError:
        with read_session(engine) as session:
            known = _sent_before(session, form_key)
        if known is None:
            raise
        return Sent(known, None)
    event(log, "public_submit", complaint_id=complaint.id, files=len(files),
          anonymous=new.anonymous, reply_channel=reply.channel if reply else "none")
    return Sent(number, code)


def _sent_before(session: Session, form_key: str) -> int | None:
    return session.scalar(
        select(Complaint.tracking_number).join(
            PublicAccess, PublicAccess.complaint_id == Complaint.id
        ).where(PublicAccess.form_key == form_key))


def find(engine: Engine, tracking_number: int, code: str) -> str | None:
    """The complaint with this number and code, or None (either is wrong)."""
    with read_session(engine) as session:
        row = session.execute(
            select(Complaint.id, PublicAccess.code_hash).join(
                PublicAccess, PublicAccess.complaint_id == Complaint.id
            ).where(Complaint.tracking_number == tracking_number)).first()
    if row is None:
        verify_password(None, code)  # as slow as a wrong code: the timing tells nothing
        return None
    return str(row.id) if verify_password(row.code_hash, normal_code(code)) else None


def view(engine: Engine, complaint_id: str, now: datetime) -> PublicView:
    with read_session(engine) as session:
        complaint = session.get(Complaint, complaint_id)
        access = session.get(PublicAccess, complaint_id)
        if complaint is None or access is None:
            raise PublicError("not_found")
        rows = session.execute(
            select(FollowUp.kind, FollowUp.body, FollowUp.at).where(
                FollowUp.complaint_id == complaint_id,
                FollowUp.kind.in_([str(FollowUpKind.REPLY), str(FollowUpKind.REPORTER_RESPONSE)]),
            ).order_by(FollowUp.at, FollowUp.seq)).all()
        return PublicView(
            complaint_id=complaint.id, tracking_number=complaint.tracking_number,
            title=complaint.title, status=complaint.status, created_at=complaint.created_at,
            follow_ups=tuple(PublicFollowUp(r.kind, r.body, r.at) for r in rows),
            answer_until=_answer_until(complaint, now),
            may_rate=complaint.status in RATEABLE and access.rating is None,
            rating=access.rating)


def _answer_until(complaint: Complaint, now: datetime) -> datetime | None:
    """A follow-up may be answered while the complaint waits for the reporter: in progress,
    before it closes by itself (10 working days after the last follow-up)."""
    due = complaint.auto_close_due
    if complaint.status == str(Status.IN_PROGRESS) and due is not None and now < due:
        return due
    return None


def answer(engine: Engine, complaint_id: str, body: str, now: datetime) -> None:
    """The reporter's answer to a follow-up: the complaint becomes Ditanggapi Pelapor."""
    body = clean_text(body).strip()
    if not body:
        raise PublicError("empty")
    if len(body) > RESPONSE_MAX:
        raise PublicError("too_long")
    with transaction(engine) as session:
        complaint = records.lock_complaint(session, complaint_id)
        if complaint is None:
            raise PublicError("not_found")
        if _answer_until(complaint, now) is None:
            raise PublicError("closed")
        complaints.reporter_response(session, complaint_id, body, now=now)
    event(log, "public_answer", complaint_id=complaint_id)


def rate(engine: Engine, complaint_id: str, rating: int, note: str, now: datetime) -> None:
    """The reporter's rating of a finished complaint's handling (1-5), once."""
    if rating not in range(1, 6):
        raise PublicError("rating")
    note = clean_text(note).strip()[:NOTE_MAX]
    with transaction(engine) as session:
        complaint = records.lock_complaint(session, complaint_id)
        access = session.get(PublicAccess, complaint_id, with_for_update=True)
        if complaint is None or access is None:
            raise PublicError("not_found")
        if complaint.status not in RATEABLE or access.rating is not None:
            raise PublicError("closed")
        access.rating = rating
        access.rating_note = note or None
        access.rated_at = now
        # a fresh change number and nothing else: the rating reaches every desktop at its next
        # pull, and the version stays (no queued action conflicts with it)
        complaint.seq = next_seqs(session)
        complaint.updated_at = now
    event(log, "public_rating", complaint_id=complaint_id, rating=rating)
