"""The training world's clock: it stands still while the server is stopped.

A training sandbox is seeded for a fixed moment (the seed's ``now``); the wall clock moves on
between the seeding and the session, and between the days of a bimtek. Were the server to use
it, every deadline would be weeks past when the room signs in and the auto-close job would close
dozens of complaints minutes into the session. Here the server's time resumes at the latest
moment the world already holds and moves only while the server runs (so that events keep their
order and "a few minutes ago" reads right); the desktops learn it from the ``Date`` header of
every answer (:class:`ServerDateMiddleware`), as they learn a real server's time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.db import Complaint, ComplaintEvent


def world_time(engine: Engine) -> datetime:
    """The latest moment the database records (a complaint's change or an event)."""
    with Session(engine) as session:
        moments = [session.scalar(select(func.max(Complaint.updated_at))),
                   session.scalar(select(func.max(ComplaintEvent.at)))]
    known = [m if m.tzinfo else m.replace(tzinfo=UTC) for m in moments if m is not None]
    return max(known) if known else utcnow()


class TrainingClock:
    """``anchor`` plus the time the server has been running."""

    def __init__(self, anchor: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.anchor = anchor
        self._monotonic = monotonic
        self._started = monotonic()

    def __call__(self) -> datetime:
        return self.anchor + timedelta(seconds=self._monotonic() - self._started)


class ServerDateMiddleware:
    """Every answer's ``Date`` from ``now`` (the server runs with uvicorn's own turned off)."""

    def __init__(self, app: ASGIApp, now: Callable[[], datetime]) -> None:
        self.app = app
        self.now = now

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_dated(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
                stamp = format_datetime(self.now().astimezone(UTC), usegmt=True)
                message["headers"] = [*headers, (b"date", stamp.encode("latin-1"))]
            await send(message)

        await self.app(scope, receive, send_dated)
