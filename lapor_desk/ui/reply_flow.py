"""Writing a follow-up reply or an internal note: templates, attachments, and a draft saved as
the officer types (about a second after the last key), so closing the dialog, a crash or a
power cut loses nothing. The draft is removed once the reply is written to the outbox; the
dialog stays open until then, so a reply that could not be written (a full disk) is still there
with the reason, to send again.

"Fix & resend" of a refused reply or note (the outbox review) opens the same dialog with what
was written and the files it carried; the officer keeps, removes or adds files, and it is
written as a new one is, with its files, the refused one dismissed in the same transaction. It
keeps no draft: until it is written, the refused entry still holds what was written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from lapor_desk.services.actions import ActionFields
from lapor_desk.services.attach import StoredAttachment
from lapor_desk.services.drafts import Draft
from lapor_desk.services.errors import ServiceError
from lapor_desk.services.outbox_review import ReviewItem
from lapor_desk.services.templates import ReplyTemplate, context_of
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.ui import labels
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog

if TYPE_CHECKING:
    from lapor_desk.ui.work import WorkFlows

log = logging.getLogger("lapor_desk.ui.reply_flow")
DRAFT_DELAY_MS = 1000


class ReplyFlow(QObject):
    draft_saved = Signal(str, str)   # complaint id, kind (tests wait on it)
    sent = Signal(object)            # ActionResult

    def __init__(self, flows: WorkFlows) -> None:
        super().__init__(flows)
        self.flows = flows
        self.controller = flows.controller
        self._opening = False

    def write(self, detail: ComplaintDetail, kind: str) -> None:
        """Load the draft and templates on the database worker, then open the dialog."""
        if self._opening or self.flows.dialog is not None:
            return
        self._opening = True
        complaint_id = detail.row.id
        station = self.controller.workstation

        def load() -> tuple[Draft | None, list[ReplyTemplate]]:
            replies = station.replies
            templates = replies.templates() if kind == "follow_up" else []
            return replies.draft(complaint_id, kind), templates

        def failed(exc: Exception) -> None:
            self._opening = False
            self.controller.taskman.unhandled_error.emit(exc)  # shown in the window's banner

        self.controller.taskman.run_db(
            load, lambda got: self._open(detail, kind, *got), failed)

    def _open(self, detail: ComplaintDetail, kind: str, draft: Draft | None,
              templates: list[ReplyTemplate]) -> None:
        self._opening = False
        if self.flows.dialog is not None:
            return
        row = detail.row
        dialog = FollowUpDialog(labels.complaint_title(row.title), kind, row.anonymous,
                                self.flows.window)
        if templates:
            dialog.templates.set_templates(templates, context_of(detail))
        if draft is not None:
            dialog.editor.setPlainText(draft.text)
            dialog.files.add_paths(draft.files)
        timer = QTimer(dialog, singleShot=True, interval=DRAFT_DELAY_MS)
        timer.timeout.connect(lambda: self._save(row.id, kind, dialog))
        dialog.editor.textChanged.connect(timer.start)
        dialog.files.changed.connect(timer.start)

        def finished(_result: int) -> None:
            timer.stop()
            if not dialog.sending and not dialog.property("sent"):  # keep what was typed
                self._save(row.id, kind, dialog)

        dialog.finished.connect(finished)
        dialog.submitted.connect(lambda: self._send(row.id, kind, dialog, timer))
        self.flows._open(dialog, lambda: None)

    def _save(self, complaint_id: str, kind: str, dialog: FollowUpDialog,
              quiet: bool = False) -> None:
        """Keep the draft on the database worker; a failure shows in the window's banner, or,
        ``quiet`` (just before a send, which says the same in the dialog), in the log only."""
        text, files = dialog.text(), dialog.attachments()
        station = self.controller.workstation

        def failed(exc: Exception) -> None:
            log.warning("event=draft_not_saved code=%s", getattr(exc, "code", type(exc).__name__))

        self.controller.taskman.run_db(
            lambda: station.replies.save_draft(complaint_id, kind, text, files),
            lambda _r: self.draft_saved.emit(complaint_id, kind), failed if quiet else None)

    def resend(self, item: ReviewItem) -> None:
        """"Fix & resend" of the refused reply or note ``item``: its text and files in the
        dialog; sent as a new one, the refused entry dismissed with it."""
        if self._opening or self.flows.dialog is not None:
            return
        detail = self.flows.detail.detail
        anonymous = bool(detail and detail.row.id == item.complaint_id and detail.row.anonymous)
        dialog = FollowUpDialog(labels.complaint_title(item.title), item.kind, anonymous,
                                self.flows.window)
        dialog.editor.setPlainText(item.fields.body)
        dialog.files.add_stored([f for f in item.fields.files if isinstance(f, StoredAttachment)])
        station = self.controller.workstation

        def submitted() -> None:  # read here, on the UI thread; written on the worker
            fields = ActionFields(body=dialog.text(), files=tuple(dialog.files.files()))
            self._write(dialog, lambda: station.outbox_review.resend(item.mutation_id, fields))

        dialog.submitted.connect(submitted)
        self.flows._open(dialog, lambda: None)

    def _send(self, complaint_id: str, kind: str, dialog: FollowUpDialog,
              draft_timer: QTimer) -> None:
        """Keep the draft first (a crash while sending loses nothing), then write the reply."""
        station = self.controller.workstation
        text, files = dialog.text(), dialog.attachments()
        draft_timer.stop()
        self._save(complaint_id, kind, dialog, quiet=True)
        self._write(dialog, lambda: station.replies.send(complaint_id, kind, text, files))

    def _write(self, dialog: FollowUpDialog, write: Callable[[], ActionResult]) -> None:
        """``write`` on the database worker (the values were read from the dialog here, on the
        UI thread); the dialog closes once it is written, and shows why when it is not."""

        def done(result: ActionResult) -> None:
            if isValid(dialog):
                dialog.setProperty("sent", True)
                if dialog.isVisible():
                    dialog.accept()
                dialog.deleteLater()
            self.controller.action_done.emit(result)
            self.controller.changed.emit(result.changes)
            self.sent.emit(result)

        def failed(exc: Exception) -> None:
            shown = isValid(dialog) and dialog.isVisible()
            if shown:
                dialog.show_failure(labels.error_message(exc))
            elif isValid(dialog):
                dialog.deleteLater()
            if not shown or not isinstance(exc, ServiceError):
                # closed meanwhile (its draft was kept just before the send), or a bug (logged)
                self.controller.taskman.unhandled_error.emit(exc)

        self.controller.taskman.run_db(write, done, failed)
