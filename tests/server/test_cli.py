"""``lapor-server``: init-db, seed, admin commands, and serve in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, update

from lapor_desk.server.cli import main
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import Agency, Complaint, Deletion, User
from tests.server.builder import PASSWORD, build_world
from tests.support.live_server import DatabaseFactory, free_port


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                           *args], capture_output=True, text=True, timeout=120, check=False)


def test_init_db_is_idempotent_and_seed_prints_json(db_factory: DatabaseFactory) -> None:
    url = db_factory.new_url()
    for _ in range(2):
        done = _cli("init-db", "--db", url)
        assert done.returncode == 0, done.stderr
    seeded = _cli("seed", "--db", url, "--complaints", "30", "--seed", "3", "--password", PASSWORD,
                  "--json", "--blobs", str(Path(db_factory.workdir) / "seed-blobs"))
    assert seeded.returncode == 0, seeded.stderr
    report = json.loads(seeded.stdout)
    assert report["counts"] and report["users"]
    assert {"username", "role", "unit_id", "unit_name"} <= set(report["users"][0])


def test_admin_commands(db_factory: DatabaseFactory) -> None:
    url = db_factory.new_url()
    world = build_world(url)
    unit = str(world.agencies["prov_works"])
    assert main(["create-user", "--db", url, "--username", "baru", "--display-name", "Petugas Baru",
                 "--role", "liaison_officer", "--unit", unit, "--password", "sandi-baru-1"]) == 0
    assert main(["create-user", "--db", url, "--username", "baru", "--display-name", "X",
                 "--role", "liaison_officer", "--unit", unit, "--password", "x"]) == 1
    assert main(["move-user", "--db", url, "--username", "baru", "--unit", "T-prov_health"]) == 0
    assert main(["disable-user", "--db", url, "--username", "baru"]) == 0
    assert main(["purge-complaint", "--db", url, "--id", world.complaints["kab_plain"]]) == 0
    assert main(["purge-complaint", "--db", url, "--id", "tidak-ada"]) == 1
    assert main(["auto-close", "--db", url]) == 0
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            user = conn.execute(select(User.unit_id, User.scope_epoch, User.disabled)
                                .where(User.username == "baru")).one()
            assert tuple(user) == (world.agencies["prov_health"], 2, True)
            assert conn.execute(select(Complaint.id).where(
                Complaint.id == world.complaints["kab_plain"])).first() is None
            assert conn.execute(select(Deletion.entity_id)).scalars().all() == [world.complaints["kab_plain"]]
    finally:
        engine.dispose()


@pytest.mark.timeout(120)
def test_a_unit_is_named_by_its_code_even_when_the_code_is_all_digits(
        db_factory: DatabaseFactory) -> None:
    """A pemda's codes are often BPS codes (``7405``): ``--unit 7405`` is that unit, not the
    unit whose id happens to be 7405 (or none)."""
    url = db_factory.new_url()
    world = build_world(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(update(Agency).where(Agency.id == world.agencies["kab"])
                         .values(code="7405"))
            # another unit's code is the kabupaten's id: the code still wins
            conn.execute(update(Agency).where(Agency.id == world.agencies["prov_works"])
                         .values(code=str(world.agencies["kab_health"])))
        assert main(["create-user", "--db", url, "--username", "admin.konsel", "--display-name",
                     "Admin Konsel", "--role", "agency_admin", "--unit", "7405",
                     "--password", "sandi-baru-1"]) == 0
        assert main(["move-user", "--db", url, "--username", "admin.konsel",
                     "--unit", str(world.agencies["kab_health"])]) == 0
        with engine.connect() as conn:
            assert conn.execute(select(User.unit_id).where(User.username == "admin.konsel")
                                ).scalar_one() == world.agencies["prov_works"]
        assert main(["move-user", "--db", url, "--username", "admin.konsel",
                     "--unit", str(world.agencies["kab"])]) == 0  # an id still names a unit
        with engine.connect() as conn:
            assert conn.execute(select(User.unit_id).where(User.username == "admin.konsel")
                                ).scalar_one() == world.agencies["kab"]
    finally:
        engine.dispose()


def test_serve_in_a_subprocess(db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    build_world(url)
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "lapor_desk.server.cli", "serve", "--db", url, "--port", str(port),
         "--blobs", str(tmp_path / "blobs")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except requests.RequestException:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        login = requests.post(f"http://127.0.0.1:{port}/api/v1/auth/login",
                              json={"username": "nasional", "password": PASSWORD}, timeout=10)
        assert login.status_code == 200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert "event=request method=GET path=/api/v1/health status=200" in output
    assert "user=nasional" in output
