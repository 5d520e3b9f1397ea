"""Verification in the main window: the actions (menu, toolbar, context menu, shortcuts), their
dialogs, bulk forward / archive on a multi-row selection, and re-opening a dialog prefilled.

Actions are enabled from what the services allow on the shown complaint
(``ComplaintDetail.allowed_actions``). Every write is an operation of the controller (ui/ops.py)
on the database worker; the screens refresh from its ``changed`` signal; refusals are shown in
the window's banner. An
action the disk could not take (``StorageProblem``: nothing was written) brings its dialog back
as it was, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QMainWindow,
    QMenu,
    QMenuBar,
    QToolBar,
    QToolButton,
)

from lapor_desk.services.actions import ActionFields
from lapor_desk.services.errors import StorageProblem
from lapor_desk.services.types import AgencyItem
from lapor_desk.services.verification import BulkOutcome
from lapor_desk.services.workstation import Workstation
from lapor_desk.ui import labels, verify_labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.bulk_summary import BulkSummaryDialog
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.postpone import PostponeDialog
from lapor_desk.ui.dialogs.verify import ArchiveDialog, ReasonDialog, RerouteDialog
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.panes import Panes
from lapor_desk.ui.resources import icon
from lapor_desk.ui.routing_flow import offer_suggestions
from lapor_desk.ui.unit_names_flow import names_editor

VERIFY_KINDS = ("handle", "postpone", "not_our_authority", "archive", "reroute")
SHORTCUTS = {"handle": "Ctrl+K", "postpone": "Ctrl+T", "not_our_authority": "Ctrl+B",
             "archive": "Ctrl+Shift+A", "reroute": "Ctrl+L"}
ICONS = {"handle": "handle", "postpone": "pause", "not_our_authority": "return",
         "archive": "archive", "reroute": "reroute"}
#: What a dialog's fields are written with, on the database worker.
Submit = Callable[[Workstation, ActionFields], Any]


class VerifyFlows(QObject):
    """Works on the window's list and detail; :meth:`install` puts its menu and button in."""

    def __init__(self, window: QMainWindow, controller: DeskController, panes: Panes) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.panes = panes
        self.slot = DialogSlot()
        self.summary: BulkSummaryDialog | None = None
        self.actions: dict[str, QAction] = {}
        for kind in VERIFY_KINDS:
            action = QAction(icon(ICONS[kind]), "", window)
            action.setShortcut(QKeySequence(SHORTCUTS[kind]))
            action.triggered.connect(lambda _c=False, k=kind: self.start_current(k))
            action.setEnabled(False)
            self.actions[kind] = action
        self.bulk_forward_action = QAction(icon("forward"), "", window)
        self.bulk_forward_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.bulk_forward_action.triggered.connect(self.bulk_forward)
        self.bulk_archive_action = QAction(icon("archive"), "", window)
        self.bulk_archive_action.triggered.connect(self.bulk_archive)
        self.menu = QMenu(window)
        for action in self.actions.values():
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.bulk_forward_action)
        self.menu.addAction(self.bulk_archive_action)
        self.button = QToolButton()
        self.button.setIcon(icon("handle"))
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        controller.detail_loaded.connect(lambda _d: self.refresh_enabled())
        self.retranslate()

    def install(self, menu_bar: QMenuBar, before_menu: QAction, toolbar: QToolBar,
                before: QAction) -> None:
        """The menu before ``before_menu``, the button before ``before`` in ``toolbar``; a
        multi-row selection and a context menu on the list."""
        menu_bar.insertMenu(before_menu, self.menu)
        toolbar.insertWidget(before, self.button)
        table = self.panes.table
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(lambda *_: self.refresh_enabled())
        self.panes.queues.selectionModel().currentChanged.connect(
            lambda *_: self.refresh_enabled())
        self.window.installEventFilter(self)
        self.refresh_enabled()

    @property
    def dialog(self) -> QDialog | None:
        """The open dialog (tests drive it)."""
        return self.slot.dialog

    # --- words and state ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and is_language_change(event):
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("Veri&fy"))
        self.button.setText(self.tr("Verify") + " ▾")
        self.button.setToolTip(self.tr("Handle, postpone, return, archive or re-route the "
                                       "complaint"))
        for kind, action in self.actions.items():
            action.setText(verify_labels.action(kind) + "…")
            action.setToolTip(f"{verify_labels.action(kind)} ({SHORTCUTS[kind]})")
        self.bulk_forward_action.setText(self.tr("Forward selected complaints…"))
        self.bulk_archive_action.setText(self.tr("Archive selected complaints…"))

    def selected_ids(self) -> list[str]:
        return self.panes.selected_ids()

    def refresh_enabled(self) -> None:
        detail = self.panes.detail.detail
        allowed = detail.allowed_actions if detail is not None else frozenset()
        for kind, action in self.actions.items():
            action.setEnabled(kind in allowed)
        info = self.controller.info
        bulk = info is not None and info.capabilities.bulk_actions and len(self.selected_ids()) > 1
        self.bulk_forward_action.setEnabled(bulk)
        self.bulk_archive_action.setEnabled(bulk)

    def _context_menu(self, position: QPoint) -> None:
        self.refresh_enabled()
        self.menu.popup(self.panes.table.viewport().mapToGlobal(position))

    # --- one complaint ------------------------------------------------------------------------

    def start_current(self, kind: str) -> None:
        detail = self.panes.detail.detail
        if detail is None or self.dialog is not None or kind not in detail.allowed_actions:
            return
        self.start(kind, detail.row.id, detail.row.title)

    def start(self, kind: str, complaint_id: str, title: str,
              prefill: ActionFields | None = None, submit: Submit | None = None) -> None:
        """Open the dialog for ``kind`` (prefilled), then write with ``submit(station, fields)``
        (the plain action by default; "Fix & resend" passes its own)."""
        if self.dialog is not None:
            return
        title = labels.complaint_title(title)
        write: Submit = submit or (
            lambda ws, f: ws.verification.submit(kind, complaint_id, f))
        if kind == "reroute":
            self.controller.op(lambda ws: ws.verification.reroute_targets(complaint_id)) \
                .success(lambda items: self._open(
                    RerouteDialog(title, items, prefill, self.window,
                                  names_editor(self.controller)), write)).run()
        elif kind == "forward":
            self.controller.op(lambda ws: ws.forward_targets(complaint_id)) \
                .success(lambda items: self._open_forward(complaint_id, title, items, prefill,
                                                          write)).run()
        elif kind == "postpone":  # the days it may name, by the server's clock
            self.controller.op(lambda ws: ws.lifecycle.postpone_days()) \
                .success(lambda days: self._open(
                    PostponeDialog(title, days, prefill, self.window), write)).run()
        elif kind == "archive":
            self._open(ArchiveDialog(title, tuple(verify_labels.ARCHIVE_REASONS), prefill,
                                     self.window), write)
        else:
            self._open(ReasonDialog(kind, title, prefill, self.window), write)

    def _open_forward(self, complaint_id: str, title: str, items: list[AgencyItem],
                      prefill: ActionFields | None, write: Submit) -> None:
        dialog = ForwardDialog(title, items, self.window, names_editor(self.controller),
                               suggested=True)
        if prefill is not None:
            if prefill.to_id is not None:
                dialog.select(prefill.to_id)
            dialog.note.setPlainText(prefill.note)
        self._open(dialog, write, lambda: ActionFields(to_id=dialog.target_id(),
                                                       note=dialog.note_text()))
        offer_suggestions(self.controller, dialog, complaint_id)  # they follow when ready

    def _open(self, dialog: QDialog, write: Submit,
              fields: Callable[[], ActionFields] | None = None,
              done: Callable[[Any], None] | None = None) -> None:
        read = fields or dialog.fields  # type: ignore[attr-defined]

        def accepted() -> None:
            chosen = read()  # read on the UI thread, written on the database worker

            def written(value: Any) -> None:
                dialog.deleteLater()
                if done is not None:
                    done(value)

            def failed(exc: Exception) -> None:
                self.controller.report(exc)  # the window's banner
                # not written: the dialog again, as it was
                if not (isinstance(exc, StorageProblem) and self.slot.again(dialog)):
                    dialog.deleteLater()

            self.controller.op(lambda ws: write(ws, chosen)).success(written) \
                .failure(failed).run()

        self.slot.open(dialog, accepted)

    # --- a selection --------------------------------------------------------------------------

    def _heading(self, count: int) -> str:
        return self.tr("%1 complaints selected").replace("%1", str(count))

    def bulk_archive(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2 or self.dialog is not None:
            return
        dialog = ArchiveDialog(self._heading(len(ids)), tuple(verify_labels.ARCHIVE_REASONS),
                               parent=self.window)
        self._open_bulk(dialog, "archive", ids, dialog.fields)

    def bulk_forward(self) -> None:
        """Several complaints to one unit: no unit suggestion (each complaint has its own;
        those of one of them would mislead for the others)."""
        ids = self.selected_ids()
        if len(ids) < 2 or self.dialog is not None:
            return

        def targets_loaded(items: list[AgencyItem]) -> None:
            dialog = ForwardDialog(self._heading(len(ids)), items, self.window,
                                   names_editor(self.controller), self.tr(
                "Forward the %1 selected complaints to:").replace("%1", str(len(ids))))
            self._open_bulk(dialog, "forward", ids, lambda: ActionFields(
                to_id=dialog.target_id(), note=dialog.note_text()))

        self.controller.op(lambda ws: ws.verification.bulk_targets()) \
            .success(targets_loaded).run()

    def _open_bulk(self, dialog: QDialog, kind: str, ids: list[str],
                   fields: Callable[[], ActionFields]) -> None:
        self._open(dialog, lambda ws, f: ws.verification.bulk(kind, ids, f), fields,
                   self._bulk_done)

    def _bulk_done(self, outcome: BulkOutcome) -> None:
        summary = BulkSummaryDialog(outcome, self.window)
        self.summary = summary

        def closed(_result: int) -> None:
            self.summary = None
            summary.deleteLater()

        summary.finished.connect(closed)
        summary.open()
