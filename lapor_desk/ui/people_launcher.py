"""The "People" (Pengguna) action of the main window: shown to the roles that manage anyone,
it opens the people screen (ui/people_window.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar

from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.people_window import PeopleWindow, people_available
from lapor_desk.ui.resources import icon
from lapor_desk.ui.screen_fit import fit_to_screen


def _t(text: str) -> str:
    return QCoreApplication.translate("People", text)


class PeopleLauncher(QObject):
    """The "People" action in the main window, shown to the roles that manage anyone."""

    def __init__(self, window: QMainWindow, controller: DeskController) -> None:
        super().__init__(window)
        self.main_window = window
        self.controller = controller
        self.window: PeopleWindow | None = None
        self.action = QAction(icon("lock"), "", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.action.triggered.connect(self.open)
        controller.signed_in.connect(lambda _i: self._follow_role())
        controller.signed_out.connect(self._signed_out)
        window.installEventFilter(self)
        self.retranslate()
        self._follow_role()

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

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("People", "People"))
        self.action.setToolTip(QCoreApplication.translate(
            "People", "The accounts you manage: create, move, disable, reset a password "
                      "(Ctrl+Shift+U)"))

    def _follow_role(self) -> None:
        self.action.setVisible(people_available(self.controller.info))

    def open(self) -> PeopleWindow | None:
        if not people_available(self.controller.info):
            return None
        if self.window is None:
            self.window = PeopleWindow(self.controller, self.main_window)
        self.window.show()
        fit_to_screen(self.window)
        self.window.raise_()
        self.window.activateWindow()
        self.window.load()
        return self.window

    def _signed_out(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.action.setVisible(False)
