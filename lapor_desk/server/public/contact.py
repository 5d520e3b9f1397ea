"""Where the public form's reporter hears of their complaint: the contact they give for news
("Kabar perkembangan laporan"), else, when they are not anonim, the email or phone of their
identity.

The contact is stored with ``notify.routes.set_reply_contact`` in the submission's transaction:
a table of its own (``reply_contacts``) that no desktop ever receives, so an anonim reporter can
be told of their complaint while their identity and contact stay on the server. Only channels
the server can send on are offered (``[email]``, ``[whatsapp]``, ``[sms]``, docs/deploy.md); an
address is one when the field has an ``@``, else a phone number, sent by WhatsApp or SMS as the
reporter chose.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapor_desk.models.intake import Reporter
from lapor_desk.models.text import clean_line
from lapor_desk.server.notify.routes import (
    CHANNELS,
    EMAIL,
    SMS,
    WHATSAPP,
    checked_address,
    msisdn,
)
from lapor_desk.server.notify.send import senders_of
from lapor_desk.server.public.errors import PublicError
from lapor_desk.server.services.errors import InvalidInputError
from lapor_desk.server.settings import ServerSettings

#: The longest contact the form takes (an email address's limit; a number is far shorter).
CONTACT_MAX = 255
PHONE_WAYS = (WHATSAPP, SMS)


@dataclass(frozen=True)
class ReplyTo:
    channel: str
    address: str


def offered(settings: ServerSettings) -> tuple[str, ...]:
    """The channels the server can send replies on, in :data:`CHANNELS` order."""
    senders = senders_of(settings)
    return tuple(channel for channel in CHANNELS if channel in senders)


@dataclass(frozen=True)
class ContactChoice:
    """What the form says of news: the contact typed (``kabar``), the way a phone number is to
    be told (``kabar_lewat``: whatsapp or sms) and the channels on offer."""

    text: str
    phone_way: str
    offered: tuple[str, ...]

    def _phone_channel(self) -> str | None:
        ways = [way for way in PHONE_WAYS if way in self.offered]
        if self.phone_way in ways:
            return self.phone_way
        return ways[0] if ways else None

    def given(self) -> ReplyTo | None:
        """The contact typed for news, checked; None when the field is empty. Raises
        :class:`PublicError` (contact_invalid, contact_too_long, or contact_not_offered: the
        server cannot send on that channel)."""
        text = clean_line(self.text or "").strip()
        if not text:
            return None
        if len(text) > CONTACT_MAX:
            raise PublicError("contact_too_long")
        if "@" not in text and not msisdn(text):
            raise PublicError("contact_invalid")
        channel = EMAIL if "@" in text else self._phone_channel()
        if channel is None or channel not in self.offered:
            raise PublicError("contact_not_offered")
        try:
            return ReplyTo(channel, checked_address(channel, text))
        except InvalidInputError:
            raise PublicError("contact_invalid") from None

    def from_identity(self, reporter: Reporter) -> ReplyTo | None:
        """For a reporter who is not anonim and typed no contact: their phone number when it is
        the only contact of their identity the server can answer (an email of the identity is
        answered without being copied: ``route_for`` reads it from the reporter)."""
        if reporter.email and EMAIL in self.offered:
            return None
        channel = self._phone_channel()
        if not reporter.phone or channel is None:
            return None
        try:
            return ReplyTo(channel, checked_address(channel, reporter.phone))
        except InvalidInputError:
            return None
