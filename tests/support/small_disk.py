"""A small real file system for tests of a full (or read-only) disk: a tmpfs mounted on a test's
folder.

Mounting needs root (``CAP_SYS_ADMIN``), as the test command has on CI. Without it the tests
that need a small disk skip, unless ``LAPOR_REQUIRE_MOUNT=1`` (the test command and CI set it),
where they fail: a full disk is then really tried on every run that counts.

``fill(folder, leave)`` takes the free space down to about ``leave`` bytes with a ballast file;
deleting the ballast is "freeing space".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE = "LAPOR_REQUIRE_MOUNT"
BALLAST = "ballast.bin"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=30, check=False)


def require_mount(folder: Path) -> None:
    """Skip (or fail under ``LAPOR_REQUIRE_MOUNT=1``) when a tmpfs cannot be mounted here."""
    reason = None
    if os.name != "posix" or shutil.which("mount") is None:
        reason = "no mount(8) on this system"
    elif os.geteuid() != 0:
        reason = "mounting a small tmpfs needs root"
    if reason is not None:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{reason} ({REQUIRE}=1)")
        pytest.skip(reason)


@contextmanager
def small_disk(folder: Path, size_bytes: int) -> Iterator[Path]:
    """A tmpfs of ``size_bytes`` mounted on ``folder`` (created) for the block."""
    require_mount(folder)
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0700", "tmpfs",
                str(folder))
    if done.returncode != 0:
        message = f"cannot mount a tmpfs on {folder}: {done.stderr.strip()}"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield folder
    finally:
        unmount(folder)


def unmount(folder: Path) -> None:
    for _attempt in range(20):
        if _run("umount", str(folder)).returncode == 0:
            return
        time.sleep(0.1)  # a file still open (a pooled connection closing)
    _run("umount", "-l", str(folder))


def remount(folder: Path, *, read_only: bool) -> None:
    done = _run("mount", "-o", "remount," + ("ro" if read_only else "rw"), str(folder))
    assert done.returncode == 0, done.stderr


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def fill(folder: Path, leave: int) -> Path:
    """Write a ballast file on ``folder``'s file system until about ``leave`` bytes are free."""
    ballast = folder / BALLAST
    want = max(free_bytes(folder) - leave, 0)
    chunk = bytes(1024 * 1024)
    with ballast.open("ab") as out:
        while want > 0:
            step = min(len(chunk), want)
            out.write(chunk[:step])
            want -= step
    return ballast
