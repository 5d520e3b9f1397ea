"""Owner-only files for a profile: its directory tree 0700, its files 0600 (POSIX).

A profile holds citizens' personal data (UU 27/2022): the cache and its ``-wal``/``-shm``, the blob
store (attachments), drafts and logs. New files are made private at creation (``private_umask``
for the whole process, ``create_private_file`` for the cache file itself, whose ``-wal`` and
``-shm`` SQLite then creates with the same mode); files left by an earlier version are put right
by ``restrict_tree`` each time the cache opens. On Windows the profile lives in the user's own
profile folder, whose ACL already keeps other users out; the modes there are left alone.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077

POSIX = os.name == "posix"


def private_umask() -> int:
    """Make every file this process creates from now on owner-only; returns the old umask."""
    return os.umask(PRIVATE_UMASK) if POSIX else 0


def make_private_dir(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _chmod(path, PRIVATE_DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 when it does not exist yet (0600 kept when it does)."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(descriptor)
    _chmod(path, PRIVATE_FILE_MODE)


def restrict_tree(root: Path) -> int:
    """Directories under ``root`` (and itself) to 0700, files to 0600. Symbolic links are not
    followed. Returns how many modes were changed."""
    if not POSIX or not root.is_dir():
        return 0
    changed = int(_chmod(root, PRIVATE_DIR_MODE))
    for directory, subdirectories, files in os.walk(root):
        for name in subdirectories:
            changed += _chmod(Path(directory) / name, PRIVATE_DIR_MODE)
        for name in files:
            changed += _chmod(Path(directory) / name, PRIVATE_FILE_MODE)
    return changed


def _chmod(path: Path, mode: int) -> bool:
    if not POSIX:
        return False
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) == mode:
        return False
    os.chmod(path, mode)
    return True
