"""Service fixtures: a Workstation signed in to the real reference server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services import Workstation, use_memory_keyring
from tests.support.live_server import LiveServer


@pytest.fixture(autouse=True)
def memory_keyring() -> None:
    use_memory_keyring()


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[Workstation]:
    station = Workstation(tmp_path / "profiles", device="pytest")
    yield station
    station.close()


@pytest.fixture
def signed_in(workstation: Workstation, live_server: LiveServer, password: str) -> Workstation:
    workstation.sign_in(live_server.url, "admin.kendari", password)
    workstation.sync()
    return workstation
