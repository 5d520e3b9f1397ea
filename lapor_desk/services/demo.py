"""Demo and training mode (bimtek): the reference server with seeded data on loopback.

The server runs as a child process of the desktop (``python -m lapor_desk.server.cli``): the
layers stay apart (services never import the server), the server's work never competes with the
window for the interpreter, and stopping it is one ``terminate``. Every start uses a fresh
sandbox directory, so a training session always begins from the same state; nothing touches
the OS keyring (tokens are kept in memory).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import keyring

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


def use_memory_keyring() -> None:
    """Keep session tokens in memory for this process (demo, training, tests)."""
    keyring.set_keyring(MemoryKeyring())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoServer:
    def __init__(self, root: Path | None = None, *, complaints: int = DEMO_COMPLAINTS,
                 seed: int = DEMO_SEED, password: str = DEMO_PASSWORD) -> None:
        self._own_root = root is None
        self.root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="lapor-demo-"))
        self.complaints = complaints
        self.seed = seed
        self.password = password
        self.url: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.root / 'server.sqlite3'}"

    @property
    def profile_root(self) -> Path:
        return self.root / "profiles"

    def _run(self, *args: str) -> None:
        command = [sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                   *args]
        env = dict(os.environ, LAPOR_PASSWORD=self.password)
        with open(self.root / "server.log", "ab") as out:
            done = subprocess.run(command, stdout=out, stderr=out, env=env, check=False,
                                  timeout=STEP_TIMEOUT)
        if done.returncode != 0:
            raise DemoFailed(f"{args[0]} failed (exit {done.returncode}); see "
                             f"{self.root / 'server.log'}", code="demo_failed")

    def start(self, progress: Callable[[DemoProgress], None] | None = None) -> str:
        """Prepare and seed the database, start the server, return its URL (blocking: run it on
        a worker)."""
        report = progress or (lambda _p: None)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            report(DemoProgress("prepare"))
            self._run("init-db", "--db", self.database_url)
            report(DemoProgress("seed", self.complaints))
            self._run("seed", "--db", self.database_url, "--complaints", str(self.complaints),
                      "--seed", str(self.seed), "--blobs", str(self.root / "blobs"))
            report(DemoProgress("start"))
            url = self._serve()
        except (OSError, subprocess.SubprocessError) as exc:
            raise DemoFailed(str(exc), code="demo_failed") from exc
        report(DemoProgress("ready"))
        event(log, "demo.started", url=url, complaints=self.complaints)
        return url

    def _serve(self) -> str:
        port = _free_port()
        command = [sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                   "serve", "--db", self.database_url, "--host", "127.0.0.1", "--port",
                   str(port), "--blobs", str(self.root / "blobs")]
        out = open(self.root / "server.log", "ab")  # noqa: SIM115 - the child keeps it open
        with self._lock:
            self._process = subprocess.Popen(command, stdout=out, stderr=out)
        out.close()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise DemoFailed(f"demo server exited ({self._process.returncode})",
                                 code="demo_failed")
            try:
                with urllib.request.urlopen(url + "/api/v1/health", timeout=1) as answer:
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
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def reset(self) -> None:
        """Stop the server and delete the sandbox (the next start seeds afresh)."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def close(self) -> None:
        if self._own_root:
            self.reset()
        else:
            self.stop()
