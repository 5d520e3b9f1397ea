"""Run a child process whose clock is wrong: libfaketime (the Debian package ``faketime``)
shifts every clock the process reads (``time.time``, ``datetime.now``, the monotonic clocks) by
a fixed amount, like a PC whose clock is set ahead. scripts/test.sh installs it; a test that
needs it fails when it is missing (never skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def require_faketime() -> str:
    path = shutil.which("faketime")
    if path is None:
        pytest.fail("faketime is not installed (apt-get install faketime; scripts/test.sh does)")
    return path


def run_shifted(shift: str, args: list[str], env: dict[str, str],
                timeout: float = 180.0) -> subprocess.CompletedProcess[str]:
    """``python args...`` under ``faketime -f shift`` (e.g. ``+1h``), from the repository."""
    faketime = require_faketime()
    child_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    return subprocess.run([faketime, "-f", shift, sys.executable, *args], cwd=REPO,
                          env=child_env, capture_output=True, text=True, timeout=timeout,
                          check=False)
