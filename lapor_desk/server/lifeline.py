"""A server started by the desktop (its demo) ends with the desktop, even a killed one.

The desktop starts the server with its own pid in ``LAPOR_PARENT_PID``
(``lapor_desk/services/child_process.py``). Here, first thing, the server asks Linux to send it
SIGTERM when that parent dies (``prctl(PR_SET_PDEATHSIG)``), then looks whether its parent is
still the one it was told: a desktop that died between starting the child and this call would
otherwise leave it running for good. On Windows the desktop puts the child in a job object
instead (nothing to do here). ``lapor-server`` run by hand has no such variable and is left as
it is. The variable is removed, so the server's own helpers (seed workers) do not inherit it.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
from collections.abc import Callable, MutableMapping
from typing import Any

from lapor_desk.server.logs import event

PARENT_ENV = "LAPOR_PARENT_PID"
PR_SET_PDEATHSIG = 1

log = logging.getLogger("lapor_desk.server.lifeline")


def follow_parent(environ: MutableMapping[str, str] | None = None, *, libc: Any = None,
                  getppid: Callable[[], int] = os.getppid,
                  leave: Callable[[int], Any] = sys.exit,
                  platform: str = sys.platform) -> None:
    """End with the parent named in ``LAPOR_PARENT_PID`` (no-op without it, or off Linux)."""
    environ = os.environ if environ is None else environ
    raw = environ.pop(PARENT_ENV, None)
    if raw is None or not platform.startswith("linux"):
        return
    try:
        parent = int(raw)
    except ValueError:
        return
    library = libc if libc is not None else ctypes.CDLL(None, use_errno=True)
    if library.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGTERM), ctypes.c_ulong(0),
                     ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
        event(log, "lifeline.prctl_failed", logging.WARNING, errno=ctypes.get_errno())
    if getppid() != parent:  # the parent died before the kernel was asked to tell us
        event(log, "lifeline.parent_gone", logging.WARNING, parent=parent)
        leave(0)
