"""Demo and training mode (bimtek): the reference server with seeded data on loopback.

The server runs as a child process of the desktop (``python -m lapor_desk.server.cli``): the
layers stay apart (services never import the server), the server's work never competes with the
window for the interpreter, and stopping it is one ``terminate``. It ends with the desktop even
when the desktop is killed (:mod:`lapor_desk.services.child_process`). Nothing touches the OS
keyring (tokens are kept in memory).

The sandbox (server database, files, the demo profile's cache) lives in one directory, by default
``<user data dir>/demo``, and survives a restart, so a training session spread over days keeps
its participants' work. It is seeded once; :meth:`DemoServer.reseed` (the desktop's "Reset
training data" and ``lapor-desk --demo --reset``) wipes it and seeds it afresh from the same
seed, so every group starts from the same state. Only that directory is ever deleted.

The server runs as a training server (``serve --training``, server/training/): the sample was
seeded for a fixed moment, so its clock resumes there instead of the wall clock's (nothing is
weeks overdue) and no auto-close runs; the desktop reads deadlines by it (``Workstation(training=
True)``). The room's training server (:mod:`lapor_desk.services.training`) builds on this class.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import keyring

from lapor_desk.models import wire
from lapor_desk.paths import (
    BLOB_DIR,
    DEMO_DATABASE_FILE,
    DEMO_SERVER_LOG,
    PROFILES_DIR,
    desk_paths,
)
from lapor_desk.paths import DEMO_PORT_FILE as PORT_FILE
from lapor_desk.paths import DEMO_SEEDED_FILE as SEEDED_FILE
from lapor_desk.services.child_process import Child
from lapor_desk.services.errors import DemoFailed
from lapor_desk.services.types import DemoProgress
from lapor_desk.sync.credentials import MemoryKeyring
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.demo")

DEMO_USER = "admin.kendari"
DEMO_PASSWORD = "latihan-lapor-1708"
DEMO_COMPLAINTS = 3000
DEMO_SEED = 1708
STEP_TIMEOUT = 300.0


#: Asks the server this desktop started directly, never through a proxy of the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def use_memory_keyring() -> None:
    """Keep session tokens in memory for this process (demo, training, tests)."""
    keyring.set_keyring(MemoryKeyring())


def default_demo_root() -> Path:
    return desk_paths().demo


def _free_port(preferred: int | None = None) -> int:
    """``preferred`` when it is free (the demo profile's address stays the same), else any."""
    for port in ((preferred, 0) if preferred else (0,)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise DemoFailed("no free port on 127.0.0.1", code="demo_failed")


class DemoServer:
    def __init__(self, root: Path | None = None, *, complaints: int = DEMO_COMPLAINTS,
                 seed: int = DEMO_SEED, password: str = DEMO_PASSWORD,
                 training: bool = True) -> None:
        self.root = Path(root) if root is not None else default_demo_root()
        #: Serve as a training server (its world's clock, no auto-close); False: real time, as
        #: a production server keeps it (what the screens of a wrong PC clock are shown on).
        self.training = training
        self.complaints = complaints
        self.seed = seed
        self.password = password
        self.url: str | None = None
        self._process: Child | None = None
        self._lock = threading.Lock()

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.root / DEMO_DATABASE_FILE}"

    @property
    def profile_root(self) -> Path:
        return self.root / PROFILES_DIR

    def _run(self, *args: str) -> None:
        command = [sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                   *args]
        env = dict(os.environ, LAPOR_PASSWORD=self.password)
        with open(self.root / DEMO_SERVER_LOG, "ab") as out:
            returncode = Child(command, stdout=out, stderr=out, env=env).wait(STEP_TIMEOUT)
        if returncode != 0:
            raise DemoFailed(f"{args[0]} failed (exit {returncode}); see "
                             f"{self.root / DEMO_SERVER_LOG}", code="demo_failed")

    @property
    def seeded(self) -> bool:
        """The sandbox holds a complete seed of this size and seed (kept from an earlier run)."""
        try:
            marker = json.loads((self.root / SEEDED_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return (isinstance(marker, dict) and marker == self._marker()
                and (self.root / DEMO_DATABASE_FILE).is_file())

    def _marker(self) -> dict[str, object]:
        """What a complete seed of this sandbox records (``seeded``)."""
        return {"complaints": self.complaints, "seed": self.seed}

    def _after_seed(self) -> None:
        """More to set up once the sample data is in (the training server's trainees)."""

    def start(self, progress: Callable[[DemoProgress], None] | None = None) -> str:
        """Prepare and seed the database unless the sandbox already has it, start the server,
        return its URL (blocking: run it on a worker)."""
        report = progress or (lambda _p: None)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            report(DemoProgress("prepare"))
            if not self.seeded:
                self.wipe()  # a half-made sandbox (seeding interrupted) starts over
                self._run("init-db", "--db", self.database_url)
                report(DemoProgress("seed", self.complaints))
                self._run("seed", "--db", self.database_url, "--complaints",
                          str(self.complaints), "--seed", str(self.seed), "--blobs",
                          str(self.root / BLOB_DIR))
                self._after_seed()
                (self.root / SEEDED_FILE).write_text(json.dumps(self._marker()), "utf-8")
            report(DemoProgress("start"))
            url = self._serve()
        except (OSError, subprocess.SubprocessError) as exc:
            raise DemoFailed(str(exc), code="demo_failed") from exc
        report(DemoProgress("ready"))
        event(log, "demo.started", url=url, complaints=self.complaints)
        return url

    def _serve(self) -> str:
        port = self._port()
        # The training world's clock and no auto-close (server/training/): the sample data was
        # seeded for a fixed moment, and a session must not find it weeks overdue and closing.
        return self._serve_at("127.0.0.1", port, *(["--training"] if self.training else []))

    def _port(self) -> int:
        try:
            before: int | None = int((self.root / PORT_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            before = None
        port = _free_port(before)
        if port != before:
            # The profile is named after the server's address: an old one would never be used
            # again, and a new one is made by the first sync.
            shutil.rmtree(self.profile_root, ignore_errors=True)
            (self.root / PORT_FILE).write_text(str(port), "utf-8")
        return port

    def _serve_at(self, host: str, port: int, *extra: str) -> str:
        """Start the server on ``host``:``port`` and wait until it answers; its URL."""
        command = [sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                   "serve", "--db", self.database_url, "--host", host, "--port",
                   str(port), "--blobs", str(self.root / BLOB_DIR), *extra]
        with open(self.root / DEMO_SERVER_LOG, "ab") as out, self._lock:
            process = self._process = Child(command, stdout=out, stderr=out)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            exited = process.poll()
            if exited is not None:
                self.stop()
                raise DemoFailed(f"demo server exited ({exited})", code="demo_failed")
            try:
                with _DIRECT.open(url + wire.HEALTH.path, timeout=1) as answer:
                    if answer.status == 200:
                        self.url = url
                        return url
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        raise DemoFailed("demo server did not answer", code="demo_failed")

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            process.stop()

    def reseed(self, progress: Callable[[DemoProgress], None] | None = None) -> str:
        """Training reset: stop the server, delete its database, its files and every demo
        profile (their caches), seed afresh and start again; returns the new URL (blocking: run
        it on a worker, after the desktop has closed the demo profile's cache).

        Only the sandbox under ``root`` is touched, so this can never reach real profiles."""
        self.stop()
        self.wipe()
        event(log, "demo.reset", root=str(self.root))
        return self.start(progress)

    def wipe(self) -> None:
        """Delete the server's database and files and the demo profiles (their caches); the
        server must be stopped and the demo profile's cache closed."""
        self.url = None
        with self._lock:
            for name in (SEEDED_FILE, *(DEMO_DATABASE_FILE + suffix
                                        for suffix in ("", "-wal", "-shm", "-journal"))):
                (self.root / name).unlink(missing_ok=True)
            for directory in (self.root / BLOB_DIR, self.profile_root):
                shutil.rmtree(directory, ignore_errors=True)
                if directory.exists():
                    raise DemoFailed(f"could not delete {directory}", code="demo_failed")

    def reset(self) -> None:
        """Stop the server and delete the sandbox (the next start seeds afresh)."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def close(self) -> None:
        """Stop the server; the sandbox stays for the next start."""
        self.stop()
