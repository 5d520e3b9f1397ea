"""``lapor-server serve`` in a child process, for what only a real process shows: its memory
(RSS from /proc), its log output as written, a restart, two processes on one database."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from tests.support.live_server import free_port


class ServerProcess:
    def __init__(self, database_url: str, blob_dir: Path, *extra: str,
                 env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lapor_desk.server.cli", "serve", "--db", database_url,
             "--port", str(self.port), "--blobs", str(blob_dir), "--auto-close-interval", "0",
             *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        self._output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("lapor-server serve did not start:\n" + self.output)
            time.sleep(0.1)

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while chunk := os.read(stream.fileno(), 65536):
            self._output.extend(chunk)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def raw_output(self) -> bytes:
        return bytes(self._output)

    @property
    def output(self) -> str:
        return self.raw_output.decode("utf-8", "replace")

    def memory_kib(self) -> tuple[int, int]:
        """(current RSS, peak RSS) of the process, in KiB (Linux: /proc)."""
        fields = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            fields[name] = rest.strip()
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self._reader.join(timeout=10)
