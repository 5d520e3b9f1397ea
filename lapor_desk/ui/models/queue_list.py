"""The queue sidebar: one row per queue the role sees, with its live count."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from lapor_desk.services.types import QueueInfo
from lapor_desk.ui import labels
from lapor_desk.ui.resources import icon

KEY_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 2
ICONS = {"needs_verification": "inbox", "not_followed_up": "forward", "in_progress": "progress",
         "reporter_responded": "reply", "postponed": "pause", "done": "done",
         "archived": "archive", "all": "search", "outbox": "outbox", "conflicts": "conflict"}
Index = QModelIndex | QPersistentModelIndex


class QueueListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._queues: list[QueueInfo] = []

    def set_queues(self, queues: list[QueueInfo]) -> None:
        """Same keys: counts change in place (the selection stays); else the list resets."""
        if [q.key for q in queues] == [q.key for q in self._queues]:
            self._queues = list(queues)
            if queues:
                self.dataChanged.emit(self.index(0), self.index(len(queues) - 1))
            return
        self.beginResetModel()
        self._queues = list(queues)
        self.endResetModel()

    def key_at(self, row: int) -> str | None:
        return self._queues[row].key if 0 <= row < len(self._queues) else None

    def row_of(self, key: str) -> int:
        return next((i for i, q in enumerate(self._queues) if q.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._queues)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._queues):
            return None
        queue = self._queues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return labels.queue(queue.key)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(ICONS.get(queue.key, "inbox"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{labels.queue(queue.key)}: {queue.count}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{labels.queue(queue.key)}, {queue.count}"
        if role == KEY_ROLE:
            return queue.key
        if role == COUNT_ROLE:
            return queue.count
        if role == ATTENTION_ROLE:
            return queue.attention
        return None


class QueueDelegate(QStyledItemDelegate):
    """Paints the count right-aligned; a red pill when something in the queue is overdue."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width() + 56, 200), max(size.height(), 32))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        count = index.data(COUNT_ROLE)
        attention = index.data(ATTENTION_ROLE) or 0
        text = f"{count:,}".replace(",", ".") if count is not None else ""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = option.rect.adjusted(0, 0, -56, 0)
        style = opt.widget.style() if opt.widget else None
        full = QStyleOptionViewItem(option)
        full.text = ""
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, full, painter,
                                opt.widget)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        pill = QRect(option.rect.right() - 52, option.rect.center().y() - 9, 46, 18)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if attention:
            painter.setBrush(QColor("#c62828"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(pill, 9, 9)
            painter.setPen(QColor("white"))
        else:
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
