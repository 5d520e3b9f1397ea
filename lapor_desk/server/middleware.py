"""Request ids, one structured log line and the request metrics per request, and the
last-resort 500 (pure ASGI).

The request line is written by ``server.logs.event``: a path, method or username cannot
break it. The metrics (server/metrics.py) name the route's template, never the raw path.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lapor_desk.server.errors import error_json
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import RouteNames, ServerMetrics

log = logging.getLogger("lapor_desk.server.request")

_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: ServerMetrics | None = None,
                 route_names: RouteNames | None = None) -> None:
        self.app = app
        self.metrics = metrics
        self.route_names = route_names or RouteNames()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:  # noqa: BLE001 - logged with its trace, answered 500
            event(log, "unhandled_error", logging.ERROR, exc=error, request_id=request_id,
                  path=scope["path"])
            if not response_started:
                body = error_json("internal_error", "internal server error", request_id)
                await send_with_id({"type": "http.response.start", "status": 500, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ]})
                await send_with_id({"type": "http.response.body", "body": body})
        finally:
            seconds = time.perf_counter() - started
            route = self.route_names(scope)
            event(log, "request", method=scope["method"], path=scope["path"], status=status,
                  ms=round(seconds * 1000, 1), request_id=request_id,
                  user=state.get("username", "-"), code=state.get("error_code", "-"),
                  route=route)
            if self.metrics is not None:
                self.metrics.request(scope["method"], route, status, seconds,
                                     state.get("error_code"))


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            try:
                text = value.decode("ascii")
            except UnicodeDecodeError:
                return None
            return text if _SANE_ID.match(text) else None
    return None
