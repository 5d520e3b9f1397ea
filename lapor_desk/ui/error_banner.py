"""The one place errors are shown: a calm banner above the list, with a button to close it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton

from lapor_desk.ui import labels


class ErrorBanner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("errorBanner")
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.hide_error)
        self.row = QHBoxLayout()
        self.row.addWidget(self.label, 1)
        self.row.addWidget(self.close_button)

    def show_error(self, error: Exception) -> None:
        text = labels.error_message(error)
        request_id = getattr(error, "request_id", None)
        if request_id:
            text += " " + self.tr("(request id %1)").replace("%1", request_id)
        self.label.setText(text)
        self.label.setVisible(True)
        self.close_button.setVisible(True)

    def hide_error(self) -> None:
        self.label.setVisible(False)
        self.close_button.setVisible(False)
