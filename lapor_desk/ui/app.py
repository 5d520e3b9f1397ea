"""Starting the desktop: the application object, language, style, sign-in, demo mode.

``run(demo=False)`` is what ``lapor-desk`` (no subcommand) and ``lapor-desk --demo`` call. In demo
mode (and only there) the File menu offers "Reset training data": after a confirmation it stops
the embedded server, seeds it afresh, wipes the demo profile's cache and signs in again.

The main window and its controller belong to one session. When it ends (signed out, its saved
session refused, the training data reset) ``Desk`` replaces them by new ones and disposes of
the old ones whole (``session_scope``): the next person to sign in on this computer finds
nothing of the previous session in any widget, model or cache.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from lapor_desk.services import ServiceError, SignInError, Workstation
from lapor_desk.services.types import SessionInfo, SyncProgress
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.login import LoginDialog
from lapor_desk.ui.dialogs.progress import ProgressDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.notify import Notifier
from lapor_desk.ui.resources import icon, style_sheet
from lapor_desk.ui.screen_fit import fit_to_screen
from lapor_desk.ui.session_scope import ClipboardWatch, dispose
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.stop_signals import quit_on_signals
from lapor_desk.ui.taskman import TaskManager

if TYPE_CHECKING:  # the training sandbox is imported when the demo starts
    from lapor_desk.services.demo import DemoServer

log = logging.getLogger("lapor_desk.ui.app")
#: Whether the objects of the first session's start were frozen (``start_up_over``).
_FROZEN = False
#: The collector, held off by ``lapor-desk`` during the start, resumes at the latest after this
#: long (ms) even when nobody signs in.
START_UP_GC_LATEST_MS = 15000
#: The first sync waits for the session's first list at most this long (ms).
START_SYNC_LATEST_MS = 3000


def make_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv) or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("LAPOR")
    app.setApplicationName("LAPOR Desk")
    app.setApplicationDisplayName("LAPOR Desk")
    app.setWindowIcon(icon("app"))
    app.setStyle("Fusion")
    # Qt's own file picker, not the system's: it speaks the desk's language (ui/i18n.py)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setStyleSheet(style_sheet())
    i18n.set_language(i18n.saved_language())
    return app


def start_up_over() -> None:
    """The start is over: freeze what exists and let the collector run again.

    What exists now (modules, Qt wrappers, the window) lives as long as the process: frozen, it
    is out of the collector's sight, so the full collections a sync's pages set off walk only the
    objects made since (each would otherwise hold every thread, the window's too, for as long as
    it takes to visit them all). Once per process, and again at the start of a session after one
    ended (whose objects were let go then: ui/session_scope.py); ``lapor-desk`` disabled the
    collector for the start (cli.main), and it is enabled here in any case.
    """
    global _FROZEN
    if not _FROZEN:
        gc.freeze()
        _FROZEN = True
    elif not gc.get_freeze_count():
        # A session ended since (session_scope.collect let the frozen objects go): what it
        # left is collected first, so that only the new session's objects are frozen.
        gc.collect()
        gc.freeze()
    gc.enable()


class _Relay(QObject):
    """Carries a worker's progress to the UI thread (a queued signal)."""

    demo = Signal(object)


class Desk(QObject):
    """Signs in (dialog or demo), then shows the main window; first sync with progress."""

    #: a session ended and its window was replaced by an empty one (tests and the log listen)
    session_ended = Signal()

    def __init__(self, workstation: Workstation, demo: DemoServer | None = None, *,
                 tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
                 **controller_options: Any) -> None:
        super().__init__()
        self.workstation = workstation
        self.taskman = TaskManager(self)
        self.demo = demo
        self._tray_available = tray_available
        self._controller_options = controller_options
        self.login: LoginDialog | None = None
        self._ended: Exception | None = None  # shown on the sign-in dialog that follows
        self.progress: ProgressDialog | None = None
        self.confirm_reset: QMessageBox | None = None
        self._relay = _Relay(self)
        self.clipboard = ClipboardWatch(self)
        # The first sync of a session starts once its first list is on screen (it imports the
        # network stack and works beside the list), at the latest after START_SYNC_LATEST_MS.
        self._sync_due = False
        self._start_sync_timer = QTimer(self, singleShot=True, interval=START_SYNC_LATEST_MS)
        self._start_sync_timer.timeout.connect(self._start_up_sync)
        self.reset_action: QAction | None = None
        self._build_session()

    def _build_session(self) -> None:
        """A new main window with its own controller: everything a session shows lives in
        them, so that ending the session can dispose of it whole."""
        self.controller = DeskController(self.workstation, self.taskman, self,
                                         **self._controller_options)
        self.window = MainWindow(self.controller)
        self.window.list_shown.connect(self._start_up_sync)
        self.notifier = Notifier(self.window, self._tray_available)
        c = self.controller
        c.signed_in.connect(self._signed_in)
        c.sign_in_failed.connect(self._sign_in_failed)
        c.signed_out.connect(self._session_over)
        c.sync_progress.connect(self._first_sync_progress)
        c.sync_finished.connect(lambda _o: self._close_progress())
        c.sync_failed.connect(self._sync_failed)
        c.new_work.connect(self.notifier.show_new_work)
        c.sync_finished.connect(self.notifier.show_sync_outcome)
        self.window.lifecycle.reminders_due.connect(self.notifier.show_reminder)
        bar = self.window.statusBar()
        if isinstance(bar, DeskStatusBar):
            c.reconnecting_changed.connect(bar.set_reconnecting)
        self.reset_action = None
        if self.demo is not None:  # never offered outside demo mode
            self.reset_action = QAction(self.window)
            self.reset_action.setObjectName("resetTrainingData")
            self.reset_action.triggered.connect(self.confirm_demo_reset)
            self.window.file_menu.insertAction(self.window.sign_out_action, self.reset_action)
            self.window.installEventFilter(self)  # follow a language switch
            self.retranslate()

    def _session_over(self) -> None:
        self.end_session()
        self.show_login()

    def end_session(self) -> None:
        """Replace the session's window and controller by new, empty ones and dispose of the
        old ones whole (``session_scope``): answers still on their way are dropped, what was
        copied in the application leaves the clipboard, the services let go of the profile."""
        self.controller.end()  # nothing more run for it, no answer handed on
        self._sync_due = False
        self._start_sync_timer.stop()
        self._close_progress()
        if self.confirm_reset is not None:
            self.confirm_reset.deleteLater()
            self.confirm_reset = None
        old_window, old_controller = self.window, self.controller
        old_controller.cancel_sync()
        old_controller.stop_reconnecting()
        old_window.sync_controls.sync_timer.stop()
        old_window.window_state.save()  # the layout (never data), for the next window
        self.notifier.close()
        ended = self.workstation.info
        if ended is not None:  # a refused session, a training reset: close it here too
            workstation = self.workstation

            def close_ended() -> None:
                # On the network worker: after a cancelled sync's last page, before any
                # sign-in that follows (reads still queued for it fail, and are dropped).
                if workstation.info is ended:
                    workstation.close()

            self.taskman.run_net(close_ended)
        self._build_session()
        dispose(old_window, old_controller)
        self.clipboard.clear_if_ours()
        log.info("event=session.ended")
        self.session_ended.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and i18n.is_language_change(event):
            self.retranslate()
        return False

    def retranslate(self) -> None:
        if self.reset_action is not None:
            self.reset_action.setText(self.tr("Reset training data…"))

    def start(self) -> None:
        if self.demo is not None:
            self.start_demo()
            return
        profiles = self.controller.known_profiles()
        self.show_login()
        if profiles:  # offer the last profile's saved session first
            self.controller.resume(profiles[0])

    def show_login(self) -> None:
        self.window.hide()
        self._drop_login()
        self.login = LoginDialog(self.controller.known_profiles())
        self.login.submitted.connect(self.controller.sign_in)
        self.login.password_chosen.connect(self.controller.sign_in_new_password)
        self.login.rejected.connect(QApplication.quit)
        self.login.show()
        if self._ended is not None:  # the session was refused or the account disabled
            self.login.failed(self._ended)
            self._ended = None

    def _sync_failed(self, error: Exception) -> None:
        self._close_progress()
        if isinstance(error, SignInError):  # the session ended (the controller signs out)
            self.window.sync_controls.sync_timer.stop()
            self._ended = error

    def start_demo(self) -> None:
        from lapor_desk.services.demo import DEMO_PASSWORD, DEMO_USER

        assert self.demo is not None
        demo = self.demo
        self.progress = ProgressDialog(self.tr("Preparing the LAPOR Desk demo"),
                                       cancellable=False)
        self.progress.show()
        self._relay.demo.connect(self.progress.show_demo)
        self.taskman.run_net(lambda: demo.start(self._relay.demo.emit),
                             lambda url: self.controller.sign_in(url, DEMO_USER, DEMO_PASSWORD),
                             self._sign_in_failed)

    # --- training (demo) reset ------------------------------------------------------------------

    def confirm_demo_reset(self) -> None:
        """Ask first (non-blocking); the reset starts only on an explicit "Reset"."""
        if self.demo is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Reset training data"),
                          self.tr("Reset the training data?"), QMessageBox.StandardButton.NoButton,
                          self.window)
        box.setInformativeText(self.tr(
            "Every complaint, reply and action made in this training session is deleted and "
            "the demo starts again from the same sample data. This cannot be undone. Your real "
            "LAPOR! account and profiles are not touched."))
        reset = box.addButton(self.tr("Reset"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep my work"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: self._reset_answer(button is reset))
        self.confirm_reset = box
        box.open()

    def _reset_answer(self, confirmed: bool) -> None:
        self.confirm_reset = None
        if confirmed:
            self.reset_demo()

    def reset_demo(self) -> None:
        """Reseed the demo server and wipe the demo profile's cache, then sign in again."""
        from lapor_desk.services.demo import DEMO_PASSWORD, DEMO_USER

        demo = self.demo
        if demo is None:
            return
        log.info("demo.reset_requested")
        self.end_session()  # the training session's window goes, and its cache is closed
        self.progress = ProgressDialog(self.tr("Resetting the training data"),
                                       cancellable=False)
        self.progress.show()
        self._relay.demo.connect(self.progress.show_demo)

        def reseed(_ready: object = None) -> None:
            self.taskman.run_net(lambda: demo.reseed(self._relay.demo.emit),
                                 lambda url: self.controller.sign_in(url, DEMO_USER,
                                                                     DEMO_PASSWORD),
                                 self._sign_in_failed)

        # The network worker first closes the session (end_session asked), then the database
        # worker's queued reads go by; then the server is reseeded.
        self.taskman.run_net(lambda: None, lambda _r: self.taskman.run_db(lambda: None, reseed))

    def _drop_login(self) -> None:
        """The sign-in dialog goes once used: its fields (a password) are not kept around."""
        if self.login is not None:
            login, self.login = self.login, None
            login.password.clear()
            if login.isVisible():
                login.rejected.disconnect()  # closing it is not quitting
                login.accept()
            login.deleteLater()

    def _signed_in(self, info: SessionInfo) -> None:
        self._drop_login()
        self._close_progress()
        self.window.show()
        fit_to_screen(self.window)  # a laptop's screen: no larger than it
        self.window.start_session(info)
        start_up_over()
        self._sync_due = True
        self._start_sync_timer.start()

    def _start_up_sync(self) -> None:
        if not self._sync_due:
            return
        self._sync_due = False
        self._start_sync_timer.stop()
        self.controller.op(lambda ws: ws.status()).success(self._maybe_first_sync).run()

    def _maybe_first_sync(self, status: object) -> None:
        if getattr(status, "last_sync_at", None) is None:
            self.progress = ProgressDialog(self.tr("First sync"), self.window)
            self.progress.cancel_requested.connect(self.controller.cancel_sync)
            self.progress.open()
        self.controller.sync()

    def _first_sync_progress(self, step: SyncProgress) -> None:
        if self.progress is not None:
            self.progress.show_sync(step)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _sign_in_failed(self, error: Exception) -> None:
        start_up_over()
        if self.login is not None and self.login.isVisible():
            if getattr(error, "code", "") != "auth_required":  # no saved session: just ask
                self.login.failed(error)
            else:
                self.login.set_busy(False)
            return
        self._close_progress()
        self.window.show_error(error if isinstance(error, ServiceError)
                               else ServiceError(repr(error), code="internal"))
        self.window.show()
        fit_to_screen(self.window)

    def shutdown(self) -> None:
        self.controller.cancel_sync()
        self.controller.stop_reconnecting()
        self.controller.stop_background()
        self.notifier.close()
        self.taskman.shutdown()
        self.controller.close()
        if self.demo is not None:
            self.demo.close()


def run(argv: Sequence[str] = (), *, demo: bool = False, reset: bool = False) -> int:
    """The desktop; ``demo``: on the training sandbox, wiped first when ``reset``."""
    app = make_application(argv)
    server = None
    if demo:
        from lapor_desk.services.demo import DemoServer, use_memory_keyring

        use_memory_keyring()
        server = DemoServer()
        if reset:
            server.wipe()  # seeded afresh as the demo starts
        # Training data is synthetic and its key would live only in memory (the demo keyring),
        # which would make the sandbox unreadable at the next start: the demo cache is plain.
        workstation = Workstation(server.profile_root, device="lapor-desk-demo",
                                  encrypt_cache=False, training=True)
    else:
        workstation = Workstation()
    desk = Desk(workstation, server)
    # SIGTERM (and Ctrl+C) quit the loop, so the shutdown below runs: the demo's server stops.
    restore_signals = quit_on_signals(app)
    desk.start()
    QTimer.singleShot(START_UP_GC_LATEST_MS, start_up_over)
    try:
        return app.exec()
    finally:
        desk.shutdown()
        restore_signals()
