"""Writing user actions: the local effective change and its outbox entry in ONE transaction.

Every method judges the action with :func:`lapor_desk.models.lifecycle.decide` against what the
user sees; a refusal raises :class:`~lapor_desk.sync.errors.ActionRefused` and writes nothing.
Otherwise the complaint shows the result at once and the action waits in the outbox for the next
push. Mutation ids grow strictly (one counter in ``sync_state``); ids of new records are UUID4.

``base_version`` of an action is the server version the user's view was built on; the push loop
moves it forward once an earlier exclusive action of ours on the same complaint is applied.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.blob_store import TooLarge
from lapor_desk.models.cache.schema import Blob, OutboxEntry
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.models.enums import ActionKind, ArchiveReason
from lapor_desk.models.ids import uuid7
from lapor_desk.models.intake import NewComplaint, validate_new_complaint
from lapor_desk.models.lifecycle import MAX_ATTACHMENT_BYTES, Conflict, Rejection, decide
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import ActionRefused, NotSignedInError
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.sync.outbox")


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
    """Where the blob ``sha256`` is kept (sealed: read it through ``cache.blobs``)."""
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


class Outbox:
    """The user's actions on one profile's cache."""

    def __init__(self, cache: Cache, *, config: DomainConfig | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.cache = cache
        self.config = config or default_config()
        self.clock = clock
        self._directory = lv.DirectoryCache()

    # --- lifecycle actions ----------------------------------------------------------------------

    def forward(self, complaint_id: str, to_id: int, note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.FORWARD, complaint_id,
                           {"to_id": to_id, "note": note, "disposition_id": new_id()})

    def handle(self, complaint_id: str, note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.HANDLE, complaint_id,
                           {"note": note, "disposition_id": new_id()})

    def postpone(self, complaint_id: str, reason: str) -> ActionReceipt:
        return self.submit(ActionKind.POSTPONE, complaint_id, {"reason": reason})

    def not_our_authority(self, complaint_id: str, reason: str) -> ActionReceipt:
        return self.submit(ActionKind.NOT_OUR_AUTHORITY, complaint_id,
                           {"reason": reason, "disposition_id": new_id()})

    def archive(self, complaint_id: str, reason_code: ArchiveReason | str,
                note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.ARCHIVE, complaint_id,
                           {"reason_code": str(reason_code), "note": note})

    def reroute(self, complaint_id: str, to_id: int, note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.REROUTE, complaint_id,
                           {"to_id": to_id, "note": note, "disposition_id": new_id()})

    def follow_up(self, complaint_id: str, body: str,
                  attachments: Sequence[AttachmentFile] = ()) -> ActionReceipt:
        return self.submit(ActionKind.FOLLOW_UP, complaint_id, {
            "follow_up_id": new_id(), "body": body,
            "attachments": [a.as_payload() for a in attachments]})

    def internal_note(self, complaint_id: str, body: str,
                      attachments: Sequence[AttachmentFile] = ()) -> ActionReceipt:
        return self.submit(ActionKind.INTERNAL_NOTE, complaint_id, {
            "follow_up_id": new_id(), "body": body,
            "attachments": [a.as_payload() for a in attachments]})

    def close(self, complaint_id: str, note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.CLOSE, complaint_id, {"note": note})

    def link_duplicate(self, complaint_id: str, other_id: str) -> ActionReceipt:
        return self.submit(ActionKind.LINK_DUPLICATE, complaint_id, {"other_id": other_id})

    def unlink_duplicate(self, complaint_id: str, other_id: str) -> ActionReceipt:
        return self.submit(ActionKind.UNLINK_DUPLICATE, complaint_id, {"other_id": other_id})

    def submit(self, kind: ActionKind, complaint_id: str,
               payload: dict[str, Any]) -> ActionReceipt:
        """Judge and record one action on an existing complaint (one transaction)."""
        if kind == ActionKind.RECORD_COMPLAINT:
            raise ValueError("use record_complaint")
        now = self.clock()
        with self.cache.writer.begin() as connection:
            actor = lv.load_actor(connection)
            if actor is None:
                raise NotSignedInError("sign in and sync once before acting")
            row = lv.complaint_row(connection, complaint_id)
            if row is None:
                raise ActionRefused("not_found")
            directory = self._directory.get(connection)
            decision = decide(lv.state_from_row(row), kind, payload, actor, directory,
                              self.config, now)
            if isinstance(decision, Rejection):
                raise ActionRefused(str(decision.reason), decision.detail)
            if isinstance(decision, Conflict):  # cannot happen without a base version
                raise ActionRefused("conflict")
            lv.ensure_snapshot(connection, complaint_id, row)
            mutation_id = take_mutation_id(connection)
            self._insert_entry(connection, mutation_id, kind, complaint_id,
                               row["server_version"], payload, now)
            lv.upsert_complaint_row(connection, lv.row_with_state(row, decision.state))
            lv.write_transition(connection, complaint_id, mutation_id, decision, actor, payload)
        event(log, "outbox.action", kind=str(kind), mutation_id=mutation_id,
              complaint_id=complaint_id)
        record = payload.get("disposition_id") or payload.get("follow_up_id")
        return ActionReceipt(mutation_id, kind, complaint_id, record)

    # --- complaints recorded here ---------------------------------------------------------------

    def record_complaint(self, raw: dict[str, Any],
                         attachments: Sequence[AttachmentFile] = ()) -> ActionReceipt:
        """Record a complaint that arrived offline (walk-in, letter, phone...).

        Raises :class:`lapor_desk.models.intake.IntakeError` listing every bad field.
        """
        complaint = validate_new_complaint(raw, self.clock())
        return self.record_validated([(complaint, tuple(attachments))])[0]

    def record_validated(
        self, complaints: Iterable[tuple[NewComplaint, Sequence[AttachmentFile]]]
    ) -> list[ActionReceipt]:
        """Record already validated complaints, all in one transaction (used by the importer)."""
        now = self.clock()
        created = lv.wire_time(now)
        receipts: list[ActionReceipt] = []
        with self.cache.writer.begin() as connection:
            actor = lv.load_actor(connection)
            if actor is None:
                raise NotSignedInError("sign in and sync once before recording complaints")
            for complaint, files in complaints:
                complaint_id = new_id()
                payload = {"complaint": complaint.to_payload(),
                           "attachments": [a.as_payload() for a in files]}
                mutation_id = take_mutation_id(connection)
                self._insert_entry(connection, mutation_id, ActionKind.RECORD_COMPLAINT,
                                   complaint_id, None, payload, now)
                lv.ensure_snapshot(connection, complaint_id, None)
                lv.upsert_complaint_row(
                    connection, lv.local_record_row(complaint_id, payload, actor, created))
                lv.write_attachments(connection, complaint_id, None, mutation_id, payload,
                                     created)
                receipts.append(ActionReceipt(mutation_id, ActionKind.RECORD_COMPLAINT,
                                              complaint_id, complaint_id))
        event(log, "outbox.recorded", count=len(receipts))
        return receipts

    # --- files ----------------------------------------------------------------------------------

    def add_file(self, path: Path | str, mime_type: str | None = None,
                 filename: str | None = None) -> AttachmentFile:
        """Keep a copy of a file in the profile's blob store (content-addressed by its plaintext
        SHA-256, sealed at rest) for attaching; the file is read once."""
        source = Path(path)
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise ActionRefused("invalid_payload", "attachment larger than 25 MiB")
        try:
            sha, size = self.cache.blobs.add_file(source, MAX_ATTACHMENT_BYTES)
        except TooLarge as exc:  # it grew while being read
            raise ActionRefused("invalid_payload", "attachment larger than 25 MiB") from exc
        with self.cache.writer.begin() as connection:
            connection.execute(sqlite_insert(Blob).values(
                sha256=sha, size=size, local_path=str(blob_path(self.cache, sha)),
                uploaded=False,
            ).on_conflict_do_nothing())
        mime = mime_type or mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        return AttachmentFile(new_id(), sha, size, mime, (filename or source.name)[:255])

    # --- answers a person looks at --------------------------------------------------------------

    def dismiss(self, mutation_id: int) -> None:
        """A person has seen a rejection or conflict; it leaves the attention list."""
        with self.cache.writer.begin() as connection:
            connection.execute(update(OutboxEntry).where(
                OutboxEntry.mutation_id == mutation_id,
                OutboxEntry.state.in_([lv.REJECTED, lv.CONFLICT]),
            ).values(dismissed=True))

    def _insert_entry(self, connection: Connection, mutation_id: int, kind: ActionKind,
                      complaint_id: str, base_version: int | None, payload: dict[str, Any],
                      now: datetime) -> None:
        connection.execute(insert(OutboxEntry).values(
            mutation_id=mutation_id, kind=str(kind), complaint_id=complaint_id,
            base_version=base_version, payload=orjson.dumps(payload).decode(),
            state=lv.PENDING, created_at=lv.wire_time(now), attempts=0, dismissed=False,
        ))


def outbox_entry_exists(connection: Connection, mutation_id: int) -> bool:
    return connection.execute(select(OutboxEntry.mutation_id).where(
        OutboxEntry.mutation_id == mutation_id)).first() is not None
