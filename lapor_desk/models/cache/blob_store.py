"""The profile's attachment files (the blob store), sealed at rest with the profile's key.

Every attachment file the desktop keeps (downloaded from the server, or attached here and
waiting in the outbox) is one file ``blobs/<sha[:2]>/<sha>``, named by the SHA-256 of its
*plaintext* (the server's names: content addressing and the wire are unchanged) and sealed with
the attachments key (:mod:`.at_rest`). Everything that reads or writes one goes through
:class:`BlobStore`: uploads, downloads and their resumption, the viewer, copies handed to
another application, the offline prefetch. Nothing here writes plaintext to disk, except into
a file a caller names explicitly (:meth:`BlobStore.copy_to`).

A store without a key (a cache opened without one: tests, tools, the demo's synthetic data)
keeps plain files, as the cache itself is then plain. Opening a keyed store seals the plain
files an earlier version left (:meth:`BlobStore.seal_plaintext`); the plain bytes are
overwritten and removed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lapor_desk.models.cache import at_rest, file_writes
from lapor_desk.models.cache.at_rest import SealedFileError, SealedReader
from lapor_desk.models.cache.blob_writing import (
    COPY_CHUNK,
    PARTIAL_SUFFIX,
    PartialBlob,
    writer_for,
)
from lapor_desk.models.shapes import is_sha256

log = logging.getLogger("lapor_desk.cache.blobs")

TEMP_PREFIX = ".tmp-"


class BlobDamaged(Exception):
    """A stored blob is missing, cannot be decrypted, or does not match its SHA-256
    (``code``: ``blob_missing`` / ``blob_damaged``)."""

    def __init__(self, message: str, *, code: str = "blob_damaged") -> None:
        super().__init__(message)
        self.code = code


class TooLarge(Exception):
    """A file offered to the store is larger than allowed."""


def check_sha256(sha256: str) -> str:
    """``sha256`` when it is 64 lowercase hex digits (a file name in the store); ValueError
    otherwise, so that no other text ever becomes a path."""
    if not is_sha256(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r:.80}")
    return sha256


class BlobReader(Protocol):
    """A blob's plaintext: a sealed file's reader, or a plain file."""

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


@dataclass(frozen=True)
class SealReport:
    sealed: int          # plain blobs of an earlier version, now sealed
    removed: int         # plain partial downloads and temporary files, removed


class BlobStore:
    def __init__(self, root: Path, key: bytes | None) -> None:
        self.root = Path(root)
        self.key = key

    def __repr__(self) -> str:
        return f"BlobStore({str(self.root)!r}, sealed={self.sealed})"

    @property
    def sealed(self) -> bool:
        return self.key is not None

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def stored(self) -> set[str]:
        """The hashes of the blobs here (one directory listing per prefix)."""
        found: set[str] = set()
        if not self.root.is_dir():
            return found
        for prefix in os.scandir(self.root):
            if prefix.is_dir():
                found.update(entry.name for entry in os.scandir(prefix.path)
                             if entry.is_file() and is_sha256(entry.name))
        return found

    # --- reading ------------------------------------------------------------------------------

    @contextmanager
    def reading(self, sha256: str) -> Iterator[BlobReader]:
        """The blob's plaintext, readable and seekable. Raises :class:`BlobDamaged`
        (``blob_missing``) or :class:`SealedFileError` (damaged, or sealed and no key)."""
        try:
            handle = self.path(sha256).open("rb")
        except FileNotFoundError as exc:
            raise BlobDamaged(f"blob {sha256} is not here", code="blob_missing") from exc
        with handle:
            if self.key is None:
                if at_rest.is_sealed(handle.read(len(at_rest.MAGIC))):
                    raise SealedFileError("the blob is sealed; its key is needed",
                                          code="sealed_key_required")
                handle.seek(0)
                yield handle
            else:
                with SealedReader(handle, self.key) as reader:
                    yield reader

    def chunks(self, sha256: str, start: int = 0, size: int = COPY_CHUNK) -> Iterator[bytes]:
        """The plaintext from ``start`` in pieces of ``size`` bytes."""
        with self.reading(sha256) as reader:
            reader.seek(start)
            while chunk := reader.read(size):
                yield chunk

    def verify(self, sha256: str) -> int | None:
        """The plaintext's size when the blob is here and intact; None when it is missing,
        damaged or not what its name says."""
        digest = hashlib.sha256()
        size = 0
        try:
            for chunk in self.chunks(sha256):
                digest.update(chunk)
                size += len(chunk)
        except BlobDamaged:
            return None
        except SealedFileError as exc:
            if exc.code == "sealed_key_required":
                raise
            return None
        return size if digest.hexdigest() == sha256 else None

    def read(self, sha256: str) -> bytes:
        """The blob's verified plaintext, in memory (a viewer's picture or PDF). Raises
        :class:`BlobDamaged`."""
        try:
            with self.reading(sha256) as reader:
                data = reader.read()
        except SealedFileError as exc:
            if exc.code == "sealed_key_required":
                raise
            raise BlobDamaged(f"blob {sha256} does not decrypt: {exc}") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobDamaged(f"blob {sha256} does not match its hash")
        return data

    def copy_to(self, sha256: str, target: Path) -> int:
        """Write the verified plaintext to ``target`` (a file the person chose, or a private
        copy for another application), all at once. Returns its size."""
        digest = hashlib.sha256()
        size = 0
        try:
            with file_writes.atomic_file(target, prefix=".lapor-copy-") as out:
                for chunk in self.chunks(sha256):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                if digest.hexdigest() != sha256:
                    raise BlobDamaged(f"blob {sha256} does not match its hash")
        except SealedFileError as exc:
            raise BlobDamaged(f"blob {sha256} does not decrypt: {exc}") from exc
        return size

    # --- writing ------------------------------------------------------------------------------

    def add_file(self, source: Path, limit: int) -> tuple[str, int]:
        """Keep a copy of ``source`` (read once: hashed while it is sealed). Returns its SHA-256
        and size. Raises :class:`TooLarge` past ``limit`` bytes."""
        with Path(source).open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise TooLarge(f"{source} is larger than {limit} bytes")
            return self._add(iter(lambda: handle.read(COPY_CHUNK), b""), limit)

    def add_bytes(self, data: bytes) -> str:
        return self._add((data,), len(data))[0]

    def _add(self, chunks: Iterable[bytes], limit: int) -> tuple[str, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=self.root)
        temporary = Path(name)
        try:
            with os.fdopen(descriptor, "wb") as out:
                writer = writer_for(out, self.key)
                for chunk in chunks:
                    writer.write(chunk)
                    if writer.size > limit:
                        raise TooLarge(f"more than {limit} bytes")
                writer.finish()
                out.flush()
                os.fsync(out.fileno())
            sha256 = writer.hexdigest()
            target = self.path(sha256)
            if target.is_file() and self.verify(sha256) is not None:
                temporary.unlink()  # content-addressed: already here, intact
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temporary, target)
                file_writes.fsync_directory(target.parent)
            return sha256, writer.size
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def partial(self, sha256: str) -> PartialBlob:
        """A download of ``sha256`` being written (resumed where an earlier one stopped)."""
        return PartialBlob(self.path(sha256), self.key)

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    # --- an earlier version's plain files -----------------------------------------------------

    def seal_plaintext(self) -> SealReport:
        """Seal every plain file of the store (an earlier version's blobs: kept, whatever they
        hold), remove plain partial downloads and leftover temporary files. Each file is
        replaced atomically, its plain bytes overwritten. Without a key: nothing to do."""
        sealed = removed = 0
        if self.key is None or not self.root.is_dir():
            return SealReport(0, 0)
        for directory, _subdirectories, files in os.walk(self.root):
            for name in files:
                path = Path(directory) / name
                try:
                    if name.startswith(TEMP_PREFIX):
                        file_writes.scrub_file(path)
                        removed += 1
                        continue
                    if at_rest.file_is_sealed(path):
                        continue
                    if name.endswith(PARTIAL_SUFFIX):
                        file_writes.scrub_file(path)
                        removed += 1
                        continue
                    at_rest.seal_in_place(path, self.key)
                    sealed += 1
                except FileNotFoundError:
                    continue
        if sealed or removed:
            log.info("event=blobs.sealed_plaintext sealed=%d removed=%d", sealed, removed)
        return SealReport(sealed, removed)
