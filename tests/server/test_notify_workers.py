"""``lapor-server serve --workers 2`` on PostgreSQL with SMS replies configured: both worker
processes run the sending rounds at once, and every message reaches the gateway exactly once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Notification
from lapor_desk.server.services import complaints as complaint_services
from tests.server.builder import PASSWORD, build_world, complaint_payload
from tests.server.client import Api
from tests.support import provider_send_standin as standin_api
from tests.support.live_server import DatabaseFactory
from tests.support.provider_send_standin import ProviderStandIn
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True, scope="session")

COUNT = 40


def test_two_workers_send_each_message_once(db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    engine = make_engine(url)
    ids = []
    with transaction(engine) as session:
        for i in range(COUNT):
            ids.append(complaint_services.submit_complaint(
                session, complaint_payload(f"Laporan sms nomor {i}", channel="sms",
                                           reporter={"name": "P", "phone": f"08521{i:07d}"}),
                world.agencies["prov"]).id)
    provider = ProviderStandIn().start()
    config = tmp_path / "server.toml"
    config.write_text(
        f'[notify]\ninterval_seconds = 0.05\n[sms]\nurl = "{provider.sms_url}"\n'
        f'username = "{standin_api.SMS_USER}"\npassword = "{standin_api.SMS_PASSWORD}"\n',
        encoding="utf-8")
    server = ServerProcess(url, tmp_path / "blobs", "--workers", "2", "--config", str(config))
    try:
        api = Api(server.url + "/api/v1")
        response = api.post("/auth/login", json={"username": "admin_prov", "password": PASSWORD,
                                                 "device": "pytest"})
        assert response.status_code == 200, response.text
        api.token = response.json()["token"]
        results = api.push(*(api.action("handle", cid, 1, note="kami tangani",
                                        disposition_id=f"0190a0a0-0000-7000-8000-{i:012d}")
                             for i, cid in enumerate(ids)))
        assert {r["outcome"] for r in results} == {"applied"}
        deadline = time.monotonic() + 60
        while len(provider.sms) < COUNT and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # a second sending of any of them would arrive by now
        numbers = sorted(m["phoneNumbers"][0] for m in provider.sms)
        assert numbers == sorted(f"+628521{i:07d}" for i in range(COUNT))
        with engine.connect() as connection:
            assert set(connection.scalars(select(Notification.status))) == {"sent"}
            assert set(connection.scalars(select(Notification.attempts))) == {1}
        assert "notify_sent" in server.output
    finally:
        server.stop()
        provider.stop()
        engine.dispose()
