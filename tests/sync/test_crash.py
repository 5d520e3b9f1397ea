"""SIGKILL the desk's sync process at random moments (fixed seed) during a multi-page pull and a
push of queued actions, restart it, again and again. Afterwards: nothing lost, nothing applied
twice (the server's audit trail, read straight from its database), the cache passes
``PRAGMA integrity_check`` and equals the server's view for the user.

Two clients are killed in turn: the real CLI (``lapor-desk sync --once``) and
``tests/sync/crash_client.py``, the same engine with small pages and batches so that a kill can
land between many commits. The proxy adds a little latency to widen the window.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import text

from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.secure_cache import open_secure_cache as open_cache
from tests.support.faultproxy import Fault, FaultProxy
from tests.support.file_keyring import child_env, file_keyring
from tests.support.live_server import LiveServer
from tests.sync.fault_harness import (
    Desk,
    assert_cache_matches_server,
    assert_exactly_once,
    assert_integrity,
    complaint_ids,
    open_desk,
    outbox_states,
)

pytestmark = pytest.mark.timeout(240)

SEED = 20261123
ROLE = "agency_admin"
REPO = Path(__file__).resolve().parents[2]


class KillPoint(NamedTuple):
    """How far a killed run had got: the requests the proxy had seen from it."""

    pulls: int
    pushes: int
    blob_requests: int

    @classmethod
    def of(cls, paths: list[str]) -> KillPoint:
        def count(prefix: str) -> int:
            return sum(path.startswith(prefix) for path in paths)

        return cls(count("/api/v1/sync/pull"), count("/api/v1/sync/push"), count("/api/v1/blobs/"))


@dataclass
class Crasher:
    """Starts desk sync processes on one profile and kills them."""

    profile: Path
    server_url: str
    username: str
    password: str
    rng: random.Random
    proxy: FaultProxy
    completions: list[int] = field(default_factory=list)  # requests of each finished run
    killed_at: list[KillPoint] = field(default_factory=list)

    def command(self, kind: str) -> list[str]:
        if kind == "cli":
            return [
                sys.executable,
                "-m",
                "lapor_desk.cli",
                "sync",
                "--profile",
                str(self.profile),
                "--server",
                self.server_url,
                "--user",
                self.username,
                "--once",
            ]
        return [
            sys.executable,
            "-m",
            "tests.sync.crash_client",
            str(self.profile),
            self.server_url,
            self.username,
            "25",
            "3",
        ]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            LAPOR_PASSWORD=self.password,
            **child_env(self.profile.parent / "keyring.json"),
            PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
        )
        return env

    def run(self, kind: str, kill_at_request: int | None) -> None:
        """Run one sync. With ``kill_at_request`` = k: once the proxy has seen k requests of
        this run, wait a random moment (under ~0.2 s) and SIGKILL the process."""
        self.proxy.clear_log()
        process = subprocess.Popen(
            self.command(kind),
            cwd=REPO,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            if kill_at_request is not None:
                self.proxy.wait_for(
                    lambda log: len(log) >= kill_at_request or process.poll() is not None,
                    timeout=60,
                )
                time.sleep(self.rng.uniform(0.0, 0.2))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    process.wait(10)
                    self.killed_at.append(KillPoint.of([r.path for r in self.proxy.log()]))
                    return
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        assert process.returncode == 0, stderr.decode(errors="replace")
        self.completions.append(len(self.proxy.log()))

    def check_cache(self) -> None:
        if (self.profile / "cache.sqlite3").exists():
            assert_integrity(self.profile / "cache.sqlite3")


WALK_IN = {
    "complaint_type": "aspirasi",
    "channel": "walk_in",
    "body": "Warga mengusulkan jalur sepeda di jalan utama kota.",
    "province": "Sulawesi Tenggara",
    "regency": "Kota Kendari",
    "category": "Perhubungan",
    "anonymous": False,
    "reporter": {"name": "Rahmat", "nik": "7471010101010001", "phone": "081234567890"},
}


def _queue(profile: Path, count: int, offset: int, label: str, scan: bytes) -> list[int]:
    """Queue actions on the profile's cache while no sync process runs: internal notes (the
    first carries ``scan``, an attachment uploaded before the push, resumably) and a recorded
    complaint that is then postponed and handled."""
    cache = open_cache(profile)
    try:
        outbox = Outbox(cache)
        source = profile / f"{label}.pdf"
        source.write_bytes(scan)
        files = [outbox.add_file(source, "application/pdf")]
        targets = complaint_ids(cache, count, offset)
        queued = [
            outbox.internal_note(cid, f"{label} {i}", files if i == 0 else ()).mutation_id
            for i, cid in enumerate(targets)
        ]
        # a walk-in complaint and two exclusive actions on it: each one's base version is the
        # version the server gave the one before (rebased once its answer is stored)
        walk_in = outbox.record_complaint({**WALK_IN, "title": f"Usul jalur sepeda {label}"})
        queued.append(walk_in.mutation_id)
        queued.append(
            outbox.postpone(walk_in.complaint_id, "data pelapor belum lengkap").mutation_id
        )
        queued.append(outbox.handle(walk_in.complaint_id, "dikelola sendiri").mutation_id)
        return queued
    finally:
        cache.close()


def _server_blobs(server: LiveServer) -> dict[str, tuple[bool, int, int]]:
    with server.engine.connect() as connection:
        rows = connection.execute(text("SELECT sha256, complete, received, size FROM blobs"))
        return {sha: (bool(complete), received, size) for sha, complete, received, size in rows}


@pytest.fixture(autouse=True)
def shared_keyring(tmp_path: Path) -> Iterator[None]:
    """The profile's cache is encrypted (the CLI encrypts it); its key lives in a keyring file
    that this process and every killed and restarted desk process share."""
    with file_keyring(tmp_path / "keyring.json"):
        yield


@pytest.fixture
def other_desk(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[Desk]:
    """The same admin on another computer: makes changes the crashed desk has to pull."""
    desk = open_desk(tmp_path / "other", live_server.url)
    desk.engine.login(str(live_server.user(ROLE).username), password, "other-desk")
    desk.engine.sync()
    yield desk
    desk.close()


# The client's crash-safety does not depend on the server's database; SQLite keeps it short.
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True, scope="session")
def test_sigkill_during_sync_loses_nothing_and_applies_nothing_twice(
    live_server: LiveServer, other_desk: Desk, tmp_path: Path, password: str
) -> None:
    rng = random.Random(SEED)
    username = str(live_server.user(ROLE).username)
    profile = tmp_path / "profile"
    with FaultProxy.for_url(live_server.url) as proxy:
        proxy.set_default(Fault.delay(response=0.02))
        crasher = Crasher(profile, proxy.url, username, password, rng, proxy)

        # 1. killed during the first, multi-page pull (and the sign-in before it)
        for _ in range(3):
            crasher.run("small", kill_at_request=rng.randint(1, 12))
            crasher.check_cache()
        crasher.run("small", kill_at_request=None)

        # 2. killed while pushing queued actions and pulling what another desk did
        queued: list[int] = []
        scans: list[str] = []
        for round_number in range(5):
            scan = rng.randbytes(rng.randint(200_000, 1_500_000))
            scans.append(hashlib.sha256(scan).hexdigest())
            queued += _queue(profile, 12, 12 * round_number, f"r{round_number}", scan)
            other = other_desk.outbox
            for cid in complaint_ids(other_desk.cache, 4, offset=4 * round_number):
                other.internal_note(cid, f"dari kantor {round_number}")
            other_desk.engine.sync()
            kind = "cli" if round_number % 2 else "small"
            crasher.run(kind, kill_at_request=rng.randint(1, 5 if kind == "cli" else 12))
            crasher.check_cache()
        crasher.run("cli", kill_at_request=None)
        print(f"finished runs made {crasher.completions} requests; killed: {crasher.killed_at}")
        assert len(crasher.killed_at) >= 5, f"only {len(crasher.killed_at)} of 8 runs were killed"
        assert any(kill.pulls >= 2 for kill in crasher.killed_at), "no kill during the pull"
        assert any(kill.pushes >= 1 for kill in crasher.killed_at), "no kill during the push"

    status = subprocess.run(
        [sys.executable, "-m", "lapor_desk.cli", "status", "--profile", str(profile), "--json"],
        cwd=REPO,
        env=crasher.env(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    summary = json.loads(status.stdout)
    assert (summary["outbox_pending"], summary["outbox_applied"]) == (0, len(queued))

    cache = open_cache(profile)
    try:
        assert set(outbox_states(cache).values()) == {"applied"}
        assert_exactly_once(live_server, cache, queued)
        assert_integrity(cache.path)
        blobs = _server_blobs(live_server)
        assert all(blobs[sha][0] and blobs[sha][1] == blobs[sha][2] for sha in scans), blobs
        assert_cache_matches_server(live_server, cache, username, password, tmp_path / "fresh")
    finally:
        cache.close()
