"""A short list of complaints (duplicate suggestions or linked duplicates)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from lapor_desk.services.duplicates import SimilarComplaint
from lapor_desk.ui import labels

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole


class SimilarListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[SimilarComplaint] = []

    def set_items(self, items: list[SimilarComplaint]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def ids(self) -> list[str]:
        return [i.id for i in self._items]

    def id_at(self, row: int) -> str | None:
        return self._items[row].id if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        number = str(item.tracking_number) if item.tracking_number else self.tr("new")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{number} · {labels.complaint_title(item.title)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (labels.complaint_title(item.title),
                                         labels.status(item.status),
                                         item.regency or "", item.created_at[:10]) if p)
        if role == ID_ROLE:
            return item.id
        return None
