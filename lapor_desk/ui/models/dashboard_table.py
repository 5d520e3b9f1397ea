"""The dashboard's table: one row per unit or kabupaten/kota, the total last (held whole: a
coordinator's groups are tens, not thousands). Sortable by any column; the total stays last."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from lapor_desk.services.oversight import STATUS_ORDER, GroupStats
from lapor_desk.ui import labels

Index = QModelIndex | QPersistentModelIndex
C = "Dashboard"
GROUP_ROLE = Qt.ItemDataRole.UserRole      # the GroupStats
SORT_ROLE = Qt.ItemDataRole.UserRole + 1   # a value that sorts (numbers as numbers)

NAME, TOTAL = 0, 1
FIRST_STATUS = 2
OVERDUE = FIRST_STATUS + len(STATUS_ORDER)
UNFOLLOWED, MEDIAN = OVERDUE + 1, OVERDUE + 2
COLUMNS = MEDIAN + 1
HEADERS = {
    TOTAL: QT_TRANSLATE_NOOP("Dashboard", "Complaints"),
    OVERDUE: QT_TRANSLATE_NOOP("Dashboard", "Overdue"),
    UNFOLLOWED: QT_TRANSLATE_NOOP("Dashboard", "Without follow-up"),
    MEDIAN: QT_TRANSLATE_NOOP("Dashboard", "Median 1st follow-up"),
}
NAME_HEADERS = {
    "unit": QT_TRANSLATE_NOOP("Dashboard", "Unit / agency"),
    "regency": QT_TRANSLATE_NOOP("Dashboard", "Kabupaten/kota"),
}
HEADER_TIPS = {
    OVERDUE: QT_TRANSLATE_NOOP("Dashboard", "Open complaints past their deadline, in working "
                               "days"),
    UNFOLLOWED: QT_TRANSLATE_NOOP("Dashboard", "Forwarded to a unit and still without a "
                                  "follow-up reply"),
    MEDIAN: QT_TRANSLATE_NOOP("Dashboard", "Working days from forwarding to the first "
                              "follow-up reply: half of the complaints got it within this"),
}
OVERDUE_COLOR = QColor("#b71c1c")


def _t(text: str) -> str:
    return QCoreApplication.translate(C, text)


#: The queue that holds each status: its name is the short word admins use.
STATUS_QUEUES = {"unverified": "needs_verification", "forwarded": "not_followed_up",
                 "in_progress": "in_progress", "reporter_responded": "reporter_responded",
                 "postponed": "postponed", "done": "done", "archived": "archived"}


def status_short(status: str) -> str:
    """The short name of a status (its queue's: "Belum Ditindaklanjuti", "Selesai")."""
    return labels.queue(STATUS_QUEUES.get(status, status))


def two_lines(text: str, longer_than: int = 12) -> str:
    """A long heading broken at the space nearest its middle, so numeric columns stay narrow."""
    if len(text) <= longer_than or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1:]


def group_label(group: GroupStats) -> str:
    """The words for a group: its name, or what a nameless group stands for."""
    if group.kind == "scope":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "%1 (not yet with a unit)"))).replace(
            "%1", group.name)
    if group.kind == "none":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "Not stated")))
    if group.kind == "unknown":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "Unknown unit (%1)"))).replace(
            "%1", group.key)
    if group.kind == "total":
        return _t(str(QT_TRANSLATE_NOOP("Dashboard", "Total")))
    return group.name


def median_text(days: float | None) -> str:
    if days is None:
        return "—"
    return QLocale().toString(days, "f", 1)  # 2,5 in Indonesian, 2.5 in English


class DashboardTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.breakdown = "unit"
        self._groups: list[GroupStats] = []
        self._total: GroupStats | None = None

    def set_groups(self, breakdown: str, groups: Sequence[GroupStats],
                   total: GroupStats | None) -> None:
        self.beginResetModel()
        self.breakdown = breakdown
        self._groups = list(groups)
        self._total = total
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def group_at(self, row: int) -> GroupStats | None:
        if 0 <= row < len(self._groups):
            return self._groups[row]
        if row == len(self._groups) and self._total is not None:
            return self._total
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._groups) + (1 if self._total is not None else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._header_text(section)
            return text if section == NAME else two_lines(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            if FIRST_STATUS <= section < OVERDUE:
                return labels.status(STATUS_ORDER[section - FIRST_STATUS])
            if section in HEADER_TIPS:
                return _t(str(HEADER_TIPS[section]))
        return None

    def _header_text(self, section: int) -> str:
        if section == NAME:
            return _t(str(NAME_HEADERS.get(self.breakdown, NAME_HEADERS["unit"])))
        if FIRST_STATUS <= section < OVERDUE:
            return status_short(STATUS_ORDER[section - FIRST_STATUS])
        return _t(str(HEADERS[section]))

    def _value(self, group: GroupStats, column: int) -> int | float | None:
        if column == TOTAL:
            return group.total
        if FIRST_STATUS <= column < OVERDUE:
            return group.statuses[column - FIRST_STATUS]
        if column == OVERDUE:
            return group.overdue
        if column == UNFOLLOWED:
            return group.unfollowed
        if column == MEDIAN:
            return group.median_follow_up_days
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group_at(index.row())
        column = index.column()
        if group is None or not 0 <= column < COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return group_label(group)
            if column == MEDIAN:
                return median_text(group.median_follow_up_days)
            return str(self._value(group, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return group_label(group)
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and group.overdue:
            return OVERDUE_COLOR
        if role == Qt.ItemDataRole.FontRole and group.kind == "total":
            font = QFont()
            font.setBold(True)
            return font
        if role == SORT_ROLE:
            value = self._value(group, column)
            return group_label(group).casefold() if column == NAME else (
                -1.0 if value is None else float(value))
        if role == GROUP_ROLE:
            return group
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMNS:
            return
        self.layoutAboutToBeChanged.emit()
        before = {id(g): row for row, g in enumerate(self._groups)}
        keyed = [(self._sort_key(g, column), g) for g in self._groups]
        keyed.sort(key=lambda pair: pair[0],
                   reverse=order == Qt.SortOrder.DescendingOrder)
        self._groups = [g for _k, g in keyed]
        moved_from = [self.index(before[id(g)], c) for g in self._groups
                      for c in range(COLUMNS)]
        moved_to = [self.index(row, c) for row in range(len(self._groups))
                    for c in range(COLUMNS)]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _sort_key(self, group: GroupStats, column: int) -> Any:
        if column == NAME:
            return group_label(group).casefold()
        value = self._value(group, column)
        return -1.0 if value is None else float(value)
