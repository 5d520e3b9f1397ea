"""What went wrong with the disk under a profile: a failure's code, told from the error and from
looking at the files.

A read or write of a profile's files that fails for a reason of the disk (SQLite's ``database
or disk is full``, ``disk I/O error``, ``unable to open database file``, ``attempt to write a
readonly database``, or an ``OSError`` of a file in the profile folder) is described by a
:class:`StorageFault`:

==================  =========================================================================
``disk_full``       no free space left on the drive (``ENOSPC``, ``SQLITE_FULL``)
``disk_limit``      a file-size limit or quota of the account (``EFBIG``, ``EDQUOT``, the
                    process's ``RLIMIT_FSIZE`` reached)
``disk_read_only``  the drive is read-only (``EROFS``: write-protected, or the system made it
                    read-only after disk errors)
``disk_no_access``  the folder or a file in it may not be written or read (``EACCES``, ``EPERM``)
``disk_error``      the disk failed to read or write (``EIO`` and the rest)
``cache_damaged``   the cache file reads but is not a database any key opens (``SQLITE_CORRUPT``)
==================  =========================================================================

SQLite does not say which system call failed: a ``disk I/O error`` is as likely a file-size
limit hit while growing the ``-shm`` file as a failing disk. :func:`diagnose` looks at the profile
folder then (free space, the process's file-size limit, whether a file of the size of a new
``-shm`` can be written there, whether the cache file can be read) and names what it finds.

A wrong key is never a fault of the disk (``crypto.check_key`` tells it apart): SQLCipher answers
``file is not a database`` for it, on a file that reads fine and does not start with SQLite's
header. Lower layers return these codes; sentences live in the UI and the CLI.
"""

from __future__ import annotations

import errno as errnos
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lapor_desk.paths import CACHE_FILE

SIDECARS: Final = ("-wal", "-shm")
#: What a new ``-shm`` file takes (SQLite maps it in 32 KiB regions), and a page more: the size
#: of the probe file :func:`diagnose` writes.
PROBE_BYTES: Final = 32 * 1024 + 4096
#: Less free space than this on the drive counts as full.
LOW_SPACE_BYTES: Final = 1024 * 1024
#: A file this close to the process's file-size limit means the limit was what stopped a write.
LIMIT_MARGIN_BYTES: Final = 1024 * 1024

#: SQLite's primary result codes (the extended code's low byte).
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 3, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
_MESSAGES: Final = {
    "database or disk is full": SQLITE_FULL,
    "disk i/o error": SQLITE_IOERR,
    "unable to open database file": SQLITE_CANTOPEN,
    "attempt to write a readonly database": SQLITE_READONLY,
    "database disk image is malformed": SQLITE_CORRUPT,
    "file is not a database": SQLITE_NOTADB,
}

_BY_ERRNO: Final = {
    errnos.ENOSPC: "disk_full",
    errnos.EFBIG: "disk_limit",
    errnos.EROFS: "disk_read_only",
    errnos.EACCES: "disk_no_access",
    errnos.EPERM: "disk_no_access",
}
if hasattr(errnos, "EDQUOT"):
    _BY_ERRNO[errnos.EDQUOT] = "disk_limit"


@dataclass(frozen=True)
class StorageFault:
    """A failure of the disk under the profile folder ``folder`` (on drive ``drive``: a mount
    point or a Windows drive). ``errno`` when an OS error said it; ``detail`` for logs."""

    code: str
    folder: str
    drive: str
    errno: int | None = None
    detail: str = ""


def drive_of(path: Path | str) -> str:
    """The drive a path is on, as a person finds it: ``C:\\`` on Windows, the mount point
    elsewhere (``/``, ``/home``, ``/media/usb``)."""
    target = Path(os.path.abspath(path))
    if os.name == "nt":
        return target.anchor or str(target)
    while not os.path.lexists(target) and target != target.parent:
        target = target.parent
    while not os.path.ismount(target) and target != target.parent:
        target = target.parent
    return str(target)


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code of a DB-API error (sqlite3 or sqlcipher3, bare or wrapped by
    SQLAlchemy), or None when ``error`` is not one. (Imports no database module: the sync
    layer's errors, which use this, are imported before the desktop has started.)"""
    exc_module = sys.modules.get("sqlalchemy.exc")
    if exc_module is not None and isinstance(error, exc_module.DBAPIError):
        if error.orig is None:
            return None
        error = error.orig
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if type(error).__module__.split(".")[0] in ("sqlite3", "sqlcipher3"):
        message = str(error).strip().lower()
        return _MESSAGES.get(message)
    return None


def _inside(path: str | bytes | None, folder: Path) -> bool:
    if path is None:
        return False
    text = os.fsdecode(path)
    try:
        Path(os.path.abspath(text)).relative_to(os.path.abspath(folder))
    except ValueError:
        return False
    return True


def classify(error: BaseException, folder: Path | str) -> StorageFault | None:
    """The fault of the disk under ``folder`` that ``error`` is, or None when it is something else
    (a bug, a busy database, a file the person picked outside the profile, a wrong key)."""
    folder = Path(folder)
    if isinstance(error, OSError):
        if type(error).__module__ != "builtins" or isinstance(error,
                                                              ConnectionError | TimeoutError):
            return None  # the network's (requests, ssl, socket), translated by the transport
        named = [n for n in (error.filename, error.filename2) if n is not None]
        if named and not any(_inside(n, folder) for n in named):
            return None  # another folder's file (an attachment being read, an export)
        code = _BY_ERRNO.get(error.errno or 0)
        if code is None:
            found = diagnose(folder)
            code = found.code if found is not None else "disk_error"
        return _fault(code, folder, error.errno, str(error))
    primary = sqlite_code(error)
    if primary is None:
        return None
    detail = str(getattr(error, "orig", None) or error)
    if primary == SQLITE_FULL:
        found = diagnose(folder)
        limited = found is not None and found.code == "disk_limit"
        return _fault("disk_limit" if limited else "disk_full", folder, None, detail)
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM,
                   SQLITE_CORRUPT, SQLITE_NOTADB):
        found = diagnose(folder)
        if found is not None:
            return _fault(found.code, folder, found.errno, detail)
        fallback = {SQLITE_IOERR: "disk_error", SQLITE_CANTOPEN: "disk_error",
                    SQLITE_READONLY: "disk_no_access", SQLITE_PERM: "disk_no_access"}
        return _fault(fallback.get(primary, "cache_damaged"), folder, None, detail)
    return None


def _fault(code: str, folder: Path, errno: int | None, detail: str) -> StorageFault:
    return StorageFault(code, str(folder), drive_of(folder), errno, detail)


def diagnose(folder: Path | str) -> StorageFault | None:
    """Look at the profile folder after a failure SQLite could not name: is the drive full, the
    process's file-size limit reached, can a file of a new ``-shm``'s size be written here, can
    the cache be read? None when everything looks fine."""
    folder = Path(folder)
    files = [folder / CACHE_FILE, *(folder / (CACHE_FILE + s) for s in SIDECARS)]
    for check in (_write_probe, _size_limit, _free_space, _read_probe, _permissions):
        try:
            found = check(folder, files)
        except OSError as exc:  # looking failed too: that is the answer
            return _os_fault(exc, folder)
        if found is not None:
            return found
    return None


def _free_space(folder: Path, _files: list[Path]) -> StorageFault | None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None  # the probes below say why
    if free < LOW_SPACE_BYTES:
        return _fault("disk_full", folder, errnos.ENOSPC, f"{free} bytes free")
    return None


def _size_limit(folder: Path, files: list[Path]) -> StorageFault | None:
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return None
    sizes = [PROBE_BYTES]
    for path in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            continue
    if max(sizes) + LIMIT_MARGIN_BYTES >= soft:
        return _fault("disk_limit", folder, errnos.EFBIG, f"file size limit {soft} bytes")
    return None


def _write_probe(folder: Path, _files: list[Path]) -> StorageFault | None:
    try:
        handle, name = tempfile.mkstemp(prefix=".lapor-probe-", dir=folder)
    except OSError as exc:
        return _os_fault(exc, folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(bytes(PROBE_BYTES))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        return _os_fault(exc, folder)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass
    return None


def _read_probe(folder: Path, files: list[Path]) -> StorageFault | None:
    try:
        with files[0].open("rb") as handle:
            handle.read(4096)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _os_fault(exc, folder)
    return None


def _permissions(folder: Path, files: list[Path]) -> StorageFault | None:
    for path in [folder, *files]:
        if os.path.lexists(path) and not os.access(path, os.R_OK | os.W_OK):
            if _read_only_mount(path):
                return _fault("disk_read_only", folder, errnos.EROFS, "read-only file system")
            return _fault("disk_no_access", folder, errnos.EACCES, f"no access to {path.name}")
    return None


def _read_only_mount(path: Path) -> bool:
    flag = getattr(os, "ST_RDONLY", None)
    if flag is None or not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(path).f_flag & flag)
    except OSError:
        return False


def _os_fault(exc: OSError, folder: Path) -> StorageFault:
    return _fault(_BY_ERRNO.get(exc.errno or 0, "disk_error"), folder, exc.errno, str(exc))


def is_wrong_key(error: BaseException, path: Path) -> bool:
    """``error`` (from reading the encrypted cache at ``path`` with a key) means the key does not
    open it: SQLCipher's ``file is not a database`` on a file that reads fine, is at least a page
    long and does not start with SQLite's header (an encrypted file starts with its salt)."""
    if sqlite_code(error) != SQLITE_NOTADB:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return len(head) == 512 and not head.startswith(b"SQLite format 3\x00")
