"""The training (bimtek) server over loopback HTTP, on SQLite and PostgreSQL: trainees sign in to
a practice pemda of their own with the roster's passwords, the exercises count only what each
trainee did (a reply counts when it was started from a template; the conflict when it was
repaired), a reset puts one trainee back at the start and nobody else, the clock stands where the
training world stopped and nothing closes by itself."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import default_config, utcnow
from lapor_desk.models.enums import Status
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Agency, Complaint
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.training import Trainee, reset_trainee, setup_training, training_progress
from lapor_desk.server.training.clock import TrainingClock, world_time
from lapor_desk.server.training.exercises import TAG_CONFLICT, TAG_REPLY, TAG_VERIFY
from tests.server.builder import World, complaint_payload, new_id
from tests.server.client import Api, WorldServer
from tests.support.live_server import DatabaseFactory, start_server

pytestmark = pytest.mark.timeout(240)

TEMPLATE_REPLY = ("Yth. Bapak La Ode Hasrul,\n\nTerima kasih atas laporan Anda nomor 1. Laporan "
                  "telah kami terima dan saat ini sedang ditindaklanjuti oleh Dinas PUPR. Kami "
                  "akan menyampaikan perkembangan penanganannya melalui kanal ini.")


class Room:
    def __init__(self, server: WorldServer, trainees: list[Trainee], engine: Engine,
                 roster: Path) -> None:
        self.server, self.trainees, self.engine, self.roster = server, trainees, engine, roster

    def login(self, number: int) -> Api:
        trainee = self.trainees[number - 1]
        return self.server.login(trainee.username, trainee.password)

    def progress(self) -> dict[str, dict[str, bool]]:
        with Session(self.engine) as session:
            return {p.username: p.done for p in training_progress(session)}

    def unit(self, number: int, suffix: str) -> int:
        with Session(self.engine) as session:
            return int(session.scalars(select(Agency.id).where(
                Agency.code == f"BIMTEK-{number:02d}.{suffix}")).one())


@pytest.fixture
def room(db_factory: DatabaseFactory, world_template: tuple[str, World],
         tmp_path: Path) -> Iterator[Room]:
    url = db_factory.copy_of(world_template[0])
    engine = make_engine(url)
    anchor = world_time(engine)
    roster = tmp_path / "roster.json"
    trainees = setup_training(engine, roster, 2, anchor)
    settings = ServerSettings(database_url=url, blob_dir=tmp_path / "blobs",
                              auto_close_interval=0, training=True)
    live = start_server(settings, seed=world_template[1], clock=TrainingClock(anchor))
    try:
        yield Room(WorldServer(live, world_template[1]), trainees, engine, roster)
    finally:
        live.stop()
        engine.dispose()


def exercises(api: Api) -> dict[str, dict[str, Any]]:
    """The trainee's complaints by exercise tag (and every complaint under "all")."""
    state = api.pull_all()[0]["state"]
    found: dict[str, dict[str, Any]] = {"all": {}}
    for complaint in state.get("complaint", {}).values():
        found["all"][complaint["id"]] = complaint
        for tag in complaint.get("tags") or ():
            found[tag] = complaint
    return found


def test_each_trainee_signs_in_to_a_pemda_of_their_own(room: Room) -> None:
    health = requests.get(room.server.base + "/health", timeout=10).json()
    assert health["training"] is True
    assert stat.S_IMODE(room.roster.stat().st_mode) == 0o600  # it holds the passwords
    first, second = room.trainees
    assert first.password != second.password and len(first.password) >= 8
    assert "latihan-lapor-1708" not in (first.password, second.password)
    assert first.agency == "Pemda Latihan 01" and "Latihan 01" in first.unit

    api = room.login(1)
    me = api.get("/me").json()
    assert me["role"] == "agency_admin"
    mine = exercises(api)
    assert {TAG_VERIFY, TAG_REPLY, TAG_CONFLICT} <= set(mine)
    assert len(mine["all"]) == 3  # nothing of the other trainee, nothing of the region
    assert all(c["title"].startswith("[Latihan") for c in mine["all"].values())
    other = exercises(room.login(2))
    assert not set(mine["all"]) & set(other["all"])

    refused = room.server.anonymous().post("/auth/login", json={
        "username": "rekan.peserta01", "password": "x" * 12, "device": "pytest"})
    assert refused.status_code == 401  # the colleague never signs in


def test_exercises_count_what_the_trainee_did(room: Room) -> None:
    api = room.login(1)
    mine = exercises(api)
    pupr = room.unit(1, "PUPR")
    assert room.progress()["peserta01"] == dict.fromkeys(
        ("verify_forward", "reply_template", "walk_in", "conflict"), False)

    verify = mine[TAG_VERIFY]
    assert api.do("forward", verify["id"], verify["version"], to_id=pupr,
                  disposition_id=new_id(), note="Mohon ditindaklanjuti")["outcome"] == "applied"

    reply = mine[TAG_REPLY]
    assert reply["status"] == "forwarded"
    assert api.do("follow_up", reply["id"], None, follow_up_id=new_id(),
                  body="Baik, segera kami cek.")["outcome"] == "applied"
    assert room.progress()["peserta01"]["reply_template"] is False  # not from a template
    assert api.do("follow_up", reply["id"], None, follow_up_id=new_id(),
                  body=TEMPLATE_REPLY)["outcome"] == "applied"

    walk_in = api.do("record_complaint", new_id(), None,
                     complaint=complaint_payload("Warga datang soal KTP elektronik",
                                                 channel="walk_in"))
    assert walk_in["outcome"] == "applied"

    contested = mine[TAG_CONFLICT]
    first = api.do("forward", contested["id"], contested["version"], to_id=pupr,
                   disposition_id=new_id(), note="Ke PUPR")
    assert first["outcome"] == "conflict"  # a colleague forwarded it a moment before
    assert room.progress()["peserta01"]["conflict"] is False
    now = exercises(api)[TAG_CONFLICT]
    assert now["status"] == "forwarded" and now["handling_unit_id"] == room.unit(1, "DINKES")
    again = api.do("forward", contested["id"], now["version"], to_id=pupr,
                   disposition_id=new_id(), note="Ke PUPR, sesuai kewenangan")
    assert again["outcome"] == "applied"

    progress = room.progress()
    assert progress["peserta01"] == dict.fromkeys(
        ("verify_forward", "reply_template", "walk_in", "conflict"), True)
    assert not any(progress["peserta02"].values())  # the other trainee did nothing


def test_a_reset_puts_one_trainee_back_at_the_start(room: Room) -> None:
    first, second = room.login(1), room.login(2)
    pupr1, pupr2 = room.unit(1, "PUPR"), room.unit(2, "PUPR")
    for api, pupr in ((first, pupr1), (second, pupr2)):
        verify = exercises(api)[TAG_VERIFY]
        assert api.do("forward", verify["id"], verify["version"], to_id=pupr,
                      disposition_id=new_id())["outcome"] == "applied"
    cursor = first.pull_all()[0]["cursor"]
    before = set(exercises(first)["all"])
    with transaction(room.engine) as session:
        gone = reset_trainee(session, "peserta01", load_directory(session), default_config(),
                             world_time(room.engine))
    assert gone == 3
    progress = room.progress()
    assert progress["peserta01"]["verify_forward"] is False
    assert progress["peserta02"]["verify_forward"] is True  # the others keep their work
    after = exercises(first)
    assert len(after["all"]) == 3 and not set(after["all"]) & before
    assert after[TAG_VERIFY]["status"] == "unverified"
    page = first.pull(cursor)  # the trainee's desktop is told the old ones are gone
    assert {t["id"] for t in page["tombstones"]} == before


def test_the_clock_stands_where_the_training_world_stopped(room: Room) -> None:
    answer = requests.get(room.server.base + "/health", timeout=10)
    served = parsedate_to_datetime(answer.headers["Date"])
    anchor = world_time(room.engine)
    assert abs(served - anchor) < timedelta(minutes=5)
    assert utcnow() - served > timedelta(days=1)  # the seeded world is older than today


@pytest.mark.parametrize("training", [False, True])
def test_nothing_closes_by_itself_on_a_training_server(
        db_factory: DatabaseFactory, world_template: tuple[str, World], tmp_path: Path,
        training: bool) -> None:
    url = db_factory.copy_of(world_template[0])
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            due = session.scalars(select(Complaint.id).order_by(Complaint.id)).first()
            assert due is not None  # answered a month ago, never again: due to close
            session.execute(update(Complaint).where(Complaint.id == due).values(
                status=str(Status.IN_PROGRESS),
                auto_close_due=world_time(engine) - timedelta(days=30)))
        settings = ServerSettings(database_url=url, blob_dir=tmp_path / "blobs",
                                  auto_close_interval=0.2, training=training)
        live = start_server(settings)
        try:
            import time

            time.sleep(1.5)
        finally:
            live.stop()
        with Session(engine) as session:
            status = session.scalar(select(Complaint.status).where(Complaint.id == due))
        assert status == (str(Status.IN_PROGRESS) if training else str(Status.DONE))
    finally:
        engine.dispose()
