"""The dashboard's list of low ratings (1-2): one row per complaint, newest rating first (the
service's order; held whole: the period's low ratings are a few in a thousand complaints)."""

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
from PySide6.QtGui import QColor, QFont

from lapor_desk.services.ratings import LowRating
from lapor_desk.ui import labels

Index = QModelIndex | QPersistentModelIndex
C = "Dashboard"
RATING_ROLE = Qt.ItemDataRole.UserRole  # the LowRating

NUMBER, RATING, UNIT, NOTE, RATED = range(5)
COLUMNS = 5
HEADERS = {
    NUMBER: QT_TRANSLATE_NOOP("Dashboard", "No."),
    RATING: QT_TRANSLATE_NOOP("Dashboard", "Rating"),
    UNIT: QT_TRANSLATE_NOOP("Dashboard", "Unit / agency"),
    NOTE: QT_TRANSLATE_NOOP("Dashboard", "Reporter's note"),
    RATED: QT_TRANSLATE_NOOP("Dashboard", "Rated on"),
}
LOW_COLOR = QColor("#b71c1c")
MUTED_COLOR = QColor("#607d8b")


def _t(text: str) -> str:
    return QCoreApplication.translate(C, text)


def unit_label(item: LowRating) -> str:
    """The unit group's words, as the dashboard's table says them."""
    if item.unit_kind == "scope":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "%1 (not yet with a unit)"))).replace(
            "%1", item.unit_name)
    if item.unit_kind == "unknown":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "Unknown unit (%1)"))).replace(
            "%1", item.unit_key)
    return item.unit_name


def note_text(item: LowRating) -> str:
    if item.redacted:
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "Confidential complaint: the note is not "
                                        "shown")))
    return item.note or "—"


class LowRatingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[LowRating] = []

    def set_items(self, items: Sequence[LowRating]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> LowRating | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _t(str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index.row())
        column = index.column()
        if item is None or not 0 <= column < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NUMBER:
                return labels.complaint_title(item.title)
            if column in (UNIT, NOTE):
                return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, RATING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == RATING:
                return LOW_COLOR
            if column == NOTE and (item.redacted or not item.note):
                return MUTED_COLOR
        if role == Qt.ItemDataRole.FontRole and column == NOTE and item.redacted:
            font = QFont()
            font.setItalic(True)
            return font
        if role == RATING_ROLE:
            return item
        return None

    def _text(self, item: LowRating, column: int) -> str:
        if column == NUMBER:
            return str(item.tracking_number) if item.tracking_number else "—"
        if column == RATING:
            return _t(str(QT_TRANSLATE_NOOP("Dashboard", "%1/5"))).replace(
                "%1", str(item.rating))
        if column == UNIT:
            return unit_label(item)
        if column == NOTE:
            return note_text(item)
        return labels.when(item.rated_at)
