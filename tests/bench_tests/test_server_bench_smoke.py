"""The server benchmarks run end to end at a tiny size on the test PostgreSQL, so they cannot rot.

``bench.server_bench``: a 300-complaint province grown to 30 OPDs per kabupaten/kota and 300
users, two server workers, two load processes, a peak of 2 s per phase and a soak of a few
seconds. ``bench.national_bench``: 10,000 complaints made in SQL from 300 templates, the kabupaten
admin's syncs and the sync path's plans. Each in a database of its own, dropped afterwards. Only
the tables' shape and the absence of errors are checked; timings never (they depend on the
machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support.pg import pg_admin_url

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def admin_url() -> Iterator[str]:
    url = pg_admin_url()
    assert url is not None
    yield url
    engine = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in ("lapor_smoke_province", "lapor_smoke_national"):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _rows(stdout: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")[1:-1]]
            for line in stdout.splitlines() if line.startswith("| ")]


@pytest.mark.timeout(600)
def test_server_bench_prints_every_phase(tmp_path: Path, admin_url: str) -> None:
    figures = tmp_path / "figures.json"
    env = dict(os.environ, LAPOR_BENCH_DIR=str(tmp_path / "results"))
    out = subprocess.run(
        [sys.executable, "-m", "bench.server_bench", "--pg", admin_url,
         "--db-name", "lapor_smoke_province", "--complaints", "300", "--users", "300",
         "--workers", "2", "--processes", "2", "--threads", "2", "--peak-seconds", "2",
         "--soak-minutes", "0.1", "--soak-interval", "2", "--json", str(figures)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    rows = _rows(out.stdout)
    phases = {(" ".join(row[0].split()[:2]), row[1]) for row in rows}
    for wanted in (("sign-in +", "login"), ("peak no-op", "pull_noop"), ("peak mixed", "push"),
                   ("peak mixed", "pull_rows")):
        assert wanted in phases, out.stdout
    assert any(row[0].startswith("soak") and row[1].startswith("server RSS") for row in rows)
    report = json.loads(figures.read_text())
    assert report["users"] == 300
    for phase in ("peak no-op", "peak mixed", "soak"):
        assert report[phase]["errors"] == {}, report[phase]["errors"]
    assert report["peak no-op"]["pull_noop"]["n"] > 0
    assert report["soak"]["syncs"] > 0


@pytest.mark.timeout(600)
def test_national_bench_explains_the_sync_path(tmp_path: Path, admin_url: str) -> None:
    env = dict(os.environ, LAPOR_BENCH_DIR=str(tmp_path / "results"))
    out = subprocess.run(
        [sys.executable, "-m", "bench.national_bench", "--pg", admin_url,
         "--db-name", "lapor_smoke_national", "--complaints", "10000", "--templates", "300"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    rows = _rows(out.stdout)
    found = {row[0] for row in rows}
    for step in ("rows_complaints", "initial sync of admin.konsel (s)",
                 "token check + directory", "pull: first page",
                 "pull: nothing new (at the head)", "push: 3 internal notes"):
        assert step in found, out.stdout
    complaints = next(row[1] for row in rows if row[0] == "rows_complaints")
    assert int(complaints) == 10300
    assert (tmp_path / "results" / "national-explain.txt").read_text().count("Query Text") > 10
