"""Server-side changes: the reporter answers, the clock auto-closes (service and serve loop)."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Complaint, ComplaintEvent
from lapor_desk.server.services.complaints import auto_close_due, reporter_response
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import World, new_id
from tests.server.client import WorldServer
from tests.support.live_server import DatabaseFactory, start_server


def _answered(server: WorldServer, label: str = "prov_plain") -> str:
    admin, liaison = server.login("admin_prov"), server.login("lo_prov_works")
    cid = server.cid(label)
    assert admin.do("forward", cid, 1, to_id=server.unit("prov_works"),
                    disposition_id=new_id())["outcome"] == "applied"
    assert liaison.do("follow_up", cid, None, follow_up_id=new_id(), body="sudah diperbaiki")["outcome"] == "applied"
    return cid


def test_reporter_response_reopens_and_stops_auto_close(server: WorldServer) -> None:
    cid = _answered(server)
    liaison = server.login("lo_prov_works")
    view, _ = liaison.pull_all()
    engine = make_engine(server.live.database_url)
    try:
        with transaction(engine) as session:
            reporter_response(session, cid, "Belum diperbaiki, masih berlubang.")
        assert auto_close_due(engine, utcnow() + timedelta(days=60)) == 0
    finally:
        engine.dispose()
    state = liaison.pull_all(view["cursor"])[0]["state"]
    row = state["complaint"][cid]
    assert row["status"] == "reporter_responded" and row["auto_close_due"] is None
    [response] = state["follow_up"].values()
    assert response["kind"] == "reporter_response" and response["author_id"] is None


def test_auto_close_service_closes_only_what_is_due(server: WorldServer) -> None:
    cid = _answered(server)
    engine = make_engine(server.live.database_url)
    try:
        assert auto_close_due(engine, utcnow()) == 0
        assert auto_close_due(engine, utcnow() + timedelta(days=30)) == 1
        assert auto_close_due(engine, utcnow() + timedelta(days=31)) == 0
        with engine.connect() as conn:
            assert conn.scalar(select(Complaint.status).where(Complaint.id == cid)) == "done"
            kinds = conn.scalars(select(ComplaintEvent.kind).where(
                ComplaintEvent.complaint_id == cid).order_by(ComplaintEvent.seq)).all()
            assert kinds[-1] == "auto_close"
    finally:
        engine.dispose()


def test_serve_runs_the_auto_close_loop(db_factory: DatabaseFactory,
                                        world_template: tuple[str, World], tmp_path: Path) -> None:
    template_url, world = world_template
    url = db_factory.copy_of(template_url)
    first = WorldServer(start_server(ServerSettings(database_url=url, blob_dir=tmp_path,
                                                    auto_close_interval=0)), world)
    try:
        cid = _answered(first)
    finally:
        first.live.stop()
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            complaint = session.get(Complaint, cid)
            assert complaint is not None
            complaint.auto_close_due = utcnow() - timedelta(minutes=1)
        looping = start_server(ServerSettings(database_url=url, blob_dir=tmp_path,
                                              auto_close_interval=0.2))
        try:
            deadline = time.monotonic() + 15
            while True:
                with engine.connect() as conn:
                    if conn.scalar(select(Complaint.status).where(Complaint.id == cid)) == "done":
                        break
                assert time.monotonic() < deadline
                time.sleep(0.1)
        finally:
            looping.stop()
    finally:
        engine.dispose()
