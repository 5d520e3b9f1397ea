"""Choosing a unit or agency by the names admins use (the forward and re-route dialogs).

One search field over the agency tree: what is typed is looked up by models/unit_names.py
(abbreviations such as "dukcapil" or "satpol pp", the directory's aliases, typos, the agency
above: "dinkes konawe"), the best matches first; with nothing typed, the units this user chose
lately are listed first. When nothing matches, the picker says so and what to try instead.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.models.unit_names import UnitEntry, UnitIndex
from lapor_desk.services.types import AgencyItem

if TYPE_CHECKING:
    from lapor_desk.ui.unit_names_flow import UnitNamesEditor

ID_ROLE = Qt.ItemDataRole.UserRole
#: set on the "recently used" group and its rows
RECENT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def _tooltip(item: AgencyItem) -> str:
    """The unit's code, other names and the agencies above it."""
    tip = [item.code] if item.code else []
    if item.aliases:
        tip.append(", ".join(item.aliases))
    if item.above:
        tip.append(" › ".join(reversed(item.above)))
    return "\n".join(tip)


def _node(item: AgencyItem) -> QStandardItem:
    node = QStandardItem(item.name)
    node.setData(item.id, ID_ROLE)
    node.setToolTip(_tooltip(item))
    node.setEditable(False)
    flags = Qt.ItemFlag.ItemIsEnabled
    if item.selectable:
        flags |= Qt.ItemFlag.ItemIsSelectable
    node.setFlags(flags)
    return node


def unit_model(items: list[AgencyItem], recent_heading: str = "") -> QStandardItemModel:
    """The tree (items come parents first), with the recently chosen ones in a group of their
    own at the top (``recent_heading``; none when nothing was chosen lately)."""
    model = QStandardItemModel()
    made: dict[int, QStandardItem] = {}
    recent = sorted((i for i in items if i.recent is not None and i.selectable),
                    key=lambda i: i.recent or 0)
    # the agency beside each recent unit when they are not all of one agency
    agencies = {i.above[0] if i.above else "" for i in recent}
    if recent and recent_heading:
        group = QStandardItem(recent_heading)
        group.setData(True, RECENT_ROLE)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for item in recent:
            node = _node(item)
            node.setData(True, RECENT_ROLE)
            above = item.above[0] if item.above else ""
            if above and len(agencies) > 1:
                node.setText(f"{item.name} — {above}")
            group.appendRow(node)
        model.appendRow(group)
    for item in items:
        node = _node(item)
        parent = made.get(item.parent_id) if item.parent_id is not None else None
        (parent or model.invisibleRootItem()).appendRow(node)
        made[item.id] = node
    return model


class UnitFilter(QSortFilterProxyModel):
    """Shows the whole tree (the recent group first, then by name) or only the matches and the
    agencies above them, best first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rank: dict[int, int] | None = None
        self.setRecursiveFilteringEnabled(True)

    def show_matches(self, ids: list[int] | None) -> None:
        """``None``: everything; else these ids, in this order."""
        self._rank = None if ids is None else {i: n for n, i in enumerate(ids)}
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._rank is None:
            return True
        if index.data(RECENT_ROLE):
            return False
        value = index.data(ID_ROLE)
        return value is not None and int(value) in self._rank

    def _best(self, index: Index) -> int:
        """The best rank at or below ``index`` (a parent ranks as its best match)."""
        assert self._rank is not None
        value = index.data(ID_ROLE)
        best = self._rank.get(int(value), len(self._rank)) if value is not None else len(
            self._rank)
        model = self.sourceModel()
        for row in range(model.rowCount(index)):
            best = min(best, self._best(model.index(row, 0, index)))
        return best

    def lessThan(self, left: Index, right: Index) -> bool:
        if self._rank is not None:
            return self._best(left) < self._best(right)
        recent_left, recent_right = bool(left.data(RECENT_ROLE)), bool(right.data(RECENT_ROLE))
        if recent_left != recent_right:
            return recent_left
        if recent_left:
            return left.row() < right.row()  # the latest first, as the group was filled
        return str(left.data() or "").casefold() < str(right.data() or "").casefold()


@lru_cache(maxsize=4)
def unit_index(entries: tuple[UnitEntry, ...]) -> UnitIndex:
    """The index of these units, built once while they stay the same: indexing a province's
    directory is too slow to repeat on the window's thread each time a forward dialog opens."""
    return UnitIndex(entries)


class UnitPicker(QWidget):
    """The search field, the tree and the "not found" line of a unit picker."""

    #: a unit was double-clicked or chosen with Enter in the tree
    activated = Signal()
    #: the chosen unit changed
    chosen = Signal()

    def __init__(self, items: list[AgencyItem], placeholder: str,
                 parent: QWidget | None = None, names: UnitNamesEditor | None = None) -> None:
        super().__init__(parent)
        self.items = items
        self.names = names
        self.index = self._index()
        self.recent = [i.id for i in sorted((i for i in items if i.recent is not None),
                                            key=lambda i: i.recent or 0)]
        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.source = unit_model(items, self.tr("Recently used"))
        self.proxy = UnitFilter(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.sort(0)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        if not any(i.parent_id is not None for i in items):
            self.tree.setRootIsDecorated(False)
        self.not_found = QLabel()
        self.not_found.setObjectName("unitNotFound")
        self.not_found.setWordWrap(True)
        self.not_found.setStyleSheet("color: #8a1c1c;")
        self.not_found.hide()
        self._expand_default()
        self.search.textChanged.connect(self._filter)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self.chosen.emit())
        self.tree.doubleClicked.connect(lambda _i: self.activated.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.not_found, self.tree):
            layout.addWidget(widget)
        layout.setStretch(2, 1)
        #: "Other names…": shown to those who may edit a unit's aliases (names given)
        self.names_button = QPushButton(self.tr("Other names of this unit…"))
        self.names_button.setObjectName("unitNamesButton")
        self.names_button.setToolTip(self.tr(
            "Add the abbreviations and names people use for the chosen unit, so everyone "
            "finds it by them (needs a connection to the server)."))
        self.names_button.setEnabled(False)
        self.names_button.setVisible(names is not None
                                     and any(i.names_editable for i in items))
        self.names_button.clicked.connect(self._edit_names)
        self.chosen.connect(self._names_allowed)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.names_button)
        layout.addLayout(row)

    def _index(self) -> UnitIndex:
        return unit_index(tuple(UnitEntry(i.id, i.name, i.code, i.aliases, i.above)
                                for i in self.items))

    def chosen_item(self) -> AgencyItem | None:
        target = self.target_id()
        return next((i for i in self.items if i.id == target), None)

    def _names_allowed(self) -> None:
        item = self.chosen_item()
        self.names_button.setEnabled(item is not None and item.names_editable)

    def _edit_names(self) -> None:
        item = self.chosen_item()
        if self.names is not None and item is not None and item.names_editable:
            self.names.edit(item, self.window(), self.names_saved)

    def names_saved(self, agency_id: int, aliases: tuple[str, ...]) -> None:
        """The server stored these names for the unit: find it by them from now on."""
        self.items = [replace(i, aliases=aliases) if i.id == agency_id else i
                      for i in self.items]
        self.index = self._index()
        for hit in self.source.match(self.source.index(0, 0), ID_ROLE, agency_id, -1,
                                     Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly):
            item = next(i for i in self.items if i.id == agency_id)
            self.source.itemFromIndex(hit).setToolTip(_tooltip(item))
        if self.search.text().strip():
            self._filter(self.search.text())

    def _expand_default(self) -> None:
        self.tree.expandToDepth(1)

    def _filter(self, text: str) -> None:
        typed = text.strip()
        ids = self.index.find(typed, self.recent) if typed else None
        self.proxy.show_matches(ids)
        if ids is None:
            self.tree.collapseAll()
            self._expand_default()
        else:
            self.tree.expandAll()
            first = self._first_selectable(QModelIndex())
            if first is not None:
                self.tree.scrollTo(first)
            selectable = {i.id for i in self.items if i.selectable}
            if sum(1 for i in ids if i in selectable) == 1 and first is not None:
                self.tree.setCurrentIndex(first)  # the one unit meant: Enter sends it there
        self.not_found.setVisible(ids == [])
        if ids == []:
            self.not_found.setText(self.tr(
                "Not found: no unit or agency is called “%1”. Check the spelling, try a word "
                "of its full name (e.g. “kesehatan”), or ask your agency admin to add this "
                "name to the unit.").replace("%1", typed))

    def _first_selectable(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.flags() & Qt.ItemFlag.ItemIsSelectable:
                return index
            below = self._first_selectable(index)
            if below is not None:
                return below
        return None

    def shown_ids(self) -> list[int]:
        """The ids the tree shows now, top to bottom (groups and parents included)."""
        found: list[int] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                value = index.data(ID_ROLE)
                if value is not None:
                    found.append(int(value))
                walk(index)
        walk(QModelIndex())
        return found

    def select(self, agency_id: int) -> bool:
        """Choose the unit (where the tree shows it); True when it is now the chosen one."""
        hits = self.source.match(self.source.index(0, 0), ID_ROLE, agency_id, -1,
                                 Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        for hit in hits:
            index = self.proxy.mapFromSource(hit)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                return self.target_id() == agency_id
        return False

    def target_id(self) -> int | None:
        selected = self.tree.selectionModel().selectedIndexes()
        if not selected:
            return None
        value = selected[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def target_name(self) -> str:
        item = self.chosen_item()
        return item.name if item is not None else ""
