"""The work an officer does on a complaint: forward it, write a follow-up or a note.

Dialogs collect the input; the action runs on the database worker through the controller and
the screens refresh from its ``changed`` signal. Refusals come back as the lifecycle's reason
code and are shown in the window's error banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from lapor_desk.services.errors import StorageProblem
from lapor_desk.services.types import AgencyItem
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.reply_flow import ReplyFlow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class WorkFlows(QObject):
    def __init__(self, window: QWidget, controller: DeskController, detail: DetailPane) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.detail = detail
        self.dialog: QDialog | None = None  # the open dialog (tests drive it)
        self._waiting_targets: str | None = None
        detail.forward_requested.connect(self.forward)
        detail.follow_up_requested.connect(self.write)
        controller.targets_loaded.connect(self._targets_loaded)
        self.replies = ReplyFlow(self)  # follow-ups: templates, attachments, drafts

    def forward_current(self) -> None:
        if self.detail.complaint_id and self.dialog is None:
            self.forward(self.detail.complaint_id)

    def write_current(self, kind: str) -> None:
        if self.detail.complaint_id and self.dialog is None:
            self.write(self.detail.complaint_id, kind)

    def forward(self, complaint_id: str) -> None:
        self._waiting_targets = complaint_id
        self.controller.load_targets(complaint_id)

    def _targets_loaded(self, items: list[AgencyItem]) -> None:
        complaint_id, self._waiting_targets = self._waiting_targets, None
        if complaint_id is None or self.detail.detail is None:
            return
        dialog = ForwardDialog(labels.complaint_title(self.detail.detail.row.title), items,
                               self.window)
        self._open(dialog, lambda: self.controller.act(
            "forward", complaint_id, dialog.target_id(), dialog.note_text(),
            on_done=lambda _r: dialog.deleteLater(), on_error=lambda e: self._again(dialog, e)))

    def write(self, complaint_id: str, kind: str) -> None:
        if self.detail.detail is None or self.detail.detail.row.id != complaint_id:
            return
        self.replies.write(self.detail.detail, kind)

    def _open(self, dialog: QDialog, on_accept: object) -> None:
        """Show ``dialog``; once accepted ``on_accept()`` writes and then deletes it."""
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                on_accept()  # type: ignore[operator]
            else:
                dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _again(self, dialog: QDialog, error: Exception) -> None:
        """The action was not written: say why in the banner and, when the disk refused it,
        bring the dialog back as it was (nothing typed is lost)."""
        self.controller.taskman.unhandled_error.emit(error)
        if isinstance(error, StorageProblem) and self.dialog is None:
            self.dialog = dialog
            dialog.open()
        else:
            dialog.deleteLater()
