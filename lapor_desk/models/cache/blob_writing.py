"""Writing a blob: sealed (a keyed store) or plain, and a download in progress.

A :class:`PartialBlob` is ``<sha>.part`` beside the blob it becomes, sealed like the blobs: a
download broken off (the network, the process) resumes from its last whole segment, checked
again before anything is appended; the transport writes to it as to a file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import BinaryIO, Protocol, Self

from lapor_desk.models.cache import file_writes
from lapor_desk.models.cache.at_rest import SealedWriter

PARTIAL_SUFFIX = ".part"
COPY_CHUNK = 1 << 20


class Writer(Protocol):
    @property
    def size(self) -> int: ...

    def write(self, data: bytes | bytearray | memoryview) -> int: ...

    def finish(self) -> None: ...

    def hexdigest(self) -> str: ...


class Sealing:
    """Seals what is written (the keyed store)."""

    def __init__(self, inner: SealedWriter) -> None:
        self.inner = inner

    @property
    def size(self) -> int:
        return self.inner.size

    def write(self, data: bytes | bytearray | memoryview) -> int:
        return self.inner.write(data)

    def finish(self) -> None:
        self.inner.finish()

    def hexdigest(self) -> str:
        return self.inner.digest.hexdigest()


class Plain:
    """Writes plain bytes (a store without a key)."""

    def __init__(self, handle: BinaryIO, size: int = 0,
                 digest: hashlib._Hash | None = None) -> None:
        self.handle = handle
        self.size = size
        self.digest = digest or hashlib.sha256()

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    def finish(self) -> None:
        pass

    def hexdigest(self) -> str:
        return self.digest.hexdigest()

def writer_for(handle: BinaryIO, key: bytes | None) -> Writer:
    """A writer that seals into ``handle`` (or writes plain bytes without a key)."""
    return Plain(handle) if key is None else Sealing(SealedWriter(handle, key))


class PartialBlob:
    """A download being written to ``<sha>.part`` beside its blob, sealed like the blobs and
    resumable: what an earlier attempt wrote is checked and kept (a torn tail is cut off), and
    the transport appends to it. The file-like methods are those the transport uses."""

    def __init__(self, target: Path, key: bytes | None) -> None:
        self.key = key
        self.target = target
        self.path = self.target.with_name(self.target.name + PARTIAL_SUFFIX)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: BinaryIO = open(self.path, "r+b" if self.path.exists() else "w+b")  # noqa: SIM115
        self._writer = self._resume()

    def _resume(self) -> Writer:
        handle = self._handle
        if self.key is not None:
            # Checked and kept up to its last whole segment; anything else starts again.
            return Sealing(SealedWriter.resume(handle, self.key))
        handle.seek(0)
        digest = hashlib.sha256()
        size = 0
        for chunk in iter(lambda: handle.read(COPY_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
        return Plain(handle, size, digest)

    @property
    def offset(self) -> int:
        """Plaintext bytes already here: the download resumes from there."""
        return self._writer.size

    def write(self, data: bytes) -> int:
        return self._writer.write(data)

    def tell(self) -> int:
        return self._writer.size

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Only to the start (the server ignored the range: everything comes again)."""
        if whence != os.SEEK_SET or offset not in (0, self._writer.size):
            raise ValueError("a partial download is only rewound to its start")
        if offset == 0 and self._writer.size:
            self.restart()
        return offset

    def truncate(self, size: int | None = None) -> int:
        if size not in (None, 0) or self._writer.size:
            raise ValueError("a partial download is only emptied after a rewind")
        return 0

    def restart(self) -> None:
        self._handle.seek(0)
        self._handle.truncate()
        self._writer = writer_for(self._handle, self.key)

    def flush(self) -> None:
        self._handle.flush()

    def hexdigest(self) -> str:
        return self._writer.hexdigest()

    def commit(self) -> int:
        """Seal the last segment and put the blob in its place. Returns its plaintext size."""
        self._writer.finish()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.replace(self.path, self.target)
        file_writes.fsync_directory(self.target.parent)
        return self._writer.size

    def discard(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Keep what was written for the next attempt."""
        if not self._handle.closed:
            self._handle.flush()
            self._handle.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
