"""Copying blobs into a backup and back, each checked against its SHA-256 (its name)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from lapor_desk.models.shapes import is_sha256
from lapor_desk.server.backup.errors import BackupError
from lapor_desk.server.backup.manifest import CHUNK

BLOBS = "blobs"


def blob_path(root: Path, sha: str) -> Path:
    """Where blob ``sha`` lives under ``root`` (the server's layout, server/blobs.py)."""
    if not is_sha256(sha):
        raise BackupError(f"not a blob name: {sha!r}", code="not_a_backup")
    return root / sha[:2] / sha


def copy_checked(source: Path, target: Path, sha: str, size: int) -> None:
    """Copy ``source`` to ``target`` (through a temporary file, synced, then renamed) when its
    content is ``sha`` of ``size`` bytes; else :class:`BackupError` and no ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    digest = hashlib.sha256()
    length = 0
    try:
        with source.open("rb") as reader, temporary.open("wb") as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                length += len(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
    except FileNotFoundError:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"blob {sha} is missing from {source.parent.parent}",
                          code="blob_missing") from None
    if digest.hexdigest() != sha or length != size:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"blob {sha} in {source.parent.parent} does not match its checksum",
                          code="blob_damaged")
    temporary.replace(target)


def check_blob(path: Path, sha: str, size: int) -> None:
    digest = hashlib.sha256()
    length = 0
    try:
        with path.open("rb") as reader:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                length += len(chunk)
    except FileNotFoundError:
        raise BackupError(f"the backup lacks blob {sha}", code="blob_missing") from None
    if digest.hexdigest() != sha or length != size:
        raise BackupError(f"blob {sha} in the backup does not match its checksum",
                          code="blob_damaged")


def copy_blobs(blobs: Iterable[tuple[str, int]], source_root: Path, target_root: Path,
               *, skip_present: bool = False) -> int:
    """Copy each blob; with ``skip_present``, one the target holds at its size already stays.
    Returns the bytes copied."""
    copied = 0
    for sha, size in blobs:
        target = blob_path(target_root, sha)
        if skip_present and target.is_file() and target.stat().st_size == size:
            continue
        copy_checked(blob_path(source_root, sha), target, sha, size)
        copied += size
    return copied
