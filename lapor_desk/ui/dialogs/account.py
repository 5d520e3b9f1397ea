"""The dialogs of the people screen: a new account, moving one, and a one-time password shown
once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.people import Account, NewAccount, UnitChoice
from lapor_desk.ui.models.people_table import role_name


def _t(text: str) -> str:
    return QCoreApplication.translate("People", text)


class AccountDialog(QDialog):
    """A new account (``account`` None: username, name, role, unit) or moving one (unit and
    role). The dialog stays open with what was typed until the server has taken it."""

    def __init__(self, roles: Sequence[str], units: Sequence[UnitChoice],
                 account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        title = (QCoreApplication.translate("People", "New account") if account is None
                 else QCoreApplication.translate("People", "Move %1").replace(
                     "%1", account.display_name))
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username.setPlaceholderText(
            QCoreApplication.translate("People", "e.g. lo.dinkes.konsel"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(120)
        self.role = QComboBox()
        for code in roles:
            self.role.addItem(role_name(code), code)
        self.unit = QComboBox()
        self.unit.setEditable(True)  # typed to find a unit among hundreds
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in units:
            self.unit.addItem(choice.name, choice.id)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        form = QFormLayout()
        if account is None:
            form.addRow(QCoreApplication.translate("People", "User name"), self.username)
            form.addRow(QCoreApplication.translate("People", "Full name"), self.display_name)
        else:
            self._select(self.role, account.role)
            self._select(self.unit, account.unit_id)
        form.addRow(QCoreApplication.translate("People", "Role"), self.role)
        form.addRow(QCoreApplication.translate("People", "Unit"), self.unit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("People", "Create") if account is None
            else QCoreApplication.translate("People", "Move"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("People", "Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:
        found = box.findData(value)
        if found >= 0:
            box.setCurrentIndex(found)

    def chosen_unit(self) -> int | None:
        """The unit picked (or typed in full), else None."""
        found = self.unit.findText(self.unit.currentText())
        return int(self.unit.itemData(found)) if found >= 0 else None

    def chosen_role(self) -> str:
        return str(self.role.currentData())

    def problem(self) -> str | None:
        """What must be filled in before sending, in words; None when nothing."""
        if self.account is None and (not self.username.text().strip()
                                     or " " in self.username.text().strip()):
            return QCoreApplication.translate(
                "People", "Give a user name without spaces (e.g. lo.dinkes.konsel).")
        if self.account is None and not self.display_name.text().strip():
            return QCoreApplication.translate("People", "Give the person's full name.")
        if self.chosen_unit() is None:
            return QCoreApplication.translate("People", "Choose a unit from the list.")
        return None

    def saving(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    def show_problem(self, text: str) -> None:
        self.saving(False)
        self.message.setText(text)
        self.message.setVisible(True)


class PasswordShownDialog(QDialog):
    """A one-time password, shown once: to hand to its owner, who replaces it at sign-in."""

    def __init__(self, made: NewAccount, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("People", "One-time password"))
        account = made.account
        intro = QLabel(QCoreApplication.translate("People",
            "Give this password to %1 (user name %2). It is shown only now: write it down or "
            "copy it before closing. At the first sign-in %1 must choose their own password.")
            .replace("%1", account.display_name).replace("%2", account.username))
        intro.setWordWrap(True)
        self.password = QLineEdit(made.one_time_password)
        self.password.setReadOnly(True)
        self.password.setObjectName("oneTimePassword")
        font = self.password.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setFamily("monospace")
        self.password.setFont(font)
        copy = QPushButton(QCoreApplication.translate("People", "Copy"))
        copy.clicked.connect(lambda: self._copy(made.one_time_password))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("People", "Close"))
        buttons.rejected.connect(self.reject)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @staticmethod
    def _copy(text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
