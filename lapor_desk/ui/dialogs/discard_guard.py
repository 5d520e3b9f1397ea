"""Esc, Cancel and the window's close button ask before a dialog throws away what was typed.

Used by the dialogs that hold a reason or a note (verify, close, reopen, postpone, forward) and
by the register import (its column corrections and shared values): the
texts they hold when first shown are what they started with (a "Fix & resend" prefill); once a
text differs, closing asks, with *keep writing* as the answer Enter and Esc give.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton


class DiscardGuard(QObject):
    def __init__(self, dialog: QDialog, texts: Callable[[], tuple[str, ...]],
                 question: str | None = None) -> None:
        super().__init__(dialog)
        self.wording = question
        self.dialog = dialog
        self.texts = texts
        self.initial: tuple[str, ...] | None = None
        self.question: QMessageBox | None = None   # the open question (tests answer it)
        self.discard: QPushButton | None = None
        self._discarding = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog and event.type() == QEvent.Type.Show and self.initial is None:
            self.initial = self.texts()
        return False

    def typed(self) -> bool:
        now = self.texts()
        return any(t.strip() for t in now) and now != (self.initial or ())

    def may_close(self) -> bool:
        """True: close now. False: the question is open; the dialog closes if the answer is to
        throw the text away."""
        if self._discarding or not self.typed():
            return True
        if self.question is None:
            question = QMessageBox(QMessageBox.Icon.Question, self.dialog.windowTitle(),
                                   self.wording or self.tr("Throw away what you wrote?"),
                                   parent=self.dialog)
            question.setInformativeText(self.tr(
                "The text you typed in this window is not saved anywhere else."))
            keep = question.addButton(self.tr("Keep writing"), QMessageBox.ButtonRole.RejectRole)
            self.discard = question.addButton(self.tr("Throw away"),
                                              QMessageBox.ButtonRole.DestructiveRole)
            question.setDefaultButton(keep)
            question.setEscapeButton(keep)
            question.finished.connect(self._answered)
            self.question = question
        self.question.open()
        return False

    def _answered(self, _result: int) -> None:
        if self.question is not None and self.question.clickedButton() is self.discard:
            self._discarding = True
            self.dialog.reject()
