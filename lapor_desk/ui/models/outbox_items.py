"""The actions in Kotak Keluar / Konflik: one row per outbox entry (a short list, held whole)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from lapor_desk.services.outbox_review import ReviewItem
from lapor_desk.ui import labels, national_words, verify_labels
from lapor_desk.ui.resources import icon

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole          # mutation id
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1    # the ReviewItem

STATE, ACTION, COMPLAINT, MADE = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("OutboxItems", "State"), QT_TRANSLATE_NOOP("OutboxItems", "Your action"),
    QT_TRANSLATE_NOOP("OutboxItems", "Complaint no. and title"), QT_TRANSLATE_NOOP("OutboxItems", "Made"),
)
STATE_ICONS = {"pending": "pending", "rejected": "rejected", "conflict": "conflict"}
STATE_COLORS = {"pending": "#8a5a00", "rejected": "#b71c1c", "conflict": "#b71c1c"}


def _t(text: str) -> str:
    return QCoreApplication.translate("OutboxItems", text)


def action_text(item: ReviewItem) -> str:
    """The action and what it carried, e.g. "Archive · Spam" or "Forward → Dinas PU"."""
    name = verify_labels.action(item.kind)
    f = item.fields
    if f.to_name:
        return f"{name} → {f.to_name}"
    if f.reason_code:
        return f"{name} · {verify_labels.archive_reason(f.reason_code)}"
    extra = f.reason or f.note or f.body
    if extra:
        short = extra if len(extra) <= 60 else extra[:57] + "…"
        return f"{name} · {short}"
    return name


def complaint_text(item: ReviewItem) -> str:
    if not item.in_cache and item.kind == "record_complaint" and item.title:
        # refused before the server ever held it: only the outbox keeps what was typed
        return (QCoreApplication.translate("OutboxItems", "Not recorded · %1")
                .replace("%1", item.title))
    if not item.in_cache and item.tracking_number:  # known when it was refused
        return (QCoreApplication.translate("OutboxItems", "No. %1 · %2 · no longer in your list")
                .replace("%1", str(item.tracking_number))
                .replace("%2", labels.complaint_title(item.title)))
    if not item.in_cache:
        return QCoreApplication.translate("OutboxItems", "No longer in your list")
    number = (str(item.tracking_number) if item.tracking_number else
              QCoreApplication.translate("OutboxItems", "new"))
    return (QCoreApplication.translate("OutboxItems", "No. %1 · %2")
            .replace("%1", number).replace("%2", labels.complaint_title(item.title)))


def explanation(item: ReviewItem) -> str:
    if item.state == "rejected":
        return national_words.refusal(item.kind, item.reason, item.detail) or \
            verify_labels.rejection(item.reason)
    if item.state == "conflict":
        return verify_labels.conflict()
    return verify_labels.pending()


class OutboxItemModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ReviewItem] = []

    def set_items(self, items: Sequence[ReviewItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> ReviewItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, mutation_id: int) -> int:
        for row, item in enumerate(self._items):
            if item.mutation_id == mutation_id:
                return row
        return -1

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
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STATE:
                return verify_labels.state(item.state)
            if column == ACTION:
                return action_text(item)
            if column == COMPLAINT:
                return complaint_text(item)
            if column == MADE:
                return labels.when(item.created_at)
        elif role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return icon(STATE_ICONS.get(item.state, "outbox"))
        elif role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return QColor(STATE_COLORS.get(item.state, "#263238"))
        elif role == Qt.ItemDataRole.ToolTipRole:
            return explanation(item)
        elif role == ID_ROLE:
            return item.mutation_id
        elif role == ITEM_ROLE:
            return item
        return None
