"""Dates in Indonesian time. At 01:00 WIB it is already the new date everywhere in Indonesia
while UTC is still on the day before: a walk-in's "today" (the form's default) is no future
date, for the desk's own check and for the server's. The desk and the server both run on an
injected clock set to that hour (the server's answers dated by it), over loopback, on SQLite
and PostgreSQL; a register of that night, its times written in the office's time, imports."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from lapor_desk.models.calendar import UTC, utcnow
from lapor_desk.server.db import Complaint as ServerComplaint
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import Workstation
from lapor_desk.services.intake import FieldProblem, IntakeRefused
from tests.conftest import BACKENDS
from tests.server.client import WorldServer
from tests.services.test_intake import CATEGORY, form
from tests.support.clock import MovableClock
from tests.support.live_server import DatabaseFactory, LiveServer, start_server

pytestmark = [
    pytest.mark.timeout(180),
    # About what the server stores and checks for that date: on both backends.
    pytest.mark.parametrize("backend", BACKENDS, indirect=True, scope="session"),
]
WIB = ZoneInfo("Asia/Jakarta")


def one_am_wib() -> datetime:
    """The latest 18:00 UTC before now (01:00 WIB of the next date), so the seeded complaints
    stay in the past of the injected clock."""
    now = utcnow()
    at = now.replace(hour=18, minute=0, second=0, microsecond=0)
    return at if at <= now else at - timedelta(days=1)


@dataclass
class Night:
    clock: MovableClock
    server: LiveServer
    station: Workstation

    @property
    def today(self) -> date:
        """Today at the counter in WIB (UTC is still on the day before)."""
        return self.clock().astimezone(WIB).date()


@pytest.fixture
def night(db_factory: DatabaseFactory, seeded_template: tuple[str, object], tmp_path: Path,
          password: str) -> Iterator[Night]:
    clock = MovableClock(one_am_wib())
    template_url, report = seeded_template
    settings = ServerSettings(database_url=db_factory.copy_of(template_url),
                              blob_dir=tmp_path / "blobs", auto_close_interval=0)
    server = start_server(settings, seed=report, clock=clock)
    station = Workstation(tmp_path / "profiles", device="pytest-night", clock=clock)
    try:
        station.sign_in(server.url, "admin.kendari", password)
        station.sync()
        yield Night(clock, server, station)
    finally:
        station.close()
        server.stop()


def test_a_walk_in_recorded_at_one_in_the_morning_wib_is_accepted_on_both_sides(
        night: Night, password: str) -> None:
    assert night.clock().hour == 18 and night.today == night.clock().date() + timedelta(days=1)
    walk_in = form(title="Pungutan liar di loket KTP kecamatan", incident_date=night.today)
    assert night.station.intake.check(walk_in) == ()  # the desk's own check
    recorded = night.station.intake.record(walk_in)
    assert night.station.sync().applied == 1  # the server's check, at its 01:00 WIB
    with night.server.session() as session:
        stored = session.execute(select(ServerComplaint.incident_date,
                                        ServerComplaint.created_at).where(
            ServerComplaint.id == recorded.complaint_id)).one()
    assert stored.incident_date == night.today
    assert stored.created_at.astimezone(WIB).date() == night.today

    # Tomorrow is the future everywhere in Indonesia (it is 03:00 in WIT): refused on both sides.
    tomorrow = form(incident_date=night.today + timedelta(days=1))
    with pytest.raises(IntakeRefused) as refused:
        night.station.intake.record(tomorrow)
    assert refused.value.problems == (FieldProblem("incident_date", "future"),)
    api = WorldServer(night.server, None).login("admin.kendari", password)  # type: ignore[arg-type]
    for day, outcome in ((night.today, ("applied", None)),
                         (night.today + timedelta(days=1), ("rejected", "invalid_payload"))):
        answer = api.do("record_complaint", str(uuid.uuid4()), None,
                        complaint={**form(incident_date=day.isoformat()),
                                   "received_at": night.clock().isoformat()})
        assert (answer["outcome"], answer.get("reason")) == outcome, answer
    assert answer["detail"] == "incident_date:future"


def test_a_register_of_that_night_reads_its_times_in_the_offices_zone(
        night: Night, tmp_path: Path) -> None:
    """A register writes times without a zone: 00:30 is half an hour ago in WIB (17:30 UTC),
    not seven hours ahead."""
    register = tmp_path / "register-malam.csv"
    register.write_text(
        "judul,isi,jenis,kanal,provinsi,kabupaten_kota,kategori,nama_pelapor,anonim,"
        "tanggal_kejadian,tanggal_diterima\n"
        f"Lampu jalan padam di Jalan Sudirman,Sudah dua minggu lampu jalan padam dan rawan,"
        f"pengaduan,telepon,Sulawesi Tenggara,Kota Kendari,{CATEGORY},Budi Santoso,tidak,"
        f"{night.today.isoformat()},{night.today.isoformat()} 00:30\n", "utf-8")
    preview = night.station.register.preview(register)
    assert preview.importable, [r.problems for r in preview.rows]
    outcome = night.station.register.run(register)
    assert night.station.sync().applied == 1
    with night.server.session() as session:
        stored = session.execute(select(ServerComplaint.incident_date,
                                        ServerComplaint.created_at).where(
            ServerComplaint.id == outcome.complaint_ids[0])).one()
    assert stored.incident_date == night.today
    received = datetime.combine(night.today, datetime.min.time().replace(minute=30), WIB)
    assert stored.created_at == received.astimezone(UTC)
