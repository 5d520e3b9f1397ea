"""Children that end with the desktop (``services/child_process.py``): started from a thread of
their own (Linux sends the death signal when the starting *thread* ends), stopped and reaped on
request, and on Windows put in a kill-on-close job object (checked here with a recording
stand-in for kernel32: this suite does not run on Windows)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.services import child_process
from lapor_desk.services.child_process import (
    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOBOBJECT_BASIC_LIMIT_INFORMATION,
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    PARENT_ENV,
    Child,
    contain,
)

FOLLOWER = """
import os, sys, time
from lapor_desk.server.lifeline import follow_parent
print(os.environ.get("LAPOR_PARENT_PID"), flush=True)
follow_parent()
open(sys.argv[1], "w").write("following")
time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
def test_a_child_started_from_a_short_lived_thread_lives_until_stopped(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    out = tmp_path / "out"
    made: list[Child] = []

    def start() -> None:  # as a worker thread does, which may end while the child runs
        made.append(Child([sys.executable, "-c", FOLLOWER, str(ready)], stdout=sink,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))))
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    with out.open("wb") as sink:
        starter = threading.Thread(target=start)
        starter.start()
        starter.join()  # the thread that asked for the child ends after the child followed
    child = made[0]
    try:
        assert ready.exists()
        time.sleep(0.5)
        # Had that thread started the process itself, the kernel would now have sent SIGTERM.
        assert alive(child.pid) and child.poll() is None
        assert out.read_text().strip() == str(os.getpid())  # told whom to follow
        child.stop()
        assert child.poll() is not None and not alive(child.pid)
    finally:
        child.stop()


def test_a_step_that_overruns_is_stopped(tmp_path: Path) -> None:
    child = Child([sys.executable, "-c", "import time; time.sleep(60)"])
    with pytest.raises(subprocess.TimeoutExpired):
        child.wait(0.5)
    assert child.poll() is not None


def test_a_child_that_cannot_start_says_so() -> None:
    with pytest.raises(OSError):
        Child([str(Path("/nonexistent/lapor-server"))])
    assert PARENT_ENV not in os.environ


# --- Windows: the job object --------------------------------------------------------------------


def test_the_job_structures_have_the_win32_layout() -> None:
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        pytest.skip("the layout is checked for 64-bit Windows")
    basic = JOBOBJECT_BASIC_LIMIT_INFORMATION
    assert ctypes.sizeof(basic) == 64 and basic.LimitFlags.offset == 16
    assert basic.Affinity.offset == 48 and basic.SchedulingClass.offset == 60
    extended = JOBOBJECT_EXTENDED_LIMIT_INFORMATION
    assert ctypes.sizeof(extended) == 144  # sizeof() of the C structure on x64
    assert extended.IoInfo.offset == 64 and extended.ProcessMemoryLimit.offset == 112


class FakeKernel32:
    """Records the calls ``contain`` makes; ``refuse`` names a call that fails."""

    def __init__(self, refuse: str = "") -> None:
        self.refuse = refuse
        self.calls: list[tuple[Any, ...]] = []
        self.flags: int | None = None

    def CreateJobObjectW(self, attributes: Any, name: Any) -> int:  # the Win32 names
        self.calls.append(("CreateJobObjectW", attributes, name))
        return 0 if self.refuse == "create" else 0x70

    def SetInformationJobObject(self, job: int, kind: int, info: Any,
                                size: int) -> int:
        limits = ctypes.cast(info, ctypes.POINTER(JOBOBJECT_EXTENDED_LIMIT_INFORMATION))
        self.flags = limits.contents.BasicLimitInformation.LimitFlags
        self.calls.append(("SetInformationJobObject", job, kind, size))
        return 0 if self.refuse == "limits" else 1

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        self.calls.append(("OpenProcess", access, inherit, pid))
        return 0x80

    def AssignProcessToJobObject(self, job: int, process: int) -> int:
        self.calls.append(("AssignProcessToJobObject", job, process))
        return 0 if self.refuse == "assign" else 1

    def CloseHandle(self, handle: int) -> int:
        self.calls.append(("CloseHandle", handle))
        return 1


def test_the_child_goes_into_a_kill_on_close_job() -> None:
    api = FakeKernel32()
    job = contain(4242, api)
    assert job == 0x70 and api.flags == JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    size = ctypes.sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION)
    assert api.calls == [
        ("CreateJobObjectW", None, None),
        ("SetInformationJobObject", 0x70, 9, size),  # JobObjectExtendedLimitInformation
        ("OpenProcess", 0x0101, False, 4242),  # PROCESS_SET_QUOTA | PROCESS_TERMINATE
        ("AssignProcessToJobObject", 0x70, 0x80),
        ("CloseHandle", 0x80),  # the job's handle stays open: the desktop holds it
    ]
    child_process.close_job(job, api)
    assert api.calls[-1] == ("CloseHandle", 0x70)


@pytest.mark.parametrize("refuse", ["limits", "assign"])
def test_a_refused_job_is_closed_and_the_child_still_runs(refuse: str) -> None:
    api = FakeKernel32(refuse)
    assert contain(4242, api) is None
    assert ("CloseHandle", 0x70) in api.calls
    assert FakeKernel32("create") and contain(4242, FakeKernel32("create")) is None
