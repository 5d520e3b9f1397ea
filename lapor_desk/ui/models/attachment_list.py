"""A complaint's attachments: name, type, size and whether this laptop has them for offline use."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from lapor_desk.services.attachments import AttachmentInfo

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("name", "type", "size", "offline")




def kind_label(kind: str) -> str:
    if kind == "image":
        return QCoreApplication.translate("AttachmentListModel", "Image")
    if kind == "pdf":
        return QCoreApplication.translate("AttachmentListModel", "PDF document")
    return QCoreApplication.translate("AttachmentListModel", "Other file")


def size_label(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def offline_label(item: AttachmentInfo) -> str:
    if item.available:
        return QCoreApplication.translate("AttachmentListModel", "On this computer")
    if item.wanted:
        return QCoreApplication.translate("AttachmentListModel", "Will download when online")
    return QCoreApplication.translate("AttachmentListModel", "Not downloaded")


class AttachmentListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[AttachmentInfo] = []

    def set_items(self, items: list[AttachmentInfo]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[AttachmentInfo]:
        return list(self._items)

    def item_at(self, row: int) -> AttachmentInfo | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, attachment_id: str) -> int:
        return next((i for i, a in enumerate(self._items) if a.id == attachment_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(COLUMNS)):
            return None
        return (QCoreApplication.translate("AttachmentListModel", "File"), QCoreApplication.translate("AttachmentListModel", "Type"),
                QCoreApplication.translate("AttachmentListModel", "Size"),
                QCoreApplication.translate("AttachmentListModel", "Offline"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = COLUMNS[index.column()] if 0 <= index.column() < len(COLUMNS) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {"name": item.filename, "type": kind_label(item.kind),
                    "size": size_label(item.size), "offline": offline_label(item)}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (item.filename, item.mime_type, size_label(item.size),
                                         offline_label(item)) if p)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return item.id
        return None
