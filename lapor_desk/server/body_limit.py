"""Request bodies bounded before they are read, on every endpoint (pure ASGI).

Each route has a byte limit (:class:`BodyLimits`: the login a few KiB, a push
``max_push_bytes``, a blob chunk its chunk limit, everything else :data:`DEFAULT_BODY_BYTES`).

- A declared ``Content-Length`` over the route's limit is answered 413 ``too_large`` at once: the
  application is not called and no byte of the body is read (a client that waits for
  ``100 Continue`` never sends it).
- A body without a length (chunked) is counted as it arrives; at the first byte over the limit
  the middleware answers 413 itself and the application's next read sees the client gone.

Routes read their bodies plainly (``routes_sync.read_body``); this is the one place that limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lapor_desk.server.errors import error_json

#: Bodies of routes without a limit of their own (logout sends ``{}``; GETs send nothing).
DEFAULT_BODY_BYTES = 4 * 1024


@dataclass(frozen=True)
class BodyRule:
    method: str
    path: re.Pattern[str]
    limit: int


def _pattern(template: str) -> re.Pattern[str]:
    """``/api/v1/blobs/{sha256}/upload`` -> a pattern where ``{name}`` is one path segment."""
    parts = re.split(r"\{[^/{}]+\}", template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


@dataclass(frozen=True)
class BodyLimits:
    """Per-route limits (``{("POST", "/api/v1/sync/push"): 8 << 20}``, paths as the routes
    declare them), and the limit of every other request."""

    routes: dict[tuple[str, str], int] = field(default_factory=dict)
    default: int = DEFAULT_BODY_BYTES
    #: Routes a person's browser posts to (the public pages): the refusal as an HTML page.
    pages: dict[tuple[str, str], bytes] = field(default_factory=dict)
    rules: tuple[BodyRule, ...] = field(init=False)

    def __post_init__(self) -> None:
        rules = tuple(BodyRule(method, _pattern(path), limit)
                      for (method, path), limit in self.routes.items())
        object.__setattr__(self, "rules", rules)

    def limit_for(self, method: str, path: str) -> int:
        for rule in self.rules:
            if method == rule.method and rule.path.match(path):
                return rule.limit
        return self.default


def _declared_length(scope: Scope) -> int | None:
    for name, raw in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(raw)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.limit_for(scope["method"], scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, limit, self.limits)
            return
        received = 0
        started = cut = answered = False

        async def counted_receive() -> Message:
            nonlocal received, cut, answered
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut = True
                    if not started:
                        answered = True
                        await _refuse(scope, send, limit, self.limits)
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if answered:
                return  # the 413 is the answer; whatever the application says after is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except Exception:
            if not answered:
                raise
            # The application failed on reading a body that was cut off: already answered.


async def _refuse(scope: Scope, send: Send, limit: int, limits: BodyLimits) -> None:
    state: dict[str, Any] = scope.setdefault("state", {})
    state["error_code"] = "too_large"
    page = limits.pages.get((scope["method"], scope["path"]))
    body = page if page is not None else error_json(
        "too_large", f"the body is larger than {limit} bytes", str(state.get("request_id", "")))
    kind = b"text/html; charset=utf-8" if page is not None else b"application/json"
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
    ]})
    await send({"type": "http.response.body", "body": body})
