"""End to end, a PC whose clock is an hour ahead: ``lapor-desk sync``, ``import`` and ``sync``
again run as real processes under libfaketime (+1 h) against the real server on loopback (real
time). The complaint imported offline is recorded at the server's time and accepted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.db import Complaint
from tests.support.faketime import run_shifted
from tests.support.file_keyring import child_env, file_keyring
from tests.support.live_server import LiveServer
from tests.sync.test_importer import ID_HEADER, ID_ROWS

USER = "admin.kendari"


@pytest.fixture(autouse=True)
def shared_keyring(tmp_path: Path) -> Iterator[None]:
    with file_keyring(tmp_path / "keyring.json"):
        yield


# The clock's handling does not depend on the server's database; SQLite keeps it short.
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True, scope="session")
@pytest.mark.timeout(300)
def test_an_hour_ahead_pc_records_offline_and_the_server_accepts(
        live_server: LiveServer, tmp_path: Path, password: str) -> None:
    profile = tmp_path / "profile"
    env = {**child_env(tmp_path / "keyring.json"), "LAPOR_PASSWORD": password}
    sync = ["-m", "lapor_desk.cli", "sync", "--profile", str(profile), "--server",
            live_server.url, "--user", USER, "--once"]

    first = run_shifted("+1h", sync, env)
    assert first.returncode == 0, first.stderr
    learned = orjson.loads((profile / "server_clock.json").read_bytes())
    assert abs(learned["offset_seconds"] + 3600) < 5  # the server is an hour behind this PC

    register = tmp_path / "register.csv"
    register.write_text("\n".join([ID_HEADER, ID_ROWS[0]]), "utf-8")
    imported = run_shifted("+1h", ["-m", "lapor_desk.cli", "import", str(register),
                                   "--profile", str(profile)], env)
    assert imported.returncode == 0, imported.stderr
    assert "imported 1" in imported.stdout

    second = run_shifted("+1h", sync, env)
    assert second.returncode == 0, second.stderr
    assert "applied 1, rejected 0" in second.stdout, second.stdout
    with live_server.session() as session:
        created = session.scalars(select(Complaint.created_at).where(
            Complaint.title == "Jalan rusak parah")).all()
    assert len(created) == 1
    assert abs(created[0] - utcnow()) < timedelta(minutes=2)  # the real time, not the PC's
