"""Content-addressed attachment blobs: resumable upload per uploader, SHA-256 check, authorised
download.

Each user's upload of a content is their own: a ``blob_uploads`` row keyed by hash and user, with
its bytes in that user's own partial file ``.partial/<user id>/<sha>``, so one user's bytes never
touch another's. The row says how many bytes the server holds; the partial file is cut back to
that length before every write (and the row back to the file's length when the file lost bytes),
so a crash between file and row never corrupts an upload. When a user's last byte arrives and
the hash matches, the content is stored once as ``<sha[:2]>/<sha>`` (a ``blobs`` row) and the user
owns it — also when the content was already complete from someone else: they still had to send
every byte. Who may use a blob is ``blob_access.py``.

Abandoned uploads are bounded: a user holds at most ``MAX_OPEN_UPLOADS`` uploads in progress
(starting another drops their least recently touched one), and ``expire_uploads`` removes those
untouched for ``UPLOAD_TTL`` together with stray partial files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

from sqlalchemy import Table, delete, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from lapor_desk.server.blob_access import BlobAccess
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Blob, BlobUpload
from lapor_desk.server.logs import event
from lapor_desk.server.services.errors import ServiceError

log = logging.getLogger(__name__)

CHUNK_LIMIT = 4 << 20
#: Uploads one user may have in progress at once (the desktop sends one file at a time).
MAX_OPEN_UPLOADS = 10
#: An upload in progress untouched this long is abandoned: ``expire_uploads`` removes it.
UPLOAD_TTL = timedelta(days=7)
_READ_SIZE = 256 << 10

BLOBS = cast(Table, Blob.__table__)
UPLOADS = cast(Table, BlobUpload.__table__)
_UPLOAD_KEY = (UPLOADS.c.sha256, UPLOADS.c.user_id)
#: Per dialect: a user's upload row, returning its key only when it is new; a blob row.
_INSERT_IF_ABSENT = {
    "postgresql": (pg_insert(UPLOADS).on_conflict_do_nothing(index_elements=list(_UPLOAD_KEY))
                   .returning(UPLOADS.c.sha256),
                   pg_insert(BLOBS).on_conflict_do_nothing(index_elements=["sha256"])),
    "sqlite": (sqlite_insert(UPLOADS).on_conflict_do_nothing(index_elements=list(_UPLOAD_KEY))
               .returning(UPLOADS.c.sha256),
               sqlite_insert(BLOBS).on_conflict_do_nothing(index_elements=["sha256"])),
}


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


@dataclass(frozen=True)
class _Chunk:
    sha: str
    user_id: int
    offset: int
    total: int
    data: bytes
    now: datetime


@dataclass(frozen=True)
class _Received:
    """What a chunk did: the upload's state, an error to answer, files to remove."""

    state: UploadState
    error: BlobError | None = None
    remove: list[Path] = field(default_factory=list)


class BlobStore:
    def __init__(self, root: Path, max_bytes: int, *, max_open_uploads: int = MAX_OPEN_UPLOADS,
                 upload_ttl: timedelta = UPLOAD_TTL) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.max_open_uploads = max_open_uploads
        self.upload_ttl = upload_ttl
        self._locks: dict[tuple[str, int], threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def partial_path(self, sha: str, user_id: int) -> Path:
        return self.root / ".partial" / str(user_id) / sha

    def _lock(self, sha: str, user_id: int) -> threading.Lock:
        with self._locks_guard:
            if len(self._locks) > 10_000:
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            return self._locks.setdefault((sha, user_id), threading.Lock())

    def status(self, session: Session, sha: str, user_id: int) -> UploadState:
        """The caller's own upload of ``sha``: nothing about anybody else's."""
        upload = session.get(BlobUpload, (sha, user_id))
        if upload is None:
            return UploadState(0, False)
        if upload.complete:
            return UploadState(upload.size, True)
        return UploadState(min(upload.received, _length(self.partial_path(sha, user_id))), False)

    def put_chunk(self, engine: Engine, sha: str, offset: int, total: int, data: bytes,
                  user_id: int, now: datetime) -> UploadState:
        """Add ``data`` at ``offset`` to the caller's own upload of ``sha``."""
        if total > self.max_bytes:
            raise BlobError(413, "too_large", f"blobs are at most {self.max_bytes} bytes")
        if len(data) > CHUNK_LIMIT:
            raise BlobError(413, "too_large", f"chunks are at most {CHUNK_LIMIT} bytes")
        with self._lock(sha, user_id):
            with transaction(engine) as session:
                outcome = self._receive(session.connection(), _Chunk(sha, user_id, offset, total,
                                                                     data, now))
            for path in outcome.remove:  # only once the rows that named them are gone
                path.unlink(missing_ok=True)
        if outcome.error is not None:
            raise outcome.error
        return outcome.state

    def _receive(self, connection: Connection, chunk: _Chunk) -> _Received:
        """Inside the upload's transaction; raises (rolling back) for a request that changes
        nothing, answers an error to raise after commit when the row had to be corrected."""
        sha, user_id, offset, total = chunk.sha, chunk.user_id, chunk.offset, chunk.total
        partial = self.partial_path(sha, user_id)
        where = (UPLOADS.c.sha256 == sha, UPLOADS.c.user_id == user_id)
        new = connection.execute(_INSERT_IF_ABSENT[connection.dialect.name][0], {
            "sha256": sha, "user_id": user_id, "size": total, "received": 0, "complete": False,
            "created_at": chunk.now, "updated_at": chunk.now}).first() is not None
        upload = connection.execute(select(UPLOADS).where(*where).with_for_update()).one()
        if upload.complete:
            return _Received(UploadState(upload.size, True))
        # The row is trusted only as far as the partial file really goes (a crash or a disk
        # fault may have shortened it); bytes past the row are overwritten.
        size, received = upload.size, min(upload.received, _length(partial))
        if size != total:
            if offset != 0:
                raise BlobError(409, "upload_total_mismatch",
                                "total differs from the upload in progress; start again at 0")
            size, received = total, 0
        if offset != received:
            refusal = BlobError(409, "upload_offset_mismatch",
                                f"the server holds {received} bytes", received)
            if new:
                raise refusal
            connection.execute(update(UPLOADS).where(*where).values(received=received))
            return _Received(UploadState(received, False), refusal)
        if offset + len(chunk.data) > total:
            raise BlobError(422, "chunk_past_total", "the chunk goes past total")
        remove = self._make_room(connection, user_id, sha) if new else []
        self._write(partial, offset, chunk.data)
        received = offset + len(chunk.data)
        if received == total and _sha256_of(partial) != sha:
            connection.execute(delete(UPLOADS).where(*where))
            return _Received(UploadState(0, False), BlobError(
                422, "hash_mismatch", "the content does not match its SHA-256"), [*remove, partial])
        complete = received == total
        if complete:
            self._store(connection, sha, total, partial, user_id, chunk.now)
        connection.execute(update(UPLOADS).where(*where).values(
            size=size, received=received, complete=complete, updated_at=chunk.now))
        return _Received(UploadState(received, complete), remove=remove)

    def _store(self, connection: Connection, sha: str, size: int, partial: Path, user_id: int,
               now: datetime) -> None:
        """The content is complete and checked: keep one copy, record it once."""
        final = self.path(sha)
        held = connection.execute(select(BLOBS.c.complete).where(BLOBS.c.sha256 == sha)).first()
        if held is not None and held.complete and final.is_file():
            partial.unlink(missing_ok=True)  # stored already: this upload only proves possession
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        if held is None:
            connection.execute(_INSERT_IF_ABSENT[connection.dialect.name][1], {
                "sha256": sha, "size": size, "received": size, "complete": True,
                "uploaded_by": user_id, "created_at": now})
        elif not held.complete:
            connection.execute(update(BLOBS).where(BLOBS.c.sha256 == sha).values(
                size=size, received=size, complete=True))

    def _make_room(self, connection: Connection, user_id: int, keep: str) -> list[Path]:
        """Drop the user's least recently touched uploads in progress beyond the limit; returns
        their partial files (removed once the transaction is over)."""
        stale = list(connection.execute(
            select(UPLOADS.c.sha256).where(UPLOADS.c.user_id == user_id,
                                           UPLOADS.c.complete != true(), UPLOADS.c.sha256 != keep)
            .order_by(UPLOADS.c.updated_at.desc(), UPLOADS.c.sha256)
            .offset(self.max_open_uploads - 1)).scalars())
        if not stale:
            return []
        connection.execute(delete(UPLOADS).where(UPLOADS.c.user_id == user_id,
                                                 UPLOADS.c.sha256.in_(stale)))
        event(log, "blob_uploads_dropped", user_id=user_id, count=len(stale))
        return [self.partial_path(sha, user_id) for sha in stale]

    def expire_uploads(self, engine: Engine, now: datetime) -> int:
        """Remove the uploads in progress untouched for ``upload_ttl``, then every partial file
        that belongs to no upload in progress and was not written for that long either (those
        of the removed uploads, leftovers of a crash, files of the old shared layout). Returns
        how many files were removed."""
        cutoff = now - self.upload_ttl
        open_upload = (UPLOADS.c.complete != true())
        with transaction(engine) as session:
            connection = session.connection()
            expired = connection.execute(delete(UPLOADS).where(
                open_upload, UPLOADS.c.updated_at < cutoff)).rowcount
            in_progress = {(row.sha256, row.user_id) for row in connection.execute(
                select(UPLOADS.c.sha256, UPLOADS.c.user_id).where(open_upload))}
        # A file written since (a new upload of the same content) is younger than the cutoff.
        written_before = min(cutoff.timestamp(), time.time() - 60)
        removed = sum(_unlink(path) for path, key in self._partial_files()
                      if key not in in_progress and _mtime(path) < written_before)
        if expired or removed:
            event(log, "blob_uploads_expired", uploads=expired, files=removed)
        return removed

    def _partial_files(self) -> Iterator[tuple[Path, tuple[str, int] | None]]:
        """Every file under ``.partial``, with its (sha, user id) when it has the current layout
        (files of the old, shared layout ``.partial/<sha>`` have none)."""
        base = self.root / ".partial"
        if not base.is_dir():
            return
        for entry in base.iterdir():
            if entry.is_file():
                yield entry, None
            elif entry.is_dir() and entry.name.isdigit():
                for file in entry.iterdir():
                    if file.is_file():
                        yield file, (file.name, int(entry.name))

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

    def may_download(self, session: Session, access: BlobAccess, sha: str) -> int:
        """The blob's size, when the caller may download it (``blob_access``). Raises 403
        ``forbidden`` when they may not — whether or not the server holds the content, so the
        answer tells nobody what exists — and 404 when they may but the content is not here."""
        if not access.may_read(session, sha):
            raise BlobError(403, "forbidden", "you may not download this attachment")
        blob = session.get(Blob, sha)
        if blob is None or not blob.complete:
            raise BlobError(404, "not_found", "no such blob")
        return blob.size

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


def _length(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1


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


def write_whole(root: Path, data: bytes) -> str:
    """Content that arrived whole (a public form's file, a channel's attachment, an SP4N
    file) as a blob file under ``root`` in the store's layout, durably; its SHA-256."""
    sha = hashlib.sha256(data).hexdigest()
    final = root / sha[:2] / sha
    if final.is_file() and final.stat().st_size == len(data):
        return sha
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=".whole-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return sha


def record_whole(executor: Connection | Session, sha: str, size: int, now: datetime) -> None:
    """The blob row of content written by :func:`write_whole`, in the caller's transaction:
    added when absent, and marked complete if an upload of the same content is under way."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
    executor.execute(insert(Blob).values(
        sha256=sha, size=size, received=size, complete=True, uploaded_by=None,
        created_at=now).on_conflict_do_nothing(index_elements=["sha256"]))
    executor.execute(update(Blob).where(Blob.sha256 == sha, ~Blob.complete).values(
        size=size, received=size, complete=True))
