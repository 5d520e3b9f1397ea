"""A server the desktop started ends with it (``server/lifeline.py``): it asks Linux for SIGTERM
when its parent dies, and leaves at once when its parent died before it could ask."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.server.lifeline import PARENT_ENV, PR_SET_PDEATHSIG, follow_parent

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")


class FakeLibc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def prctl(self, option: int, arg: Any, *_rest: Any) -> int:
        self.calls.append((option, arg.value))
        return 0


def test_without_the_variable_nothing_happens() -> None:
    libc, left = FakeLibc(), []
    follow_parent({}, libc=libc, getppid=lambda: 1, leave=left.append, platform="linux")
    assert libc.calls == [] and left == []


def test_it_asks_for_sigterm_and_stays_while_the_parent_lives() -> None:
    environ, libc, left = {PARENT_ENV: "4321", "OTHER": "x"}, FakeLibc(), []
    follow_parent(environ, libc=libc, getppid=lambda: 4321, leave=left.append,
                  platform="linux")
    assert libc.calls == [(PR_SET_PDEATHSIG, signal.SIGTERM)] and left == []
    assert environ == {"OTHER": "x"}  # its own helpers do not inherit it


def test_a_parent_gone_before_the_request_ends_it_at_once() -> None:
    libc, left = FakeLibc(), []
    follow_parent({PARENT_ENV: "4321"}, libc=libc, getppid=lambda: 1, leave=left.append,
                  platform="linux")
    assert libc.calls and left == [0]


def test_off_linux_the_variable_is_only_removed() -> None:
    environ, libc, left = {PARENT_ENV: "4321"}, FakeLibc(), []
    follow_parent(environ, libc=libc, getppid=lambda: 1, leave=left.append, platform="win32")
    assert environ == {} and libc.calls == [] and left == []


# --- with real processes: an intermediate parent stands for the desktop ------------------------

GRANDCHILD = """
import sys, time
from lapor_desk.server.lifeline import follow_parent
time.sleep(float(sys.argv[1]))  # the parent may die meanwhile (the race)
follow_parent()
print("following", flush=True)
time.sleep(60)
"""
PARENT = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]],
                         env=dict(os.environ, LAPOR_PARENT_PID=str(os.getpid())),
                         stdout=open(sys.argv[3], "w"))
print(child.pid, flush=True)
if sys.argv[4] == "wait":
    child.wait()
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has ended (nobody reaped it yet)


def gone_within(pid: int, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if not alive(pid):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def start(tmp_path: Path, delay: float, mode: str) -> tuple[subprocess.Popen[str], int, Path]:
    out = tmp_path / "grandchild.out"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, GRANDCHILD, str(delay), str(out),
                               mode], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert parent.stdout is not None
    return parent, int(parent.stdout.readline()), out


@linux_only
def test_a_killed_parent_takes_its_child_with_it(tmp_path: Path) -> None:
    parent, pid, out = start(tmp_path, 0.0, "wait")
    try:
        deadline = time.monotonic() + 30
        while "following" not in out.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive(pid)
        parent.kill()  # SIGKILL: nothing of the parent runs any more
        parent.wait()
        assert gone_within(pid, 5.0) is not None
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@linux_only
def test_a_parent_dead_before_the_child_asked_still_ends_it(tmp_path: Path) -> None:
    parent, pid, out = start(tmp_path, 1.5, "leave")  # the parent exits at once
    try:
        parent.wait()
        assert alive(pid)  # still sleeping, not yet asked
        assert gone_within(pid, 10.0) is not None
        assert "following" not in out.read_text()  # it left in follow_parent
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
