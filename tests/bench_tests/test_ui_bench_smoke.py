"""The desktop benchmark runs end to end at a tiny size, so it cannot rot unnoticed.

It seeds a 300-complaint server in a temporary results folder, builds the synced snapshot, and
runs every step once in child processes. Only the table's shape is checked: every step has a
figure. Timings are never asserted (they depend on the machine).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
STEPS = (
    "cold start to a usable window",
    "of which interpreter up to first line",
    "of which to imports done",
    "of which application + Desk + main window built",
    "of which resume",
    "of which signed in -> first queue",
    "python -X importtime",
    "peak RSS of the started process",
    "switch queue",
    "change a filter",
    "full-text search",
    "open a complaint",
    "scroll one page",
    "event loop: longest stall, background sync",
    "control: longest gap with nothing running",
    "event loop: longest stall, first sync",
    "peak memory after use",
    "peak memory including the background sync",
    "peak memory of the first sync",
    "cold start, server unreachable",
)


@pytest.mark.timeout(600)
def test_ui_bench_prints_every_step(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    env = dict(os.environ, LAPOR_BENCH_DIR=str(tmp_path / "results"), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-m", "bench.ui_bench", "--complaints", "300", "--cold-starts", "1",
         "--offline-starts", "1", "--opens", "3", "--queue-rounds", "1", "--filter-queues", "1",
         "--changes", "10", "--control-seconds", "1", "--terms", "KTP", "jalan rusak",
         "--skip-initial-sync",
         "--json", str(figures)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    rows = [line for line in out.stdout.splitlines() if line.startswith("| ")]
    for step in STEPS:
        found = [r for r in rows if step in r.split("|")[1]]
        assert found, f"no row for {step!r} in:\n{out.stdout}"
        measured = found[0].split("|")[2]
        assert re.search(r"\d", measured), f"{step!r} has no figure: {found[0]}"
    data = json.loads(figures.read_text())
    assert data["use"]["writer"]["applied"] > 0  # the background sync had changes to pull
    assert data["initial"]["rows"] > 0  # measured while the snapshot was built
