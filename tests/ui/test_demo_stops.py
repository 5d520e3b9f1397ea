"""``lapor-desk --demo`` stopped from outside leaves no embedded server running.

The real desktop runs in a process of its own (offscreen, with its own data directories); once
its demo server answers, the desktop gets SIGTERM (it quits its event loop and shuts down as
usual, stopping the server) or SIGKILL (nothing of it runs: the server follows its parent's
death, ``server/lifeline.py``). Either way the server is gone within a few seconds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc"),
]
#: How long the server may outlive the desktop's end.
GONE_WITHIN = 5.0


def proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1])


def running(pid: int) -> bool:
    stat = proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has ended


def server_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = proc_stat(int(entry.name))
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if stat and stat[1] == parent and b"lapor_desk.server.cli" in command \
                and b"serve" in command:
            found.append(int(entry.name))
    return found


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v1/health", timeout=2) as reply:
            return bool(json.loads(reply.read()).get("status") == "ok")
    except OSError:
        return False


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sandbox for the module: the first start seeds it, the next reuses it."""
    return tmp_path_factory.mktemp("desk-home")


def start_desk(home: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(sys.path))
    with (home / "desk.log").open("ab") as log:
        return subprocess.Popen([sys.executable, "-m", "lapor_desk.cli", "--demo"], env=env,
                                stdout=log, stderr=log, start_new_session=True)


def log_lines(home: Path) -> list[str]:
    path = home / "state" / "lapor-desk" / "log" / "lapor-desk.log"
    return path.read_text(errors="replace").splitlines() if path.exists() else []


@pytest.fixture(params=["starting", "idle"])
def desk(request: pytest.FixtureRequest,
         home: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, str]]:
    """The desktop in demo mode, its embedded server's pid and address, once that answers
    (``starting``: signing in is still to come) or once the first sync is done and the window
    waits for the person (``idle``)."""
    seen = len(log_lines(home))
    process = start_desk(home)
    servers: list[int] = []
    try:
        deadline = time.monotonic() + 180
        url = ""
        while time.monotonic() < deadline and process.poll() is None:
            servers = servers or server_children(process.pid)
            port = home / "data" / "lapor-desk" / "demo" / "port"
            if servers and port.exists():
                url = f"http://127.0.0.1:{port.read_text().strip()}"
                if answers(url):
                    break
            time.sleep(0.2)
        while request.param == "idle" and time.monotonic() < deadline and not any(
                "sync.done" in line for line in log_lines(home)[seen:]):
            time.sleep(0.2)
        if request.param == "idle":
            time.sleep(2.0)  # nothing happening: the event loop sleeps
        log = (home / "desk.log").read_text(errors="replace")[-3000:]
        assert process.poll() is None, log
        assert len(servers) == 1 and answers(url), log
        yield process, servers[0], url
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in servers:  # never leave one behind, even when the test failed
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def gone_within(pid: int, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if not running(pid):
            return round(time.monotonic() - started, 2)
        time.sleep(0.05)
    return None


def test_sigterm_shuts_the_desktop_down_and_its_server_with_it(
        desk: tuple[subprocess.Popen[bytes], int, str]) -> None:
    process, server, url = desk
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    ended = gone_within(server, GONE_WITHIN)
    assert ended is not None, f"server still running {GONE_WITHIN} s after the desktop ended"
    assert not answers(url)
    assert code == 0  # a clean end, not death by the signal
    print(f"sigterm: desktop ended {time.monotonic() - signalled:.2f} s after the signal")


def test_sigkill_of_the_desktop_ends_its_server(
        desk: tuple[subprocess.Popen[bytes], int, str]) -> None:
    process, server, url = desk
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    ended = gone_within(server, GONE_WITHIN)
    assert ended is not None, f"server still running {GONE_WITHIN} s after the desktop died"
    assert not answers(url)
    print(f"sigkill: server gone {ended} s after the desktop died")
