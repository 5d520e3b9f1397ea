"""A PC whose clock is an hour ahead records a complaint at the counter and the server accepts
it: the desk's own services run as a real process under libfaketime (+1 h) against the real
server on loopback (real time), on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.db import Complaint
from tests.support.faketime import run_shifted
from tests.support.file_keyring import child_env, file_keyring
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(autouse=True)
def shared_keyring(tmp_path: Path) -> Iterator[None]:
    with file_keyring(tmp_path / "keyring.json"):
        yield


def test_an_hour_ahead_desk_records_at_the_servers_time_and_is_accepted(
        live_server: LiveServer, tmp_path: Path, password: str) -> None:
    env = {**child_env(tmp_path / "keyring.json"), "LAPOR_PASSWORD": password}
    done = run_shifted("+1h", ["-m", "tests.services.clock_child", str(tmp_path / "profiles"),
                               live_server.url, "admin.kendari"], env)
    assert done.returncode == 0, done.stderr
    told = orjson.loads(done.stdout.strip().splitlines()[-1])
    now = utcnow()
    assert abs(datetime.fromisoformat(told["pc_now"]) - (now + timedelta(hours=1))) < \
        timedelta(minutes=2)  # the child really lived an hour ahead
    received_here = datetime.fromisoformat(told["received_here"])
    assert abs(received_here - now) < timedelta(minutes=2)  # shown at the server's time
    assert (told["applied"], told["rejected"]) == (1, 0)
    assert told["ahead"] is not None and abs(told["ahead"] - 3600) < 5  # and the desk says so
    with live_server.session() as session:
        created = session.scalar(select(Complaint.created_at).where(
            Complaint.id == told["complaint_id"]))
    assert created is not None and abs(created - now) < timedelta(minutes=2)
