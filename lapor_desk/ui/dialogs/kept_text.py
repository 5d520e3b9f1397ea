"""The words of a refused action that cannot be sent again (its complaint left this computer, or
its status no longer allows it), reopened in an editor: the person reads them, changes them,
copies them (to write them on another complaint, or in a letter). Closing it keeps them in the
Outbox until the action is discarded; nothing typed is lost by a refusal."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class KeptTextDialog(QDialog):
    def __init__(self, heading: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keptTextDialog")
        self.setWindowTitle(self.tr("Your words"))
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setObjectName("keptText")
        self.hint = QLabel(self.tr("Copy the text to write it on another complaint or in a "
                                   "letter. It stays in the Outbox until you discard the "
                                   "action."))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("detailMeta")
        buttons = QDialogButtonBox()
        self.copy_button: QPushButton = buttons.addButton(
            self.tr("Copy the text"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button: QPushButton = buttons.addButton(
            self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.editor, self.hint, buttons):
            layout.addWidget(widget)
        self.resize(560, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.hint.setText(self.tr("Copied. Paste it where you need it (Ctrl+V)."))
