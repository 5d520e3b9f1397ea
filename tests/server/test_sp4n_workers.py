"""``lapor-server serve --workers 2`` on PostgreSQL with the link with SP4N-LAPOR! configured
(the bridge connector, against the simulated national server): the SP4N round runs in the
server's own housekeeping, once per interval whichever worker claims it, and every new
complaint, reply and status change reaches the national system once, every national report is
taken in once, and ``/metrics`` counts it (server/sp4n/loop.py)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Attachment, Complaint
from lapor_desk.server.services import complaints as complaint_services
from tests.server.builder import PASSWORD, build_world, complaint_payload, new_id
from tests.server.client import Api
from tests.server.test_metrics import scrape, value
from tests.support.live_server import DatabaseFactory
from tests.support.server_process import ServerProcess
from tests.support.sp4n_standin import national_standin

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True, scope="session")

TOKEN = "tok-konawe-0001"
COUNT = 5
INTERVAL = 0.3
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"foto"


def _wait(until: Callable[[], bool], what: str, server: ServerProcess,
          seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not until():
        assert time.monotonic() < deadline, \
            f"not within {seconds} s: {what}\n{server.output[-4000:]}"
        time.sleep(0.2)


def _login(server: ServerProcess, username: str) -> Api:
    api = Api(server.url + "/api/v1")
    response = api.post("/auth/login", json={"username": username, "password": PASSWORD,
                                             "device": "pytest"})
    assert response.status_code == 200, response.text
    api.token = response.json()["token"]
    return api


def test_two_workers_run_the_round_and_each_thing_goes_once(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    engine = make_engine(url)
    since = (utcnow() - timedelta(days=1)).date()
    received = utcnow().isoformat().replace("+00:00", "Z")
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        ids = []
        with transaction(engine) as session:
            for i in range(COUNT):
                ids.append(complaint_services.submit_complaint(
                    session, complaint_payload(f"Jembatan desa putus nomor {i}",
                                              received_at=received), world.agencies["kab"]).id)
        photo = national.national_file("ambulans.png", "image/png", PNG)
        there = [national.national_report(f"Ambulans desa rusak {i}", "Kronologi: ambulans "
                                          f"desa {i} rusak sejak bulan lalu.", utcnow(),
                                          lampiran=[photo] if i == 0 else [])
                 for i in range(3)]
        (tmp_path / "token").write_text(TOKEN + "\n", "utf-8")
        config = tmp_path / "server.toml"
        config.write_text(
            f'[sp4n]\nurl = "{national.bridge_url}"\ntoken_file = "token"\n'
            f'since = {since.isoformat()}\nagency = "T-kab"\nconnector = "bridge"\n'
            f'interval_seconds = {INTERVAL}\n', encoding="utf-8")
        server = ServerProcess(url, tmp_path / "blobs", "--workers", "2", "--config",
                               str(config))
        started = time.monotonic()
        try:
            def held(numbers: list[int]) -> int:
                with engine.connect() as connection:
                    return int(connection.scalar(select(func.count()).select_from(Complaint)
                               .where(Complaint.national_tracking_number.in_(numbers))) or 0)

            _wait(lambda: len(national.recorded) >= COUNT and held(there) >= 3,
                  "the complaints sent and the national reports taken in", server)
            admin, officer = _login(server, "admin_kab"), _login(server, "lo_kab_health")
            attachment = {"id": new_id(), "sha256": officer.upload(PNG), "size": len(PNG),
                          "mime_type": "image/png", "filename": "lokasi.png"}
            for index, cid in enumerate(ids):
                assert admin.do("forward", cid, None, to_id=world.agencies["kab_health"],
                                note="mohon ditangani", disposition_id=new_id()
                                )["outcome"] == "applied"
                assert officer.do("follow_up", cid, None, follow_up_id=new_id(),
                                  body=f"Tim sudah ke lokasi {cid[-4:]}.",
                                  attachments=[attachment] if index == 0 else []
                                  )["outcome"] == "applied"
            _wait(lambda: len(national.replies_received) >= COUNT
                  and len(national.statuses_received) >= COUNT, "the replies and statuses", server)
            time.sleep(12 * INTERVAL)  # a second sending of any of them would arrive by now
            elapsed = time.monotonic() - started
            writes = Counter((path.split("/")[-1], ref) for method, path, ref in national.calls
                             if method == "POST")
            assert writes and set(writes.values()) == {1}, writes  # each call made once
            assert len(national.recorded) == COUNT
            assert len(national.replies_received) == COUNT
            assert [s["status"] for s in national.statuses_received] == \
                ["Terdisposisi, Belum Ditindaklanjuti"] * COUNT
            assert held(there) == 3  # each national report is one complaint
            # the reply's photo went once with it; the national photo was kept once
            assert [len(r["lampiran"]) for r in national.replies_received].count(1) == 1
            assert national.file_gets == ["1"]
            with engine.connect() as connection:
                assert connection.scalar(select(func.count()).select_from(Attachment).join(
                    Complaint, Complaint.id == Attachment.complaint_id).where(
                    Complaint.national_tracking_number == there[0])) == 1
            # one round per interval between both workers, not one per worker
            fetches = sum(1 for method, _, _ in national.calls if method == "GET")
            assert 2 <= fetches <= elapsed / (0.9 * INTERVAL) + 3, (fetches, elapsed)
            samples = scrape(server.url)
            assert value(samples, "lapor_sp4n_items_total", part="report",
                         outcome="sent") == COUNT
            assert value(samples, "lapor_sp4n_items_total", part="push",
                         outcome="sent") == 2 * COUNT
            assert value(samples, "lapor_sp4n_items_total", part="fetch",
                         outcome="created") == 3
            # every round went well (one may be under way while the figures are read)
            rounds = value(samples, "lapor_sp4n_rounds_total", outcome="ok")
            assert abs(rounds - fetches) <= 1, (rounds, fetches)
            assert value(samples, "lapor_sp4n_rounds_total", outcome="partial") == 0
            assert value(samples, "lapor_sp4n_items_total", part="file", outcome="taken") == 1
            assert "event=sp4n_full_round" in server.output
        finally:
            server.stop()
            engine.dispose()
