"""Files of a profile encrypted at rest beside its cache: attachments (the blob store) and drafts.

Keys. The profile's 32-byte key (the one that opens the SQLCipher cache, kept in the OS keyring)
is never used directly: HKDF-SHA256 derives one key per purpose with its own info label
(:data:`ATTACHMENTS`, :data:`DRAFTS`, :data:`ROUTING`), and every file gets a key of its own, derived from the
purpose key and a random salt in the file's header. Nonces are then the segment's position and
never repeat under one key.

Format, version 1 (integers big-endian)::

    header    32 bytes   b"LDSEAL" | version (1) | log2 of the segment size (16) | salt (24)
    segment   ...        AES-256-GCM(file key, nonce, plaintext, aad = header) + 16-byte tag

The plaintext is cut into segments of 64 KiB; every segment but the last is full, the last holds
the rest (possibly nothing: an empty file is one empty segment). Segment ``i``'s nonce is ``i``
on 11 bytes followed by 1 for the last segment and 0 otherwise, so the tag authenticates each
segment's position and whether it ends the file: a reordered, dropped, truncated or extended
file, or one whose header was changed, fails to decrypt (:class:`SealedFileError`). Reading is
streaming and random-access (one segment in memory at a time), and so is writing.

Files are written atomically (:mod:`.file_writes`); a plain file of an earlier version is
sealed in place (:func:`seal_in_place`) and its plain bytes overwritten.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from lapor_desk.models.cache.file_writes import replace_scrubbing

MAGIC = b"LDSEAL"
VERSION = 1
SEGMENT_LOG2 = 16
SEGMENT = 1 << SEGMENT_LOG2
TAG = 16
SALT = 24
HEADER = len(MAGIC) + 2 + SALT
KEY_BYTES = 32
#: HKDF info labels: one key per purpose, none ever equal to another's.
ATTACHMENTS = b"lapor-desk/at-rest/v1/attachments"
DRAFTS = b"lapor-desk/at-rest/v1/drafts"
#: The routing model learned from the cache's history (models/routing/storage.py).
ROUTING = b"lapor-desk/at-rest/v1/routing"
_FILE_KEY = b"lapor-desk/at-rest/v1/file"


class SealedFileError(Exception):
    """A file at rest cannot be read. ``code``: ``sealed_damaged`` (changed, truncated,
    reordered, or not sealed with this key), ``sealed_version`` (written by a newer version),
    ``sealed_key_required`` (sealed, and no key was given)."""

    def __init__(self, message: str, *, code: str = "sealed_damaged") -> None:
        super().__init__(message)
        self.code = code


def derive_key(profile_key: bytes, label: bytes, salt: bytes | None = None) -> bytes:
    """HKDF-SHA256 of ``profile_key`` for ``label`` (32 bytes)."""
    if len(profile_key) != KEY_BYTES:
        raise ValueError(f"a profile key is {KEY_BYTES} bytes, not {len(profile_key)}")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=label).derive(profile_key)


@dataclass(frozen=True)
class AtRestKeys:
    """The keys of a profile's files at rest, derived from its cache key (never shown)."""

    attachments: bytes = field(repr=False)
    drafts: bytes = field(repr=False)
    routing: bytes = field(repr=False)

    @classmethod
    def from_profile_key(cls, profile_key: bytes) -> AtRestKeys:
        return cls(derive_key(profile_key, ATTACHMENTS), derive_key(profile_key, DRAFTS),
                   derive_key(profile_key, ROUTING))


def is_sealed(head: bytes) -> bool:
    """``head`` (a file's first bytes) starts a sealed file."""
    return head[:len(MAGIC)] == MAGIC


def file_is_sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return is_sealed(handle.read(len(MAGIC)))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _cipher(key: bytes, header: bytes) -> AESGCM:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a file key is {KEY_BYTES} bytes, not {len(key)}")
    return AESGCM(derive_key(key, _FILE_KEY + header[:len(MAGIC) + 2], header[-SALT:]))


def _check_header(header: bytes) -> None:
    if len(header) < HEADER or not is_sealed(header):
        raise SealedFileError("not a sealed file (or its header is cut)")
    if header[len(MAGIC)] != VERSION or header[len(MAGIC) + 1] != SEGMENT_LOG2:
        raise SealedFileError(f"sealed file of an unknown version {header[len(MAGIC)]}",
                              code="sealed_version")


class SealedWriter:
    """Seals what is written to ``handle`` (positioned where the file starts or resumes).
    :meth:`finish` writes the last segment; nothing is readable before it. ``digest`` is the
    SHA-256 of the plaintext written so far (resumed segments included)."""

    def __init__(self, handle: BinaryIO, key: bytes, *, header: bytes | None = None,
                 index: int = 0, digest: hashlib._Hash | None = None, size: int = 0) -> None:
        self.handle = handle
        self.key = key
        if header is None:
            header = MAGIC + bytes((VERSION, SEGMENT_LOG2)) + os.urandom(SALT)
            handle.write(header)
        self.header = header
        self._aead = _cipher(key, header)
        self._index = index
        self._pending = bytearray()
        self.digest = digest or hashlib.sha256()
        self.size = size  # plaintext bytes written
        self.finished = False

    @classmethod
    def resume(cls, handle: BinaryIO, key: bytes) -> SealedWriter:
        """Carry on a file left unfinished (a partial download): its complete segments are
        checked and kept, a torn or damaged tail is cut off; ``size`` says how far it got.
        A file without a valid header starts again from nothing."""
        handle.seek(0)
        header = handle.read(HEADER)
        try:
            _check_header(header)
        except SealedFileError:
            handle.seek(0)
            handle.truncate()
            return cls(handle, key)
        aead = _cipher(key, header)
        digest = hashlib.sha256()
        index = 0
        while True:
            sealed = handle.read(SEGMENT + TAG)
            if len(sealed) < SEGMENT + TAG:
                break
            try:
                plain = aead.decrypt(_nonce(index, False), sealed, header)
            except InvalidTag:
                break
            digest.update(plain)
            index += 1
        handle.seek(HEADER + index * (SEGMENT + TAG))
        handle.truncate()
        return cls(handle, key, header=header, index=index, digest=digest,
                   size=index * SEGMENT)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self.finished:
            raise ValueError("write to a finished sealed file")
        view = memoryview(data).cast("B")
        self.digest.update(view)
        self.size += len(view)
        position, end = 0, len(view)
        # A full segment is sealed once more follows: the last one is sealed as last.
        while position < end:
            if len(self._pending) == SEGMENT:
                self._seal(bytes(self._pending), last=False)
                self._pending.clear()
            if not self._pending and end - position > SEGMENT:
                self._seal(bytes(view[position:position + SEGMENT]), last=False)
                position += SEGMENT
                continue
            take = min(SEGMENT - len(self._pending), end - position)
            self._pending += view[position:position + take]
            position += take
        return len(view)

    def _seal(self, plain: bytes, last: bool) -> None:
        self.handle.write(self._aead.encrypt(_nonce(self._index, last), plain, self.header))
        self._index += 1

    def finish(self) -> None:
        if not self.finished:
            self._seal(bytes(self._pending), last=True)
            self._pending.clear()
            self.finished = True


class SealedReader(io.RawIOBase):
    """The plaintext of a sealed file, read segment by segment (each authenticated before any
    of it is returned). Seekable; ``size`` is the plaintext's length. The last segment is
    checked on opening, so a file cut short or extended fails at once."""

    def __init__(self, handle: BinaryIO, key: bytes | None) -> None:
        super().__init__()
        self._handle = handle
        header = handle.read(HEADER)
        if is_sealed(header) and key is None:
            raise SealedFileError("the file is sealed; its key is needed",
                                  code="sealed_key_required")
        _check_header(header)
        assert key is not None
        self._header = header
        self._aead = _cipher(key, header)
        body = _size(handle) - HEADER
        self._segments = max(1, -(-body // (SEGMENT + TAG)))
        last = body - (self._segments - 1) * (SEGMENT + TAG)
        if last < TAG:
            raise SealedFileError("sealed file cut short")
        self.size = (self._segments - 1) * SEGMENT + last - TAG
        self._position = 0
        self._current: tuple[int, bytes] | None = None
        self._segment(self._segments - 1)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def _segment(self, index: int) -> bytes:
        if self._current is not None and self._current[0] == index:
            return self._current[1]
        last = index == self._segments - 1
        self._handle.seek(HEADER + index * (SEGMENT + TAG))
        sealed = self._handle.read(SEGMENT + TAG)
        try:
            plain = self._aead.decrypt(_nonce(index, last), sealed, self._header)
        except InvalidTag as exc:
            raise SealedFileError(f"segment {index} of a sealed file does not authenticate "
                                  "(damaged, cut short or reordered)") from exc
        if not last and len(plain) != SEGMENT:
            raise SealedFileError(f"segment {index} of a sealed file is short")
        self._current = (index, plain)
        return plain

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._position >= self.size:
            return 0
        index, skip = divmod(self._position, SEGMENT)
        plain = self._segment(index)
        count = min(len(buffer), len(plain) - skip)
        buffer[:count] = plain[skip:skip + count]
        self._position += count
        return count

    def read(self, size: int | None = -1) -> bytes:
        """``size`` bytes (all that is left when negative or None); fewer only at the end."""
        left = max(0, self.size - self._position)
        wanted = left if size is None or size < 0 else min(size, left)
        parts: list[bytes] = []
        while wanted > 0:
            index, skip = divmod(self._position, SEGMENT)
            plain = self._segment(index)
            piece = plain if skip == 0 and wanted >= len(plain) else plain[skip:skip + wanted]
            parts.append(piece)
            self._position += len(piece)
            wanted -= len(piece)
        return b"".join(parts)

    def close(self) -> None:
        self._current = None
        self._handle.close()
        super().close()


def seal_bytes(key: bytes, data: bytes) -> bytes:
    """``data`` sealed in memory (small files: drafts)."""
    out = io.BytesIO()
    writer = SealedWriter(out, key)
    writer.write(data)
    writer.finish()
    return out.getvalue()


def open_bytes(key: bytes | None, sealed: bytes) -> bytes:
    """The plaintext of a sealed file held in memory."""
    with SealedReader(io.BytesIO(sealed), key) as reader:
        return reader.read()


def _size(handle: BinaryIO) -> int:
    try:
        return os.fstat(handle.fileno()).st_size
    except (OSError, io.UnsupportedOperation):  # in memory
        position = handle.tell()
        end = handle.seek(0, io.SEEK_END)
        handle.seek(position)
        return end


def seal_in_place(path: Path, key: bytes) -> None:
    """Replace the plain file ``path`` by its sealed self, atomically; its plain bytes are then
    overwritten (:func:`replace_scrubbing`)."""
    descriptor, name = tempfile.mkstemp(prefix=".tmp-", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with path.open("rb") as source, os.fdopen(descriptor, "wb") as out:
            plain = os.fstat(source.fileno()).st_size
            writer = SealedWriter(out, key)
            for chunk in iter(lambda: source.read(1 << 20), b""):
                writer.write(chunk)
            writer.finish()
            out.flush()
            os.fsync(out.fileno())
        if writer.size != plain:
            raise OSError(f"sealing {path.name} read {writer.size} of {plain} bytes")
        replace_scrubbing(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
