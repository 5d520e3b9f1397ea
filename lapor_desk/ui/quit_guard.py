"""Quitting with work not yet sent: the window asks, and offers to send it first.

Nothing is lost by quitting (the outbox stays in the profile and is sent at the next start), but
an action left on this computer until tomorrow is one that the unit, the reporter and the other
admins do not see today. So Quit (the menu, Ctrl+Q, the window's close button) counts the actions
waiting (on the database worker) and, when there are some, asks: *Send and quit* (the default:
a sync, then the window closes once the outbox is empty), *Quit without sending* or *Cancel*.
When the sending fails (no network, a server that stopped answering), the question comes back
with the reason, and the work stays kept. A close the program asks for itself (a session's end,
a test) is not asked about: only the person's quit is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget

from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController

#: Syncs tried for one "Send and quit" (an action written during the first goes with the second).
SEND_ROUNDS = 2


class QuitDialog(QMessageBox):
    """The question; ``problem``: why the last attempt to send failed (empty the first time)."""

    def __init__(self, pending: int, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quitDialog")
        self.setWindowTitle(self.tr("Quit LAPOR Desk"))
        self.setIcon(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Question)
        self.setText(self.tr("%1 action(s) not yet sent to the server").replace(
            "%1", str(pending)))
        lines = []
        if problem:
            lines += [self.tr("Sending did not succeed: %1").replace("%1", problem), ""]
        lines.append(self.tr("They are kept on this computer and sent at the next start. Send "
                             "them now so that the units and the reporters see them today?"))
        self.setInformativeText("\n".join(lines))
        self.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
        self.send_button: QPushButton = self.addButton(
            self.tr("Send and quit"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button: QPushButton = self.addButton(
            self.tr("Quit without sending"), QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button: QPushButton = self.addButton(
            self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.send_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> str:
        """``send``, ``quit`` or ``cancel``."""
        clicked = self.clickedButton()
        if clicked is self.send_button:
            return "send"
        if clicked is self.quit_button:
            return "quit"
        return "cancel"


class QuitGuard(QObject):
    """Asks before the window closes with actions waiting (:meth:`request`)."""

    def __init__(self, window: QMainWindow, controller: DeskController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.dialog: QuitDialog | None = None  # the open question (tests drive it)
        #: the close that follows is the person's confirmed quit
        self.allowed = False
        self._rounds = 0  # syncs left for "Send and quit" (0: not sending)
        controller.sync_finished.connect(self._synced)
        controller.sync_failed.connect(self._send_failed)
        window.installEventFilter(self)  # the window's close button asks too

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.window and event.type() == QEvent.Type.Close
                and event.spontaneous() and not self.allowed):
            event.ignore()
            self.request()
            return True
        return super().eventFilter(watched, event)

    @property
    def sending(self) -> bool:
        return self._rounds > 0

    def request(self) -> None:
        """The person asked to quit: count what waits, ask if anything does, else close."""
        if self.dialog is not None or self.sending:
            return
        if self.controller.info is None:
            self._quit()
            return
        self.controller.load_unsynced_work(lambda work: self._counted(work, ""))

    def _counted(self, work: UnsyncedWork, problem: str) -> None:
        if not work.pending:
            self._quit()
            return
        dialog = QuitDialog(work.pending, problem, self.window)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._answered(dialog))
        dialog.open()

    def _answered(self, dialog: QuitDialog) -> None:
        self.dialog = None
        choice = dialog.choice()
        dialog.deleteLater()
        if choice == "quit":
            self._quit()
        elif choice == "send":
            self._rounds = SEND_ROUNDS
            self._send()

    def _send(self) -> None:
        if not self.controller.syncing and not self.controller.sync():
            self._rounds = 0  # signed out meanwhile: nothing of this session to send
            self._quit()
        # else: the running (or just started) sync's end decides

    def _synced(self, _outcome: Any) -> None:
        if not self.sending:
            return
        self._rounds -= 1
        self.controller.load_unsynced_work(self._after_sync)

    def _after_sync(self, work: UnsyncedWork) -> None:
        if not work.pending:
            self._rounds = 0
            self._quit()
        elif self._rounds > 0:
            self._send()
        else:
            self._counted(work, self.tr("some actions are still waiting."))

    def _send_failed(self, error: Exception) -> None:
        if not self.sending:
            return
        self._rounds = 0
        problem = labels.error_message(error)
        if self.controller.is_cancelled(error):
            problem = self.tr("sending was stopped.")
        self.controller.load_unsynced_work(lambda work: self._counted(work, problem))

    def _quit(self) -> None:
        self.allowed = True
        self.window.close()
