"""Starting the desktop: the application object, language, style, sign-in, demo mode.

``run(demo=False)`` is what ``lapor-desk`` (no subcommand) and ``lapor-desk --demo`` call.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from lapor_desk.services import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoServer,
    ServiceError,
    Workstation,
    use_memory_keyring,
)
from lapor_desk.services.types import SessionInfo, SyncProgress
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.login import LoginDialog
from lapor_desk.ui.dialogs.progress import ProgressDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.resources import icon, style_sheet
from lapor_desk.ui.taskman import TaskManager

log = logging.getLogger("lapor_desk.ui.app")


def make_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv) or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("LAPOR")
    app.setApplicationName("LAPOR Desk")
    app.setApplicationDisplayName("LAPOR Desk")
    app.setWindowIcon(icon("app"))
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    i18n.set_language(i18n.saved_language())
    return app


class _Relay(QObject):
    """Carries a worker's progress to the UI thread (a queued signal)."""

    demo = Signal(object)


class Desk(QObject):
    """Signs in (dialog or demo), then shows the main window; first sync with progress."""

    def __init__(self, workstation: Workstation, demo: DemoServer | None = None) -> None:
        super().__init__()
        self.taskman = TaskManager(self)
        self.controller = DeskController(workstation, self.taskman, self)
        self.window = MainWindow(self.controller)
        self.demo = demo
        self.login: LoginDialog | None = None
        self.progress: ProgressDialog | None = None
        self._relay = _Relay(self)
        c = self.controller
        c.signed_in.connect(self._signed_in)
        c.sign_in_failed.connect(self._sign_in_failed)
        c.signed_out.connect(self.show_login)
        c.sync_progress.connect(self._first_sync_progress)
        c.sync_finished.connect(lambda _o: self._close_progress())
        c.sync_failed.connect(lambda _e: self._close_progress())

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
        self.login = LoginDialog(self.controller.known_profiles())
        self.login.submitted.connect(self.controller.sign_in)
        self.login.rejected.connect(QApplication.quit)
        self.login.show()

    def start_demo(self) -> None:
        assert self.demo is not None
        demo = self.demo
        self.progress = ProgressDialog(self.tr("Preparing the LAPOR Desk demo"),
                                       cancellable=False)
        self.progress.show()
        self._relay.demo.connect(self.progress.show_demo)
        self.taskman.run_net(lambda: demo.start(self._relay.demo.emit),
                             lambda url: self.controller.sign_in(url, DEMO_USER, DEMO_PASSWORD),
                             self._sign_in_failed)

    def _signed_in(self, info: SessionInfo) -> None:
        if self.login is not None:
            self.login.accept()
            self.login = None
        self._close_progress()
        self.window.show()
        self.window.start_session(info)
        self.taskman.run_db(self.controller.workstation.status, self._maybe_first_sync)

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

    def shutdown(self) -> None:
        self.controller.cancel_sync()
        self.taskman.shutdown()
        self.controller.workstation.close()
        if self.demo is not None:
            self.demo.close()


def run(argv: Sequence[str] = (), *, demo: bool = False) -> int:
    app = make_application(argv)
    server = None
    if demo:
        use_memory_keyring()
        server = DemoServer()
        workstation = Workstation(server.profile_root, device="lapor-desk-demo")
    else:
        workstation = Workstation()
    desk = Desk(workstation, server)
    desk.start()
    try:
        return app.exec()
    finally:
        desk.shutdown()
