"""Pengguna: the accounts an admin manages (list, filter, create, disable/enable, move, reset a
password), for the roles that manage anyone (``Capabilities.people``).

Everything is the server's (services/people.py): the list is asked at each opening and after
each filter change on the network worker, the units and roles offered come from the cache.
A change answers with the account as the server now has it, which replaces its row. A one-time
password (a new account's, a reset's) is shown once, in its own dialog. Sub-dialogs go through
one :class:`DialogSlot`; disabling and resetting ask first (``confirm``, injected by tests).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.errors import ServiceError
from lapor_desk.services.people import Account, AccountEvent, NewAccount, PeopleFilter, UnitChoice
from lapor_desk.services.types import SessionInfo
from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.account import AccountDialog, PasswordShownDialog
from lapor_desk.ui.models.people_table import PeopleTableModel, role_name

PROBLEMS = {
    "forbidden": QT_TRANSLATE_NOOP(
        "People", "You may not do this to this account: you manage agency admins and liaison "
                  "officers of your own agency, never your own account."),
    "username_taken": QT_TRANSLATE_NOOP(
        "People", "This user name is taken: choose another (e.g. add the unit's short name)."),
    "not_found": QT_TRANSLATE_NOOP(
        "People", "The account or unit no longer exists on the server: refresh the list."),
    "offline": QT_TRANSLATE_NOOP(
        "People", "Accounts are managed on the server: connect to the network and try again."),
    "account_incomplete": QT_TRANSLATE_NOOP("People", "Give the user name and the full name."),
}
ACTIONS = {
    "created": QT_TRANSLATE_NOOP("People", "created"),
    "disabled": QT_TRANSLATE_NOOP("People", "disabled"),
    "enabled": QT_TRANSLATE_NOOP("People", "enabled"),
    "moved": QT_TRANSLATE_NOOP("People", "moved"),
    "password_reset": QT_TRANSLATE_NOOP("People", "password reset"),
    "password_changed": QT_TRANSLATE_NOOP("People", "own password set"),
    "updated": QT_TRANSLATE_NOOP("People", "name changed"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("People", text)


def problem_text(error: Exception) -> str:
    code = getattr(error, "code", "") if isinstance(error, ServiceError) else ""
    if code in PROBLEMS:
        return _t(str(PROBLEMS[code]))
    return labels.error_message(error)


def people_available(info: SessionInfo | None) -> bool:
    return info is not None and info.capabilities.people


def _ask(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, QCoreApplication.translate("People", "People"), question)
    return answer == QMessageBox.StandardButton.Yes


class PeopleWindow(QDialog):
    def __init__(self, controller: DeskController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.slot = DialogSlot()
        self.confirm: Callable[[str], bool] = lambda question: _ask(self, question)
        self.roles: tuple[str, ...] = ()
        self.units: tuple[UnitChoice, ...] = ()
        self.setWindowTitle(QCoreApplication.translate("People", "People"))
        self.resize(1100, 620)
        heading = QLabel(QCoreApplication.translate("People", "People"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(QCoreApplication.translate(
            "People", "The accounts you manage. Changes are made on the server at once; a new "
                      "or reset password is shown once, to hand to its owner."))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(QCoreApplication.translate("People", "Name or user name…"))
        self.search.setClearButtonEnabled(True)
        self.role_filter = QComboBox()
        self.role_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumWidth(260)
        self.unit_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_filter.setMinimumContentsLength(24)
        self.show_disabled = QCheckBox(QCoreApplication.translate("People", "Show disabled"))
        self.show_disabled.setChecked(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.show_disabled)
        self.model = PeopleTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((210, 170, 170, 360)):
            self.table.setColumnWidth(column, width)
        self.new_button = QPushButton(QCoreApplication.translate("People", "New account…"))
        self.move_button = QPushButton(QCoreApplication.translate("People", "Move…"))
        self.switch_button = QPushButton(QCoreApplication.translate("People", "Disable"))
        self.reset_button = QPushButton(QCoreApplication.translate("People", "Reset password"))
        self.history_button = QPushButton(QCoreApplication.translate("People", "History"))
        self.refresh_button = QPushButton(QCoreApplication.translate("People", "Refresh"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.move_button, self.switch_button,
                       self.reset_button, self.history_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("errorText")
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.role_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.unit_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_disabled.toggled.connect(lambda _c: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button.clicked.connect(self.new_account)
        self.move_button.clicked.connect(self.move_account)
        self.switch_button.clicked.connect(self.switch)
        self.reset_button.clicked.connect(self.reset)
        self.history_button.clicked.connect(self.history)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._follow())
        self._follow()
        self.loading = False

    # --- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """The roles and units to offer (cache), then the list (server)."""
        op = self.controller.op(lambda ws: (ws.people.roles(), ws.people.units()))
        op.success(self._choices).failure(self._failed).run()

    def _choices(self, found: tuple[tuple[str, ...], tuple[UnitChoice, ...]]) -> None:
        self.roles, self.units = found
        for box in (self.role_filter, self.unit_filter):
            box.blockSignals(True)
            box.clear()
        self.role_filter.addItem(QCoreApplication.translate("People", "All roles"), None)
        for code in self.roles:
            self.role_filter.addItem(role_name(code), code)
        self.unit_filter.addItem(QCoreApplication.translate("People", "All units"), None)
        for unit in self.units:
            self.unit_filter.addItem(unit.name, unit.id)
        for box in (self.role_filter, self.unit_filter):
            box.blockSignals(False)
        self.refresh()

    def wanted(self) -> PeopleFilter:
        return PeopleFilter(self.search.text(), self.role_filter.currentData(),
                            self.unit_filter.currentData(), self.show_disabled.isChecked())

    def refresh(self) -> None:
        wanted = self.wanted()
        self.loading = True
        self.refresh_button.setEnabled(False)
        op = self.controller.op(lambda ws: ws.people.accounts(wanted), worker="net")
        op.success(self._listed).failure(self._failed).run()

    def _listed(self, accounts: tuple[Account, ...]) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.message.setVisible(False)
        self.model.set_items(accounts)
        self._follow()

    def _failed(self, error: Exception) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.say(problem_text(error))

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- the selected account -----------------------------------------------------------------

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.account_at(rows[0].row()) if rows else None

    def select(self, account_id: int) -> None:
        row = self.model.row_of(account_id)
        if row is not None:
            self.table.selectRow(row)

    def _follow(self) -> None:
        account = self.selected()
        for button in (self.move_button, self.switch_button, self.reset_button,
                       self.history_button):
            button.setEnabled(account is not None)
        disabled = account is not None and account.disabled
        self.switch_button.setText(QCoreApplication.translate("People", "Enable") if disabled
                                   else QCoreApplication.translate("People", "Disable"))

    def _changed(self, account: Account) -> None:
        self.model.replace(account)
        self.select(account.id)
        self._follow()
        self.say("")

    # --- actions ------------------------------------------------------------------------------

    def new_account(self) -> AccountDialog | None:
        return self._account_dialog(None)

    def move_account(self) -> AccountDialog | None:
        account = self.selected()
        return self._account_dialog(account) if account is not None else None

    def _account_dialog(self, account: Account | None) -> AccountDialog | None:
        if self.slot.busy:
            return None
        dialog = AccountDialog(self.roles, self.units, account, self)

        def send() -> None:
            problem = dialog.problem()
            if problem:
                dialog.show_problem(problem)
                return
            dialog.saving(True)
            role, unit = dialog.chosen_role(), dialog.chosen_unit()
            assert unit is not None
            if account is None:
                username, name = dialog.username.text(), dialog.display_name.text()
                made = self.controller.op(
                    lambda ws: ws.people.create(username, name, role, unit), worker="net")
                made.success(lambda new: done(new.account, new)).failure(
                    lambda error: dialog.show_problem(problem_text(error))).run()
            else:
                moved = self.controller.op(
                    lambda ws: ws.people.move(account.id, unit, role), worker="net")
                moved.success(lambda changed: done(changed, None)).failure(
                    lambda error: dialog.show_problem(problem_text(error))).run()

        def done(changed: Account, new: NewAccount | None) -> None:
            self._changed(changed)
            dialog.accept()
            if new is not None:
                QTimer.singleShot(0, lambda: self.show_password(new))

        dialog.buttons.accepted.connect(send)
        self.slot.open(dialog)
        return dialog

    def switch(self) -> None:
        account = self.selected()
        if account is None:
            return
        disable = not account.disabled
        if disable and not self.confirm(QCoreApplication.translate("People",
                "Disable the account of %1? They can no longer sign in, and their desktop "
                "deletes its copy of their work at its next contact.")
                .replace("%1", account.display_name)):
            return
        op = self.controller.op(lambda ws: ws.people.set_disabled(account.id, disable),
                                worker="net")
        op.success(self._changed).failure(self._failed).run()

    def reset(self) -> None:
        account = self.selected()
        if account is None or not self.confirm(QCoreApplication.translate("People",
                "Reset the password of %1? Their sessions end; you get a one-time password to "
                "hand over, and they choose their own at the next sign-in.")
                .replace("%1", account.display_name)):
            return
        op = self.controller.op(lambda ws: ws.people.reset_password(account.id), worker="net")
        op.success(self._reset_done).failure(self._failed).run()

    def _reset_done(self, new: NewAccount) -> None:
        self._changed(new.account)
        self.show_password(new)

    def show_password(self, new: NewAccount) -> PasswordShownDialog | None:
        if self.slot.busy:
            return None
        dialog = PasswordShownDialog(new, self)
        self.slot.open(dialog)
        return dialog

    def history(self) -> None:
        account = self.selected()
        if account is None:
            return
        op = self.controller.op(lambda ws: ws.people.history(account.id), worker="net")
        op.success(lambda events: self._show_history(account, events)).failure(
            self._failed).run()

    def _show_history(self, account: Account, events: tuple[AccountEvent, ...]) -> None:
        lines = [f"{e.at[:16].replace('T', ' ')} · {_t(str(ACTIONS.get(e.action, e.action)))}"
                 f" · {e.actor}" for e in events]
        self.say("")
        title = QCoreApplication.translate("People", "History of %1").replace(
            "%1", account.display_name)
        text = "\n".join(lines) or QCoreApplication.translate("People", "Nothing recorded yet.")
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Close, self)
        self.slot.open(box)
