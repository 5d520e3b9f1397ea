"""Work that brings complaints in and ties them together: record a complaint that arrived
offline (or reopen one the server refused, from the outbox review) and print its receipt, import
a register file after a preview, and link duplicates from the detail.

The record form keeps a draft as it is typed (about a second after the last change, and when it
is closed without saving): a crash or a closed form loses nothing, and the next form opened starts
from it. Once the complaint is recorded its receipt (tanda terima) opens, to print or save as a
PDF; File > Print receipt prints it again for the complaint shown (with the tracking number once
it is synced).

Every service call is an operation of the controller (ui/ops.py) on the database worker; results
come back on the UI thread and the screens refresh from the controller's ``changed`` signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QToolBar, QWidgetAction

from lapor_desk.services.drafts import FormDraft
from lapor_desk.services.intake import (
    IntakeDefaults,
    IntakeRefused,
    RecordedComplaint,
    category_tree,
)
from lapor_desk.services.outbox_review import RecordedForm
from lapor_desk.services.receipts import IntakeReceipt
from lapor_desk.services.register import ImportOutcome
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.services.workstation import Workstation
from lapor_desk.ui import labels, national_words
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.receipt import ReceiptDialog
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.duplicates_panel import DuplicatesPanel
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.ops import Changes
from lapor_desk.ui.receipt_document import ReceivedBy
from lapor_desk.ui.receipt_panel import ReceiptPanel
from lapor_desk.ui.register_flow import RegisterFlow
from lapor_desk.ui.resources import icon

DRAFT_DELAY_MS = 1000
#: Channels of complaints received outside the system: theirs get a receipt.
RECEIPT_CHANNELS = frozenset({"walk_in", "letter", "phone", "radio", "newspaper"})


class IntakeFlows(QObject):
    recorded = Signal(object)      # RecordedComplaint
    imported = Signal(object)      # ImportOutcome
    draft_saved = Signal()         # the record form's draft was kept (tests wait on it)
    receipt_shown = Signal(object)  # IntakeReceipt
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
        self.receipt_action = QAction(icon("record"), "", window)
        self.receipt_action.setShortcut(QKeySequence("Ctrl+P"))
        self.receipt_action.setEnabled(False)
        self.receipt_action.triggered.connect(lambda: self.print_receipt())
        self.receipt_panel = ReceiptPanel()
        self.receipt_panel.print_requested.connect(self.print_receipt)
        detail.add_section(self.receipt_panel)
        self.panel = DuplicatesPanel()
        detail.add_section(self.panel)
        detail.shown.connect(self._detail_shown)
        detail.cleared.connect(self.panel.clear)
        detail.cleared.connect(lambda: self.receipt_action.setEnabled(False))
        detail.cleared.connect(self.receipt_panel.clear)
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
        menu.addAction(self.receipt_action)
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
        self.receipt_action.setText(self.tr("Print receipt…"))
        self.receipt_action.setToolTip(self.tr("The receipt (tanda terima) of the complaint "
                                               "shown, for its reporter (Ctrl+P)"))

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
        self.controller.op(lambda ws: (ws.intake.defaults(), category_tree(), ws.intake.draft())) \
            .success(lambda got: self._open_record(*got)).run()

    def _open_record(self, defaults: Any, tree: dict[str, list[str]],
                     draft: FormDraft | None) -> None:
        if self.dialog is not None:
            return
        dialog = RecordComplaintDialog(defaults, tree, self.window)
        if draft is not None:
            dialog.restore(draft)
        timer = QTimer(dialog, singleShot=True, interval=DRAFT_DELAY_MS)
        timer.timeout.connect(lambda: self._keep_draft(dialog))
        dialog.edited.connect(timer.start)
        state = {"recorded": False, "discarded": False}

        def discarded() -> None:
            timer.stop()
            state["discarded"] = True
            self.controller.op(lambda ws: ws.intake.discard_draft()).run()

        def finished(_result: int) -> None:
            timer.stop()
            if not state["recorded"] and not state["discarded"] and dialog.has_typing():
                self._keep_draft(dialog)   # closed without saving: kept for next time

        def recorded(_r: RecordedComplaint) -> None:
            timer.stop()
            state["recorded"] = True

        dialog.discarded.connect(discarded)
        dialog.finished.connect(finished)
        def submitted(raw: dict[str, Any], files: list[Any]) -> None:
            # Kept first (a crash while saving loses nothing); the worker then records it and
            # removes the draft, in that order.
            timer.stop()
            self._keep_draft(dialog)
            self._save(dialog, raw, files, on_recorded=recorded)

        dialog.submitted.connect(submitted)
        self.slot.open(dialog)

    def _keep_draft(self, dialog: RecordComplaintDialog) -> None:
        """The form as typed, kept on the database worker (read here, on the UI thread)."""
        raw, files = dialog.raw(), dialog.files.paths()
        self.controller.op(lambda ws: ws.intake.save_draft(raw, files)) \
            .success(lambda _r: self.draft_saved.emit()).run()

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
              files: list[Any], replaces: int | None = None,
              on_recorded: Any = None) -> None:

        def done(recorded: RecordedComplaint) -> None:
            if on_recorded is not None:
                on_recorded(recorded)
            dialog.accept()
            self.recorded.emit(recorded)
            if replaces is None:   # the reporter is at the counter: the receipt, to hand over
                self.print_receipt(recorded.complaint_id)

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

    # --- the receipt (tanda terima) -----------------------------------------------------------

    def _follow_detail(self, detail: ComplaintDetail) -> None:
        """A complaint received outside the system: how it came and its receipt, in the detail;
        any other: neither."""
        complaint_id = detail.row.id
        offline = detail.row.channel in RECEIPT_CHANNELS
        self.receipt_action.setEnabled(offline)
        if self.receipt_panel.receipt is None or self.receipt_panel.receipt.complaint_id \
                != complaint_id:
            self.receipt_panel.clear()
        if not offline:
            return

        def done(receipt: IntakeReceipt) -> None:
            if self.detail.complaint_id == complaint_id:
                self.receipt_panel.show_receipt(receipt)

        self.controller.op(lambda ws: ws.intake.receipt(complaint_id), worker="read") \
            .success(done).run()

    def print_receipt(self, complaint_id: str | None = None) -> None:
        """The receipt of ``complaint_id`` (else the complaint shown), to print or save."""
        complaint_id = complaint_id or self.detail.complaint_id
        if not complaint_id:
            return
        self.controller.op(lambda ws: ws.intake.receipt(complaint_id)) \
            .success(self._open_receipt).run()

    def _open_receipt(self, receipt: IntakeReceipt) -> None:
        if self.dialog is not None:
            return
        info = self.controller.info
        received_by = ReceivedBy(info.display_name if info else "",
                                 info.unit_name if info else "")
        dialog = ReceiptDialog(receipt, received_by, self.window)
        self.slot.open(dialog)
        self.receipt_shown.emit(receipt)

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
        if national_words.import_counts(outcome):
            text += " " + national_words.import_counts(outcome)
        self.window.statusBar().showMessage(text, 15_000)
        self.imported.emit(outcome)

    # --- duplicates ----------------------------------------------------------------------------

    def _detail_shown(self, detail: ComplaintDetail) -> None:
        self._follow_detail(detail)
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
