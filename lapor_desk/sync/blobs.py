"""Attachment blobs: resumable chunked upload and resumable, hash-verified download.

Local copies live in the profile's blob store (``cache.blobs``), sealed at rest: an upload reads
the plaintext from there, a download is sealed as it arrives (a ``.part`` beside the blob,
resumed from its last whole segment). Both check the plaintext's SHA-256, which is the blob's
name on both sides; the wire carries plaintext as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.at_rest import SealedFileError
from lapor_desk.models.cache.blob_store import BlobDamaged, BlobStore
from lapor_desk.models.cache.schema import Attachment, Blob
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.lifecycle import MAX_ATTACHMENT_BYTES
from lapor_desk.sync.api import Api
from lapor_desk.sync.errors import BlobIntegrityError, ProtocolError, storage_guard
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox_entries import blob_path
from lapor_desk.sync.transport import Transport

log = logging.getLogger("lapor_desk.sync.blobs")

UPLOAD_CHUNK = 4 * 1024 * 1024


def upload_blob(cache: Cache, transport: Transport, sha256: str,
                on_bytes: Callable[[int], None] | None = None,
                chunk_size: int = UPLOAD_CHUNK) -> bool:
    """Make sure the server holds the blob ``sha256``. Returns False when we do not have it."""
    with cache.engine.connect() as connection:
        blob = connection.execute(select(Blob).where(Blob.sha256 == sha256)).first()
    if blob is None:
        return False
    if blob.uploaded:
        return True
    # The content-addressed place in THIS profile's blob store (the stored absolute path goes
    # stale when a profile is moved or restored elsewhere: tests/models/test_cache_upgrade.py).
    try:
        total = _upload(cache.blobs, transport, sha256, on_bytes, chunk_size)
    except (BlobDamaged, SealedFileError) as exc:
        raise BlobIntegrityError(f"local copy of blob {sha256} is missing or damaged",
                                 code="local_blob_damaged") from exc
    with storage_guard(cache.profile_dir), cache.writer.begin() as connection:
        connection.execute(update(Blob).where(Blob.sha256 == sha256).values(uploaded=True))
    event(log, "blob.uploaded", sha256=sha256, size=total)
    return True


def _upload(store: BlobStore, transport: Transport, sha256: str,
            on_bytes: Callable[[int], None] | None, chunk_size: int) -> int:
    """Send the blob's plaintext from where the server's copy stops; returns its size."""
    total = store.verify(sha256)
    if total is None:
        raise BlobDamaged(f"local copy of blob {sha256} is missing or damaged")
    api = Api(transport)
    state = api.upload_status(sha256, total)
    offset = state.offset
    with store.reading(sha256) as handle:
        while not state.complete:
            handle.seek(offset)
            chunk = handle.read(chunk_size)
            try:
                state = api.upload_chunk(sha256, offset, total, chunk)
            except ProtocolError as exc:
                if exc.code == "upload_offset_mismatch" and exc.server_offset is not None:
                    event(log, "blob.offset_mismatch", sha256=sha256, ours=offset,
                          server=exc.server_offset)
                    offset = exc.server_offset
                    continue
                raise
            if on_bytes is not None:
                on_bytes(max(0, state.offset - offset))
            if not state.complete and state.offset <= offset and chunk:
                raise ProtocolError("upload made no progress", code="invalid_response")
            offset = state.offset
            if not chunk and not state.complete:
                raise ProtocolError("server wants bytes past the end", code="invalid_response")
    return total


def forget_uploaded(connection: Connection, payload: dict[str, Any]) -> None:
    """The server refused an action's attachments (``attachment_missing``): it holds none of them
    for this user — a download marked them uploaded while the user could read them, or an upload
    went astray. The next action naming them uploads them again (asking the server first)."""
    refs = payload.get("attachments")
    shas = [ref["sha256"] for ref in refs if isinstance(ref, dict)
            and isinstance(ref.get("sha256"), str)] if isinstance(refs, list) else []
    if shas:
        connection.execute(update(Blob).where(Blob.sha256.in_(shas)).values(uploaded=False))
        event(log, "blob.upload_forgotten", count=len(shas))


def download_blob(cache: Cache, transport: Transport, sha256: str, size: int | None = None,
                  on_bytes: Callable[[int], None] | None = None) -> Path:
    """Fetch a blob (resuming a partial download), verify its SHA-256 and record it. Returns
    where it is kept, sealed: read it through ``cache.blobs``. A full disk raises
    :class:`StorageError` and keeps the part received: the next try resumes it."""
    with storage_guard(cache.profile_dir):
        return _download_blob(cache, transport, sha256, size, on_bytes)


def _download_blob(cache: Cache, transport: Transport, sha256: str, size: int | None,
                   on_bytes: Callable[[int], None] | None) -> Path:
    target = blob_path(cache, sha256)  # refuses a hash that is not one, before any file is touched
    store = cache.blobs
    if target.exists():
        here = store.verify(sha256)
        if here is not None:
            _record(cache, sha256, target, here)
            return target
    with store.partial(sha256) as sink:
        offset = sink.offset
        if size is not None and offset > size:
            sink.restart()
            offset = 0
        got = Api(transport).download_blob(sha256, sink, offset, on_bytes)  # type: ignore[arg-type]
        if got > MAX_ATTACHMENT_BYTES or sink.hexdigest() != sha256:
            sink.discard()
            raise BlobIntegrityError(f"downloaded blob {sha256} does not match its hash")
        kept = sink.commit()
    _record(cache, sha256, target, kept)
    event(log, "blob.downloaded", sha256=sha256, size=got, resumed_from=offset)
    return target


def _record(cache: Cache, sha256: str, path: Path, size: int) -> None:
    with cache.writer.begin() as connection:
        connection.execute(sqlite_insert(Blob).values(
            sha256=sha256, size=size, local_path=str(path), uploaded=True,
        ).on_conflict_do_nothing())
        connection.execute(update(Attachment).where(Attachment.sha256 == sha256).values(
            local_path=str(path)))


def download_attachment(cache: Cache, transport: Transport, attachment_id: str,
                        on_bytes: Callable[[int], None] | None = None) -> Path:
    with cache.engine.connect() as connection:
        row = connection.execute(select(Attachment.sha256, Attachment.size).where(
            Attachment.id == attachment_id)).first()
    if row is None:
        raise ProtocolError(f"no attachment {attachment_id} in the cache", code="not_found")
    return download_blob(cache, transport, row.sha256, row.size, on_bytes)
