"""Writing a follow-up reply or an internal note: templates, attachments, and a draft saved as
the officer types (about a second after the last key), so closing the dialog, a crash or a
power cut loses nothing. The draft is removed once the reply is written to the outbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from lapor_desk.services.drafts import Draft
from lapor_desk.services.templates import ReplyTemplate, context_of
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog

if TYPE_CHECKING:
    from lapor_desk.ui.work import WorkFlows

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
        dialog = FollowUpDialog(row.title, kind, row.anonymous, self.flows.window)
        if templates:
            dialog.templates.set_templates(templates, context_of(detail))
        if draft is not None:
            dialog.editor.setPlainText(draft.text)
            dialog.files.add_paths(draft.files)
        timer = QTimer(dialog, singleShot=True, interval=DRAFT_DELAY_MS)
        timer.timeout.connect(lambda: self._save(row.id, kind, dialog))
        dialog.editor.textChanged.connect(timer.start)
        dialog.files.changed.connect(timer.start)
        dialog.setProperty("draftTimer", timer)

        def finished(_result: int) -> None:  # runs before the send: the draft is kept first
            timer.stop()
            self._save(row.id, kind, dialog)

        dialog.finished.connect(finished)
        self.flows._open(dialog, lambda: self._send(row.id, kind, dialog.text(),
                                                    dialog.attachments()))

    def _save(self, complaint_id: str, kind: str, dialog: FollowUpDialog) -> None:
        text, files = dialog.text(), dialog.attachments()
        station = self.controller.workstation
        self.controller.taskman.run_db(
            lambda: station.replies.save_draft(complaint_id, kind, text, files),
            lambda _r: self.draft_saved.emit(complaint_id, kind))

    def _send(self, complaint_id: str, kind: str, text: str, files: list[str]) -> None:
        station = self.controller.workstation

        def done(result: ActionResult) -> None:
            self.controller.action_done.emit(result)
            self.controller.changed.emit(result.changes)
            self.sent.emit(result)

        self.controller.taskman.run_db(
            lambda: station.replies.send(complaint_id, kind, text, files), done)


def draft_timer(dialog: QDialog) -> Any:
    """The dialog's autosave timer (tests look at it)."""
    return dialog.property("draftTimer")
