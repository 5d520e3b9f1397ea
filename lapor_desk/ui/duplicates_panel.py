"""Below a complaint's detail: "similar complaints" suggested from the local index, and the
complaints already linked as duplicates, with Link and Unlink."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.duplicates import SimilarComplaint
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.similar_list import SimilarListModel


def _list(model: SimilarListModel, name: str) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setModel(model)
    view.setMaximumHeight(96)
    view.setUniformItemSizes(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


class DuplicatesPanel(QWidget):
    link_requested = Signal(str, str)     # complaint id, the other complaint's id
    unlink_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.complaint_id: str | None = None
        self.similar_model = SimilarListModel(self)
        self.linked_model = SimilarListModel(self)
        self.similar_view = _list(self.similar_model, "similarComplaints")
        self.linked_view = _list(self.linked_model, "linkedDuplicates")
        self.similar_heading = QLabel()
        self.linked_heading = QLabel()
        for heading in (self.similar_heading, self.linked_heading):
            heading.setStyleSheet("font-weight: 600;")
        self.empty = QLabel()
        self.empty.setObjectName("dialogIntro")
        self.link_button = QPushButton()
        self.unlink_button = QPushButton()
        for button in (self.link_button, self.unlink_button):
            button.setAutoDefault(False)
        self.link_button.clicked.connect(self._link)
        self.unlink_button.clicked.connect(self._unlink)
        self.similar_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.linked_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.similar_view.doubleClicked.connect(lambda _i: self._link())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        for heading, button, view in ((self.similar_heading, self.link_button,
                                       self.similar_view),
                                      (self.linked_heading, self.unlink_button,
                                       self.linked_view)):
            row = QHBoxLayout()
            row.addWidget(heading, 1)
            row.addWidget(button)
            layout.addLayout(row)
            layout.addWidget(view)
            if view is self.similar_view:
                layout.addWidget(self.empty)
        self.retranslate()
        self.clear()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.similar_heading.setText(self.tr("Similar complaints"))
        self.linked_heading.setText(self.tr("Linked duplicates"))
        self.link_button.setText(self.tr("Link as duplicate"))
        self.unlink_button.setText(self.tr("Unlink"))
        self.empty.setText(self.tr("No similar complaint in the same regency/city."))
        self.similar_view.setToolTip(self.tr("Same regency/city, similar words in the title"))

    def clear(self) -> None:
        self.complaint_id = None
        self.similar_model.set_items([])
        self.linked_model.set_items([])
        self._enable()

    def set_items(self, complaint_id: str, similar: list[SimilarComplaint],
                  linked: list[SimilarComplaint]) -> None:
        self.complaint_id = complaint_id
        self.similar_model.set_items(similar)
        self.linked_model.set_items(linked)
        self._enable()

    def _enable(self) -> None:
        self.similar_view.setVisible(self.similar_model.rowCount() > 0)
        self.empty.setVisible(self.complaint_id is not None
                              and self.similar_model.rowCount() == 0)
        has_linked = self.linked_model.rowCount() > 0
        self.linked_view.setVisible(has_linked)
        self.linked_heading.setVisible(has_linked)
        self.unlink_button.setVisible(has_linked)
        self.link_button.setEnabled(self._selected(self.similar_view, self.similar_model)
                                    is not None)
        self.unlink_button.setEnabled(self._selected(self.linked_view, self.linked_model)
                                      is not None)

    @staticmethod
    def _selected(view: QListView, model: SimilarListModel) -> str | None:
        rows = view.selectionModel().selectedRows()
        return model.id_at(rows[0].row()) if rows else None

    def select(self, other_id: str, linked: bool = False) -> bool:
        model = self.linked_model if linked else self.similar_model
        view = self.linked_view if linked else self.similar_view
        if other_id not in model.ids():
            return False
        view.setCurrentIndex(model.index(model.ids().index(other_id)))
        return True

    def _link(self) -> None:
        other = self._selected(self.similar_view, self.similar_model)
        if self.complaint_id and other:
            self.link_button.setEnabled(False)
            self.link_requested.emit(self.complaint_id, other)

    def _unlink(self) -> None:
        other = self._selected(self.linked_view, self.linked_model)
        if self.complaint_id and other:
            self.unlink_button.setEnabled(False)
            self.unlink_requested.emit(self.complaint_id, other)
