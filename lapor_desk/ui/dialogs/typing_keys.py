"""Keys of a dialog that holds typing (the record form, a reply): Enter never presses a button.

A QDialog presses its default button on Enter, and a push button in a dialog becomes the default
by itself: the button box makes its first accept button the default when shown, and a button
that gets the focus becomes it (a Save disabled while the form is checked passes the focus to
Cancel, and one Enter in a field then closed the form with everything typed). Here no button is,
or becomes, the default; Enter reaching the dialog (from a line, a list, a choice) moves to the
next field, as Tab does; Ctrl+Enter is the way to submit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QPushButton

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


class TypingKeys(QObject):
    def __init__(self, dialog: QDialog, submit: Callable[[], None]) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        for sequence in SUBMIT_KEYS:
            QShortcut(QKeySequence(sequence), dialog, submit)
        dialog.installEventFilter(self)
        self.no_default_buttons()

    def no_default_buttons(self) -> None:
        for button in self.dialog.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog:
            if event.type() in (QEvent.Type.Show, QEvent.Type.ShowToParent,
                                QEvent.Type.ChildAdded):
                self.no_default_buttons()
            elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                  and event.key() in ENTER_KEYS
                  and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.dialog.focusNextChild()
                return True
        return False
