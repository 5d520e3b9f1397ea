"""Service fixtures: a Workstation signed in to the real reference server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services import Workstation, use_memory_keyring
from tests.support.live_server import LiveServer
from tests.support.shared_server import SharedServer


@pytest.fixture(autouse=True)
def memory_keyring() -> None:
    use_memory_keyring()


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    station = Workstation(tmp_path / "profiles", device="pytest")
    yield station
    station.close()


@pytest.fixture
def signed_in(workstation: Workstation, live_server: LiveServer, password: str,
              module_live_server: SharedServer) -> Workstation:
    """Signed in as the agency admin and synced: a copy of the module's synced profile
    (tests/support/synced_profile.py) opened and synced once more, or signed in afresh when
    the server's data was written to before."""
    profile = module_live_server.profiles.place(workstation.profiles, "admin.kendari", password)
    if profile is None:
        workstation.sign_in(live_server.url, "admin.kendari", password)
    else:
        workstation.resume(profile)
    workstation.sync()
    return workstation
