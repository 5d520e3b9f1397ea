"""WhatsApp Business Cloud API webhooks (Meta's documented format).

- The verification handshake: ``GET`` with ``hub.mode=subscribe``, ``hub.verify_token`` (the
  configured ``[whatsapp] verify_token``) and ``hub.challenge``, answered with the challenge.
- Notifications: ``POST`` of ``{"object": "whatsapp_business_account", "entry": [{"changes":
  [{"field": "messages", "value": {"contacts": [...], "messages": [...]}}]}]}``, signed in
  ``X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the app secret>``; an unsigned
  or wrongly signed body changes nothing. Delivery statuses (``value.statuses``) are ignored.
- Media (image, document, audio, video, sticker): ``GET {graph}/{media-id}`` with the access
  token answers ``{"url", "mime_type", ...}``; ``GET url`` with the same token, the bytes. Kept
  as blobs, attached to the complaint or to the reporter's response.

Each message is taken in once by its id (``wamid...``): Meta retries a notification until it is
answered 200, so a retried one finds its messages known and creates nothing. A message whose
media cannot be fetched is not taken in and the notification is answered 502: Meta sends it
again later. The first message from a number opens a complaint; later ones add to it
(``intake.take_in``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy.engine import Engine

from lapor_desk.models.enums import Channel
from lapor_desk.models.intake import IntakeError
from lapor_desk.server.channels.intake import Attachment, Inbound, Outcome, known, take_in
from lapor_desk.server.logs import event
from lapor_desk.server.settings import ServerSettings

log = logging.getLogger(__name__)

MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")
TIMEOUT_SECONDS = 30
SIGNATURE_HEADER = "X-Hub-Signature-256"


class MediaUnavailable(Exception):
    """The Graph API did not give a message's media (answered 502: Meta retries)."""


def verify_handshake(settings: ServerSettings, mode: str | None, token: str | None,
                     challenge: str | None) -> str | None:
    """The challenge to answer, or None when the handshake is not ours."""
    expected = settings.whatsapp_verify_token
    if (not expected or mode != "subscribe" or token is None or challenge is None
            or not hmac.compare_digest(token.encode(), expected.encode())):
        return None
    return challenge


def signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256=").strip().lower(), expected)


@dataclass(frozen=True)
class WaMessage:
    id: str
    sender: str
    name: str | None
    at: datetime
    text: str
    media_id: str | None = None
    media_filename: str | None = None
    media_mime: str | None = None


def messages_of(payload: Any) -> list[WaMessage]:
    """The messages of a notification (statuses and unknown parts left out)."""
    found: list[WaMessage] = []
    for entry in _list(_dict(payload).get("entry")):
        for change in _list(_dict(entry).get("changes")):
            change = _dict(change)
            if change.get("field") != "messages":
                continue
            value = _dict(change.get("value"))
            names = {str(c.get("wa_id")): _dict(c.get("profile")).get("name")
                     for c in map(_dict, _list(value.get("contacts")))}
            for message in map(_dict, _list(value.get("messages"))):
                parsed = _message(message, names)
                if parsed is not None:
                    found.append(parsed)
    return found


def _message(message: dict[str, Any], names: dict[str, Any]) -> WaMessage | None:
    kind = str(message.get("type") or "")
    wamid, number = str(message.get("id") or ""), str(message.get("from") or "")
    if not wamid or not number.isdigit():
        return None
    try:
        at = datetime.fromtimestamp(int(message.get("timestamp") or 0), UTC)
    except (ValueError, OverflowError, OSError):
        at = datetime.now(UTC)
    name = names.get(number)
    sender = "+" + number
    common: dict[str, Any] = {"id": wamid, "sender": sender, "at": at,
                              "name": str(name) if name else None}
    if kind == "text":
        return WaMessage(text=str(_dict(message.get("text")).get("body") or ""), **common)
    if kind in MEDIA_TYPES:
        media = _dict(message.get(kind))
        if not media.get("id"):
            return None
        return WaMessage(text=str(media.get("caption") or ""), media_id=str(media["id"]),
                         media_filename=media.get("filename"), media_mime=media.get("mime_type"),
                         **common)
    if kind == "location":
        place = _dict(message.get("location"))
        text = " ".join(str(place.get(k)) for k in ("name", "address") if place.get(k))
        where = f"Lokasi: {place.get('latitude')}, {place.get('longitude')}"
        return WaMessage(text=f"{text}\n{where}".strip(), **common)
    if kind in ("button", "interactive"):
        reply = _dict(message.get("button")).get("text") or _dict(
            _dict(message.get("interactive")).get("button_reply")).get("title")
        return WaMessage(text=str(reply or ""), **common) if reply else None
    return None  # reactions, unsupported, system messages: nothing to take in


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class GraphMedia:
    """The Graph API's media endpoints, with the configured access token."""

    def __init__(self, settings: ServerSettings, http: requests.Session | None = None) -> None:
        self.base = settings.whatsapp_graph_url.rstrip("/")
        self.token = settings.whatsapp_access_token
        self.max_bytes = settings.max_blob_bytes
        self.http = http or requests.Session()

    def fetch(self, media_id: str) -> tuple[bytes, str]:
        """The media's bytes and MIME type."""
        auth = {"Authorization": f"Bearer {self.token}"}
        try:
            meta = self.http.get(f"{self.base}/{media_id}", headers=auth,
                                 timeout=TIMEOUT_SECONDS)
            if meta.status_code != 200:
                raise MediaUnavailable(f"media {media_id}: HTTP {meta.status_code}")
            info = meta.json()
            size = int(info.get("file_size") or 0)
            if size > self.max_bytes:
                return b"", str(info.get("mime_type") or "")  # too large: left out, noted
            with self.http.get(str(info["url"]), headers=auth, timeout=TIMEOUT_SECONDS,
                               stream=True) as download:
                if download.status_code != 200:
                    raise MediaUnavailable(f"media {media_id}: HTTP {download.status_code}")
                data = bytearray()
                for chunk in download.iter_content(64 * 1024):
                    data += chunk
                    if len(data) > self.max_bytes:
                        return b"", str(info.get("mime_type") or "")
        except (requests.RequestException, ValueError, KeyError) as error:
            raise MediaUnavailable(f"media {media_id}: {error}") from error
        expected = str(info.get("sha256") or "")
        if expected and hashlib.sha256(data).hexdigest() != expected.lower():
            raise MediaUnavailable(f"media {media_id}: the content does not match its SHA-256")
        return bytes(data), str(info.get("mime_type") or "application/octet-stream")


def receive(engine: Engine, blob_root: Path, settings: ServerSettings, payload: Any,
            media: GraphMedia, clock: Callable[[], datetime]) -> list[Outcome]:
    """Take in every message of a verified notification; raises :class:`MediaUnavailable`
    (before that message is taken in) when its media cannot be had."""
    outcomes: list[Outcome] = []
    for message in messages_of(payload):
        if known(engine, Channel.WHATSAPP, message.id):
            outcomes.append(Outcome("", "duplicate"))
            continue
        attachments: tuple[Attachment, ...] = ()
        text = message.text
        if message.media_id is not None:
            data, mime = media.fetch(message.media_id)
            filename = message.media_filename or f"whatsapp-{message.media_id}{_suffix(mime)}"
            if data:
                attachments = (Attachment(filename, message.media_mime or mime, data),)
            else:
                text = f"{text}\n(lampiran {filename} terlalu besar, tidak disimpan)".strip()
        now = clock()
        inbound = Inbound(channel=Channel.WHATSAPP, message_id=message.id,
                          sender=message.sender, name=message.name,
                          received_at=min(message.at, now), text=text,
                          attachments=attachments)
        try:
            outcomes.append(take_in(engine, blob_root, settings, inbound, now))
        except IntakeError as error:
            event(log, "whatsapp_message_refused", logging.WARNING, reason=str(error)[:200])
            outcomes.append(Outcome("", "rejected"))
    return outcomes


def _suffix(mime: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp",
            "application/pdf": ".pdf", "audio/ogg": ".ogg", "video/mp4": ".mp4"}.get(
        mime.split(";")[0].strip(), "")
