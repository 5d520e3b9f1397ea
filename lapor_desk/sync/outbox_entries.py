"""The outbox's entries, below the judging of actions (:mod:`lapor_desk.sync.outbox`): the ids
an action gets, the payload checks every entry passes, writing an entry, and resolving the
refused or conflicting entry that a corrected action replaces.

Mutation ids grow strictly (one counter in ``sync_state``); ids of new records are UUIDv7
(:mod:`lapor_desk.models.ids`). A recorded complaint's entry keeps no NIK once it is resolved
(:func:`scrub_record_payload`). Files attached to an action are held in the profile's blob store
(:func:`blob_path`) before the entry names them (:func:`held_here`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import Blob, OutboxEntry
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import ActionKind
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import NewComplaint
from lapor_desk.models.shapes import is_sha256
from lapor_desk.models.validation import ActionRejected, check_record
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import ActionRefused, ProtocolError


@dataclass(frozen=True)
class ActionReceipt:
    mutation_id: int
    kind: ActionKind
    complaint_id: str
    #: Id of the record the action creates (disposition, follow-up or complaint), if any.
    record_id: str | None


@dataclass(frozen=True)
class AttachmentFile:
    """A file the user attached, stored in the profile's blob directory."""

    id: str
    sha256: str
    size: int
    mime_type: str
    filename: str

    def as_payload(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "size": self.size,
                "mime_type": self.mime_type, "filename": self.filename}


def new_id() -> str:
    """The id of a record made on this desktop: a UUIDv7 (time-ordered, see models.ids)."""
    return uuid7()


def take_mutation_id(connection: Connection) -> int:
    value = connection.execute(text(
        "UPDATE sync_state SET next_mutation_id = next_mutation_id + 1 WHERE id = 1 "
        "RETURNING next_mutation_id - 1"
    )).scalar_one()
    return int(value)


def blob_path(cache: Cache, sha256: str) -> Path:
    """Where the blob ``sha256`` is kept in the profile's blob store (sealed: read it through
    ``cache.blobs``). A hash comes from the wire (an attachment row), so anything but 64
    lowercase hex digits is refused here too: a path is never built from a value that was not
    checked (``../../`` would leave the profile)."""
    if not is_sha256(sha256):
        raise ProtocolError("a blob's hash must be 64 lowercase hex digits",
                            code="invalid_response")
    return cache.blobs.path(sha256)


def scrub_record_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """What of a recorded complaint's payload is kept once the server has it: never the NIK, and
    no reporter identity at all for an anonymous (anonim) complaint."""
    complaint = dict(payload.get("complaint") or {})
    reporter = dict(complaint.get("reporter") or {})
    reporter["nik"] = None
    if complaint.get("anonymous"):
        reporter = {"name": None, "nik": None, "phone": None, "email": None}
    complaint["reporter"] = reporter
    return {**payload, "complaint": complaint}


def insert_entry(connection: Connection, mutation_id: int, kind: ActionKind,
                 complaint_id: str, base_version: int | None, payload: dict[str, Any],
                 now: datetime) -> None:
    connection.execute(insert(OutboxEntry).values(
        mutation_id=mutation_id, kind=str(kind), complaint_id=complaint_id,
        base_version=base_version, payload=orjson.dumps(payload).decode(),
        state=lv.PENDING, created_at=lv.wire_time(now), attempts=0, dismissed=False,
    ))


def resolve_refused_record(connection: Connection, mutation_id: int) -> str | None:
    """Dismiss the refused ``record_complaint`` entry ``mutation_id`` (its NIK dropped) and
    give the complaint id its correction keeps (None when the server refused that id as
    taken)."""
    entry = connection.execute(select(OutboxEntry).where(
        OutboxEntry.mutation_id == mutation_id)).first()
    if (entry is None or entry.kind != ActionKind.RECORD_COMPLAINT
            or entry.state != lv.REJECTED or entry.dismissed):
        raise ActionRefused("invalid_transition", "not a refused recorded complaint")
    resolved = connection.execute(update(OutboxEntry).where(
        OutboxEntry.mutation_id == mutation_id, OutboxEntry.dismissed.is_(False),
    ).values(dismissed=True, payload=orjson.dumps(
        scrub_record_payload(orjson.loads(entry.payload))).decode()))
    if resolved.rowcount != 1:
        raise ActionRefused("invalid_transition", "already resolved")
    taken = entry.reason == "already_exists" and entry.detail == entry.complaint_id
    return None if taken else str(entry.complaint_id)


def checked_record(complaint_id: str, complaint: NewComplaint,
                   files: Sequence[AttachmentFile], now: datetime) -> dict[str, Any]:
    """The payload of a ``record_complaint`` action, through the server's own check."""
    payload = {"complaint": complaint.to_payload(), "attachments": [a.as_payload() for a in files]}
    try:
        return check_record(complaint_id, payload, now)[1]
    except ActionRejected as refused:
        raise ActionRefused(str(refused.reason), refused.detail) from None


def held_here(connection: Connection, payload: dict[str, Any]) -> None:
    """Every attachment names a blob this profile holds, of the stated size: the push uploads
    it before the action, and the server refuses a reference to content it does not hold
    (``attachment_missing``, with the same detail)."""
    refs = payload.get("attachments") or []
    if not refs:
        return
    held = {(sha, size) for sha, size in connection.execute(
        select(Blob.sha256, Blob.size).where(Blob.sha256.in_({r["sha256"] for r in refs})))}
    missing = [r["sha256"] for r in refs if (r["sha256"], r["size"]) not in held]
    if missing:
        raise ActionRefused("attachment_missing", ",".join(missing))


def resolve_answered(connection: Connection, mutation_id: int, kind: ActionKind,
                     complaint_id: str) -> None:
    """Dismiss the refused or conflicting ``kind`` entry ``mutation_id`` on ``complaint_id``
    that the action being written replaces."""
    resolved = connection.execute(update(OutboxEntry).where(
        OutboxEntry.mutation_id == mutation_id, OutboxEntry.kind == str(kind),
        OutboxEntry.complaint_id == complaint_id, OutboxEntry.dismissed.is_(False),
        OutboxEntry.state.in_([lv.REJECTED, lv.CONFLICT])).values(dismissed=True))
    if resolved.rowcount != 1:
        raise ActionRefused("invalid_transition", "not a refused or conflicting action")


def outbox_entry_exists(connection: Connection, mutation_id: int) -> bool:
    return connection.execute(select(OutboxEntry.mutation_id).where(
        OutboxEntry.mutation_id == mutation_id)).first() is not None
