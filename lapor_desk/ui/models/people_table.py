"""The accounts of the people screen: name, username, role, unit, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from lapor_desk.services.people import Account

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole

ROLES = {
    "agency_admin": QT_TRANSLATE_NOOP("People", "Agency admin"),
    "liaison_officer": QT_TRANSLATE_NOOP("People", "Liaison officer"),
    "national_admin": QT_TRANSLATE_NOOP("People", "National admin"),
}
HEADERS = (QT_TRANSLATE_NOOP("People", "Name"), QT_TRANSLATE_NOOP("People", "User name"),
           QT_TRANSLATE_NOOP("People", "Role"), QT_TRANSLATE_NOOP("People", "Unit"),
           QT_TRANSLATE_NOOP("People", "State"))


def _t(text: str) -> str:
    return QCoreApplication.translate("People", text)


def role_name(code: str) -> str:
    return _t(str(ROLES[code])) if code in ROLES else code


def state_of(account: Account) -> str:
    if account.disabled:
        return QCoreApplication.translate("People", "Disabled")
    if account.must_change_password:
        return QCoreApplication.translate("People", "Active · must set a new password")
    return QCoreApplication.translate("People", "Active")


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Account] = []

    def set_items(self, items: tuple[Account, ...] | list[Account]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def replace(self, account: Account) -> None:
        """One account as the server now has it (after a change)."""
        for row, item in enumerate(self._items):
            if item.id == account.id:
                self._items[row] = account
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items))
        self._items.append(account)
        self.endInsertRows()

    def account_at(self, row: int) -> Account | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, account_id: int) -> int | None:
        return next((r for r, a in enumerate(self._items) if a.id == account_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return _t(str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return (item.display_name, item.username, role_name(item.role), item.unit_name,
                    state_of(item))[index.column()]
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ForegroundRole and item.disabled:
            return Qt.GlobalColor.gray
        return None
