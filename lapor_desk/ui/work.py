"""The work an officer does on a complaint: forward it, write a follow-up or a note.

Dialogs collect the input; the action runs as an operation of the controller (ui/ops.py) and
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
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.reply_flow import ReplyFlow
from lapor_desk.ui.routing_flow import offer_suggestions
from lapor_desk.ui.unit_names_flow import names_editor

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class WorkFlows(QObject):
    def __init__(self, window: QWidget, controller: DeskController, detail: DetailPane) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.detail = detail
        self.slot = DialogSlot()
        self._waiting_targets: str | None = None
        detail.forward_requested.connect(self.forward)
        detail.follow_up_requested.connect(self.write)
        controller.targets_loaded.connect(self._targets_loaded)
        # follow-ups: templates, attachments, drafts (in the same slot: one dialog at a time)
        self.replies = ReplyFlow(controller, detail, window, self.slot, self)

    @property
    def dialog(self) -> QDialog | None:
        """The open dialog (tests drive it)."""
        return self.slot.dialog

    def forward_current(self) -> None:
        if self.detail.complaint_id and not self.slot.busy:
            self.forward(self.detail.complaint_id)

    def write_current(self, kind: str) -> None:
        if self.detail.complaint_id and not self.slot.busy:
            self.write(self.detail.complaint_id, kind)

    def forward(self, complaint_id: str) -> None:
        self._waiting_targets = complaint_id
        self.controller.load_targets(complaint_id)

    def _targets_loaded(self, items: list[AgencyItem]) -> None:
        complaint_id, self._waiting_targets = self._waiting_targets, None
        if complaint_id is None or self.detail.detail is None:
            return
        dialog = ForwardDialog(labels.complaint_title(self.detail.detail.row.title), items,
                               self.window, names_editor(self.controller), suggested=True)

        def write() -> None:
            # accepted only with a target chosen (its OK button is enabled then)
            target, note = dialog.target_id() or 0, dialog.note_text()
            op = self.controller.op(lambda ws: ws.actions.forward(complaint_id, target, note))
            op.success(lambda _r: dialog.deleteLater())
            op.failure(lambda e: self._again(dialog, e)).run()

        self.slot.open(dialog, write)
        offer_suggestions(self.controller, dialog, complaint_id)  # they follow when ready

    def write(self, complaint_id: str, kind: str) -> None:
        if self.detail.detail is None or self.detail.detail.row.id != complaint_id:
            return
        self.replies.write(self.detail.detail, kind)

    def _again(self, dialog: QDialog, error: Exception) -> None:
        """The action was not written: say why in the banner and, when the disk refused it,
        bring the dialog back as it was (nothing typed is lost)."""
        self.controller.report(error)
        if not (isinstance(error, StorageProblem) and self.slot.again(dialog)):
            dialog.deleteLater()
