"""The main window's panes, handed to the parts that work on them (keyboard, verification,
outbox review, window state) instead of the whole window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLineEdit, QListView, QTableView

from lapor_desk.ui.complaint_view import complaint_view
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.filter_bar import FilterBar
from lapor_desk.ui.models.complaint_table import ComplaintTableModel, Fetch
from lapor_desk.ui.models.queue_list import QueueDelegate, QueueListModel
from lapor_desk.ui.resources import icon


@dataclass(frozen=True)
class Panes:
    queues: QListView
    queue_model: QueueListModel
    search: QLineEdit
    filter_bar: FilterBar
    table: QTableView
    table_model: ComplaintTableModel
    detail: DetailPane

    def select_queue(self, key: str) -> None:
        row = self.queue_model.row_of(key)
        if row >= 0:
            self.queues.setCurrentIndex(self.queue_model.index(row))

    def selected_ids(self) -> list[str]:
        """The complaints selected in the list, in the list's order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        found = (self.table_model.id_at(r) for r in rows)
        return [i for i in found if i]


def build_panes(fetch_rows: Fetch, parent: QObject) -> Panes:
    """The panes, set up and empty (the window lays them out and connects them)."""
    queue_model = QueueListModel(parent)
    queues = QListView()
    queues.setObjectName("queues")
    queues.setModel(queue_model)
    queues.setItemDelegate(QueueDelegate(queues))
    queues.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    queues.setTextElideMode(Qt.TextElideMode.ElideRight)
    queues.setMinimumWidth(180)
    table_model = ComplaintTableModel(fetch_rows, parent)
    search = QLineEdit()
    search.setObjectName("search")
    search.setClearButtonEnabled(True)
    search.setMinimumWidth(160)
    search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    return Panes(queues, queue_model, search, FilterBar(), complaint_view(table_model),
                 table_model, DetailPane())
