"""User actions on complaints. Each is ONE transaction (the effective change and its outbox
entry, written together by :class:`lapor_desk.sync.outbox.Outbox`) and is shown at once; it
reaches the server at the next sync. Refusals raise :class:`ActionNotAllowed` with the
lifecycle's reason code and write nothing."""

from __future__ import annotations

from collections.abc import Callable

from lapor_desk.models.enums import ArchiveReason
from lapor_desk.models.text import clean_text
from lapor_desk.services.errors import ActionNotAllowed, translate
from lapor_desk.services.types import ActionResult
from lapor_desk.sync.errors import SyncError
from lapor_desk.sync.outbox import ActionReceipt, Outbox

ARCHIVE_REASONS: tuple[str, ...] = tuple(str(r) for r in ArchiveReason)


class Actions:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    def _do(self, run: Callable[[], ActionReceipt]) -> ActionResult:
        try:
            receipt = run()
        except SyncError as exc:
            raise translate(exc) from exc
        return ActionResult(receipt.mutation_id, str(receipt.kind), receipt.complaint_id,
                            receipt.record_id)

    def forward(self, complaint_id: str, to_id: int, note: str = "") -> ActionResult:
        return self._do(lambda: self.outbox.forward(complaint_id, to_id, note.strip()))

    def handle(self, complaint_id: str, note: str = "") -> ActionResult:
        return self._do(lambda: self.outbox.handle(complaint_id, note.strip()))

    def postpone(self, complaint_id: str, reason: str) -> ActionResult:
        if not clean_text(reason):
            raise ActionNotAllowed("reason_required", "reason:required")
        return self._do(lambda: self.outbox.postpone(complaint_id, reason.strip()))

    def not_our_authority(self, complaint_id: str, reason: str) -> ActionResult:
        if not clean_text(reason):
            raise ActionNotAllowed("reason_required", "reason:required")
        return self._do(lambda: self.outbox.not_our_authority(complaint_id, reason.strip()))

    def archive(self, complaint_id: str, reason_code: str, note: str = "") -> ActionResult:
        if reason_code not in ARCHIVE_REASONS:
            raise ActionNotAllowed("reason_required", "reason_code:invalid")
        return self._do(lambda: self.outbox.archive(complaint_id, reason_code, note.strip()))

    def follow_up(self, complaint_id: str, body: str) -> ActionResult:
        if not clean_text(body):
            raise ActionNotAllowed("invalid_payload", "body:required")
        return self._do(lambda: self.outbox.follow_up(complaint_id, body.strip()))

    def internal_note(self, complaint_id: str, body: str) -> ActionResult:
        if not clean_text(body):
            raise ActionNotAllowed("invalid_payload", "body:required")
        return self._do(lambda: self.outbox.internal_note(complaint_id, body.strip()))

    def dismiss(self, mutation_id: int) -> None:
        """A person has read a rejection or conflict."""
        try:
            self.outbox.dismiss(mutation_id)
        except SyncError as exc:
            raise translate(exc) from exc
