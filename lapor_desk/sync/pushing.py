"""The push half of a sync round: upload the blobs an action names, send the outbox in batches,
keep every answer (and where the server stood when it applied an action), and go back to a
backup with the server when it says it was restored (sync/epoch.py).

:class:`PushSide` is a part of :class:`lapor_desk.sync.engine.SyncEngine`, which gives it its
cache, API, clock and progress reporting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select, update

from lapor_desk.models.cache.schema import Complaint, OutboxEntry, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import EXCLUSIVE_ACTIONS, ActionKind, Outcome, RejectReason
from lapor_desk.sync import epoch as server_epoch
from lapor_desk.sync import localview as lv
from lapor_desk.sync.api import Api
from lapor_desk.sync.blobs import forget_uploaded, upload_blob
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox_entries import scrub_record_payload
from lapor_desk.sync.protocol import PushAnswer, ServerEpoch
from lapor_desk.sync.report import SyncReport
from lapor_desk.sync.transport import Transport

log = logging.getLogger("lapor_desk.sync.engine")

MAX_BATCH = 500
MAX_BATCH_BYTES = 7 * 1024 * 1024
MAX_RESETS = 3

#: Actions after which our own later actions on the same complaint are based on the new version.
REBASING = EXCLUSIVE_ACTIONS | {ActionKind.RECORD_COMPLAINT}


class PushSide:
    """Sending the outbox; the engine it is part of gives the attributes below and overrides
    the two methods (cancel and progress)."""

    cache: Cache
    transport: Transport
    api: Api
    batch_size: int
    clock: Callable[[], datetime]

    def _check_cancel(self) -> None:
        raise NotImplementedError

    def _progress(self, phase: str, records: int, moved: int,
                  fraction: float | None = None) -> None:
        raise NotImplementedError

    def _went_back(self, heard: ServerEpoch, report: SyncReport) -> None:
        """The server is in another epoch: it was restored from a backup (sync/epoch.py)."""
        with self.cache.writer.begin() as connection:
            report.resent += server_epoch.went_back(connection, heard)
        report.server_restored = True

    def _next_batch(self) -> list[Any]:
        with self.cache.engine.connect() as connection:
            rows = list(connection.execute(
                select(OutboxEntry).where(OutboxEntry.state == lv.PENDING)
                .order_by(OutboxEntry.mutation_id).limit(self.batch_size)))
        batch: list[Any] = []
        rebased: set[str] = set()
        size = 0
        for row in rows:
            if row.complaint_id in rebased and row.kind in EXCLUSIVE_ACTIONS:
                break  # its base version depends on the answer to an earlier action
            size += len(row.payload) + 200
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(row)
            if row.kind in REBASING:
                rebased.add(row.complaint_id)
        return batch

    def push(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        with self.cache.engine.connect() as connection:
            client_id = connection.execute(
                select(SyncState.client_id).where(SyncState.id == 1)).scalar_one()
        while True:
            self._check_cancel()
            batch = self._next_batch()
            if not batch:
                return report
            self._upload_blobs(batch, report)
            actions = []
            for row in batch:
                base = row.base_version
                if row.kind != ActionKind.RECORD_COMPLAINT and base is None:
                    base = 0
                actions.append({"mutation_id": row.mutation_id, "kind": row.kind,
                                "complaint_id": row.complaint_id, "base_version": base,
                                "payload": orjson.loads(row.payload)})
            sent = [row.mutation_id for row in batch]
            with self.cache.writer.begin() as connection:
                connection.execute(update(OutboxEntry).where(OutboxEntry.mutation_id.in_(sent))
                                   .values(attempts=OutboxEntry.attempts + 1))
                known = server_epoch.known_epoch(connection)
            try:
                answer = self.api.push(client_id, actions, sent, known)
            except ProtocolError as refused:
                if refused.code != "epoch_changed" or report.resets >= MAX_RESETS:
                    raise
                # Restored from a backup since we last heard it: nothing of the batch was
                # applied; what it no longer holds goes back in the outbox, then on.
                report.resets += 1
                current = self.api.health().epoch
                if current is None:
                    raise
                self._went_back(current, report)
                continue
            self._store_results(answer, report)
            report.pushed += len(answer.results)
            self._progress("push", report.pushed, report.uploaded_bytes)

    def _upload_blobs(self, batch: list[Any], report: SyncReport) -> None:
        seen: set[str] = set()
        for row in batch:
            for ref in orjson.loads(row.payload).get("attachments") or []:
                sha = ref.get("sha256") if isinstance(ref, dict) else None
                if not isinstance(sha, str) or sha in seen:
                    continue
                seen.add(sha)
                self._check_cancel()

                def moved(count: int) -> None:
                    report.uploaded_bytes += count
                    self._progress("upload", report.pushed, report.uploaded_bytes)

                upload_blob(self.cache, self.transport, sha, moved)

    def _store_results(self, answer: PushAnswer, report: SyncReport) -> None:
        answered = lv.wire_time(self.clock())
        with self.cache.writer.begin() as connection:
            server_epoch.remember(connection, answer.epoch)
            for result in answer.results:
                entry = connection.execute(select(OutboxEntry).where(
                    OutboxEntry.mutation_id == result.mutation_id)).one()
                values: dict[str, Any] = {"state": str(result.outcome), "answered_at": answered,
                                          "reason": result.reason, "detail": result.detail,
                                          "version": result.version}
                if result.outcome == Outcome.APPLIED:
                    report.applied += 1
                    if entry.kind == ActionKind.RECORD_COMPLAINT:
                        values["payload"] = orjson.dumps(
                            scrub_record_payload(orjson.loads(entry.payload))).decode()
                    if entry.kind in REBASING and result.version is not None:
                        self._rebase(connection, entry.complaint_id, entry.mutation_id,
                                     result.version)
                elif result.outcome == Outcome.REJECTED:
                    report.rejected += 1
                    values["payload"] = orjson.dumps(lv.with_known_complaint(
                        connection, orjson.loads(entry.payload), entry.complaint_id)).decode()
                    if result.reason == RejectReason.ATTACHMENT_MISSING:
                        forget_uploaded(connection, orjson.loads(entry.payload))
                else:
                    report.conflicts += 1
                    if result.current is not None:
                        values["current"] = orjson.dumps(result.current).decode()
                        self._newer_snapshot(connection, entry.complaint_id, result.current)
                connection.execute(update(OutboxEntry).where(
                    OutboxEntry.mutation_id == result.mutation_id).values(**values))
                event(log, "push.answer", mutation_id=result.mutation_id, kind=entry.kind,
                      outcome=str(result.outcome), reason=result.reason or "")
                if entry.kind == ActionKind.NATIONAL_UPDATE and \
                        result.outcome == Outcome.APPLIED:
                    _known_record(connection, entry.complaint_id)
            server_epoch.mark_applied(connection, [
                r.mutation_id for r in answer.results if r.outcome == Outcome.APPLIED],
                answer.epoch, answer.seq)

    @staticmethod
    def _rebase(connection: Any, complaint_id: str, mutation_id: int, version: int) -> None:
        lv.mark_server_version(connection, complaint_id, version)
        connection.execute(update(OutboxEntry).where(
            OutboxEntry.complaint_id == complaint_id, OutboxEntry.state == lv.PENDING,
            OutboxEntry.mutation_id > mutation_id,
            (OutboxEntry.base_version.is_(None)) | (OutboxEntry.base_version < version),
        ).values(base_version=version))

    @staticmethod
    def _newer_snapshot(connection: Any, complaint_id: str, current: dict[str, Any]) -> None:
        known = connection.execute(select(Complaint.server_version).where(
            Complaint.id == complaint_id)).scalar_one_or_none()
        if known is None or current["version"] > known:
            lv.set_snapshot(connection, complaint_id, current)


def _known_record(connection: Any, complaint_id: str) -> None:
    """A register row recorded here whose national number the server held already (by a
    complaint this desktop had not pulled): its ``national_update`` reached that complaint, so
    the recorded copy's refusal is no work for anyone (dismissed, its NIK dropped)."""
    for entry in connection.execute(select(OutboxEntry).where(
            OutboxEntry.complaint_id == complaint_id,
            OutboxEntry.kind == str(ActionKind.RECORD_COMPLAINT),
            OutboxEntry.state == lv.REJECTED, OutboxEntry.dismissed.is_(False),
            OutboxEntry.reason == str(RejectReason.ALREADY_EXISTS))):
        if not (entry.detail or "").startswith("SP4N-LAPOR! "):
            continue
        connection.execute(update(OutboxEntry).where(
            OutboxEntry.mutation_id == entry.mutation_id).values(
            dismissed=True, payload=orjson.dumps(
                scrub_record_payload(orjson.loads(entry.payload))).decode()))
