"""Writing user actions: the local effective change and its outbox entry in ONE transaction.

Every method checks the action's values with the check the server runs
(:mod:`lapor_desk.models.validation`: text cleaned, lengths, ids, attachments) and queues the
checked payload, so what is queued is what the server accepts; then it judges the action with
:func:`lapor_desk.models.lifecycle.decide` against what the user sees. A refusal raises
:class:`~lapor_desk.sync.errors.ActionRefused` and writes nothing.
Otherwise the complaint shows the result at once and the action waits in the outbox for the next
push. The entries themselves (ids, the payload checks every entry passes, writing one, resolving
the one a corrected action replaces) are :mod:`lapor_desk.sync.outbox_entries`; any UUID in
canonical text is a valid id (:mod:`lapor_desk.models.shapes`).

``base_version`` of an action is the server version the user's view was built on; the push loop
moves it forward once an earlier exclusive action of ours on the same complaint is applied.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from lapor_desk.models.agencies import Actor
from lapor_desk.models.cache.blob_store import TooLarge
from lapor_desk.models.cache.schema import Blob, ImportedRow, OutboxEntry
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.models.enums import ActionKind, ArchiveReason
from lapor_desk.models.intake import NewComplaint, validate_new_complaint
from lapor_desk.models.lifecycle import MAX_ATTACHMENT_BYTES, Conflict, Rejection, decide
from lapor_desk.models.national import NationalUpdate
from lapor_desk.models.shapes import safe_file_name
from lapor_desk.models.validation import ActionRejected, check_payload
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import ActionRefused, NotSignedInError, storage_guard
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox_entries import (
    ActionReceipt,
    AttachmentFile,
    blob_path,
    checked_record,
    held_here,
    insert_entry,
    new_id,
    resolve_answered,
    resolve_refused_record,
    scrub_record_payload,
    take_mutation_id,
)

log = logging.getLogger("lapor_desk.sync.outbox")


class Outbox:
    """The user's actions on one profile's cache."""

    def __init__(self, cache: Cache, *, config: DomainConfig | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.cache = cache
        self.config = config or default_config()
        self.clock = clock
        self._directory = lv.DirectoryCache()

    # --- lifecycle actions ----------------------------------------------------------------------

    def forward(self, complaint_id: str, to_id: int, note: str = "", *,
                replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.FORWARD, complaint_id,
                           {"to_id": to_id, "note": note, "disposition_id": new_id()}, replaces)

    def handle(self, complaint_id: str, note: str = "", *,
               replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.HANDLE, complaint_id,
                           {"note": note, "disposition_id": new_id()}, replaces)

    def postpone(self, complaint_id: str, reason: str, *,
                 replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.POSTPONE, complaint_id, {"reason": reason}, replaces)

    def not_our_authority(self, complaint_id: str, reason: str, *,
                          replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.NOT_OUR_AUTHORITY, complaint_id,
                           {"reason": reason, "disposition_id": new_id()}, replaces)

    def archive(self, complaint_id: str, reason_code: ArchiveReason | str,
                note: str = "", *, replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.ARCHIVE, complaint_id,
                           {"reason_code": str(reason_code), "note": note}, replaces)

    def reroute(self, complaint_id: str, to_id: int, note: str = "", *,
                replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.REROUTE, complaint_id,
                           {"to_id": to_id, "note": note, "disposition_id": new_id()}, replaces)

    def follow_up(self, complaint_id: str, body: str,
                  attachments: Sequence[AttachmentFile] = (), *,
                  replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.FOLLOW_UP, complaint_id, {
            "follow_up_id": new_id(), "body": body,
            "attachments": [a.as_payload() for a in attachments]}, replaces)

    def internal_note(self, complaint_id: str, body: str,
                      attachments: Sequence[AttachmentFile] = (), *,
                      replaces: int | None = None) -> ActionReceipt:
        return self.submit(ActionKind.INTERNAL_NOTE, complaint_id, {
            "follow_up_id": new_id(), "body": body,
            "attachments": [a.as_payload() for a in attachments]}, replaces)

    def close(self, complaint_id: str, note: str = "") -> ActionReceipt:
        return self.submit(ActionKind.CLOSE, complaint_id, {"note": note})

    def link_duplicate(self, complaint_id: str, other_id: str) -> ActionReceipt:
        return self.submit(ActionKind.LINK_DUPLICATE, complaint_id, {"other_id": other_id})

    def unlink_duplicate(self, complaint_id: str, other_id: str) -> ActionReceipt:
        return self.submit(ActionKind.UNLINK_DUPLICATE, complaint_id, {"other_id": other_id})

    def submit(self, kind: ActionKind, complaint_id: str, payload: dict[str, Any],
               replaces: int | None = None) -> ActionReceipt:
        """Judge and record one action on an existing complaint (one transaction). With
        ``replaces`` ("fix and resend", "re-apply"), that refused or conflicting entry of the
        same kind and complaint is dismissed in the same transaction; when it is not one any
        more (a second resend) :class:`ActionRefused` ``invalid_transition``, nothing written."""
        if kind == ActionKind.RECORD_COMPLAINT:
            raise ValueError("use record_complaint")
        try:  # the complaint's id is the cache's own, as the server sent it
            payload = check_payload(kind, payload)
        except ActionRejected as refused:
            raise ActionRefused(str(refused.reason), refused.detail) from None
        now = self.clock()
        with self._storage(), self.cache.writer.begin() as connection:
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
            held_here(connection, payload)
            if replaces is not None:
                resolve_answered(connection, replaces, kind, complaint_id)
            lv.ensure_snapshot(connection, complaint_id, row)
            mutation_id = take_mutation_id(connection)
            insert_entry(connection, mutation_id, kind, complaint_id,
                               row["server_version"], payload, now)
            lv.upsert_complaint_row(connection, lv.row_with_state(row, decision.state))
            lv.write_transition(connection, complaint_id, mutation_id, decision, actor, payload)
        event(log, "outbox.action", kind=str(kind), mutation_id=mutation_id,
              complaint_id=complaint_id)
        record = payload.get("disposition_id") or payload.get("follow_up_id")
        return ActionReceipt(mutation_id, kind, complaint_id, record)

    # --- complaints recorded here ---------------------------------------------------------------

    def record_complaint(self, raw: dict[str, Any],
                         attachments: Sequence[AttachmentFile] = (), *,
                         replaces: int | None = None) -> ActionReceipt:
        """Record a complaint that arrived offline (walk-in, letter, phone...).

        With ``replaces``, the complaint is the corrected form of that refused
        ``record_complaint`` entry: in the same transaction the refused entry is resolved
        (dismissed, its NIK dropped) and the new one keeps its complaint id, so the server
        can never hold both. Raises :class:`ActionRefused` (``invalid_transition``) when that
        entry is not a refused, unresolved recorded complaint any more.

        Raises :class:`lapor_desk.models.intake.IntakeError` listing every bad field.
        """
        now = self.clock()
        complaint = validate_new_complaint(raw, now)
        with self.cache.writer.begin() as connection:
            actor = lv.load_actor(connection)
            if actor is None:
                raise NotSignedInError("sign in and sync once before recording complaints")
            complaint_id = new_id()
            if replaces is not None:
                complaint_id = resolve_refused_record(connection, replaces) or complaint_id
            receipt = self._record_one(connection, actor, complaint_id, complaint,
                                       tuple(attachments), now)
        event(log, "outbox.recorded", count=1, replaces=replaces or "")
        return receipt

    def record_validated(
        self, complaints: Iterable[tuple[NewComplaint, Sequence[AttachmentFile]]]
    ) -> list[ActionReceipt]:
        """Record already validated complaints, all in one transaction (used by the importer)."""
        now = self.clock()
        receipts: list[ActionReceipt] = []
        with self._storage(), self.cache.writer.begin() as connection:
            actor = lv.load_actor(connection)
            if actor is None:
                raise NotSignedInError("sign in and sync once before recording complaints")
            for complaint, files in complaints:
                receipts.append(self._record_one(connection, actor, new_id(), complaint,
                                                 files, now))
        event(log, "outbox.recorded", count=len(receipts))
        return receipts

    def record_imported(
        self, complaints: Sequence[tuple[str, NewComplaint]], *,
        national: Mapping[str, NationalUpdate] | None = None,
        updates: Sequence[tuple[str, NationalUpdate]] = (),
    ) -> list[ActionReceipt | None]:
        """Record validated register rows, all in one transaction, each once: a row whose
        fingerprint (the first of each pair) this profile imported before, or that came earlier
        in ``complaints``, is left out (None in its place). ``national``: the national record
        of a row (by fingerprint), queued after it; ``updates``: national records of complaints
        held here (complaint id, record), each a ``national_update`` shown at once."""
        now = self.clock()
        receipts: list[ActionReceipt | None] = []
        with self._storage(), self.cache.writer.begin() as connection:
            actor = lv.load_actor(connection)
            if actor is None:
                raise NotSignedInError("sign in and sync once before recording complaints")
            for complaint_id, update in updates:
                self._national(connection, actor, complaint_id, update, now)
            for key, complaint in complaints:
                if connection.execute(select(ImportedRow.fingerprint).where(
                        ImportedRow.fingerprint == key)).first() is not None:
                    receipts.append(None)
                    continue
                receipt = self._record_one(connection, actor, new_id(), complaint, (), now)
                connection.execute(insert(ImportedRow).values(
                    fingerprint=key, complaint_id=receipt.complaint_id,
                    imported_at=lv.wire_time(now)))
                receipts.append(receipt)
                if national and key in national:
                    self._national(connection, actor, receipt.complaint_id, national[key], now)
        event(log, "outbox.recorded", count=sum(1 for r in receipts if r is not None),
              already_imported=sum(1 for r in receipts if r is None))
        return receipts

    def _national(self, connection: Connection, actor: Actor, complaint_id: str,
                  update: NationalUpdate, now: datetime) -> int:
        """Queue a ``national_update`` of ``complaint_id`` and show what it does."""
        payload = update.to_payload()
        row = lv.complaint_row(connection, complaint_id)
        if row is None:
            raise ActionRefused("not_found")
        mutation_id = take_mutation_id(connection)
        steps = lv.national_steps(connection, lv.state_from_row(row), payload, actor,
                                  self.config, now)
        if steps:
            lv.ensure_snapshot(connection, complaint_id, row)
            lv.upsert_complaint_row(connection, lv.row_with_state(row, steps[-1].state))
            for step in steps:
                lv.write_transition(connection, complaint_id, mutation_id, step, actor, payload)
        insert_entry(connection, mutation_id, ActionKind.NATIONAL_UPDATE, complaint_id,
                           row["server_version"], payload, now)
        return mutation_id

    def _record_one(self, connection: Connection, actor: Actor, complaint_id: str,
                    complaint: NewComplaint, files: Sequence[AttachmentFile],
                    now: datetime) -> ActionReceipt:
        created = lv.wire_time(now)
        payload = checked_record(complaint_id, complaint, files, now)
        held_here(connection, payload)
        mutation_id = take_mutation_id(connection)
        insert_entry(connection, mutation_id, ActionKind.RECORD_COMPLAINT,
                           complaint_id, None, payload, now)
        lv.ensure_snapshot(connection, complaint_id, None)
        lv.upsert_complaint_row(
            connection, lv.local_record_row(complaint_id, payload, actor, created))
        lv.write_attachments(connection, complaint_id, None, mutation_id, payload, created)
        return ActionReceipt(mutation_id, ActionKind.RECORD_COMPLAINT, complaint_id,
                             complaint_id)

    # --- files ----------------------------------------------------------------------------------

    def add_file(self, path: Path | str, mime_type: str | None = None,
                 filename: str | None = None) -> AttachmentFile:
        """Keep a copy of a file in the profile's blob store (content-addressed by its plaintext
        SHA-256, sealed at rest) for attaching; the file is read once."""
        source = Path(path)
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise ActionRefused("invalid_payload", "attachments.size:too_large")
        with self._storage():  # the source is read while sealed: what fails is mostly our disk
            try:
                sha, size = self.cache.blobs.add_file(source, MAX_ATTACHMENT_BYTES)
            except TooLarge as exc:  # it grew while being read
                raise ActionRefused("invalid_payload", "attachments.size:too_large") from exc
            with self.cache.writer.begin() as connection:
                connection.execute(sqlite_insert(Blob).values(
                    sha256=sha, size=size, local_path=str(blob_path(self.cache, sha)),
                    uploaded=False,
                ).on_conflict_do_nothing())
        mime = mime_type or mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        # The name as every side accepts it (models/shapes.py): no separator, no control or
        # bidirectional formatting character, at most 255 bytes.
        name = safe_file_name(filename or source.name, sha[:12])
        return AttachmentFile(new_id(), sha, size, mime, name)

    # --- answers a person looks at --------------------------------------------------------------

    def dismiss(self, mutation_id: int) -> None:
        """A person has seen a rejection or conflict; it leaves the attention list (a
        refused recorded complaint keeps no NIK from then on)."""
        with self._storage(), self.cache.writer.begin() as connection:
            entry = connection.execute(select(OutboxEntry.kind, OutboxEntry.payload).where(
                OutboxEntry.mutation_id == mutation_id)).first()
            values: dict[str, Any] = {"dismissed": True}
            if entry is not None and entry.kind == ActionKind.RECORD_COMPLAINT:
                values["payload"] = orjson.dumps(
                    scrub_record_payload(orjson.loads(entry.payload))).decode()
            connection.execute(update(OutboxEntry).where(
                OutboxEntry.mutation_id == mutation_id,
                OutboxEntry.state.in_([lv.REJECTED, lv.CONFLICT]),
            ).values(**values))

    def _storage(self) -> AbstractContextManager[None]:
        """A failure of the profile's disk inside becomes :class:`StorageError`."""
        return storage_guard(self.cache.profile_dir)
