"""Forward (disposisi) a complaint to a unit: a searchable agency tree and a note."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import AgencyItem

ID_ROLE = Qt.ItemDataRole.UserRole


def agency_model(items: list[AgencyItem]) -> QStandardItemModel:
    """The tree (items come parents first); targets that cannot be chosen are disabled."""
    model = QStandardItemModel()
    made: dict[int, QStandardItem] = {}
    for item in items:
        node = QStandardItem(item.name)
        node.setData(item.id, ID_ROLE)
        node.setToolTip(item.code)
        node.setEditable(False)
        flags = Qt.ItemFlag.ItemIsEnabled
        if item.selectable:
            flags |= Qt.ItemFlag.ItemIsSelectable
        node.setFlags(flags)
        parent = made.get(item.parent_id) if item.parent_id is not None else None
        (parent or model.invisibleRootItem()).appendRow(node)
        made[item.id] = node
    return model


class ForwardDialog(QDialog):
    def __init__(self, title: str, items: list[AgencyItem], parent: QWidget | None = None,
                 heading_text: str | None = None) -> None:
        """``title``: the complaint's (quoted in the heading); ``heading_text``: the whole
        heading instead (several complaints: a count is not quoted)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forward complaint"))
        self.resize(520, 560)
        heading = QLabel(heading_text or self.tr("Forward “%1” to:").replace("%1", title))
        heading.setWordWrap(True)
        heading.setObjectName("dialogHeading")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search a unit or agency…"))
        self.search.setClearButtonEnabled(True)
        self.source = agency_model(items)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.sort(0)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.expandToDepth(1)
        self.search.textChanged.connect(self._filter)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note for the unit (optional)"))
        self.note.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Forward"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.selectionModel().selectionChanged.connect(
            lambda *_: self.ok.setEnabled(self.target_id() is not None))
        self.tree.doubleClicked.connect(lambda _i: self._accept_chosen())
        layout = QVBoxLayout(self)
        for widget in (heading, self.search, self.tree, self.note, self.buttons):
            layout.addWidget(widget)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    def select(self, agency_id: int) -> bool:
        found = self.source.match(self.source.index(0, 0), ID_ROLE, agency_id, 1,
                                  Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if not found:
            return False
        index = self.proxy.mapFromSource(found[0])
        self.tree.setCurrentIndex(index)
        return self.target_id() == agency_id

    def _accept_chosen(self) -> None:
        if self.ok.isEnabled():
            self.accept()

    def target_id(self) -> int | None:
        selected = self.tree.selectionModel().selectedIndexes()
        if not selected:
            return None
        value = selected[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def note_text(self) -> str:
        return self.note.toPlainText()
