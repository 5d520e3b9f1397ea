"""One message from a channel the pemda runs (email, WhatsApp, SMS) taken in, once.

:func:`take_in` does it in one transaction:

1. the message's own id goes into ``channel_messages``: already there (a retried webhook, a mail
   fetched twice), nothing else happens and the complaint it made is answered;
2. the complaint it belongs to is found: for a mail, a complaint whose tracking number its
   subject carries and whose reporter wrote from this very address; for WhatsApp and SMS, the
   sender's thread (``channel_threads``, its row locked, so two first messages at once open one
   complaint). A complaint that is closed (Selesai, Arsip) or gone takes nothing more;
3. found: the message is the reporter's response (a follow-up with its attachments). A complaint
   waiting for the reporter's answer (Sedang Diproses) becomes *Ditanggapi Pelapor*; at any other
   open status the message is added and the status stays. Not found: a new complaint (the
   channel, the reporter's name and number or address, attachments kept as blobs), addressed to
   the configured unit at the configured place and category until an admin verifies it.

Attachments are stored as blobs (content-addressed files, ``blobs`` rows) before the rows that
name them; a file written for a message that then fails is only an unused blob.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from lapor_desk.models import lifecycle
from lapor_desk.models.calendar import default_config
from lapor_desk.models.complaint_state import AttachmentRef, EventRecord, FollowUpRecord
from lapor_desk.models.enums import Channel, FollowUpKind, Status, SystemEventKind
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import BODY_MAX, TITLE_MAX, IntakeError, validate_new_complaint
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.models.validation import MAX_ATTACHMENTS
from lapor_desk.server.blobs import record_whole, write_whole
from lapor_desk.server.database import transaction
from lapor_desk.server.db import (
    Agency,
    ChannelMessage,
    ChannelThread,
    Complaint,
    Reporter,
)
from lapor_desk.server.logs import event
from lapor_desk.server.services import records
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.settings import ServerSettings

log = logging.getLogger(__name__)

CLOSED = frozenset({Status.DONE, Status.ARCHIVED})
TITLE_MIN = 5
BODY_MIN = 10
#: The longest message id kept (the column's width); a longer one is kept by its hash.
MESSAGE_ID_MAX = 255
_MESSAGES = cast(Table, ChannelMessage.__table__)
_THREADS = cast(Table, ChannelThread.__table__)
_CHANNEL_WORDS = {Channel.EMAIL: "email", Channel.WHATSAPP: "WhatsApp", Channel.SMS: "SMS"}


class ChannelsOff(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_input")


@dataclass(frozen=True)
class Attachment:
    filename: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class Inbound:
    """A message as the channel delivered it."""

    channel: Channel
    #: The message's own id on its channel (a mail's Message-ID, a WhatsApp ``wamid``).
    message_id: str
    #: Who sent it: ``+62...`` (WhatsApp, SMS) or a mail address.
    sender: str
    received_at: datetime
    text: str
    name: str | None = None
    subject: str | None = None
    attachments: tuple[Attachment, ...] = ()
    #: Tracking numbers the message names (a mail's subject): the complaint it answers, when
    #: its reporter sent it.
    tracking_numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Outcome:
    complaint_id: str
    #: ``created`` a complaint, ``responded`` (the reporter's response added), ``duplicate``;
    #: ``rejected`` in a WhatsApp notification's answer for a message nothing could be made of.
    kind: str
    tracking_number: int | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Destination:
    """Where complaints from the channels go until an admin verifies them."""

    agency_id: int
    province: str
    regency: str
    category: str


def destination(session: Session, settings: ServerSettings) -> Destination:
    """The configured unit, place and category; raises :class:`ChannelsOff` when incomplete."""
    missing = [name for name in ("channels_agency", "channels_province", "channels_regency")
               if not getattr(settings, name)]
    if missing:
        raise ChannelsOff("the channels need [channels] agency, province and regency "
                          "(docs/deploy.md, Channels); missing: " + ", ".join(missing))
    agency_id = session.scalars(select(Agency.id).where(
        Agency.code == settings.channels_agency)).first()
    if agency_id is None:
        raise ChannelsOff(f"[channels] agency: no unit with code {settings.channels_agency!r}")
    return Destination(int(agency_id), settings.channels_province, settings.channels_regency,
                       settings.channels_category)


def _insert_absent(connection: Connection, table: Table, keys: list[str],
                   values: dict[str, Any]) -> bool:
    """Insert the row unless one with the same ``keys`` is there; whether it was inserted."""
    if connection.dialect.name == "postgresql":
        statement: Any = pg_insert(table).values(**values).on_conflict_do_nothing(
            index_elements=keys)
    else:
        statement = sqlite_insert(table).values(**values).on_conflict_do_nothing(
            index_elements=keys)
    returning = statement.returning(*(table.c[k] for k in keys))
    return connection.execute(returning).first() is not None


def message_key(message_id: str) -> str:
    text = message_id.strip()
    if len(text) <= MESSAGE_ID_MAX:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def known(engine: Engine, channel: Channel, message_id: str) -> bool:
    """Whether the message was taken in already (a retried webhook: its media need not be
    fetched again)."""
    with Session(engine) as session:
        return session.get(ChannelMessage, (str(channel), message_key(message_id))) is not None


def take_in(engine: Engine, blob_root: Path, settings: ServerSettings, message: Inbound,
            now: datetime) -> Outcome:
    """Take ``message`` in (see the module's text); raises :class:`IntakeError` or
    :class:`ChannelsOff` when it cannot be, changing nothing."""
    kept, skipped = _kept_attachments(message, settings.max_blob_bytes)
    stored = [write_whole(blob_root, item.data) for item in kept]
    key = message_key(message.message_id)
    with transaction(engine) as session:
        connection = session.connection()
        inserted = _insert_absent(connection, _MESSAGES, ["channel", "message_id"], {
            "channel": str(message.channel), "message_id": key, "complaint_id": None,
            "received_at": now})
        if not inserted:
            known = session.get(ChannelMessage, (str(message.channel), key))
            event(log, "channel_message_duplicate", channel=str(message.channel))
            return Outcome(known.complaint_id or "" if known else "", "duplicate")
        refs = tuple(_blob_rows(connection, stored, kept, now))
        target = _target(session, message, now)
        if target is not None:
            outcome = _respond(session, target, message, refs, now)
        else:
            outcome = _create(session, settings, message, refs, now)
        if message.channel in (Channel.WHATSAPP, Channel.SMS):
            session.execute(_THREADS.update().where(
                _THREADS.c.channel == str(message.channel), _THREADS.c.sender == message.sender,
            ).values(complaint_id=outcome.complaint_id, updated_at=now))
        session.execute(_MESSAGES.update().where(
            _MESSAGES.c.channel == str(message.channel), _MESSAGES.c.message_id == key,
        ).values(complaint_id=outcome.complaint_id))
    event(log, "channel_message", channel=str(message.channel), outcome=outcome.kind,
          complaint_id=outcome.complaint_id, attachments=len(refs), skipped=len(skipped))
    return replace(outcome, skipped=tuple(skipped))


def _kept_attachments(message: Inbound, max_bytes: int) -> tuple[list[Attachment], list[str]]:
    kept: list[Attachment] = []
    skipped: list[str] = []
    for item in message.attachments:
        if len(kept) >= MAX_ATTACHMENTS or len(item.data) > max_bytes or not item.data:
            skipped.append(item.filename)
        else:
            kept.append(item)
    return kept, skipped


def _blob_rows(connection: Connection, shas: Sequence[str], items: Sequence[Attachment],
               now: datetime) -> list[AttachmentRef]:
    refs: list[AttachmentRef] = []
    for sha, item in zip(shas, items, strict=True):
        record_whole(connection, sha, len(item.data), now)
        refs.append(AttachmentRef(
            uuid7(), sha, len(item.data), clean_line(item.mime_type)[:100] or
            "application/octet-stream", clean_line(item.filename)[:255] or "lampiran"))
    return refs


def _target(session: Session, message: Inbound, now: datetime) -> Complaint | None:
    """The open complaint ``message`` adds to, or None for a new one."""
    if message.channel == Channel.EMAIL:
        for number in message.tracking_numbers:
            found = session.execute(
                select(Complaint).join(Reporter, Reporter.id == Complaint.reporter_id)
                .where(Complaint.tracking_number == number)
                .where(Reporter.email.is_not(None))).scalars().first()
            if (found is not None and found.status not in CLOSED and found.reporter_id
                    and _same_address(session.get(Reporter, found.reporter_id), message.sender)):
                return found
        return None
    connection = session.connection()
    _insert_absent(connection, _THREADS, ["channel", "sender"], {
        "channel": str(message.channel), "sender": message.sender, "complaint_id": None,
        "updated_at": now})
    thread = connection.execute(select(_THREADS.c.complaint_id).where(
        _THREADS.c.channel == str(message.channel), _THREADS.c.sender == message.sender,
    ).with_for_update()).one()
    if thread.complaint_id is None:
        return None
    found = session.get(Complaint, thread.complaint_id)
    return found if found is not None and found.status not in CLOSED else None


def _same_address(reporter: Reporter | None, sender: str) -> bool:
    return (reporter is not None and reporter.email is not None
            and reporter.email.strip().casefold() == sender.strip().casefold())


def _respond(session: Session, complaint: Complaint, message: Inbound,
             refs: tuple[AttachmentRef, ...], now: datetime) -> Outcome:
    row = records.lock_complaint_row(session, complaint.id)
    assert row is not None
    state = records.state_of(row)
    body = _text_of(message) or "(lampiran tanpa teks)"
    response_id = uuid7()
    if state.status == Status.IN_PROGRESS:
        transition = lifecycle.reporter_response(state, now, response_id, body[:BODY_MAX])
        assert transition.follow_up is not None
        transition = replace(transition, follow_up=replace(transition.follow_up,
                                                           attachments=refs))
    else:
        transition = lifecycle.Transition(
            state=replace(state, version=state.version + 1),
            # The kind the desktops know ("Reporter's response"); the status stays.
            event=EventRecord(str(SystemEventKind.REPORTER_RESPONSE), state.status,
                              state.status, None, now, {"channel": str(message.channel)}),
            follow_up=FollowUpRecord(response_id, FollowUpKind.REPORTER_RESPONSE,
                                     body[:BODY_MAX], None, None, now, refs),
        )
    records.write_transition(session, row, transition, directory=load_directory(session),
                             now=now)
    return Outcome(complaint.id, "responded", complaint.tracking_number)


def _create(session: Session, settings: ServerSettings, message: Inbound,
            refs: tuple[AttachmentRef, ...], now: datetime) -> Outcome:
    where = destination(session, settings)
    word = _CHANNEL_WORDS.get(message.channel, str(message.channel))
    text = _text_of(message)
    title = clean_line(message.subject or "") or clean_line(text.split("\n", 1)[0])
    if len(title) < TITLE_MIN:
        title = f"Laporan lewat {word}: {title}".strip().rstrip(":")
    title = title[:TITLE_MAX]
    body = text or "(lampiran tanpa teks)"
    if len(body) < BODY_MIN:
        body = f"{body}\n\n(pesan lewat {word})"
    contact: dict[str, Any] = (
        {"email": message.sender} if message.channel == Channel.EMAIL
        else {"phone": message.sender})
    name = clean_line(message.name or "")[:120] or message.sender[:120]
    raw = {
        "complaint_type": "pengaduan", "channel": str(message.channel), "title": title,
        "body": body[:BODY_MAX], "province": where.province, "regency": where.regency,
        "category": where.category, "received_at": message.received_at,
        "reporter": {"name": name, **contact},
    }
    try:
        new = validate_new_complaint(raw, now)
    except IntakeError as error:
        if not any(e.field.startswith("reporter.") for e in error.errors):
            raise
        raw["reporter"] = {"name": name}  # an address the form does not take: kept in the body
        raw["body"] = f"{body}\n\nPengirim: {message.sender}"[:BODY_MAX]
        new = validate_new_complaint(raw, now)
    complaint_id = uuid7()
    responsible = load_directory(session).get(where.agency_id)
    assert responsible is not None
    complaint = records.insert_complaint(
        session, complaint_id=complaint_id, new=new, responsible=responsible,
        config=default_config(), now=now, event_kind=str(SystemEventKind.SUBMITTED),
        attachments=refs)
    return Outcome(complaint_id, "created", complaint.tracking_number)


_BLANK_LINES = re.compile(r"\n{3,}")


def _text_of(message: Inbound) -> str:
    return _BLANK_LINES.sub("\n\n", clean_text(message.text or "")).strip()
