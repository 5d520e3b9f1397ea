"""A first run without the demo: ``init-db`` → ``org import`` → ``create-user`` of the first
admin → the real desktop signs in and sees an empty system; then the pemda's file changes and the
units gone from it stay, inactive, never offered as a target again (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency as CachedAgency
from lapor_desk.models.cache.schema import Complaint
from lapor_desk.models.unit_names import UnitEntry, UnitIndex
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import Agency
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import Workstation, use_memory_keyring
from lapor_desk.services.errors import ActionNotAllowed
from tests.support.live_server import DatabaseFactory, LiveServer, start_server

pytestmark = pytest.mark.timeout(240)

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "org"
ADMIN_PASSWORD = "sandi-admin-konsel-1"
OFFICER_PASSWORD = "sandi-pkm-lainea-1"


def lapor_server(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "--log-level",
                           "WARNING", *args], capture_output=True, text=True, timeout=120,
                          check=False)
    return done


def walk_in() -> dict[str, Any]:
    return {
        "complaint_type": "pengaduan", "misconduct": False,
        "title": "Sampah menumpuk di pasar Andoolo",
        "body": "Sampah di belakang pasar tidak diangkut dua minggu; baunya sampai ke rumah warga.",
        "incident_date": "2026-11-30", "province": "Sulawesi Tenggara",
        "regency": "Kabupaten Konawe Selatan", "district": "Andoolo", "village": "Potuho",
        "category": "LINGKUNGAN HIDUP DAN KEHUTANAN", "subcategory": "", "channel": "walk_in",
        "anonymous": False, "confidential": False,
        "reporter": {"name": "La Ode Hamzah", "nik": "", "phone": "085241112233",
                     "email": ""},
    }


@pytest.fixture
def first_run(db_factory: DatabaseFactory, tmp_path: Path) -> Iterator[LiveServer]:
    url = db_factory.new_url()
    for args in (("init-db", "--db", url),
                 ("org", "import", str(FILES / "konsel_opd.csv"), "--db", url),
                 ("create-user", "--db", url, "--username", "admin.konsel", "--display-name",
                  "Admin Diskominfo Konsel", "--role", "agency_admin", "--unit",
                  "7405.DISKOMINFO", "--password", ADMIN_PASSWORD),
                 ("create-user", "--db", url, "--username", "pkm.lainea", "--display-name",
                  "Penghubung PKM Lainea", "--role", "liaison_officer", "--unit",
                  "7405.PKM.LAINEA", "--password", OFFICER_PASSWORD)):
        done = lapor_server(*args)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    live = start_server(ServerSettings(database_url=url, blob_dir=tmp_path / "blobs",
                                       auto_close_interval=0))
    try:
        yield live
    finally:
        live.stop()


def unit_ids(live: LiveServer) -> dict[str, int]:
    with live.session() as session:
        return {a.code: a.id for a in session.scalars(select(Agency))}


def test_first_run_without_the_demo_then_units_leave_the_file(
        first_run: LiveServer, tmp_path: Path) -> None:
    use_memory_keyring()
    ids = unit_ids(first_run)
    admin = Workstation(tmp_path / "admin", device="pytest-konsel")
    other = Workstation(tmp_path / "other", device="pytest-konsel-2")
    try:
        info = admin.sign_in(first_run.url, "admin.konsel", ADMIN_PASSWORD)
        assert str(info.role) == "agency_admin"
        admin.sync()
        # An empty system: no complaint anywhere, the pemda's 55 units and the national root.
        for queue in ("needs_verification", "not_followed_up", "in_progress", "done", "all"):
            assert admin.complaint_ids(queue) == []
        cache = admin.session.require_cache()
        with cache.engine.connect() as connection:
            cached = {r.code: r for r in connection.execute(select(CachedAgency))}
        assert len(cached) == 56 and all(r.active for r in cached.values())
        assert cached["7405.PKM.LAINEA"].parent_id == ids["7405.DINKES"]

        # The admin's first walk-in complaint, forwarded to the Dinas Lingkungan Hidup.
        recorded = admin.intake.record(walk_in())
        assert admin.sync().applied == 1
        complaint_id = recorded.complaint_id
        targets = admin.forward_targets(complaint_id)
        offered = {t.code for t in targets if t.selectable}
        assert {"7405.DLH", "7405.PKM.LAINEA", "7405.KEC.BAITO.AMOITO"} <= offered
        # The file's other names feed the pickers' search ("Bina Marga" is Dinas PUPR's).
        search = UnitIndex([UnitEntry(t.id, t.name, t.code, t.aliases, t.above) for t in targets])
        assert search.find("bina marga")[0] == ids["7405.PUPR"]
        admin.actions.forward(complaint_id, ids["7405.DLH"], "mohon ditindaklanjuti")
        assert admin.sync().applied == 1
        # A second desktop of the pemda knows the tree as it is now, then goes offline.
        other.sign_in(first_run.url, "admin.konsel", ADMIN_PASSWORD)
        other.sync()

        # DLH cannot move under the Setda now that a complaint names it; nothing changes.
        with (FILES / "konsel_opd.csv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        moved = [[*r[:3], "7405.SETDA"] if r[0] == "7405.DLH" else r for r in rows]
        with (tmp_path / "pindah.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(moved)
        done = lapor_server("org", "import", str(tmp_path / "pindah.csv"), "--db",
                            first_run.settings.database_url)
        assert done.returncode == 1
        assert "error: baris 30 (7405.DLH): unit ini sudah dipakai (1 pengaduan, 0 pengguna" in (
            done.stderr)

        # The pemda's next file: DLH merged into a new DLHK, PKM Lainea and the kelurahan gone,
        # Dinkes renamed and given another alias.
        gone = {"7405.DLH", "7405.PKM.LAINEA", "7405.KEC.BAITO.AMOITO"}
        edited = [r for r in rows if r[0] not in gone]
        for r in edited:
            if r[0] == "7405.DINKES":
                r[1] = "Dinas Kesehatan Kabupaten Konawe Selatan"
                r[2] = "Dinkes, Dinkes Konsel, Kesehatan"
        edited.append(["7405.DLHK", "Dinas Lingkungan Hidup dan Kehutanan", "DLHK, DLH", "7405"])
        second = tmp_path / "konsel_opd_2027.csv"
        with second.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(edited)
        done = lapor_server("org", "import", str(second), "--db",
                            first_run.settings.database_url)
        assert done.returncode == 0, done.stderr
        assert "dinonaktifkan: 3" in done.stdout and "baru: 1" in done.stdout
        assert "diubah: 1" in done.stdout
        assert "1 pengguna masih terdaftar" in done.stdout  # PKM Lainea's liaison officer

        engine = make_engine(first_run.settings.database_url)
        try:
            with engine.connect() as connection:
                kept = {r.code: r for r in connection.execute(select(Agency))}
        finally:
            engine.dispose()
        assert {code: kept[code].active for code in gone} == dict.fromkeys(gone, False)
        assert kept["7405.DINKES"].id == ids["7405.DINKES"]  # updated in place

        # The desktop learns it at its next pull: the units stay (the complaint still names
        # DLH) and are not offered any more.
        admin.sync()
        with cache.engine.connect() as connection:
            cached = {r.code: r for r in connection.execute(select(CachedAgency))}
        assert {code: bool(cached[code].active) for code in gone} == dict.fromkeys(gone, False)
        assert cached["7405.DINKES"].name == "Dinas Kesehatan Kabupaten Konawe Selatan"
        targets = {t.code: t for t in admin.forward_targets(complaint_id)}
        assert not gone & set(targets)
        assert targets["7405.DLHK"].selectable
        with cache.engine.connect() as connection:
            assert connection.execute(select(Complaint.handling_unit_id).where(
                Complaint.id == complaint_id)).scalar_one() == ids["7405.DLH"]
        with pytest.raises(ActionNotAllowed):
            admin.actions.forward(complaint_id, ids["7405.PKM.LAINEA"])

        # The desktop that was offline forwards there before it hears: the server refuses it.
        other_id = other.intake.record({**walk_in(), "title": "Obat habis di Puskesmas Lainea"})
        assert other.sync().applied == 1
        # (that sync also pulled the new tree; forward as if it had not, from an older copy)
        other_cache = other.session.require_cache()
        with other_cache.engine.begin() as connection:
            connection.execute(CachedAgency.__table__.update().values(active=True))
        other.actions.forward(other_id.complaint_id, ids["7405.PKM.LAINEA"])
        outcome = other.sync()
        assert outcome.applied == 0
        refused = other.outbox_review.items()
        assert [(i.state, i.reason) for i in refused] == [("rejected", "target_not_allowed")]
    finally:
        admin.close()
        other.close()
