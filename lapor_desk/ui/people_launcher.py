"""The "People" (Pengguna) action of the main window: shown to the roles that manage anyone,
it opens the people screen (ui/people_window.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.people_window import PeopleWindow, people_available
from lapor_desk.ui.window_launcher import WindowLauncher


def _t(text: str) -> str:
    return QCoreApplication.translate("People", text)


class PeopleLauncher(WindowLauncher[PeopleWindow]):
    """The "People" action in the main window, shown to the roles that manage anyone."""

    def __init__(self, window: QMainWindow, controller: DeskController) -> None:
        super().__init__(window, controller, "lock", "Ctrl+Shift+U")
        self.retranslate()
        self._follow_role()

    def available(self) -> bool:
        return people_available(self.controller.info)

    def make_window(self) -> PeopleWindow:
        return PeopleWindow(self.controller, self.main_window)

    def refresh(self, window: PeopleWindow) -> None:
        window.load()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("People", "People"))
        self.action.setToolTip(QCoreApplication.translate(
            "People", "The accounts you manage: create, move, disable, reset a password "
                      "(Ctrl+Shift+U)"))
