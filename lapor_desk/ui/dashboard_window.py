"""The dashboard in its own window (:class:`DashboardWindow`) and the "Dashboard" action that opens
it in the main window for coordinators (:class:`DashboardLauncher`; national and agency admins: a
liaison officer has no dashboard, their queues already show their one unit). A low rating's
complaint chosen on the dashboard is opened in the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from lapor_desk.services.types import SessionInfo
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard import DashboardPage
from lapor_desk.ui.dashboard_parts import PathChooser, ask_save_path
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.resources import icon
from lapor_desk.ui.screen_fit import fitted_size
from lapor_desk.ui.window_launcher import WindowLauncher


def dashboard_available(info: SessionInfo | None) -> bool:
    return info is not None and info.capabilities.oversight


class DashboardWindow(QMainWindow):
    """The dashboard in its own window, so the queues stay open beside it."""

    def __init__(self, controller: DeskController, parent: QWidget | None = None,
                 ask_path: PathChooser = ask_save_path) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowIcon(icon("dashboard"))
        self.page = DashboardPage(controller, self, ask_path)
        self.setCentralWidget(self.page)
        self.resize(fitted_size(self, QSize(1280, 820)))  # a laptop's screen: less
        geometry = QSettings().value("dashboard/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Oversight dashboard — LAPOR Desk"))

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("dashboard/geometry", self.saveGeometry())
        super().closeEvent(event)


class DashboardLauncher(WindowLauncher[DashboardWindow]):
    """The "Dashboard" action in the main window, shown to coordinators only."""

    def __init__(self, window: QMainWindow, controller: DeskController,
                 open_complaint: Callable[[int], Any] | None = None) -> None:
        super().__init__(window, controller, "dashboard", "Ctrl+Shift+B")
        #: finds a tracking number in the main window's queues and opens its complaint
        self.open_complaint = open_complaint
        controller.queues_loaded.connect(lambda _q: self._follow_role())
        self.retranslate()
        self._follow_role()

    def available(self) -> bool:
        return dashboard_available(self.controller.info)

    def make_window(self) -> DashboardWindow:
        window = DashboardWindow(self.controller, self.main_window)
        window.page.complaint_opened.connect(self._open_complaint)
        return window

    def _open_complaint(self, number: int) -> None:
        """A low rating's complaint, opened in the main window (brought to the front)."""
        if self.open_complaint is None:
            return
        self.open_complaint(number)
        self.main_window.raise_()
        self.main_window.activateWindow()

    def refresh(self, window: DashboardWindow) -> None:
        window.page.refresh()

    def retranslate(self) -> None:
        self.action.setText(self.tr("Dashboard"))
        self.action.setToolTip(self.tr("Per unit and kabupaten/kota: statuses, overdue, "
                                       "follow-up time, trend; monthly recap (Ctrl+Shift+B)"))
