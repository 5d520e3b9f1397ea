"""Email: the server reads a mailbox over IMAP (``imap-tools``).

Each unread mail of the configured folder is taken in (``intake.take_in``) by its Message-ID: a
new mail becomes a complaint (channel email, its attachments kept as blobs); a reply whose
subject carries a complaint's tracking number, sent from that complaint's reporter's address,
becomes the reporter's response. Once taken in, the mail is marked read. A mail the server
cannot take in (nothing a complaint can be made of) is marked read and flagged for a person to
look at; when the database fails, the mail stays unread and the next round tries again — and
one taken in whose mark was lost is recognised by its Message-ID and not taken twice.

Automatic mails (``Auto-Submitted`` other than ``no``: vacation answers, bounces) are marked
read and left alone, so an out-of-office answer never opens a complaint.

Off until ``[email] imap_host`` is set; read every housekeeping round and by
``lapor-server channels fetch-mail``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessageFlags
from imap_tools.message import MailMessage
from sqlalchemy.engine import Engine

from lapor_desk.models.enums import Channel
from lapor_desk.models.intake import IntakeError
from lapor_desk.server.channels.intake import Attachment, Inbound, take_in
from lapor_desk.server.logs import event
from lapor_desk.server.settings import ServerSettings

log = logging.getLogger(__name__)

#: A complaint's tracking number (seven digits) in a subject ("Re: [LAPOR #1234567] ...").
_TRACKING = re.compile(r"(?<!\d)(\d{7})(?!\d)")
#: Where a reply's quotation of the earlier mail begins.
_QUOTE_HEAD = re.compile(r"^\s*(On|Pada)\b.{0,200}\b(wrote|menulis)\s*:\s*$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
TIMEOUT_SECONDS = 30
#: Mails read in one round at most (the rest in the next).
BATCH = 200


@dataclass
class FetchReport:
    created: int = 0
    responded: int = 0
    duplicates: int = 0
    automatic: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def enabled(settings: ServerSettings) -> bool:
    return bool(settings.imap_host)


def open_mailbox(settings: ServerSettings) -> Any:
    """A mailbox client for the configured server (not yet logged in)."""
    host, port = settings.imap_host, settings.imap_port
    if settings.imap_security == "ssl":
        return MailBox(host, port, timeout=TIMEOUT_SECONDS,
                       ssl_context=ssl.create_default_context())
    if settings.imap_security == "starttls":
        return MailBoxStartTls(host, port, timeout=TIMEOUT_SECONDS,
                               ssl_context=ssl.create_default_context())
    return MailBoxUnencrypted(host, port, timeout=TIMEOUT_SECONDS)


def fetch_mail(engine: Engine, blob_root: Path, settings: ServerSettings,
               clock: Callable[[], datetime]) -> FetchReport:
    """Take in every unread mail of the folder (at most :data:`BATCH`)."""
    report = FetchReport()
    with open_mailbox(settings).login(settings.imap_user, settings.imap_password,
                                      settings.imap_folder) as box:
        for mail in box.fetch(AND(seen=False), mark_seen=False, limit=BATCH, bulk=True):
            _one(box, mail, engine, blob_root, settings, clock(), report)
    if any(report.as_dict().values()):
        event(log, "mail_fetched", created=report.created, responded=report.responded,
              duplicates=report.duplicates, automatic=report.automatic,
              refused=report.refused)
    return report


def _one(box: Any, mail: MailMessage, engine: Engine, blob_root: Path,
         settings: ServerSettings, now: datetime, report: FetchReport) -> None:
    uid = mail.uid or ""
    if mail.obj.get("Auto-Submitted", "no").strip().lower() not in ("", "no"):
        report.automatic += 1
        box.flag(uid, MailMessageFlags.SEEN, True)
        return
    try:
        outcome = take_in(engine, blob_root, settings, inbound_of(mail, now), now)
    except (IntakeError, ValueError) as error:
        report.refused += 1
        event(log, "mail_refused", logging.WARNING, uid=uid, reason=str(error)[:200])
        box.flag(uid, (MailMessageFlags.SEEN, MailMessageFlags.FLAGGED), True)
        return
    if outcome.kind == "created":
        report.created += 1
    elif outcome.kind == "responded":
        report.responded += 1
    else:
        report.duplicates += 1
    box.flag(uid, MailMessageFlags.SEEN, True)


def inbound_of(mail: MailMessage, now: datetime) -> Inbound:
    """The mail as a channel message."""
    sender = mail.from_values
    if sender is None or not sender.email:
        raise ValueError("a mail without a sender")
    message_id = (mail.obj.get("Message-ID") or "").strip()
    if not message_id:
        message_id = "sha256:" + hashlib.sha256(mail.obj.as_bytes()).hexdigest()
    subject = mail.subject or ""
    return Inbound(
        channel=Channel.EMAIL,
        message_id=message_id,
        sender=sender.email.strip(),
        name=sender.name or None,
        received_at=_sent_at(mail, now),
        subject=_strip_reply_prefix(subject),
        text=_without_quotation(mail.text or _TAGS.sub(" ", mail.html or "")),
        attachments=tuple(Attachment(item.filename or "lampiran", item.content_type,
                                     item.payload) for item in mail.attachments),
        tracking_numbers=tuple(int(number) for number in _TRACKING.findall(subject)),
    )


def _sent_at(mail: MailMessage, now: datetime) -> datetime:
    sent = mail.date
    if sent.tzinfo is None or sent.year < 2000:
        return now
    return min(sent.astimezone(UTC), now)


_PREFIX = re.compile(r"^\s*((re|fw|fwd|bls|balas|tr)\s*:\s*)+", re.IGNORECASE)


def _strip_reply_prefix(subject: str) -> str:
    return _PREFIX.sub("", subject).strip()


def _without_quotation(text: str) -> str:
    """A reply's own words: the quotation of the earlier mail left out."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _QUOTE_HEAD.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()
