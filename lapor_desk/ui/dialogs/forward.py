"""Forward (disposisi) a complaint to a unit: the units the pemda's history suggests
(ui/routing_panel.py, filled when they arrive: the dialog is usable before), the agency tree,
searched by the names admins use (ui/unit_picker.py), and a note."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import AgencyItem
from lapor_desk.ui.dialogs.discard_guard import DiscardGuard
from lapor_desk.ui.routing_panel import SuggestionPanel
from lapor_desk.ui.unit_picker import UnitPicker

if TYPE_CHECKING:
    from lapor_desk.ui.unit_names_flow import UnitNamesEditor


class ForwardDialog(QDialog):
    def __init__(self, title: str, items: list[AgencyItem], parent: QWidget | None = None,
                 names: UnitNamesEditor | None = None,
                 heading_text: str | None = None, *, suggested: bool = False) -> None:
        """``title``: the complaint's (quoted in the heading); ``heading_text``: the whole
        heading instead (several complaints: a count is not quoted); ``suggested``: with the
        unit suggestions' panel (one complaint)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forward complaint"))
        self.resize(600 if suggested else 560, 680 if suggested else 580)
        heading = QLabel(heading_text or self.tr("Forward “%1” to:").replace("%1", title))
        heading.setTextFormat(Qt.TextFormat.PlainText)  # the title as the citizen wrote it
        heading.setWordWrap(True)
        heading.setObjectName("dialogHeading")
        self.picker = UnitPicker(items, self.tr(
            "Search a unit: name, abbreviation (dukcapil, dinkes), region…"), names=names)
        self.search, self.tree = self.picker.search, self.picker.tree
        self.source, self.proxy = self.picker.source, self.picker.proxy
        self.not_found = self.picker.not_found
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
        self.picker.chosen.connect(lambda: self.ok.setEnabled(self.target_id() is not None))
        self.picker.activated.connect(self._accept_chosen)
        #: the units the history suggests (None: several complaints, no suggestion)
        self.suggestions: SuggestionPanel | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if suggested:
            self.suggestions = SuggestionPanel(self)
            self.suggestions.unit_chosen.connect(self.choose_suggested)
            layout.addWidget(self.suggestions)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if self.suggestions is not None:  # Tab: the suggestions, then the search as before
            rows = self.suggestions.rows
            order: list[QWidget] = [w for r in rows for w in (r.button, r.similar)]
            order += [self.suggestions.similar_list, self.search, self.tree]
            for first, second in pairwise(order):
                QWidget.setTabOrder(first, second)
        self.search.setFocus()
        #: Esc, Cancel and the close button ask once a note was typed.
        self.guard = DiscardGuard(self, lambda: (self.note.toPlainText(),))

    def reject(self) -> None:
        if self.guard.may_close():
            super().reject()

    def select(self, agency_id: int) -> bool:
        return self.picker.select(agency_id)

    def choose_suggested(self, agency_id: int) -> None:
        """A suggestion was chosen: select its unit in the tree (a search that hides it is
        cleared first) and show it; the admin still presses Forward."""
        if not self.picker.select(agency_id):
            self.search.clear()
            self.picker.select(agency_id)
        current = self.tree.currentIndex()
        if current.isValid():
            self.tree.scrollTo(current)

    def _accept_chosen(self) -> None:
        if self.ok.isEnabled():
            self.accept()

    def target_id(self) -> int | None:
        return self.picker.target_id()

    def note_text(self) -> str:
        return self.note.toPlainText()
