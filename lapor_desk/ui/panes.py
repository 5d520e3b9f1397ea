"""The main window's panes, handed to the parts that work on them (keyboard, verification,
outbox review, window state) instead of the whole window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QListView, QTableView

from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.filter_bar import FilterBar
from lapor_desk.ui.models.complaint_table import ComplaintTableModel
from lapor_desk.ui.models.queue_list import QueueListModel


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
