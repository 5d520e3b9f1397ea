"""A local stand-in for the providers' documented send APIs, on loopback:

- WhatsApp Business Cloud API: ``POST /{version}/{phone_number_id}/messages`` with
  ``Authorization: Bearer <token>``; a ``text`` or ``template`` message to ``to`` (digits of an
  international number); answers ``{"messaging_product": "whatsapp", "contacts": [{"input",
  "wa_id"}], "messages": [{"id": "wamid...."}]}``; a wrong token is ``401`` with an
  ``OAuthException`` (code 190), a malformed message ``400`` (code 100).
- SMS Gateway for Android: ``POST /message`` with Basic authentication and ``{"textMessage":
  {"text"}, "phoneNumbers": ["+62..."]}``; answers ``202`` ``{"id", "state": "Pending",
  "recipients": [...]}``.

``fail(n, status)`` makes the next ``n`` requests answer ``status`` (an outage); every accepted
message is kept in ``whatsapp`` and ``sms``.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

VERSION = "v21.0"
PHONE_NUMBER_ID = "106540352242922"
TOKEN = "EAAG-uji-token"
SMS_USER, SMS_PASSWORD = "sms", "sandi-gateway"


class ProviderStandIn:
    def __init__(self) -> None:
        self.whatsapp: list[dict[str, Any]] = []
        self.sms: list[dict[str, Any]] = []
        self.requests = 0
        self._failures: list[int] = []
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, body = standin.answer(self.path, dict(self.headers), raw)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def whatsapp_api_url(self) -> str:
        return f"{self.base}/{VERSION}"

    @property
    def sms_url(self) -> str:
        return f"{self.base}/message"

    def start(self) -> ProviderStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, count: int, status: int = 503) -> None:
        with self._lock:
            self._failures = [status] * count

    def answer(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any]:
        with self._lock:
            self.requests += 1
            if self._failures:
                return self._failures.pop(), {"error": {"message": "temporarily unavailable"}}
        try:
            payload = json.loads(raw)
        except ValueError:
            return 400, {"error": {"message": "invalid JSON", "code": 100}}
        if path == f"/{VERSION}/{PHONE_NUMBER_ID}/messages":
            return self._whatsapp(headers, payload)
        if path == "/message":
            return self._sms(headers, payload)
        return 404, {"error": {"message": f"no route {path}"}}

    def _whatsapp(self, headers: dict[str, str], payload: Any) -> tuple[int, Any]:
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            return 401, {"error": {"message": "Invalid OAuth access token.",
                                   "type": "OAuthException", "code": 190}}
        to = payload.get("to", "") if isinstance(payload, dict) else ""
        kind = payload.get("type") if isinstance(payload, dict) else None
        ok = (payload.get("messaging_product") == "whatsapp" and str(to).isdigit()
              and ((kind == "text" and isinstance(payload.get("text", {}).get("body"), str))
                   or (kind == "template" and isinstance(payload.get("template"), dict))))
        if not ok:
            return 400, {"error": {"message": "(#100) Invalid parameter", "type":
                                   "OAuthException", "code": 100}}
        wamid = "wamid." + uuid.uuid4().hex
        with self._lock:
            self.whatsapp.append({**payload, "id": wamid})
        return 200, {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                     "messages": [{"id": wamid}]}

    def _sms(self, headers: dict[str, str], payload: Any) -> tuple[int, Any]:
        expected = "Basic " + base64.b64encode(f"{SMS_USER}:{SMS_PASSWORD}".encode()).decode()
        if headers.get("Authorization") != expected:
            return 401, {"message": "Unauthorized"}
        numbers = payload.get("phoneNumbers") if isinstance(payload, dict) else None
        text = (payload.get("textMessage") or {}).get("text") if isinstance(payload, dict) else None
        if not isinstance(numbers, list) or not numbers or not isinstance(text, str):
            return 400, {"message": "phoneNumbers and textMessage.text are required"}
        ident = uuid.uuid4().hex[:21]
        with self._lock:
            self.sms.append({**payload, "id": ident})
        return 202, {"id": ident, "state": "Pending",
                     "recipients": [{"phoneNumber": n, "state": "Pending"} for n in numbers]}
