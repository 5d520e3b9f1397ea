"""The dashboard's low ratings (1-2) of the period: the complaints whose reporters were not
satisfied, newest rating first, each opened in the main window (its tracking number found in
every queue, ui/search_scope.py) by a double click, Enter or the button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.ratings import LowRating
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.low_ratings import NOTE, NUMBER, RATED, RATING, UNIT, LowRatingsModel
from lapor_desk.ui.resources import icon

#: The widest the unit column grows to its names (px).
UNIT_MAX_WIDTH = 420


class LowRatingsPanel(QWidget):
    opened = Signal(int)  # the tracking number of the complaint to open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lowRatings")
        self.model = LowRatingsModel(self)
        self.view = QTableView()
        self.view.setObjectName("lowRatingsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.activated.connect(lambda index: self._open(index.row()))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for column in (NUMBER, RATING, RATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setObjectName("detailMeta")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.hint = QLabel()
        self.hint.setObjectName("detailMeta")
        self.hint.setWordWrap(True)
        self.open_button = QPushButton(icon("search"), "")
        self.open_button.setObjectName("openRated")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex().row()))
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_button.setEnabled(current.isValid()))
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.empty.setText(self.tr("No complaint received in this period was rated 1 or 2 by "
                                   "its reporter."))
        self.hint.setText(self.tr("Complaints rated 1 (very dissatisfied) or 2 (dissatisfied) "
                                  "on the public page, newest first. Double-click one to open "
                                  "it in the main window."))
        self.open_button.setText(self.tr("Open complaint"))
        self.view.setAccessibleName(self.tr("Low ratings"))

    def set_items(self, items: Sequence[LowRating]) -> None:
        self.model.set_items(items)
        # the units' names whole where they fit; the note takes the rest (whole in its tooltip)
        self.view.resizeColumnToContents(UNIT)
        header = self.view.horizontalHeader()
        header.resizeSection(UNIT, min(header.sectionSize(UNIT), UNIT_MAX_WIDTH))
        self.stack.setCurrentWidget(self.view if items else self.empty)
        self.open_button.setEnabled(False)
        self.hint.setVisible(bool(items))
        self.open_button.setVisible(bool(items))

    def _open(self, row: int) -> None:
        item = self.model.item_at(row)
        if item is not None and item.tracking_number:
            self.opened.emit(item.tracking_number)
