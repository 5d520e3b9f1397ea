"""An action of the main window that opens a window of its own, shown only to the roles that may
use it: the oversight dashboard (ui/dashboard.py) and the people screen (ui/people_launcher.py).
A subclass says who may use it, how its window is made and refreshed, and its words."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.resources import icon
from lapor_desk.ui.screen_fit import fit_to_screen

W = TypeVar("W", bound=QWidget)


class WindowLauncher(QObject, Generic[W]):
    def __init__(self, window: QMainWindow, controller: DeskController, icon_name: str,
                 shortcut: str) -> None:
        super().__init__(window)
        self.main_window = window
        self.controller = controller
        self.window: W | None = None
        self.action = QAction(icon(icon_name), "", window)
        self.action.setShortcut(QKeySequence(shortcut))
        self.action.triggered.connect(self.open)
        controller.signed_in.connect(lambda _i: self._follow_role())
        controller.signed_out.connect(self._signed_out)
        window.installEventFilter(self)

    # --- what a subclass says ------------------------------------------------------------------

    def available(self) -> bool:
        """Whether the signed-in user may use the window."""
        raise NotImplementedError

    def make_window(self) -> W:
        raise NotImplementedError

    def refresh(self, window: W) -> None:
        """Bring the (re)opened window's content up to date."""

    def retranslate(self) -> None:
        raise NotImplementedError

    # --- the same for every launcher -----------------------------------------------------------

    def install(self, toolbar: QToolBar, menu: QMenu) -> None:
        """The action in the toolbar (before its spacer) and in ``menu``."""
        spacer = next((a for a in toolbar.actions() if (w := toolbar.widgetForAction(a))
                       is not None and w.sizePolicy().horizontalPolicy()
                       == QSizePolicy.Policy.Expanding), None)
        if spacer is None:
            toolbar.addAction(self.action)
        else:
            toolbar.insertAction(spacer, self.action)
        menu.addAction(self.action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.main_window and is_language_change(event):
            self.retranslate()
        return False

    def _follow_role(self) -> None:
        self.action.setVisible(self.available())

    def open(self) -> W | None:
        if not self.available():
            return None
        if self.window is None:
            self.window = self.make_window()
        self.window.show()
        fit_to_screen(self.window)  # a geometry saved on a larger screen
        self.window.raise_()
        self.window.activateWindow()
        self.refresh(self.window)
        return self.window

    def _signed_out(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.action.setVisible(False)
