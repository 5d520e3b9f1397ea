"""Sign in: server address, user name, password; recent profiles offered again.

A one-time password (a new account's, or one an admin reset) is answered
``password_change_required``: the dialog then asks for a new password twice and signs in with
it (``password_chosen``); the one-time password is never enough to get in."""

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

from lapor_desk.services.profiles import address_problem
from lapor_desk.services.types import UserProfile
from lapor_desk.ui import labels
from lapor_desk.ui.resources import icon

#: Error codes that mean the server could not be reached at all.
UNREACHABLE = frozenset({"offline", "timeout", "connection_broken"})
#: Error codes that mean the desktop refuses the address itself, before connecting.
ADDRESS_REFUSED = frozenset({"plain_http", "invalid_address"})


#: The shortest password the server takes (server/services/passwords.py).
MIN_PASSWORD = 8


class LoginDialog(QDialog):
    submitted = Signal(str, str, str)  # server, user, password
    password_chosen = Signal(str, str, str, str)  # server, user, one-time password, new one

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
        field = self.server.lineEdit()
        assert field is not None  # an editable combo box has one
        self.server_field: QLineEdit = field
        self.server_field.setPlaceholderText("https://lapor.example.go.id")
        for url in dict.fromkeys(p.server_url for p in profiles):
            self.server.addItem(url)
        # Said as the address is typed: plain http:// to another computer is never used.
        self.server_hint = QLabel()
        self.server_hint.setObjectName("errorText")
        self.server_hint.setWordWrap(True)
        self.server_hint.setVisible(False)
        self.server.editTextChanged.connect(self._check_address)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("e.g. admin.kendari"))
        if profiles:
            self.username.setText(profiles[0].username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setObjectName("newPassword")
        self.repeat_password = QLineEdit()
        self.repeat_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_password.setObjectName("repeatPassword")
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow("", self.server_hint)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("New password"), self.new_password)
        form.addRow(self.tr("Repeat new password"), self.repeat_password)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._choosing(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if profiles else self.server).setFocus(Qt.FocusReason.OtherFocusReason)
        self._check_address(self.server.currentText())

    def _check_address(self, text: str) -> None:
        problem = address_problem(text)
        if problem == "plain_http":
            self.server_hint.setText(self.tr(
                "Use the address that starts with https://. With http:// your password and the "
                "complaints would travel unprotected, so LAPOR Desk does not connect to it."))
        self.server_hint.setVisible(problem == "plain_http")

    def _choosing(self, choosing: bool) -> None:
        """Show (or hide) the new password's two fields."""
        self.choosing_password = choosing
        for field in (self.new_password, self.repeat_password):
            self.form.setRowVisible(field, choosing)
            if not choosing:
                field.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Save password and sign in") if choosing else self.tr("Sign in"))

    def _submit(self) -> None:
        server = self.server.currentText().strip()
        user = self.username.text().strip()
        if self.choosing_password:
            self._submit_new(server, user)
            return
        if not server or not user or not self.password.text():
            self.show_error(self.tr("Fill in the server, user name and password."))
            return
        problem = address_problem(server)
        if problem is not None:  # never sent: the password stays here
            self.show_error(labels.error(problem))
            self.server_field.selectAll()
            self.server.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(server, user, self.password.text())

    def _submit_new(self, server: str, user: str) -> None:
        new = self.new_password.text()
        if len(new) < MIN_PASSWORD:
            self.show_error(self.tr("The new password needs at least %1 characters.")
                            .replace("%1", str(MIN_PASSWORD)))
            self.new_password.setFocus()
            return
        if new != self.repeat_password.text():
            self.show_error(self.tr("The two new passwords differ. Type the same password "
                                    "in both fields."))
            self.repeat_password.selectAll()
            self.repeat_password.setFocus()
            return
        if new == self.password.text():
            self.show_error(self.tr("Choose a password other than the one you were given."))
            self.new_password.selectAll()
            self.new_password.setFocus()
            return
        self.set_busy(True)
        self.password_chosen.emit(server, user, self.password.text(), new)

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
        """Say what went wrong and what to do next, and put the cursor where the fix is."""
        code = getattr(error, "code", None)
        server = self.server.currentText().strip()
        if code in ADDRESS_REFUSED:
            self.show_error(labels.error(code))
            self.server_field.selectAll()
            self.server.setFocus()
            return
        if code in UNREACHABLE:
            self.show_error(self.tr(
                "Cannot reach the server %1. Check that the address is right and that this "
                "computer is connected to the network (try opening the address in a browser), "
                "then sign in again. If the network is down, try again later: nothing is lost.")
                .replace("%1", server))
            self.server_field.selectAll()
            self.server.setFocus()
            return
        if code == "password_change_required":
            self._choosing(True)
            self.show_error(self.tr(
                "The password you typed was given to you for this first sign-in only. Choose "
                "your own password (at least 8 characters), type it twice, then sign in."))
            self.new_password.setFocus()
            return
        if code == "password_unchanged":
            self.show_error(self.tr("Choose a password other than the one you were given."))
            self.new_password.selectAll()
            self.new_password.setFocus()
            return
        if code == "bad_credentials":
            self._choosing(False)
            self.show_error(self.tr(
                "The user name or password is wrong. Check both and try again (passwords are "
                "case-sensitive). Forgot it? Ask your agency's LAPOR! administrator to reset "
                "it."))
        elif code == "tls_error":
            self.show_error(self.tr(
                "The server's security certificate could not be verified. Check the address "
                "(it should start with https://) or ask your administrator."))
        else:
            self.show_error(labels.error_message(error))
        self.password.selectAll()
        self.password.setFocus()
