"""The "Unit suggestions" panel of the forward dialog: the units the pemda's own history points
to (services/routing.py), each with a confidence in words and a percentage and the reason in
words built from the values ("12 similar complaints handled by …", "+ 3 misrouted ones that came
back to this unit"), the category similar complaints usually carry when the reporter's looks
wrong, and the similar past complaints behind a suggestion one click away.

The panel only offers: choosing a suggestion (click, or Alt+1 … Alt+3) selects that unit in the
dialog's picker (``unit_chosen``); the admin still presses Forward. Opening a similar complaint
(Enter or a double click in its list) asks for it to be shown (``similar_opened``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.models.routing.types import ModelState, SimilarCase, Suggestions, UnitSuggestion
from lapor_desk.ui.i18n import is_language_change

#: at or above: "very likely"; at or above ``POSSIBLE``: "likely"; below: "less likely"
LIKELY = 0.6
POSSIBLE = 0.3
CASE_ROLE = Qt.ItemDataRole.UserRole + 1
#: a unit's name on its button is shortened (…) past this width; the whole name is in its
#: tooltip, its accessible name and the reason below it
NAME_WIDTH = 360


class SuggestionRow:
    """One suggestion's widgets: its button, confidence, reason and its similar complaints'
    toggle."""

    def __init__(self, panel: SuggestionPanel, number: int) -> None:
        self.number = number
        self.suggestion: UnitSuggestion | None = None
        self.button = QPushButton()
        self.button.setObjectName(f"suggestion{number}")
        self.button.setAutoDefault(False)
        self.button.setStyleSheet("text-align: left; padding: 3px 8px; font-weight: 600;")
        self.button.clicked.connect(lambda: panel.choose(self))
        self.confidence = QLabel()
        self.confidence.setObjectName("suggestionConfidence")
        self.reason = QLabel()
        self.reason.setObjectName("suggestionReason")
        self.reason.setWordWrap(True)
        self.reason.setContentsMargins(12, 0, 0, 2)
        self.similar = QToolButton()
        self.similar.setObjectName("suggestionSimilar")
        self.similar.setCheckable(True)
        self.similar.setAutoRaise(True)
        self.similar.toggled.connect(lambda on: panel.show_similar(self, on))
        for widget in (self.button, self.similar):
            widget.installEventFilter(panel)  # Enter: this button, not the dialog's OK

    def widgets(self) -> tuple[QWidget, ...]:
        return self.button, self.confidence, self.reason, self.similar

    def set_visible(self, visible: bool) -> None:
        for widget in self.widgets():
            widget.setVisible(visible)


class SuggestionPanel(QGroupBox):
    #: the admin chose a suggested unit (its id): the picker selects it
    unit_chosen = Signal(int)
    #: the admin opened a similar past complaint (a ``SimilarCase``)
    similar_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingSuggestions")
        self.suggestions: Suggestions | None = None
        #: the units the picker lets one choose (None: all)
        self.selectable: set[int] | None = None
        self._state = "waiting"
        self.message = QLabel()
        self.message.setObjectName("suggestionState")
        self.message.setWordWrap(True)
        self.rows = [SuggestionRow(self, n) for n in (1, 2, 3)]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        for index, row in enumerate(self.rows):
            grid.addWidget(row.button, index * 2, 0)
            grid.addWidget(row.confidence, index * 2, 1)
            grid.addWidget(row.similar, index * 2, 2)
            grid.addWidget(row.reason, index * 2 + 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.category = QLabel()
        self.category.setObjectName("suggestionCategory")
        self.category.setWordWrap(True)
        self.similar_list = QTreeWidget()
        self.similar_list.setObjectName("similarPastComplaints")
        self.similar_list.setColumnCount(3)
        self.similar_list.setRootIsDecorated(False)
        self.similar_list.setUniformRowHeights(True)
        self.similar_list.setMaximumHeight(110)
        self.similar_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.similar_list.setColumnWidth(0, 110)
        self.similar_list.setColumnWidth(1, 250)
        self.similar_list.itemDoubleClicked.connect(lambda item, _c: self._open(item))
        self.similar_list.installEventFilter(self)  # Enter opens one (never the dialog's OK)
        self.similar_list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.category)
        layout.addWidget(self.similar_list)
        self.retranslate()
        self.waiting()

    # --- states -------------------------------------------------------------------------------

    def waiting(self) -> None:
        """Asked for; the dialog works meanwhile."""
        self._state = "waiting"
        self.suggestions = None
        self._refill()

    def unavailable(self) -> None:
        """The suggestions could not be read (logged); the forward goes on without them."""
        self._state = "unavailable"
        self.suggestions = None
        self._refill()

    def show_suggestions(self, suggestions: Suggestions,
                         selectable: set[int] | None = None) -> None:
        self._state = "shown"
        self.suggestions = suggestions
        self.selectable = selectable
        self._refill()

    @property
    def state_text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""

    def shown_units(self) -> list[int]:
        return [r.suggestion.unit_id for r in self.rows
                if r.suggestion is not None and not r.button.isHidden()]

    # --- words ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the panel's buttons and list does what Space or a click does there, and is
        taken here: the dialog's default button (Forward) is never pressed from the panel."""
        if not (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return super().eventFilter(watched, event)
        if watched is self.similar_list:
            item = self.similar_list.currentItem()
            if item is not None:
                self._open(item)
        elif isinstance(watched, (QPushButton, QToolButton)):
            watched.click()
        return True

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Unit suggestions"))
        self.setAccessibleName(self.tr("Unit suggestions from earlier complaints"))
        self.setToolTip(self.tr("Units that handled similar complaints before. Choosing one "
                                "selects it below; nothing is forwarded until you press "
                                "Forward."))
        self.similar_list.setHeaderLabels([self.tr("Tracking no."), self.tr("Title"),
                                           self.tr("Handled by")])
        self.similar_list.setAccessibleName(self.tr("Similar past complaints"))
        self._refill()

    def confidence_words(self, score: float) -> str:
        if score >= LIKELY:
            word = self.tr("very likely")
        elif score >= POSSIBLE:
            word = self.tr("likely")
        else:
            word = self.tr("less likely")
        return f"{word} · {round(score * 100)} %"

    def reason_words(self, unit: UnitSuggestion) -> str:
        count = unit.similar_count
        if count == 0:
            text = self.tr("Suggested from the words of the complaint")
        elif unit.regency:
            text = (self.tr("1 similar complaint from %2 handled by %3") if count == 1 else
                    self.tr("%1 similar complaints from %2 handled by %3"))
            text = text.replace("%1", str(count)).replace("%2", unit.regency)
            text = text.replace("%3", unit.unit_name)
        else:
            text = (self.tr("1 similar complaint handled by %2") if count == 1 else
                    self.tr("%1 similar complaints handled by %2"))
            text = text.replace("%1", str(count)).replace("%2", unit.unit_name)
        if unit.caught_misroutes:
            more = (self.tr("+ 1 misrouted complaint that came back to this unit")
                    if unit.caught_misroutes == 1 else
                    self.tr("+ %1 misrouted complaints that came back to this unit"))
            text += " " + more.replace("%1", str(unit.caught_misroutes))
        return text

    def category_words(self) -> str:
        found = self.suggestions.category if self.suggestions is not None else None
        if found is None:
            return ""
        if found.current:
            return self.tr("Reporter's category: %1; similar complaints usually: %2") \
                .replace("%1", found.current).replace("%2", found.category)
        return self.tr("Similar complaints usually have the category %1") \
            .replace("%1", found.category)

    def _state_words(self) -> str:
        found = self.suggestions
        if self._state == "waiting":
            return self.tr("Looking for suggestions…")
        if self._state == "unavailable" or found is None:
            return self.tr("Suggestions are not available now; choose the unit below.")
        if found.state is ModelState.TRAINING:
            return self.tr("Suggestions are being prepared from the history…")
        if found.state is ModelState.TOO_LITTLE_HISTORY:
            return self.tr("Not enough history yet to suggest a unit")
        if not found.units:
            return self.tr("No suggestion for this complaint; choose the unit below.")
        return ""

    def _refill(self) -> None:
        message = self._state_words()
        self.message.setText(message)
        self.message.setVisible(bool(message))
        units = self.suggestions.units if self.suggestions is not None and not message else ()
        for row in self.rows:
            unit = units[row.number - 1] if row.number <= len(units) else None
            row.suggestion = unit
            row.set_visible(unit is not None)
            if unit is None:
                row.similar.setChecked(False)
                continue
            confidence = self.confidence_words(unit.score)
            reason = self.reason_words(unit)
            name = row.button.fontMetrics().elidedText(
                unit.unit_name, Qt.TextElideMode.ElideRight, NAME_WIDTH).replace("&", "&&")
            row.button.setText(f"&{row.number}  {name}")
            row.confidence.setText(confidence)
            row.reason.setText(reason)
            allowed = self.selectable is None or unit.unit_id in self.selectable
            row.button.setEnabled(allowed)
            row.button.setToolTip(unit.unit_name + "\n" + (
                self.tr("Select this unit below (Alt+%1); nothing is forwarded until you press "
                        "Forward").replace("%1", str(row.number)) if allowed else
                self.tr("This unit cannot be chosen for this complaint here")))
            row.button.setAccessibleName(
                self.tr("Suggestion %1: %2, %3").replace("%1", str(row.number))
                .replace("%2", unit.unit_name).replace("%3", confidence))
            row.button.setAccessibleDescription(reason)
            row.similar.setText(self.tr("Similar (%1)").replace("%1", str(len(unit.similar))))
            row.similar.setVisible(bool(unit.similar))  # nothing behind it: no toggle
            row.similar.setToolTip(self.tr("Show the similar past complaints behind this "
                                           "suggestion"))
            row.similar.setAccessibleName(
                self.tr("Similar past complaints of suggestion %1").replace(
                    "%1", str(row.number)))
        category = self.category_words() if not message else ""
        self.category.setText(category)
        self.category.setVisible(bool(category))
        if not any(r.similar.isChecked() for r in self.rows):
            self.similar_list.hide()

    # --- choosing -------------------------------------------------------------------------------

    def choose(self, row: SuggestionRow) -> None:
        if row.suggestion is not None:
            self.unit_chosen.emit(row.suggestion.unit_id)

    def show_similar(self, row: SuggestionRow, on: bool) -> None:
        """The similar past complaints of ``row`` below the suggestions (one row's at a time)."""
        if not on:
            if not any(r.similar.isChecked() for r in self.rows):
                self.similar_list.hide()
            return
        for other in self.rows:
            if other is not row and other.similar.isChecked():
                other.similar.setChecked(False)
        self.similar_list.clear()
        cases = row.suggestion.similar if row.suggestion is not None else ()
        for case in cases:
            item = QTreeWidgetItem([str(case.tracking_no), case.title, case.unit_name])
            item.setData(0, CASE_ROLE, case)
            item.setToolTip(1, case.title)
            self.similar_list.addTopLevelItem(item)
        self.similar_list.setToolTip(self.tr("Enter or double-click opens the complaint"))
        self.similar_list.show()
        first = self.similar_list.topLevelItem(0)
        if first is not None:
            self.similar_list.setCurrentItem(first)

    def _open(self, item: QTreeWidgetItem) -> None:
        case = item.data(0, CASE_ROLE)
        if isinstance(case, SimilarCase):
            self.similar_opened.emit(case)
