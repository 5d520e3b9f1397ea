"""Child processes that end with the desktop: the demo's embedded server and its set-up steps.

Stopping the desktop normally stops its children (:meth:`Child.stop`, from ``DemoServer``). When
the desktop is killed instead (SIGKILL, a crash, the session ending without asking), no code of
ours runs any more, so the operating system has to end them:

* Linux: the child asks the kernel for SIGTERM when its parent dies (``PR_SET_PDEATHSIG``, in
  :mod:`lapor_desk.server.lifeline`, told the desktop's pid in ``LAPOR_PARENT_PID``) and exits at
  once if the desktop already died before it asked. The kernel sends that signal when the
  *thread* that started the child ends, not the process, so each child is started from a thread
  of its own that lives until the child has ended.
* Windows: the child is put in a job object that kills its processes when its last handle is
  closed (``JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE``). The desktop holds the only handle, and
  Windows closes it when the desktop's process ends, however it ends. (Between the child's start
  and its assignment to the job there is a moment in which a killed desktop would leave it.)
  Not run on this project's CI: written against the Win32 documentation, its structure layout
  checked by the tests on Linux.

The frozen app runs the same executable as the child (``installer/entry.py``): both work there.
"""

from __future__ import annotations

import ctypes
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from typing import IO, Any

from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.child_process")

#: Where a child learns the pid of the desktop it must not outlive (server/lifeline.py).
PARENT_ENV = "LAPOR_PARENT_PID"


class Child:
    """A child process started from a thread of its own, that ends with this process."""

    def __init__(self, command: Sequence[str], *, stdout: IO[bytes] | int | None = None,
                 stderr: IO[bytes] | int | None = None,
                 env: Mapping[str, str] | None = None,
                 stdin: IO[bytes] | int | None = None) -> None:
        environment = dict(os.environ if env is None else env)
        environment[PARENT_ENV] = str(os.getpid())
        self.process: subprocess.Popen[bytes] | None = None
        self._job: int | None = None  # Windows: the job object that ends the child with us
        self._error: BaseException | None = None
        self._started = threading.Event()
        self._released = threading.Event()
        self._thread = threading.Thread(
            target=self._hold, args=(list(command), stdin, stdout, stderr, environment),
            name="lapor-child", daemon=True)
        self._thread.start()
        self._started.wait()
        if self._error is not None:
            raise self._error
        assert self.process is not None
        self._job = contain(self.process.pid) if sys.platform == "win32" else None

    def _hold(self, command: list[str], stdin: Any, stdout: Any, stderr: Any,
              env: dict[str, str]) -> None:
        try:
            self.process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=stderr,
                                            env=env)
        except BaseException as exc:  # noqa: BLE001 - handed to the starting thread
            self._error = exc
            return
        finally:
            self._started.set()
        # This thread is the child's parent for the kernel (PR_SET_PDEATHSIG): it stays until
        # the child has ended and been reaped (stop), or this process ends.
        self._released.wait()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def poll(self) -> int | None:
        assert self.process is not None
        return self.process.poll()

    def wait(self, timeout: float | None = None) -> int:
        """The exit code; on ``timeout`` the child is stopped and ``TimeoutExpired`` raised."""
        assert self.process is not None
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        self._release()
        return code

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the child (kill it after ``timeout``) and reap it."""
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._release()

    def _release(self) -> None:
        self._released.set()
        if self._job is not None:
            close_job(self._job)
            self._job = None


# --- Windows: a job object that kills its processes when the desktop ends --------------------

JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9  # JobObjectExtendedLimitInformation
PROCESS_TERMINATE = 0x0001
PROCESS_SET_QUOTA = 0x0100


class IO_COUNTERS(ctypes.Structure):  # the Win32 names
    _fields_ = [(name, ctypes.c_uint64) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),  # LARGE_INTEGER
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),  # DWORD
        ("MinimumWorkingSetSize", ctypes.c_size_t),  # SIZE_T
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),  # ULONG_PTR
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    ]


class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION),
        ("IoInfo", IO_COUNTERS),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


def kernel32() -> Any:
    """``kernel32`` with the signatures used here (HANDLE is pointer-sized)."""
    library = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle, dword, boolean = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int
    library.CreateJobObjectW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p]
    library.CreateJobObjectW.restype = handle
    library.SetInformationJobObject.argtypes = [handle, ctypes.c_int, ctypes.c_void_p, dword]
    library.SetInformationJobObject.restype = boolean
    library.OpenProcess.argtypes = [dword, boolean, dword]
    library.OpenProcess.restype = handle
    library.AssignProcessToJobObject.argtypes = [handle, handle]
    library.AssignProcessToJobObject.restype = boolean
    library.CloseHandle.argtypes = [handle]
    library.CloseHandle.restype = boolean
    return library


def contain(pid: int, api: Any = None) -> int | None:
    """Put process ``pid`` in a new job that kills it when the job's last handle closes; the
    job's handle (keep it open as long as the child may live), or None when Windows refused
    (the child then ends only with a normal stop)."""
    api = api if api is not None else kernel32()
    job = api.CreateJobObjectW(None, None)
    if not job:
        event(log, "child.job_failed", logging.WARNING, step="create")
        return None
    limits = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    process = None
    try:
        if not api.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                           ctypes.byref(limits), ctypes.sizeof(limits)):
            raise OSError("SetInformationJobObject")
        process = api.OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, False, pid)
        if not process or not api.AssignProcessToJobObject(job, process):
            raise OSError("AssignProcessToJobObject")
    except OSError as exc:
        event(log, "child.job_failed", logging.WARNING, step=str(exc))
        api.CloseHandle(job)
        return None
    finally:
        if process:
            api.CloseHandle(process)
    return int(job)


def close_job(job: int, api: Any = None) -> None:
    """Close the job's handle (its processes are killed if any is left)."""
    (api if api is not None else kernel32()).CloseHandle(job)
