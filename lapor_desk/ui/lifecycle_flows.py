"""Closing, reopening and postponing in the main window: the Complaint menu with its shortcuts,
and the reminder when a postponement's day comes.

"Close complaint" (Selesaikan laporan, Ctrl+E) and "Reopen complaint" (Buka kembali, Ctrl+Shift+E),
also buttons in the detail, are enabled from what the lifecycle allows the user on the shown complaint
(``ComplaintDetail.allowed_actions``: the role, the status); their dialogs are the verification
flow's (``VerifyFlows.start``: one dialog at a time, written through ``Actions.submit`` on the
database worker, the dialog back as it was when the disk refused). The server decides again when
the action arrives, with the agency's scope.

The reminder: after every sync (or failed one: offline, the day still comes) and once a minute,
the postponements whose day has come and that were not yet told are read beside the lists and
announced (``reminders_due``; the application shows them as a notification).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from lapor_desk.logline import event
from lapor_desk.services.lifecycle import PostponedDue
from lapor_desk.ui import verify_labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.panes import Panes
from lapor_desk.ui.resources import icon
from lapor_desk.ui.verify_flows import VerifyFlows

log = logging.getLogger("lapor_desk.ui.lifecycle")

SHORTCUTS = {"close": "Ctrl+E", "reopen": "Ctrl+Shift+E"}
ICONS = {"close": "done", "reopen": "progress"}
#: How often the reminder looks at the clock between syncs (a day may begin meanwhile).
REMINDER_CHECK_MS = 60 * 1000


class LifecycleFlows(QObject):
    """The Complaint menu (close, reopen, postpone) and the postponement reminder."""

    reminders_due = Signal(object)  # list[PostponedDue], newly due, longest waiting first

    def __init__(self, window: QMainWindow, controller: DeskController, panes: Panes,
                 verify: VerifyFlows, check_ms: int = REMINDER_CHECK_MS) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.panes = panes
        self.verify = verify
        self.actions: dict[str, QAction] = {}
        for kind, keys in SHORTCUTS.items():
            action = QAction(icon(ICONS[kind]), "", window)
            action.setObjectName(f"{kind}Complaint")
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _c=False, k=kind: self.start_current(k))
            action.setEnabled(False)
            window.addAction(action)
            self.actions[kind] = action
        self.menu = QMenu(window)
        self.menu.addAction(self.actions["close"])
        self.menu.addAction(self.actions["reopen"])
        self.menu.addSeparator()
        self.menu.addAction(verify.actions["postpone"])
        controller.detail_loaded.connect(lambda _d: self.refresh_enabled())
        panes.detail.cleared.connect(self.refresh_enabled)
        panes.detail.lifecycle_requested.connect(self.start_current)
        controller.sync_finished.connect(lambda _o: self.check_reminders())
        controller.sync_failed.connect(lambda _e: self.check_reminders())
        self.timer = QTimer(self, interval=check_ms)
        self.timer.timeout.connect(self.check_reminders)
        self.retranslate()

    def install(self, menu_bar: QMenuBar, before_menu: QAction) -> None:
        """The menu before ``before_menu``; the reminder's clock starts."""
        menu_bar.insertMenu(before_menu, self.menu)
        self.window.installEventFilter(self)
        self.timer.start()
        self.refresh_enabled()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and is_language_change(event):
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Complaint"))
        for kind, action in self.actions.items():
            action.setText(verify_labels.action(kind) + "…")
            action.setToolTip(f"{verify_labels.action(kind)} ({SHORTCUTS[kind]})")

    def refresh_enabled(self) -> None:
        detail = self.panes.detail.detail
        allowed = detail.allowed_actions if detail is not None else frozenset()
        for kind, action in self.actions.items():
            action.setEnabled(kind in allowed)

    def start_current(self, kind: str) -> None:
        """The dialog of ``kind`` for the shown complaint, when the lifecycle allows it."""
        detail = self.panes.detail.detail
        if detail is None or kind not in detail.allowed_actions:
            return
        self.verify.start(kind, detail.row.id, detail.row.title)

    # --- the reminder -------------------------------------------------------------------------

    def check_reminders(self) -> None:
        """Read (beside the lists) the postponements whose day came; announce the new ones."""
        if self.controller.info is None:
            return

        def found(due: list[PostponedDue]) -> None:
            if due:
                self.reminders_due.emit(due)

        def failed(error: Exception) -> None:
            # Not the banner: it would say the same every minute. The next check tries again.
            event(log, "reminder.check_failed", logging.WARNING,
                  code=getattr(error, "code", type(error).__name__))

        self.controller.op(lambda ws: ws.lifecycle.new_reminders(), worker="read") \
            .success(found).failure(failed).run()
