"""The real mail servers and providers' stand-ins the channel tests talk to, started per test
(Dovecot per module: it takes seconds). Used through tests/server/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from imap_tools import MailBoxUnencrypted

from tests.support.dovecot import Dovecot, remove, start_dovecot
from tests.support.provider_send_standin import ProviderStandIn
from tests.support.smtp_server import SmtpServer


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd in its own process) writing what it receives to a maildir."""
    server = SmtpServer(tmp_path / "maildir").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def provider() -> Iterator[ProviderStandIn]:
    """The WhatsApp/SMS providers' send APIs, as documented."""
    standin = ProviderStandIn().start()
    try:
        yield standin
    finally:
        standin.stop()


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A real IMAP server (Dovecot), one per module."""
    server = start_dovecot()
    try:
        yield server
    finally:
        remove(server)


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Iterator[Any]:
    """The test user's inbox, emptied."""
    with MailBoxUnencrypted(dovecot.host, dovecot.port).login(dovecot.user,
                                                              dovecot.password) as box:
        box.delete([m.uid for m in box.fetch(mark_seen=False) if m.uid])
        yield box
