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

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from lapor_desk.services.actions import ActionFields
from lapor_desk.services.attach import StoredAttachment
from lapor_desk.services.drafts import Draft
from lapor_desk.services.outbox_review import ReviewItem
from lapor_desk.services.templates import ReplyTemplate, context_of
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.services.workstation import Workstation
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog

log = logging.getLogger("lapor_desk.ui.reply_flow")
DRAFT_DELAY_MS = 1000


class ReplyFlow(QObject):
    draft_saved = Signal(str, str)   # complaint id, kind (tests wait on it)
    sent = Signal(object)            # ActionResult

    def __init__(self, controller: DeskController, detail: DetailPane, window: QWidget,
                 slot: DialogSlot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.detail = detail
        self.window = window
        self.slot = slot
        self._opening = False

    def write(self, detail: ComplaintDetail, kind: str) -> None:
        """Load the draft and templates on the database worker, then open the dialog."""
        if self._opening or self.slot.busy:
            return
        self._opening = True
        complaint_id = detail.row.id

        def load(station: Workstation) -> tuple[Draft | None, list[ReplyTemplate]]:
            replies = station.replies
            templates = replies.templates() if kind == "follow_up" else []
            return replies.draft(complaint_id, kind), templates

        def failed(exc: Exception) -> None:
            self._opening = False
            self.controller.report(exc)  # shown in the window's banner

        self.controller.op(load).success(lambda got: self._open(detail, kind, *got)) \
            .failure(failed).run()

    def _open(self, detail: ComplaintDetail, kind: str, draft: Draft | None,
              templates: list[ReplyTemplate]) -> None:
        self._opening = False
        if self.slot.busy:
            return
        row = detail.row
        dialog = FollowUpDialog(labels.complaint_title(row.title), kind, row.anonymous,
                                self.window)
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
        self.slot.open(dialog, lambda: None)  # the dialog goes once its reply is written

    def _save(self, complaint_id: str, kind: str, dialog: FollowUpDialog,
              quiet: bool = False) -> None:
        """Keep the draft on the database worker; a failure shows in the window's banner, or,
        ``quiet`` (just before a send, which says the same in the dialog), in the log only."""
        text, files = dialog.text(), dialog.attachments()

        def failed(exc: Exception) -> None:
            log.warning("event=draft_not_saved code=%s", getattr(exc, "code", type(exc).__name__))

        op = self.controller.op(lambda ws: ws.replies.save_draft(complaint_id, kind, text, files))
        op.success(lambda _r: self.draft_saved.emit(complaint_id, kind))
        if quiet:
            op.failure(failed, report_bugs=False)
        op.run()

    def resend(self, item: ReviewItem) -> None:
        """"Fix & resend" of the refused reply or note ``item``: its text and files in the
        dialog; sent as a new one, the refused entry dismissed with it."""
        if self._opening or self.slot.busy:
            return
        detail = self.detail.detail
        anonymous = bool(detail and detail.row.id == item.complaint_id and detail.row.anonymous)
        dialog = FollowUpDialog(labels.complaint_title(item.title), item.kind, anonymous,
                                self.window)
        dialog.editor.setPlainText(item.fields.body)
        dialog.files.add_stored([f for f in item.fields.files if isinstance(f, StoredAttachment)])

        def submitted() -> None:  # read here, on the UI thread; written on the worker
            fields = ActionFields(body=dialog.text(), files=tuple(dialog.files.files()))
            self._write(dialog, lambda ws: ws.outbox_review.resend(item.mutation_id, fields))

        dialog.submitted.connect(submitted)
        self.slot.open(dialog, lambda: None)

    def _send(self, complaint_id: str, kind: str, dialog: FollowUpDialog,
              draft_timer: QTimer) -> None:
        """Keep the draft first (a crash while sending loses nothing), then write the reply."""
        text, files = dialog.text(), dialog.attachments()
        draft_timer.stop()
        self._save(complaint_id, kind, dialog, quiet=True)
        self._write(dialog, lambda ws: ws.replies.send(complaint_id, kind, text, files))

    def _write(self, dialog: FollowUpDialog,
               write: Callable[[Workstation], ActionResult]) -> None:
        """``write`` on the database worker (the values were read from the dialog here, on the
        UI thread); the dialog closes once it is written, and shows why when it is not."""

        def done(result: ActionResult) -> None:
            if isValid(dialog):
                dialog.setProperty("sent", True)
                if dialog.isVisible():
                    dialog.accept()
                dialog.deleteLater()
            self.sent.emit(result)

        def failed(exc: Exception) -> None:
            if isValid(dialog) and dialog.isVisible():
                dialog.show_failure(labels.error_message(exc))  # a bug: the banner too (the op)
                return
            if isValid(dialog):
                dialog.deleteLater()
            # closed meanwhile (its draft was kept just before the send): the banner says it
            self.controller.report(exc)

        self.controller.op(write).success(done).failure(failed).run()
