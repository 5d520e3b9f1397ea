"""Sign in: server address, user name, password; recent profiles offered again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import UserProfile
from lapor_desk.ui import labels
from lapor_desk.ui.resources import icon


class LoginDialog(QDialog):
    submitted = Signal(str, str, str)  # server, user, password

    def __init__(self, profiles: list[UserProfile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to LAPOR Desk"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)
        heading = QLabel(self.tr("Sign in to LAPOR Desk"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("Use the account your agency's LAPOR! administrator gave you. "
                               "Your work stays on this computer and is sent when you are "
                               "online."))
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.server = QComboBox()
        self.server.setEditable(True)
        self.server.lineEdit().setPlaceholderText("https://lapor.example.go.id")
        for url in dict.fromkeys(p.server_url for p in profiles):
            self.server.addItem(url)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("e.g. admin.kendari"))
        if profiles:
            self.username.setText(profiles[0].username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if profiles else self.server).setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        server = self.server.currentText().strip()
        user = self.username.text().strip()
        if not server or not user or not self.password.text():
            self.show_error(self.tr("Fill in the server, user name and password."))
            return
        self.set_busy(True)
        self.submitted.emit(server, user, self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.message.setVisible(True)
            self.message.setProperty("busy", True)
            self.message.setText(self.tr("Signing in…"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.message.setProperty("busy", False)
        self.message.setText(text)
        self.message.setVisible(True)

    def failed(self, error: Exception) -> None:
        self.show_error(labels.error(getattr(error, "code", None)))
        self.password.selectAll()
        self.password.setFocus()
