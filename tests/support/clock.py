"""A clock a test moves by hand, given to the server (``create_app(settings, clock)``)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class MovableClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        with self._lock:
            self._now += delta if delta is not None else timedelta(**parts)
            return self._now
