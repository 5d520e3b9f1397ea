"""Above the complaint list, the open queue's name and how many complaints the list shows ("12
of 40" while filtered or searched); over the list while it is empty, why and what to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from lapor_desk.services.queues import ALL
from lapor_desk.ui import labels
from lapor_desk.ui.models.queue_list import COUNT_ROLE
from lapor_desk.ui.panes import Panes


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class ListHeading(QObject):
    def __init__(self, panes: Panes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = panes
        self.title = QLabel()
        self.title.setObjectName("listHeading")
        self.count = QLabel()
        self.count.setObjectName("listCount")
        # What an empty list means, over the list itself (hidden while it has rows)
        viewport = panes.table.viewport()
        self.empty = QLabel(viewport)
        self.empty.setObjectName("emptyList")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        QVBoxLayout(viewport).addWidget(self.empty)

    def narrowed(self) -> bool:
        return self.panes.filter_bar.is_active() or bool(self.panes.search.text().strip())

    def show(self, queue_key: str | None, count: str) -> None:
        self.title.setText(labels.queue(queue_key) if queue_key else "")
        self.count.setText(count)

    def count_text(self, queue_key: str | None, shown: int | None) -> str:
        """How many complaints the list shows: "12 of 40" while filtered or searched."""
        if shown is None or not queue_key:
            return ""
        model = self.panes.queue_model
        row = model.row_of(queue_key)
        total = model.index(row).data(COUNT_ROLE) if row >= 0 else None
        if self.narrowed() and total is not None:
            # in the window's words (the heading was the window's before it was a part)
            return QCoreApplication.translate("MainWindow", "%1 of %2").replace(
                "%1", _number(shown)).replace("%2", _number(int(total)))
        return _number(shown)

    def show_empty(self, shown: int | None, queue_key: str | None = None) -> None:
        """Say why the list is empty and what to do: filters or a search that nothing matches,
        or a queue with nothing in it."""
        if shown:
            self.empty.hide()
            return
        typed = self.panes.search.text().strip()
        if queue_key == ALL and typed and not self.panes.filter_bar.is_active():
            self.empty.setText(self.tr(
                "Not found: no complaint you can see has the number, words or reporter "
                "“%1”, in any queue. Check the number (a tracking number has 7 digits), try "
                "fewer or other words, or sync to get the newest complaints.").replace(
                    "%1", typed))
        elif self.narrowed():
            self.empty.setText(self.tr(
                "No complaint in this queue matches the filters or the search. "
                "Use “%1” or change the search to see more.").replace(
                    "%1", self.panes.filter_bar.reset_button.text()))
        else:
            self.empty.setText(self.tr("This queue is empty."))
        self.empty.show()
