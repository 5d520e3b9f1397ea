"""Sending one message: SMTP, the WhatsApp Business Cloud API, an SMS gateway's HTTP API.

Each sender's ``send`` returns the provider's id of the message, or raises :class:`SendFailed`:
``permanent`` when the provider refused this message (a rejected address, a 4xx answer), so
trying again cannot help; otherwise (no connection, a 5xx or 429 answer, a 4xx SMTP reply) the
queue tries again later.

- Email: ``smtplib`` with STARTTLS, implicit TLS or neither; a ``Message-ID`` made from the
  queue row, so a message sent twice after a crash is one message to a mail client.
- WhatsApp: ``POST {api_url}/{phone_number_id}/messages`` with the business's access token
  (Cloud API, ``messaging_product: whatsapp``): a ``text`` message, or, when ``template`` is set,
  that approved template with the message as its one body parameter (outside the 24 hours after
  the citizen's last message WhatsApp accepts templates only).
- SMS: the HTTP API of "SMS Gateway for Android" (local server ``POST http://phone:8080/message``
  or its cloud ``/3rdparty/v1/message``), Basic authentication, ``{"textMessage": {"text"},
  "phoneNumbers": ["+62..."]}``; any gateway with the same request can stand in.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Protocol

import requests

TIMEOUT = 20.0


class SendFailed(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    #: The queue row's id: the message's identity with the provider.
    key: int
    address: str
    subject: str
    text: str


class Sender(Protocol):
    def send(self, message: Outgoing) -> str: ...


@dataclass(frozen=True)
class EmailSender:
    host: str
    port: int
    sender: str
    security: str = "starttls"  # "starttls", "tls" or "none"
    username: str = ""
    password: str = ""
    #: Where the reporter's answers go (the mailbox the server reads, docs/deploy.md).
    reply_to: str = ""

    def send(self, message: Outgoing) -> str:
        domain = self.sender.rpartition("@")[2] or "lapor-desk"
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self.sender, message.address, message.subject
        mail["Date"] = formatdate(usegmt=True)
        mail["Message-ID"] = message_id = f"<kabar-{message.key}@{domain}>"
        mail["Auto-Submitted"] = "auto-generated"
        if self.reply_to:
            mail["Reply-To"] = self.reply_to
        mail.set_content(message.text)
        try:
            if self.security == "tls":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=TIMEOUT, context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            with client:
                if self.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if self.username:
                    client.login(self.username, self.password)
                client.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(f"smtp refused the recipient: {_codes(error.recipients)}",
                             permanent=_all_permanent(error.recipients)) from None
        except smtplib.SMTPResponseException as error:
            raise SendFailed(f"smtp {error.smtp_code}: {_text(error.smtp_error)}",
                             permanent=500 <= error.smtp_code < 600) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendFailed(f"smtp: {type(error).__name__}: {error}") from None
        return message_id


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _codes(recipients: dict[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{code} {_text(text)}" for code, text in recipients.values())


def _all_permanent(recipients: dict[str, tuple[int, bytes]]) -> bool:
    return all(500 <= code < 600 for code, _ in recipients.values())


def _post(http: requests.Session, url: str, what: str, **kwargs: Any) -> dict[str, Any]:
    try:
        response = http.post(url, timeout=TIMEOUT, **kwargs)
    except requests.RequestException as error:
        raise SendFailed(f"{what}: {type(error).__name__}") from None
    if response.status_code >= 300:
        permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
        raise SendFailed(f"{what} {response.status_code}: {response.text[:500]}",
                         permanent=permanent)
    try:
        body = response.json()
    except ValueError:
        body = {}
    return body if isinstance(body, dict) else {}


@dataclass
class WhatsAppSender:
    api_url: str
    phone_number_id: str
    token: str
    template: str = ""
    language: str = "id"
    http: requests.Session | None = None

    def send(self, message: Outgoing) -> str:
        payload: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual",
                                   "to": message.address}
        if self.template:
            payload.update(type="template", template={
                "name": self.template, "language": {"code": self.language},
                "components": [{"type": "body",
                                "parameters": [{"type": "text", "text": message.text}]}]})
        else:
            payload.update(type="text", text={"preview_url": False, "body": message.text})
        body = _post(self.http or requests.Session(),
                     f"{self.api_url.rstrip('/')}/{self.phone_number_id}/messages", "whatsapp",
                     json=payload, headers={"Authorization": f"Bearer {self.token}"})
        messages = body.get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            return str(messages[0].get("id", ""))
        return ""


@dataclass
class SmsSender:
    url: str
    username: str = ""
    password: str = ""
    http: requests.Session | None = None

    def send(self, message: Outgoing) -> str:
        auth = (self.username, self.password) if self.username else None
        body = _post(self.http or requests.Session(), self.url, "sms", auth=auth,
                     json={"textMessage": {"text": message.text},
                           "phoneNumbers": ["+" + message.address]})
        return str(body.get("id", ""))
