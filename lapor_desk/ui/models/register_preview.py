"""The rows of a register file before import: one row per spreadsheet row, bad rows marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lapor_desk.services.register import PreviewRow, RegisterPreview
from lapor_desk.ui import intake_labels, labels, national_words
from lapor_desk.ui.resources import icon

Index = QModelIndex | QPersistentModelIndex
OK_ROLE = Qt.ItemDataRole.UserRole
BAD_BACKGROUND = QBrush(QColor("#fdecea"))
BEFORE_TEXT = QBrush(QColor("#6b6b6b"))
BAD_TEXT = QBrush(QColor("#b71c1c"))


class RegisterPreviewModel(QAbstractTableModel):
    """Columns: row number, the row's problems (first, so they are seen), what a national record
    does (when the file has any: new, an update of a complaint held here, unchanged), the
    fields."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._fields: tuple[str, ...] = ()
        self._rows: tuple[PreviewRow, ...] = ()
        self.national_column: int | None = None
        self.FIRST_FIELD = 2

    def set_preview(self, preview: RegisterPreview | None) -> None:
        self.beginResetModel()
        self._fields = preview.fields if preview is not None else ()
        self._rows = preview.rows if preview is not None else ()
        national = any(r.national is not None for r in self._rows)
        self.national_column = 2 if national else None
        self.FIRST_FIELD = 3 if national else 2
        self.endResetModel()

    problems_column = 1

    def row_at(self, row: int) -> PreviewRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._fields else \
            len(self._fields) + self.FIRST_FIELD

    def _value(self, row: PreviewRow, column: int) -> str:
        if column == 0:
            return str(row.row)
        if column == self.problems_column:
            if row.ok and row.already_imported:
                return self.tr("Imported before: left out")
            if row.ok and row.same_as is not None and row.national != "part":
                return self.tr("Same as row %1: left out").replace("%1", str(row.same_as))
            return " ".join(intake_labels.row_problem(p.field, p.code) for p in row.problems)
        if column == self.national_column:
            return national_words.change(row) if row.ok else ""
        name = self._fields[column - self.FIRST_FIELD]
        value = row.values[column - self.FIRST_FIELD]
        if name == "complaint_type":
            return labels.complaint_type(value) if value else ""
        if name == "channel":
            return labels.channel(value) if value else ""
        return value

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._value(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problems:
                return "\n".join(intake_labels.row_problem(p.field, p.code)
                                 for p in row.problems)
            return self._value(row, index.column()) or None
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return BAD_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and not row.ok \
                and index.column() == self.problems_column:
            return BAD_TEXT
        if role == Qt.ItemDataRole.ForegroundRole and row.ok and (row.already_imported
                                                                   or row.same_as is not None):
            return BEFORE_TEXT
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return icon("rejected" if not row.ok else "sync" if row.already_imported
                        or row.same_as is not None else "done")
        if role == OK_ROLE:
            return row.ok
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return self.tr("Row")
        if section == self.problems_column:
            return self.tr("Problems")
        if section == self.national_column:
            return self.tr("In SP4N-LAPOR!")
        return intake_labels.field(self._fields[section - self.FIRST_FIELD])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
