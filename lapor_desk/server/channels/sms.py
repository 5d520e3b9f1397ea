"""An SMS gateway's webhook: the server's own, documented format (docs/deploy.md, "SMS").

    POST /channels/sms
    Authorization: Bearer <[sms] token>
    Content-Type: application/json  (or application/x-www-form-urlencoded, the same fields)
    {"id": "<the gateway's id of the message>", "from": "+6281234567890",
     "text": "...", "received_at": "2026-12-07T08:00:00+08:00"}   (received_at optional)

Answered 200 ``{"outcome": "created"|"responded"|"duplicate", "tracking_number": N}``; 401 without
the token; 422 for a message without a sender, an id or text. The gateway may send a message
again (a timeout, a restart): the id makes it one. Gammu's SMS daemon sends its messages with the
``RunOnReceive`` script ``deploy/gammu/lapor-sms-receive.sh``. The first message from a number
opens a complaint, later ones add to it (``intake.take_in``).
"""

from __future__ import annotations

import hmac
import re
from datetime import datetime
from typing import Any

from lapor_desk.models.enums import Channel
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.server.channels.intake import Inbound
from lapor_desk.server.settings import ServerSettings

_NUMBER = re.compile(r"^\+?\d{6,15}$")
TEXT_MAX = 5000


class BadSms(ValueError):
    """A message the webhook cannot take (the message says which field)."""


def token_ok(settings: ServerSettings, header: str | None) -> bool:
    expected = settings.sms_token
    if not expected or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").strip().encode(), expected.encode())


def normalise_number(raw: str) -> str:
    """``+62...`` for an Indonesian number however written (``0812...``, ``62812...``)."""
    number = re.sub(r"[\s\-().]", "", raw)
    if not _NUMBER.fullmatch(number):
        raise BadSms("from: expected a phone number")
    if number.startswith("+"):
        return number
    if number.startswith("0"):
        return "+62" + number[1:]
    if number.startswith("62"):
        return "+" + number
    return number  # a short code or a number the gateway gave without its country: as it is


def inbound_of(fields: dict[str, Any], now: datetime) -> Inbound:
    message_id = clean_line(str(fields.get("id") or ""))
    if not message_id:
        raise BadSms("id: required (the gateway's id of the message)")
    sender = normalise_number(str(fields.get("from") or ""))
    text = clean_text(str(fields.get("text") or ""))
    if not text:
        raise BadSms("text: required")
    if len(text) > TEXT_MAX:
        raise BadSms(f"text: at most {TEXT_MAX} characters")
    received = now
    if fields.get("received_at"):
        try:
            received = datetime.fromisoformat(str(fields["received_at"]))
        except ValueError:
            raise BadSms("received_at: expected an ISO 8601 time with its zone") from None
        if received.tzinfo is None:
            raise BadSms("received_at: expected an ISO 8601 time with its zone")
        received = min(received, now)
    return Inbound(channel=Channel.SMS, message_id=message_id, sender=sender,
                   received_at=received, text=text)
