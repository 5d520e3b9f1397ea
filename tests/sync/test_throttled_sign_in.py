"""A sign-in the server throttles (429) is answered at once, not retried for minutes with the
same password: the person reads that they must wait. The real server, over loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from lapor_desk.services import SignInError, Workstation
from lapor_desk.services.errors import ServerProblem
from lapor_desk.sync.credentials import MemoryKeyring
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)
USER = "admin.kendari"


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Workstation]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    desk = Workstation(tmp_path / "profiles", device="pytest")
    yield desk
    desk.close()
    keyring.set_keyring(previous)


def test_a_throttled_sign_in_says_so_at_once(station: Workstation, live_server: LiveServer,
                                             password: str) -> None:
    for _ in range(5):
        with pytest.raises(SignInError) as wrong:
            station.sign_in(live_server.url, USER, "bukan-sandinya")
        assert wrong.value.code == "bad_credentials"
    started = time.monotonic()
    with pytest.raises(ServerProblem) as throttled:
        station.sign_in(live_server.url, USER, password)
    assert throttled.value.code == "too_many_requests"
    assert time.monotonic() - started < 10  # one request, no Retry-After sleeps
