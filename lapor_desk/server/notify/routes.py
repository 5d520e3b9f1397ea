"""Where a message to a complaint's reporter may go.

Through the channel they used: a complaint that came by email is answered by email, one by
WhatsApp or SMS to the same number the same way; one from any other channel (the web, the
counter, a letter) by email when the reporter gave an address. An anonim reporter's identity and
contact never serve: only a contact they gave for replies (``reply_contacts``, written by the
intake that received it, see :func:`set_reply_contact`) is used, for anyone who gave one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.enums import Channel
from lapor_desk.server.db import Complaint, ReplyContact, Reporter
from lapor_desk.server.services.errors import InvalidInputError

EMAIL, WHATSAPP, SMS = "email", "whatsapp", "sms"
CHANNELS = (EMAIL, WHATSAPP, SMS)

#: Why a message is not sent (``notifications.error`` of a skipped row).
ANONYMOUS = "anonymous_without_reply_contact"
NO_CONTACT = "no_contact"
GONE = "complaint_gone"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Route:
    channel: str
    address: str


@dataclass(frozen=True)
class Facts:
    """What a message says of its complaint."""

    tracking_number: int
    title: str


def msisdn(phone: str) -> str:
    """An Indonesian number in international form without ``+`` (``0812...`` -> ``62812...``);
    empty when it is not a phone number."""
    digits = re.sub(r"[\s\-().]", "", phone or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits if digits.isdigit() and 8 <= len(digits) <= 15 else ""


def checked_address(channel: str, address: str) -> str:
    """``address`` as it is stored for ``channel``; raises InvalidInputError when it is not one."""
    if channel not in CHANNELS:
        raise InvalidInputError(f"no reply channel {channel!r} (known: {', '.join(CHANNELS)})")
    if channel == EMAIL:
        address = address.strip()
        if not _EMAIL.match(address) or len(address) > 255:
            raise InvalidInputError("a reply address must be an email address")
        return address
    number = msisdn(address)
    if not number:
        raise InvalidInputError("a reply number must be a phone number (08... or +62...)")
    return number


def set_reply_contact(session: Session, complaint_id: str, channel: str, address: str,
                      now: datetime) -> None:
    """The contact the reporter gave for replies (also an anonim reporter's: it is used for
    replies alone and never leaves the server). Call it in the intake's transaction."""
    address = checked_address(channel, address)
    row = session.get(ReplyContact, complaint_id)
    if row is None:
        session.add(ReplyContact(complaint_id=complaint_id, channel=channel, address=address,
                                 created_at=now))
    else:
        row.channel, row.address = channel, address
    session.flush()


def route_for(session: Session, complaint_id: str) -> tuple[Route | None, str, Facts | None]:
    """``(route, reason, facts)``: where the message goes, or None and why not."""
    row = session.execute(
        select(Complaint.tracking_number, Complaint.title, Complaint.channel, Complaint.anonymous,
               Reporter.email, Reporter.phone)
        .outerjoin(Reporter, Reporter.id == Complaint.reporter_id)
        .where(Complaint.id == complaint_id)).first()
    if row is None:
        return None, GONE, None
    facts = Facts(row.tracking_number, row.title)
    given = session.get(ReplyContact, complaint_id)
    if given is not None:
        return Route(given.channel, given.address), "", facts
    if row.anonymous:
        return None, ANONYMOUS, facts
    email, phone = (row.email or "").strip(), msisdn(row.phone or "")
    if row.channel == Channel.WHATSAPP and phone:
        return Route(WHATSAPP, phone), "", facts
    if row.channel == Channel.SMS and phone:
        return Route(SMS, phone), "", facts
    if row.channel not in (Channel.WHATSAPP, Channel.SMS) and _EMAIL.match(email):
        return Route(EMAIL, email), "", facts
    return None, NO_CONTACT, facts
