"""The room's training server as the facilitator starts it (real server processes): it listens on
the address the facilitator chose — this computer's address on the local network, not loopback —
on a fixed port; a trainee's desktop (a second profile) signs in to ``bimtek://ADDRESS:PORT``
with the roster's password, does the four exercises through the desktop's own services, and the
facilitator sees them done; a reset puts that trainee back at the start. A ``bimtek://``
address that is not a training server never gets the password."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.enums import ActionKind
from lapor_desk.services import SignInError, Workstation
from lapor_desk.services.actions import ActionFields
from lapor_desk.services.errors import DemoFailed
from lapor_desk.services.templates import ReplyContext, render
from lapor_desk.services.training import (
    LOOPBACK,
    TrainingServer,
    check_listen_address,
    local_addresses,
)
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(420)


def room_address() -> str:
    """The machine's address on its network; loopback only on a machine that has none."""
    found = local_addresses()
    return found[0] if found else LOOPBACK


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrainingServer]:
    host = room_address()
    server = TrainingServer(tmp_path_factory.mktemp("training"), host=host,
                            port=free_port(host), trainees=2, complaints=20)
    server.start()
    try:
        yield server
    finally:
        server.close()


def titled(station: Workstation, prefix: str) -> str:
    for key in station.queue_keys():
        for row in station.rows(station.complaint_ids(key)):
            if row.title.startswith(prefix):
                return row.id
    raise AssertionError(f"no complaint titled {prefix!r}")


def unit(station: Workstation, complaint_id: str, words: str) -> int:
    return next(t.id for t in station.forward_targets(complaint_id)
                if words in t.name and t.selectable)


def test_the_server_listens_where_the_facilitator_chose(room: TrainingServer) -> None:
    assert room.host == room_address()
    assert room.trainee_url == f"bimtek://{room.host}:{room.port}"
    with urllib.request.urlopen(f"http://{room.host}:{room.port}/api/v1/health",
                                timeout=10) as answer:
        assert json.loads(answer.read())["training"] is True
    roster = room.roster()
    assert [t.username for t in roster] == ["peserta01", "peserta02"]
    assert len({t.password for t in roster}) == 2
    assert check_listen_address(LOOPBACK) == LOOPBACK
    for nowhere in ("0.0.0.0", "8.8.8.8", "lapor.go.id"):
        with pytest.raises(DemoFailed):
            TrainingServer(room.root / "never", host=nowhere)


def test_a_trainee_on_another_pc_does_the_exercises(room: TrainingServer, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # An office PC's proxy cannot reach the room's laptop: the training address skips it.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    trainee = room.roster()[0]
    station = Workstation(tmp_path / "trainee-pc", device="trainee-pc")
    try:
        info = station.sign_in(room.trainee_url, trainee.username, trainee.password)
        assert info.role == "agency_admin"
        station.sync()
        # The training world's time, not the wall clock's (weeks later): nothing is overdue.
        assert utcnow() - station.session.server_clock.now() > timedelta(days=1)

        verify = titled(station, "[Latihan 1]")
        station.actions.submit(ActionKind.FORWARD, verify, ActionFields(
            to_id=unit(station, verify, "Pekerjaan Umum"), note="Mohon ditindaklanjuti"))

        reply = titled(station, "[Latihan 2]")
        template = station.replies.templates()[0]
        station.replies.send(reply, "follow_up", render(template.body, ReplyContext(
            "La Ode Hasrul", False, 1, "Dinas PUPR")))

        defaults = station.intake.defaults()
        station.intake.record({
            "complaint_type": "pengaduan", "channel": "walk_in",
            "title": "Warga datang menanyakan KTP elektronik",
            "body": "Warga datang ke loket menanyakan KTP elektronik yang belum jadi.",
            "province": defaults.province or "Sulawesi Tenggara",
            "regency": defaults.regency or "Kota Kendari",
            "category": "KEPENDUDUKAN", "reporter": {"name": "Hamzah"}})

        contested = titled(station, "[Latihan 4]")
        pupr = unit(station, contested, "Pekerjaan Umum")
        station.actions.submit(ActionKind.FORWARD, contested, ActionFields(to_id=pupr))
        outcome = station.sync()
        assert outcome.conflicts == 1  # a colleague forwarded it a moment before
        station.sync()
        conflict = next(i for i in station.outbox_review.items() if i.state == "conflict")
        station.outbox_review.reapply(conflict.mutation_id)
        station.sync()

        progress = {p.username: p for p in room.progress()}
        assert dict(progress["peserta01"].done) == dict.fromkeys(
            ("verify_forward", "reply_template", "walk_in", "conflict"), True)
        assert progress["peserta01"].finished == 4 and progress["peserta02"].finished == 0

        room.reset_trainee("peserta01")
        assert room.progress()[0].finished == 0
        station.sync()
        assert titled(station, "[Latihan 1]") != verify  # the old ones are gone from the PC
    finally:
        station.close()


def test_a_bimtek_address_that_is_not_a_training_server_gets_no_password(
        tmp_path: Path, live_server: LiveServer, password: str) -> None:
    station = Workstation(tmp_path / "pc", device="pc")
    port = live_server.url.rsplit(":", 1)[1]
    try:
        with pytest.raises(SignInError) as refused:
            station.sign_in(f"bimtek://127.0.0.1:{port}", "admin.kendari", password)
        assert refused.value.code == "not_training_server"
        assert not list((tmp_path / "pc").glob("*/cache.sqlite3"))  # nothing left behind
    finally:
        station.close()


def test_the_command_opens_to_the_room_only_on_an_address_of_this_computer(
        capsys: pytest.CaptureFixture[str]) -> None:
    from lapor_desk import cli

    for nowhere in ("0.0.0.0", "8.8.8.8"):
        assert cli.main(["training", "--host", nowhere]) == cli.EXIT_USAGE
        assert "room's network" in capsys.readouterr().err
    assert cli.main(["training", "--trainees", "500"]) == cli.EXIT_USAGE


def test_no_clock_warning_on_the_training_worlds_time(room: TrainingServer, tmp_path: Path) -> None:
    """The training server's time is weeks behind the trainee's PC on purpose: the desktop does
    not tell the trainee to set their clock to it."""
    trainee = room.roster()[1]
    station = Workstation(tmp_path / "pc2", device="trainee-pc-2")
    try:
        station.sign_in(room.trainee_url, trainee.username, trainee.password)
        station.sync()
        reading = station.session.server_clock.reading()
        assert reading is not None and reading.noticeable  # it is far off indeed
        assert station.clock_skew() is None
    finally:
        station.close()
