"""The SP4N round as the server runs it (server/sp4n/loop.py), on SQLite and PostgreSQL against
the simulated national server: off until configured and never in a training world; one round
per interval; a failed part or a failed round logged, counted and tried again next round.
(Two real worker processes: tests/server/test_sp4n_workers.py.)"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lapor_desk.server.cli import main
from lapor_desk.server.database import transaction
from lapor_desk.server.metrics import ServerMetrics
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.sp4n.loop import link_of, round_once
from lapor_desk.server.state import ServerState
from tests.server.builder import NOW, complaint_payload
from tests.server.client import WorldServer
from tests.support.sp4n_standin import national_standin

SINCE = NOW + timedelta(days=1)
TOKEN = "tok-konawe-0001"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _settings(server: WorldServer, url: str, tmp_path: Path, **extra: object) -> ServerSettings:
    (tmp_path / "token").write_text(TOKEN, "utf-8")
    values: dict[str, object] = {
        "sp4n_url": url, "sp4n_token_file": tmp_path / "token", "sp4n_connector": "bridge",
        "sp4n_since": SINCE.date().isoformat(), "sp4n_agency": "T-kab", "sp4n_interval": 60.0,
        **extra}
    return ServerSettings(database_url=server.live.database_url, **values)  # type: ignore[arg-type]


def _metric(metrics: ServerMetrics, name: str, **labels: str) -> float:
    found = metrics.registry.get_sample_value(name, labels)
    return float(found or 0.0)


def test_off_until_configured_and_never_in_a_training_world(
        server: WorldServer, tmp_path: Path) -> None:
    assert link_of(ServerSettings(database_url=server.live.database_url)) is None
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        assert link_of(_settings(server, national.bridge_url, tmp_path, sp4n_interval=0.0)) \
            is None  # the command (a timer) only
        assert link_of(_settings(server, national.bridge_url, tmp_path, training=True)) is None
        link = link_of(_settings(server, national.bridge_url, tmp_path))
        assert link is not None and link.connector.name == "bridge"
        national.national_report("Sekolah roboh", "Kronologi: atap kelas roboh.",
                                 SINCE + timedelta(hours=1))
        training = ServerState.open(_settings(server, national.bridge_url, tmp_path,
                                              training=True), Clock(SINCE + timedelta(hours=2)))
        try:
            assert round_once(training, link) is None
        finally:
            training.engine.dispose()
        assert national.calls == []


def test_serve_stops_at_a_wrong_sp4n_section(
        server: WorldServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "server.toml"
    base = (f'[database]\nurl = "{server.live.database_url}"\n[sp4n]\n'
            'url = "https://bridge.example.go.id"\nconnector = "bridge"\n')
    for extra, said in (("since = 2026-12-01\n", "no SP4N-LAPOR! token"),
                        (f'token_file = "{tmp_path / "token"}"\n', "set [sp4n] since")):
        (tmp_path / "token").write_text(TOKEN, "utf-8")
        config.write_text(base + extra, "utf-8")
        assert main(["serve", "--config", str(config)]) == 1
        assert said in capsys.readouterr().err


def test_a_failed_round_is_logged_counted_and_tried_again_next_interval(
        server: WorldServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with transaction(server.live.engine) as session:
        cid = complaint_services.submit_complaint(
            session, complaint_payload("Jalan berlubang di poros desa",
                                       received_at=SINCE.isoformat().replace("+00:00", "Z")),
            server.unit("kab"), now=SINCE + timedelta(minutes=5)).id
    metrics = ServerMetrics()
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        clock = Clock(SINCE + timedelta(hours=1))
        state = ServerState.open(_settings(server, national.bridge_url, tmp_path), clock)
        broken = ServerState.open(_settings(server, national.bridge_url, tmp_path,
                                            sp4n_agency="T-tidak-ada"), clock)
        link = link_of(state.settings)
        assert link is not None
        try:
            national.fail_next = [503]  # the national system is down: the part fails
            with caplog.at_level(logging.WARNING):
                done = round_once(state, link, metrics.sp4n_round)
            assert done is not None and done.reports.failed == [(cid, "unreachable")]
            assert "event=sp4n_send_failed" in caplog.text
            assert _metric(metrics, "lapor_sp4n_rounds_total", outcome="partial") == 1
            assert _metric(metrics, "lapor_sp4n_items_total", part="report",
                           outcome="failed") == 1
            # the round is claimed for this interval: no second one before its time
            clock.at += timedelta(seconds=30)
            assert round_once(state, link, metrics.sp4n_round) is None
            # the next interval: a round that fails as a whole (a unit code naming none)
            clock.at += timedelta(seconds=40)
            caplog.clear()
            with caplog.at_level(logging.ERROR):
                assert round_once(broken, link, metrics.sp4n_round) is None
            assert "event=sp4n_round_failed" in caplog.text and "T-tidak-ada" in caplog.text
            assert _metric(metrics, "lapor_sp4n_rounds_total", outcome="failed") == 1
            # and the one after it sends the report, once
            clock.at += timedelta(seconds=70)
            again = round_once(state, link, metrics.sp4n_round)
            assert again is not None and [c for c, _ in again.reports.sent] == [cid]
            assert _metric(metrics, "lapor_sp4n_items_total", part="report", outcome="sent") == 1
            clock.at += timedelta(seconds=70)
            last = round_once(state, link, metrics.sp4n_round)
            assert last is not None and last.reports.sent == []
            assert len(national.recorded) == 1
        finally:
            state.engine.dispose()
            broken.engine.dispose()
