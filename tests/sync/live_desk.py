"""A desktop (cache, transport, engine, outbox) signed in to the REAL server on loopback, for the
tests that drive the desktop's own code against it."""

from __future__ import annotations

from pathlib import Path

from lapor_desk.models.cache import open_cache
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.support.live_server import LiveServer
from tests.sync.test_live_sync import Desk

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


def open_desk(live_server: LiveServer, profile: Path, username: str, password: str) -> Desk:
    """Signed in as ``username`` and synced once."""
    cache = open_cache(profile)
    transport = Transport(live_server.url, timeout=(5.0, 30.0), retry=FAST,
                          sleep=lambda _s: None)
    engine = SyncEngine(cache, transport)
    engine.login(username, password, "pytest")
    engine.sync()
    return Desk(cache, transport, engine, Outbox(cache), username)
