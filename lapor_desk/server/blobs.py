"""Content-addressed attachment blobs: resumable upload, SHA-256 check, authorised download.

Files live under ``settings.resolved_blob_dir()`` as ``<sha[:2]>/<sha>``; an upload in progress is
``.partial/<sha>``. The ``blobs`` row says how many bytes the server holds; the partial file is
cut back to that length before every write, so a crash between file and row never corrupts it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import literal, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.server.database import transaction
from lapor_desk.server.db import Attachment, Blob
from lapor_desk.server.scope import COMPLAINTS, Viewer
from lapor_desk.server.services.errors import ServiceError

CHUNK_LIMIT = 4 << 20
_READ_SIZE = 256 << 10


class BlobError(ServiceError):
    """``code`` and ``status`` say what to answer; ``offset`` for an offset mismatch."""

    def __init__(self, status: int, code: str, message: str, offset: int | None = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.offset = offset


@dataclass(frozen=True)
class UploadState:
    offset: int
    complete: bool


class BlobStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def partial_path(self, sha: str) -> Path:
        return self.root / ".partial" / sha

    def _lock(self, sha: str) -> threading.Lock:
        with self._locks_guard:
            if len(self._locks) > 10_000:
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            return self._locks.setdefault(sha, threading.Lock())

    def status(self, session: Session, sha: str) -> UploadState:
        blob = session.get(Blob, sha)
        if blob is None:
            return UploadState(0, False)
        return UploadState(blob.size if blob.complete else blob.received, bool(blob.complete))

    def put_chunk(self, engine: Engine, sha: str, offset: int, total: int, data: bytes,
                  user_id: int, now: datetime) -> UploadState:
        if total > self.max_bytes:
            raise BlobError(413, "too_large", f"blobs are at most {self.max_bytes} bytes")
        if len(data) > CHUNK_LIMIT:
            raise BlobError(413, "too_large", f"chunks are at most {CHUNK_LIMIT} bytes")
        with self._lock(sha):
            mismatch = False
            with transaction(engine) as session:
                blob = session.scalars(select(Blob).where(Blob.sha256 == sha).with_for_update()).first()
                if blob is not None and blob.complete:
                    return UploadState(blob.size, True)
                if blob is None:
                    if offset != 0:
                        raise BlobError(409, "upload_offset_mismatch", "start at offset 0", 0)
                    blob = Blob(sha256=sha, size=total, received=0, complete=False,
                                uploaded_by=user_id, created_at=now)
                    session.add(blob)
                elif blob.size != total:
                    if offset != 0:
                        raise BlobError(422, "invalid_request", "total differs from the upload's")
                    blob.size, blob.received = total, 0
                if offset != blob.received:
                    raise BlobError(409, "upload_offset_mismatch",
                                    f"the server holds {blob.received} bytes", blob.received)
                if offset + len(data) > total:
                    raise BlobError(422, "invalid_request", "the chunk goes past total")
                partial = self.partial_path(sha)
                self._write(partial, offset, data)
                blob.received = offset + len(data)
                if blob.received == total:
                    if _sha256_of(partial) == sha:
                        final = self.path(sha)
                        final.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(partial, final)
                        blob.complete = True
                    else:
                        partial.unlink(missing_ok=True)
                        if blob in session.new:
                            session.expunge(blob)
                        else:
                            session.delete(blob)
                        mismatch = True
                state = UploadState(blob.received, bool(blob.complete))
            if mismatch:
                raise BlobError(422, "hash_mismatch", "the content does not match its SHA-256")
            return state

    @staticmethod
    def _write(partial: Path, offset: int, data: bytes) -> None:
        partial.parent.mkdir(parents=True, exist_ok=True)
        mode = "r+b" if partial.exists() else "w+b"
        with open(partial, mode) as handle:
            handle.seek(offset)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())

    def may_download(self, session: Session, viewer: Viewer, sha: str) -> bool:
        """The caller uploaded it, or it belongs to an attachment they may see unredacted."""
        blob = session.get(Blob, sha)
        if blob is None or not blob.complete:
            raise BlobError(404, "not_found", "no such blob")
        if blob.uploaded_by == viewer.user.id:
            return True
        a = Attachment.__table__
        found = session.execute(
            select(literal(1)).select_from(a.join(COMPLAINTS, COMPLAINTS.c.id == a.c.complaint_id))
            .where(a.c.sha256 == sha, viewer.complaint_clause(), viewer.readable_clause())
            .limit(1)
        ).first()
        return found is not None

    def read(self, sha: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start..end`` inclusive."""
        with open(self.path(sha), "rb") as handle:
            handle.seek(start)
            remaining = end - start + 1
            while remaining > 0:
                chunk = handle.read(min(_READ_SIZE, remaining))
                if not chunk:
                    return
                remaining -= len(chunk)
                yield chunk


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``bytes=N-`` or ``bytes=N-M`` as an inclusive range; ``None`` when absent. Raises
    ``BlobError(416)`` when it cannot be satisfied."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    first, dash, last = spec.strip().partition("-")
    if unit.strip().lower() != "bytes" or not dash or "," in spec:
        raise BlobError(416, "invalid_request", "only one byte range is supported")
    try:
        if first == "":
            length = int(last)
            start, end = max(0, size - length), size - 1
        else:
            start = int(first)
            end = int(last) if last else size - 1
    except ValueError:
        raise BlobError(416, "invalid_request", "bad range") from None
    end = min(end, size - 1)
    if start < 0 or start > end:
        raise BlobError(416, "invalid_request", "range not satisfiable")
    return start, end
