"""The complaint list's view: whole-row selection, interactive and movable columns, a sort
indicator the services order by, and no minimum width of its own (it scrolls sideways on a
1366-pixel laptop instead of widening the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from lapor_desk.ui.models.complaint_table import DEADLINE, ComplaintTableModel

COLUMN_WIDTHS = (138, 76, 300, 200, 150, 230, 120, 110)
MINIMUM_WIDTH = 240


def complaint_view(model: ComplaintTableModel) -> QTableView:
    table = QTableView()
    table.setObjectName("complaints")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionsMovable(True)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(DEADLINE, Qt.SortOrder.AscendingOrder)
    header.setMinimumSectionSize(48)
    for column, width in enumerate(COLUMN_WIDTHS):
        table.setColumnWidth(column, width)
    table.setMinimumWidth(MINIMUM_WIDTH)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return table
