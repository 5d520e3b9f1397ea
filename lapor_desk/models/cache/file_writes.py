"""Writing a profile's files safely: all at once, and without leaving plaintext behind.

:func:`atomic_file` writes a file through a private temporary file beside it, flushed, fsynced
and renamed over the target (the directory fsynced after): a crash leaves the old file or the
new one, never half of one. Replacing or removing a plaintext file of an earlier version
overwrites its bytes with zeros first (:func:`replace_scrubbing`, :func:`scrub_file`), as
``crypto.encrypt_in_place`` does for a plaintext cache: best effort (an SSD or a copy-on-write
file system may keep old blocks), but what is left is at least not a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def atomic_file(target: Path, *, prefix: str = ".tmp-",
                scrub_old: bool = False) -> Iterator[BinaryIO]:
    """Write ``target`` all at once: a private temporary file beside it, fsynced and renamed
    over it on success, removed on failure. ``scrub_old``: the file replaced held plaintext;
    its bytes are overwritten with zeros once the new file is in its place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if scrub_old and target.exists():
            replace_scrubbing(Path(temporary), target)
            return
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


def zero_handle(handle: BinaryIO) -> None:
    """Overwrite the whole file behind ``handle`` with zeros and fsync it (best effort: an SSD
    or a copy-on-write file system may keep old blocks)."""
    size = os.fstat(handle.fileno()).st_size
    zeros = bytes(min(size, 1 << 20))
    handle.seek(0)
    written = 0
    while written < size:
        step = min(len(zeros), size - written)
        handle.write(zeros[:step])
        written += step
    handle.flush()
    os.fsync(handle.fileno())


def scrub_file(path: Path) -> None:
    """Overwrite a plaintext file's bytes with zeros, then delete it."""
    try:
        with path.open("r+b") as handle:
            zero_handle(handle)
    except FileNotFoundError:
        return
    except OSError:
        pass
    path.unlink(missing_ok=True)


def replace_scrubbing(replacement: Path, path: Path) -> None:
    """Rename ``replacement`` over the plaintext ``path`` atomically, then overwrite the old
    plaintext's bytes (still reachable through an open handle) with zeros."""
    old = path.open("r+b") if os.name == "posix" else None
    try:
        os.replace(replacement, path)
        fsync_directory(path.parent)
        if old is not None:
            zero_handle(old)
    finally:
        if old is not None:
            old.close()
