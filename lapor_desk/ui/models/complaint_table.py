"""The complaint list: holds only the ordered ids; rows are fetched in pages, off the UI thread.

``fetch(ids, deliver)`` is given by the window (it runs the services' ``rows`` on the database
worker and calls ``deliver(rows)`` on the UI thread). Until a page arrives its cells show a
placeholder; when it arrives, ``dataChanged`` repaints just those rows. A fetch that answers
synchronously (tests, small lists) is fine too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from lapor_desk.services.types import ComplaintRow, DeadlineBadge, OutboxMark
from lapor_desk.ui import labels
from lapor_desk.ui.resources import icon

Fetch = Callable[[list[str], Callable[[list[ComplaintRow]], None]], None]
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200

DEADLINE, NUMBER, TITLE, STATUS, PRIVACY, PLACE, TYPE, RECEIVED = range(8)
HEADERS = (
    QT_TRANSLATE_NOOP("ComplaintTable", "Deadline"), QT_TRANSLATE_NOOP("ComplaintTable", "No."),
    QT_TRANSLATE_NOOP("ComplaintTable", "Title"), QT_TRANSLATE_NOOP("ComplaintTable", "Status"),
    QT_TRANSLATE_NOOP("ComplaintTable", "Privacy"),
    QT_TRANSLATE_NOOP("ComplaintTable", "Unit / agency"),
    QT_TRANSLATE_NOOP("ComplaintTable", "Type"), QT_TRANSLATE_NOOP("ComplaintTable", "Received"),
)
#: Columns the list can be ordered by (the services' ComplaintFilter.order codes); the
#: others (privacy, unit) keep the current order.
SORT_CODES = {DEADLINE: "deadline", NUMBER: "number", TITLE: "title", STATUS: "status",
              TYPE: "type", RECEIVED: "received"}


def order_code(column: int, order: Qt.SortOrder) -> str | None:
    """ComplaintFilter.order for a header's sort indicator (None: not a sortable column)."""
    code = SORT_CODES.get(column)
    if code is None:
        return None
    if column == DEADLINE and order == Qt.SortOrder.AscendingOrder:
        return ""  # the default: soonest deadline first
    return code if order == Qt.SortOrder.AscendingOrder else "-" + code


BADGE_COLORS = {DeadlineBadge.OVERDUE: ("#fde7e7", "#b71c1c"),
                DeadlineBadge.DUE_SOON: ("#fff4dc", "#8a5a00")}


def _fill(text: str, value: object) -> str:
    return text.replace("%1", str(value))


def deadline_text(row: ComplaintRow) -> str:
    d = row.deadline
    if d.badge == DeadlineBadge.NONE or d.working_days_left is None:
        return "—"
    if d.badge == DeadlineBadge.OVERDUE:
        days = -d.working_days_left
        if not days:
            return QCoreApplication.translate("ComplaintTable", "Overdue")
        return _fill(QCoreApplication.translate("ComplaintTable", "Overdue %1 WD"), days)
    if d.working_days_left == 0:
        return QCoreApplication.translate("ComplaintTable", "Today")
    return _fill(QCoreApplication.translate("ComplaintTable", "%1 WD left"),
                 d.working_days_left)


def privacy_text(row: ComplaintRow) -> str:
    marks = []
    if row.anonymous:
        marks.append(QCoreApplication.translate("ComplaintTable", "ANONYMOUS"))
    if row.confidential:
        marks.append(QCoreApplication.translate("ComplaintTable", "CONFIDENTIAL"))
    return " · ".join(marks)


def status_text(row: ComplaintRow, queue: bool = False) -> str:
    """The complaint's status (``queue``: the queue it is listed in), with its outbox mark."""
    text = labels.queue(row.queue) if queue and row.queue else labels.status(row.status)
    if row.outbox == OutboxMark.PENDING:
        return _fill(QCoreApplication.translate("ComplaintTable", "%1 (waiting to send)"), text)
    if row.outbox == OutboxMark.REJECTED:
        return _fill(QCoreApplication.translate("ComplaintTable", "%1 (rejected by server)"),
                     text)
    if row.outbox == OutboxMark.CONFLICT:
        return _fill(QCoreApplication.translate("ComplaintTable", "%1 (conflict)"), text)
    return text


class ComplaintTableModel(QAbstractTableModel):
    #: a page of rows of the current list arrived (the first one: the list is readable)
    rows_arrived = Signal()

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[str] = []
        self._position: dict[str, int] = {}
        self._rows: dict[str, ComplaintRow] = {}
        self._requested: set[int] = set()
        self._generation = 0
        self._inside_data = False
        self._show_queue = False

    def show_queue(self, shown: bool) -> None:
        """The status column names each complaint's queue (the list of every queue)."""
        if shown != self._show_queue:
            self._show_queue = shown
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, STATUS, STATUS)
            if self._ids:
                self.dataChanged.emit(self.index(0, STATUS),
                                      self.index(len(self._ids) - 1, STATUS))

    # --- ids ---------------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[str], first_rows: Sequence[ComplaintRow] = ()) -> None:
        """A new list; ``first_rows``: the rows of its first page, when read with it."""
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {i: n for n, i in enumerate(self._ids)}
        self._rows.clear()
        self._requested.clear()
        self._generation += 1
        if first_rows:
            self._rows.update((row.id, row) for row in first_rows)
            self._requested.add(0)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Drop the cached rows (something changed); visible ones are fetched again."""
        self._rows.clear()
        self._requested.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(HEADERS) - 1))

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, complaint_id: str) -> int:
        return self._position.get(complaint_id, -1)

    def loaded_row(self, complaint_id: str) -> ComplaintRow | None:
        return self._rows.get(complaint_id)

    # --- pages -------------------------------------------------------------------------------

    def _request(self, row: int) -> None:
        page = row // PAGE
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE:(page + 1) * PAGE]
        self._fetch(ids, lambda rows: self._arrived(generation, page, rows))

    def _arrived(self, generation: int, page: int, rows: list[ComplaintRow]) -> None:
        if generation != self._generation:
            return  # the list changed meanwhile
        for row in rows:
            self._rows[row.id] = row
        self.rows_arrived.emit()
        if self._inside_data:
            return  # answered synchronously: data() reads it at once
        first = page * PAGE
        last = min(len(self._ids), first + PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            if section == STATUS and self._show_queue:
                return QCoreApplication.translate("ComplaintTable", "Queue")
            return QCoreApplication.translate("ComplaintTable", str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        complaint_id = self._ids[index.row()]
        if role == ID_ROLE:
            return complaint_id
        row = self._rows.get(complaint_id)
        if row is None:
            self._inside_data = True
            try:
                self._request(index.row())
            finally:
                self._inside_data = False
            row = self._rows.get(complaint_id)
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == TITLE else None
        return self._cell(row, index.column(), role)

    def _cell(self, row: ComplaintRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STATUS and self._show_queue:
                return status_text(row, queue=True)
            return self._display(row, column)
        if role == BADGE_ROLE:
            return str(row.deadline.badge)
        colors = BADGE_COLORS.get(row.deadline.badge)
        if column == DEADLINE and colors is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(colors[0])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(colors[1])
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and column == PRIVACY:
            return QColor("#6a1b9a")
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATUS and row.outbox != OutboxMark.NONE:
                return icon({OutboxMark.PENDING: "pending", OutboxMark.REJECTED: "rejected",
                             OutboxMark.CONFLICT: "conflict"}[row.outbox])
            if column == PRIVACY and (row.anonymous or row.confidential):
                return icon("lock" if row.confidential else "anonymous")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DEADLINE and row.deadline.due is not None:
                due = _fill(QCoreApplication.translate("ComplaintTable", "Due %1"),
                            labels.when(row.deadline.due))
                return f"{due}\n{labels.working_days()}"  # what "HK" means
            if column == TITLE:
                return labels.complaint_title(row.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, DEADLINE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: ComplaintRow, column: int) -> str:
        if column == DEADLINE:
            return deadline_text(row)
        if column == NUMBER:
            if row.tracking_number:
                return str(row.tracking_number)
            return QCoreApplication.translate("ComplaintTable", "new")
        if column == TITLE:
            return labels.complaint_title(row.title)
        if column == PRIVACY:
            return privacy_text(row)
        if column == TYPE:
            return labels.complaint_type(row.complaint_type)
        if column == STATUS:
            return status_text(row)
        if column == PLACE:
            return row.location_name
        return labels.day(row.created_at)
