"""Shared pieces of the benchmarks: a seeded server database cached on disk, the reference
server in its own process, a byte-counting TCP relay for wire sizes, and table printing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from lapor_desk.models import wire

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("LAPOR_BENCH_DIR", ROOT / "bench" / "results"))
PASSWORD = "bench-lapor-2026"
#: Bumped when the seed generator makes different rows (v7: UUIDv7 ids; v8: texts roughened as
#: citizens write them, server/seed/wording.py), so a database cached by an older generator is
#: not reused.
SEED_FORMAT = "v8"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seeded_database(complaints: int, seed: int = 1) -> tuple[str, Path]:
    """A SQLite server database with ``complaints`` seeded complaints, made once and reused.

    Returns the URL and the seed report path (JSON printed by ``lapor-server seed --json``).
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"server-{complaints}-s{seed}-{SEED_FORMAT}.sqlite3"
    report = path.with_suffix(".json")
    url = f"sqlite:///{path}"
    if not path.exists() or not report.exists():
        for stale in (path, report):
            stale.unlink(missing_ok=True)
        exe = Path(sys.executable).with_name("lapor-server")
        subprocess.run([str(exe), "init-db", "--db", url], check=True)
        started = time.perf_counter()
        with report.open("w") as out:
            subprocess.run(
                [str(exe), "seed", "--db", url, "--complaints", str(complaints),
                 "--seed", str(seed), "--password", PASSWORD, "--json"],
                check=True, stdout=out,
            )
        print(f"seeded {complaints} complaints in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return url, report


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time a (Linux) process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_healthy(base: str, proc: subprocess.Popen[bytes], seconds: float,
                       why: Callable[[], str]) -> None:
    """Wait until the server at ``base`` answers its health check; ``RuntimeError`` with
    ``why()`` when its process ends first or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(base + wire.HEALTH.path, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("server did not start: " + why())
        time.sleep(0.1)


@contextmanager
def server_process(url: str, blob_dir: Path | None = None,
                   started: list[subprocess.Popen[bytes]] | None = None) -> Iterator[str]:
    """``lapor-server serve`` in its own process; yields its base URL (and appends the process
    to ``started`` when given, e.g. to read its CPU time)."""
    port = free_port()
    exe = Path(sys.executable).with_name("lapor-server")
    args = [str(exe), "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)]
    if blob_dir is not None:
        args += ["--blobs", str(blob_dir)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if started is not None:
        started.append(proc)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, proc, 60,
                           lambda: (proc.stderr.read() if proc.stderr else b"").decode())
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class WireCounter:
    """Counts bytes relayed in each direction and the connections/requests seen."""

    upstream_port: int
    port: int = 0
    sent: int = 0  # client -> server
    received: int = 0  # server -> client
    connections: int = 0
    request_count: int = 0  # request lines seen going upstream
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        with self._lock:
            self.sent = self.received = self.connections = self.request_count = 0

    def _pipe(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while True:
                data = src.recv(262144)
                if not data:
                    break
                dst.sendall(data)
                with self._lock:
                    if upstream:
                        self.sent += len(data)
                        self.request_count += data.count(b" HTTP/1.1\r\n")
                    else:
                        self.received += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def serve(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.2)
        self.port = listener.getsockname()[1]

        def loop() -> None:
            while not self._stop.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    break
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
                with self._lock:
                    self.connections += 1
                for a, b, up in ((client, upstream, True), (upstream, client, False)):
                    threading.Thread(target=self._pipe, args=(a, b, up), daemon=True).start()
            listener.close()

        threading.Thread(target=loop, daemon=True).start()

    def close(self) -> None:
        self._stop.set()


def print_table(title: str, rows: Sequence[Sequence[object]], headers: Sequence[str]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    print(f"\n{title}")
    print(line)
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print(line)
    for row in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
    print(line)
