"""Work that brings complaints in and ties them together: record a complaint that arrived
offline (or reopen one the server refused, from the outbox review), import a register file
after a preview, and link duplicates from the detail.

Every service call is an operation of the controller (ui/ops.py) on the database worker; results
come back on the UI thread and the screens refresh from the controller's ``changed`` signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QToolBar, QWidgetAction

from lapor_desk.services.intake import (
    IntakeDefaults,
    IntakeRefused,
    category_tree,
)
from lapor_desk.services.outbox_review import RecordedForm
from lapor_desk.services.register import ImportOutcome
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.services.workstation import Workstation
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.duplicates_panel import DuplicatesPanel
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.ops import Changes
from lapor_desk.ui.register_flow import RegisterFlow
from lapor_desk.ui.resources import icon


class IntakeFlows(QObject):
    recorded = Signal(object)      # RecordedComplaint
    imported = Signal(object)      # ImportOutcome
    duplicates_loaded = Signal(str)  # complaint id (tests wait on it)

    def __init__(self, window: QMainWindow, controller: DeskController,
                 detail: DetailPane) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.detail = detail
        self.slot = DialogSlot()
        self.register = RegisterFlow(controller, self, self._imported)
        self.record_action = QAction(icon("record"), "", window)
        self.record_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.record_action.triggered.connect(self.record)
        self.import_action = QAction(icon("import"), "", window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_register)
        self.panel = DuplicatesPanel()
        detail.add_section(self.panel)
        detail.shown.connect(self._detail_shown)
        detail.cleared.connect(self.panel.clear)
        self.panel.link_requested.connect(lambda c, o: self._duplicate("link", c, o))
        self.panel.unlink_requested.connect(lambda c, o: self._duplicate("unlink", c, o))
        controller.queues_loaded.connect(lambda _q: self._follow_role())
        window.installEventFilter(self)
        self.retranslate()
        self._follow_role()

    @property
    def dialog(self) -> QDialog | None:
        """The open intake dialog (tests drive it)."""
        return self.slot.dialog

    def install(self, toolbar: QToolBar, menu: QMenu) -> None:
        """The actions in the toolbar (before its spacer) and the File menu."""
        spacer = next((a for a in toolbar.actions() if isinstance(a, QWidgetAction)), None)
        toolbar.insertAction(spacer, self.record_action)  # type: ignore[arg-type]
        menu.addAction(self.record_action)
        menu.addAction(self.import_action)
        menu.addSeparator()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and is_language_change(event):
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.record_action.setText(self.tr("Record complaint"))
        self.record_action.setToolTip(self.tr("Record a complaint received at the counter, by "
                                              "letter, phone, radio or newspaper "
                                              "(Ctrl+Shift+N)"))
        self.import_action.setText(self.tr("Import register file…"))

    def _follow_role(self) -> None:
        info = self.controller.info
        allowed = info is not None and info.capabilities.record_complaints
        self.record_action.setEnabled(allowed)
        self.record_action.setVisible(allowed or info is None)
        self.import_action.setEnabled(allowed)

    # --- record a complaint --------------------------------------------------------------------

    def record(self) -> None:
        if self.dialog is not None or not self.record_action.isEnabled():
            return
        self.controller.op(lambda ws: (ws.intake.defaults(), category_tree())) \
            .success(lambda got: self._open_record(*got)).run()

    def _open_record(self, defaults: Any, tree: dict[str, list[str]]) -> None:
        if self.dialog is not None:
            return
        dialog = RecordComplaintDialog(defaults, tree, self.window)
        dialog.submitted.connect(lambda raw, files: self._save(dialog, raw, files))
        self.slot.open(dialog)

    def reopen(self, mutation_id: int) -> None:
        """Open a refused recorded complaint in its form: everything typed, its files, the
        server's reasons. Saving records the corrected complaint and resolves the refused one
        together; cancelling changes nothing (it stays in the outbox as it was)."""
        if self.dialog is not None:
            return
        self.controller.op(lambda ws: (ws.outbox_review.recorded_form(mutation_id),
                                       category_tree())) \
            .success(lambda got: self._open_reopened(*got)).run()

    def _open_reopened(self, form: RecordedForm, tree: dict[str, list[str]]) -> None:
        if self.dialog is not None:
            return
        defaults = IntakeDefaults(str(form.raw.get("province") or ""),
                                  str(form.raw.get("regency") or ""))
        dialog = RecordComplaintDialog(defaults, tree, self.window)
        dialog.reopen(form)
        dialog.submitted.connect(
            lambda raw, files: self._save(dialog, raw, files, replaces=form.mutation_id))
        self.slot.open(dialog)

    def _save(self, dialog: RecordComplaintDialog, raw: dict[str, Any],
              files: list[Any], replaces: int | None = None) -> None:

        def done(recorded: Any) -> None:
            dialog.accept()
            self.recorded.emit(recorded)

        def failed(exc: Exception) -> None:  # a bug: the banner too (the op)
            if isinstance(exc, IntakeRefused):
                dialog.show_problems(exc.problems)
            else:
                dialog.show_failure(labels.error_message(exc))

        if replaces is None:
            op = self.controller.op(lambda ws: ws.intake.record(raw, files))
        else:
            op = self.controller.op(
                lambda ws: ws.outbox_review.resend_recorded(replaces, raw, files))
        op.changes(Changes(queues=True, rows=True, status=True, detail=replaces is not None))
        op.success(done).failure(failed).run()

    # --- import a register file ----------------------------------------------------------------

    def import_register(self, path: str | None = None) -> None:
        if self.dialog is not None or not self.import_action.isEnabled():
            return
        dialog = self.register.make_dialog(self.window)
        self.slot.open(dialog)
        if path:
            dialog.choose_file(path)
        else:
            dialog.pick()

    def _imported(self, outcome: ImportOutcome) -> None:
        dialog = self.dialog
        if dialog is not None:
            dialog.accept()
        text = self.tr("%1 complaints imported; they wait in Needs verification.").replace(
            "%1", str(outcome.count))
        if outcome.rejected_rows:
            text += " " + self.tr("%1 rows to fix were saved to %2.").replace(
                "%1", str(len(outcome.rejected_rows))).replace("%2", outcome.rejects_path or "")
        if outcome.already_imported:
            text += " " + self.tr("%1 rows imported before were left out.").replace(
                "%1", str(len(outcome.already_imported)))
        self.window.statusBar().showMessage(text, 15_000)
        self.imported.emit(outcome)

    # --- duplicates ----------------------------------------------------------------------------

    def _detail_shown(self, detail: ComplaintDetail) -> None:
        complaint_id = detail.row.id
        if self.panel.complaint_id != complaint_id:
            self.panel.clear()

        def done(got: tuple[list[Any], list[Any]]) -> None:
            if self.detail.complaint_id == complaint_id:
                self.panel.set_items(complaint_id, *got)
                self.duplicates_loaded.emit(complaint_id)

        # Read-only: on the read worker, beside the database worker, so a list asked for right
        # after opening a complaint does not wait behind the ranked full-text lookup.
        self.controller.op(lambda ws: (ws.duplicates.similar(complaint_id),
                                       ws.duplicates.linked(complaint_id)), worker="read") \
            .success(done).run()

    def _duplicate(self, what: str, complaint_id: str, other_id: str) -> None:
        def act(station: Workstation) -> ActionResult:
            duplicates = station.duplicates
            return (duplicates.link if what == "link" else duplicates.unlink)(complaint_id,
                                                                               other_id)

        self.controller.op(act).run()
