"""How the transport retries (``sync/transport.py``), in a module of its own: the desktop names
its policy at import time without importing ``requests`` (it is imported when the first request
is made, after the window shows its first rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries in all, including the first
    base_delay: float = 0.5  # seconds; the n-th retry waits up to base * 2**n
    max_delay: float = 30.0
    max_retry_after: float = 300.0  # never wait longer than this for a Retry-After

    def backoff(self, retry_number: int, rand: Callable[[], float]) -> float:
        """Full jitter: uniform in [0, min(max_delay, base * 2**retry_number)]."""
        return float(rand() * min(self.max_delay, self.base_delay * (2**retry_number)))
