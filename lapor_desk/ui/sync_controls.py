"""The main window's sync and session controls: the sync every few minutes and the clock check
between syncs, the Sync action and the status bar while a sync runs (its failure to the error
banner), signing out (the unsynced work counted and the person asked first) and saving
diagnostics. Built with the narrow parts it works on; :meth:`SyncControls.install` wires the
window's actions to it, the way ``DashboardLauncher.install`` does."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.sign_out import confirm_sign_out
from lapor_desk.ui.error_banner import ErrorBanner
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.window_menus import WindowMenus

SYNC_INTERVAL_MS = 5 * 60 * 1000
#: How often the clock warning is checked besides after each sync (a clock set right meanwhile).
CLOCK_CHECK_MS = 60 * 1000


class SyncControls:
    def __init__(self, window: QWidget, controller: DeskController, status_bar: DeskStatusBar,
                 banner: ErrorBanner) -> None:
        self.window, self.controller = window, controller
        self.status_bar, self.banner = status_bar, banner
        status_bar.cancel_requested.connect(controller.cancel_sync)
        controller.routing_refresh.running_changed.connect(status_bar.set_learning)
        self.sync_timer = QTimer(window, interval=SYNC_INTERVAL_MS)
        self.sync_timer.timeout.connect(controller.sync)
        self.clock_timer = QTimer(window, interval=CLOCK_CHECK_MS)
        self.clock_timer.timeout.connect(controller.check_clock)

    def install(self, menus: WindowMenus) -> None:
        """Wire the Sync, Sign out and diagnostics actions and follow the controller's syncs."""
        c, bar = self.controller, self.status_bar
        self.sync_action = menus.sync_action
        menus.sync_action.triggered.connect(c.sync)
        menus.sign_out_action.triggered.connect(self.sign_out)
        menus.diagnostics_action.triggered.connect(self._save_diagnostics)
        c.status_loaded.connect(bar.show_status)
        c.status_loaded.connect(lambda _s: c.check_clock())
        c.clock_checked.connect(bar.show_clock)
        c.server_silent.connect(bar.set_silent)
        c.signed_out.connect(lambda: bar.show_clock(None))
        c.sync_started.connect(lambda: self._syncing(True))
        c.sync_progress.connect(bar.show_progress)
        c.sync_finished.connect(lambda _o: self._syncing(False))
        c.sync_failed.connect(self._sync_failed)

    def sign_out(self) -> None:
        """Count the unsynced work, ask, then sign out (deleting this computer's copy)."""
        self.controller.load_unsynced_work(self._confirm_sign_out)

    def _confirm_sign_out(self, work: UnsyncedWork) -> None:
        if confirm_sign_out(work, self.window):
            self.sync_timer.stop()
            self.controller.sign_out(discard_unsynced=True)

    def _save_diagnostics(self) -> None:
        from lapor_desk.ui.dialogs.diagnostics import show_diagnostics

        self._diagnostics = show_diagnostics(self.controller, self.window)

    def _syncing(self, active: bool) -> None:
        self.sync_action.setEnabled(not active)
        self.status_bar.set_syncing(active)
        if not active:
            self.banner.hide_error()

    def _sync_failed(self, error: Exception) -> None:
        self._syncing(False)
        if not self.controller.is_cancelled(error):
            self.banner.show_error(error)
