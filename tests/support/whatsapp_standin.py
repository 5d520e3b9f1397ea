"""A local stand-in for Meta's side of the WhatsApp Business Cloud API, built from its documented
formats: the Graph API's media endpoints (``GET /{version}/{media-id}`` answers the media's
``url``, ``mime_type``, ``sha256``, ``file_size``; ``GET url`` the bytes, both with the access
token as a Bearer), and the webhook notifications Meta sends (``entry[].changes[].value`` with
``contacts`` and ``messages``, or ``statuses``), signed with the app secret in
``X-Hub-Signature-256``."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

VERSION = "v21.0"
PHONE_NUMBER_ID = "106540352242922"
BUSINESS_ACCOUNT_ID = "102290129340398"


@dataclass
class _Media:
    data: bytes
    mime_type: str


@dataclass
class WhatsAppStandIn:
    access_token: str
    media: dict[str, _Media] = field(default_factory=dict)
    #: Media requests answered 500 while True (Meta's side down).
    failing: bool = False
    requests: list[tuple[str, str]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(1_000_000_000_001))

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def graph_url(self) -> str:
        return f"{self.base}/{VERSION}"

    def add_media(self, data: bytes, mime_type: str) -> str:
        media_id = str(next(self._ids))
        self.media[media_id] = _Media(data, mime_type)
        return media_id

    def start(self) -> WhatsAppStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                standin.requests.append(("GET", self.path))
                if self.headers.get("Authorization") != f"Bearer {standin.access_token}":
                    self._json(401, {"error": {"message": "Invalid OAuth access token.",
                                               "type": "OAuthException", "code": 190}})
                    return
                if standin.failing:
                    self._json(500, {"error": {"message": "An unexpected error has occurred.",
                                               "type": "OAuthException", "code": 2}})
                    return
                parts = self.path.split("?")[0].strip("/").split("/")
                if len(parts) == 2 and parts[0] == VERSION and parts[1] in standin.media:
                    item = standin.media[parts[1]]
                    self._json(200, {
                        "messaging_product": "whatsapp",
                        "url": f"{standin.base}/whatsapp_business/attachments/?mid={parts[1]}",
                        "mime_type": item.mime_type,
                        "sha256": hashlib.sha256(item.data).hexdigest(),
                        "file_size": len(item.data), "id": parts[1]})
                    return
                if parts[:2] == ["whatsapp_business", "attachments"] and "mid=" in self.path:
                    media_id = self.path.split("mid=", 1)[1].split("&")[0]
                    if media_id in standin.media:
                        item = standin.media[media_id]
                        self.send_response(200)
                        self.send_header("Content-Type", item.mime_type)
                        self.send_header("Content-Length", str(len(item.data)))
                        self.end_headers()
                        self.wfile.write(item.data)
                        return
                self._json(404, {"error": {"message": "Unsupported get request.", "code": 100}})

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def notification(wa_id: str, name: str, *messages: dict[str, Any]) -> dict[str, Any]:
    """A ``messages`` notification as Meta sends it."""
    return {"object": "whatsapp_business_account", "entry": [{
        "id": BUSINESS_ACCOUNT_ID,
        "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6281100001708",
                         "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": list(messages),
        }}],
    }]}


def text_message(wamid: str, wa_id: str, body: str, timestamp: int) -> dict[str, Any]:
    return {"from": wa_id, "id": wamid, "timestamp": str(timestamp), "type": "text",
            "text": {"body": body}}


def image_message(wamid: str, wa_id: str, media_id: str, caption: str,
                  timestamp: int, mime_type: str = "image/jpeg") -> dict[str, Any]:
    return {"from": wa_id, "id": wamid, "timestamp": str(timestamp), "type": "image",
            "image": {"caption": caption, "mime_type": mime_type, "id": media_id,
                      "sha256": "ignored-by-the-receiver"}}


def status_notification(wamid: str, wa_id: str, timestamp: int) -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{
        "id": BUSINESS_ACCOUNT_ID,
        "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6281100001708",
                         "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [{"id": wamid, "status": "delivered", "timestamp": str(timestamp),
                          "recipient_id": wa_id}],
        }}],
    }]}


def signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(webhook: str, payload: dict[str, Any], app_secret: str | None) -> requests.Response:
    """POST a notification as Meta does (signed unless ``app_secret`` is None)."""
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if app_secret is not None:
        headers["X-Hub-Signature-256"] = signature(app_secret, body)
    return requests.post(webhook, data=body, headers=headers, timeout=30)
