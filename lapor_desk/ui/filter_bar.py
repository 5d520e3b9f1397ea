"""The filter bar above the complaint list: type, channel, category (sub-categories indented
under their category), kabupaten/kota, unit, received date and privacy flag.

The choices come from the services (``FilterOptions``: only what the queue's complaints carry,
with counts); a value chosen earlier stays offered (count 0) when a queue lacks it, so switching
queues never silently drops a filter. An active filter's box is highlighted; Delete (or
Backspace) on a box removes that filter and "Reset filters", shown while any is active, removes
them all. Everything is reachable with Tab, the arrow keys and Space.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QWidget,
)

from lapor_desk.services.filter_options import FilterOptions
from lapor_desk.services.types import ComplaintFilter
from lapor_desk.ui import labels
from lapor_desk.ui.flow_layout import FlowLayout
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.labels import qdate
from lapor_desk.ui.resources import ICONS
from lapor_desk.ui.unit_type_ahead import UnitTypeAhead

TYPES = ("pengaduan", "aspirasi", "permintaan_informasi")
#: Received-date presets, counted back from today in local calendar days ("custom": two dates).
DATE_PRESETS = ("any", "today", "7d", "30d", "month", "custom")
PRIVACY = ("any", "anonymous", "confidential", "none")
SUB_INDENT = "    "
STYLE = ("QComboBox::drop-down, QDateEdit::drop-down { border: none; width: 20px; }"
         "QComboBox::down-arrow, QDateEdit::down-arrow { image: url({ARROW}); width: 12px; "
         "height: 12px; }"
         "QComboBox[active=\"true\"] { background: #e3edf7; color: #0d47a1; "
         "border-color: #90b4dc; font-weight: 600; }"
         "QComboBox:focus, QDateEdit:focus { border: 2px solid #1565c0; }"
         "QToolButton#resetFilters { border: 1px solid transparent; border-radius: 6px; "
         "color: #1565c0; padding: 3px 8px; }"
         "QToolButton#resetFilters:hover { background: #eef2f6; }"
         "QToolButton#resetFilters:focus { border: 2px solid #1565c0; }")
STYLE = STYLE.replace("{ARROW}", (ICONS / "chevron_down.svg").as_posix())
CLEAR_KEYS = frozenset({Qt.Key.Key_Delete, Qt.Key.Key_Backspace})


class FilterCombo(QComboBox):
    """Shows the chosen value without the indent it has in the list (sub-categories), elided
    with "…" when the box is narrower than the name (never cut off mid-letter)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText.strip(), Qt.TextElideMode.ElideRight, max(field.width() - 4, 0))
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class DateBox(QDateEdit):
    """A date whose Tab goes to the next field like every other box (QDateEdit's own Tab
    walks day, month and year first; the arrow keys and typing still reach them)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def _combo(name: str, width_chars: int = 12) -> QComboBox:
    combo = FilterCombo()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(width_chars)
    combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    combo.view().setMinimumWidth(320)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return combo


def category_key(category: str, subcategory: str | None = None) -> str:
    """The category combo's item data: a category, or a sub-category under it."""
    return f"{category}\n{subcategory}" if subcategory else category


def _split_category(key: str | None) -> tuple[str | None, str | None]:
    if not key:
        return None, None
    category, _, sub = key.partition("\n")
    return category, sub or None


def _day(value: date | None) -> str:
    return QLocale().toString(qdate(value), "d MMM yyyy") if value else "…"


def _counted(text: str, count: int) -> str:
    return f"{text} ({count})"


class FilterBar(QWidget):
    """Emits ``changed`` whenever what the list shows should change."""

    changed = Signal()

    def __init__(self, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setStyleSheet(STYLE)
        self._today = today
        self._options = FilterOptions()
        self._quiet = False
        #: the widget Tab reaches after the last filter (the window's list)
        self.next_in_chain: QWidget | None = None
        self.type_combo = _combo("typeFilter", 10)
        self.channel = _combo("channelFilter", 10)
        self.category = _combo("categoryFilter", 14)
        self.regency = _combo("regencyFilter", 12)
        self.unit = _combo("unitFilter", 14)
        self.unit_type_ahead = UnitTypeAhead(self.unit)  # "dinkes" chooses the Dinas Kesehatan
        self.privacy = _combo("privacyFilter", 12)
        self.received = _combo("receivedFilter", 15)
        self.received_from = DateBox()
        self.received_to = DateBox()
        for edit in (self.received_from, self.received_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setVisible(False)
            edit.dateChanged.connect(lambda _d: self._emit())
        self.combos = (self.type_combo, self.channel, self.category, self.regency, self.unit,
                       self.privacy, self.received)
        for combo in self.combos:
            combo.currentIndexChanged.connect(lambda _i: self._emit())
            combo.installEventFilter(self)
        self.received.currentIndexChanged.connect(lambda _i: self._show_dates())
        self.reset_button = QToolButton()
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.clicked.connect(self.reset)
        self.reset_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reset_button.setVisible(False)
        row = FlowLayout(self, spacing=6)
        for widget in (*self.combos, self.received_from, self.received_to, self.reset_button):
            row.addWidget(widget)
        self.retranslate()

    # --- what is chosen ------------------------------------------------------------------------

    def narrowing(self, search: str = "") -> ComplaintFilter:
        """The ComplaintFilter for the chosen values (plus the search text)."""
        category, subcategory = _split_category(self.category.currentData())
        unit = self.unit.currentData()
        privacy = self.privacy.currentData()
        start, end = self.date_range()
        return ComplaintFilter(
            search=search, complaint_type=self.type_combo.currentData() or None,
            channel=self.channel.currentData() or None, category=category,
            subcategory=subcategory, regency=self.regency.currentData() or None,
            unit_id=int(unit) if unit is not None else None, received_from=start,
            received_to=end,
            anonymous=True if privacy == "anonymous" else False if privacy == "none" else None,
            confidential=True if privacy == "confidential" else (False if privacy == "none"
                                                                 else None))

    def date_range(self) -> tuple[date | None, date | None]:
        preset = self.received.currentData() or "any"
        today = self._today()
        if preset == "today":
            return today, today
        if preset == "7d":
            return today - timedelta(days=6), today
        if preset == "30d":
            return today - timedelta(days=29), today
        if preset == "month":
            return today.replace(day=1), today
        if preset == "custom":
            start, end = self.received_from.date(), self.received_to.date()
            first, last = (start, end) if start <= end else (end, start)
            return (date(first.year(), first.month(), first.day()),
                    date(last.year(), last.month(), last.day()))
        return None, None

    def is_active(self) -> bool:
        return any(combo.currentIndex() > 0 for combo in self.combos)

    def active(self) -> list[tuple[QComboBox, str]]:
        """(combo, "Name: value") for each active filter, in bar order."""
        found = []
        for combo in self.combos:
            if combo.currentIndex() > 0:
                found.append((combo, self.describe(combo)))
        return found

    def describe(self, combo: QComboBox) -> str:
        name = self._names()[combo]
        if combo is self.received and self.received.currentData() == "custom":
            start, end = self.date_range()
            value = f"{_day(start)} – {_day(end)}"
        else:
            value = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.UserRole + 1)
            value = value or combo.currentText().strip()
        return f"{name}: {value}"

    # --- changing it ---------------------------------------------------------------------------

    def clear_filter(self, combo: QComboBox) -> None:
        combo.setCurrentIndex(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete or Backspace on a filter's box removes that filter."""
        if (isinstance(watched, QComboBox) and watched in self.combos
                and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in CLEAR_KEYS):
            self.clear_filter(watched)
            return True
        return False

    def reset(self) -> None:
        """Every filter off; one reload. The focus, if it was on the reset button, goes to the
        first filter (the button hides)."""
        if not self.is_active():
            return
        had_focus = self.reset_button.hasFocus() or self.focusWidget() is self.reset_button
        self._quiet = True
        try:
            for combo in self.combos:
                combo.setCurrentIndex(0)
        finally:
            self._quiet = False
        self._emit()
        if had_focus:
            self.type_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_options(self, options: FilterOptions) -> None:
        """Offer what the queue holds; what is chosen stays chosen."""
        self._options = options
        self._quiet = True
        try:
            self._fill_channels()
            self._fill_categories()
            self._fill_regencies()
            self._fill_units()
        finally:
            self._quiet = False
        self._show_active()

    def _emit(self) -> None:
        if self._quiet:
            return
        self._show_active()
        self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.received.currentData() == "custom"
        if custom and not self.received_from.isVisible():
            today = self._today()
            self._quiet = True
            self.received_from.setDate(qdate(today - timedelta(days=29)))
            self.received_to.setDate(qdate(today))
            self._quiet = False
        self.received_from.setVisible(custom)
        self.received_to.setVisible(custom)

    # --- filling the combos --------------------------------------------------------------------

    @staticmethod
    def _refill(combo: QComboBox, everything: str,
                items: list[tuple[str, Any, str]]) -> None:
        """Replace the items (text, data, chip value), keeping the chosen data chosen."""
        chosen = combo.currentData()
        chosen_value = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.UserRole + 1)
        combo.clear()
        combo.addItem(everything, None)
        for text, data, value in items:
            combo.addItem(text, data)
            combo.setItemData(combo.count() - 1, value, Qt.ItemDataRole.UserRole + 1)
        if chosen is None:
            combo.setCurrentIndex(0)
            return
        index = combo.findData(chosen)
        if index < 0:  # not in this queue: still chosen, shown with no matches
            combo.addItem(_counted(chosen_value or str(chosen), 0), chosen)
            combo.setItemData(combo.count() - 1, chosen_value, Qt.ItemDataRole.UserRole + 1)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _fill_types(self) -> None:
        self._refill(self.type_combo, self.tr("All types"),
                     [(labels.complaint_type(t), t, labels.complaint_type(t)) for t in TYPES])

    def _fill_channels(self) -> None:
        self._refill(self.channel, self.tr("All channels"),
                     [(_counted(labels.channel(c.value), c.count), c.value,
                       labels.channel(c.value)) for c in self._options.channels])

    def _fill_categories(self) -> None:
        items: list[tuple[str, Any, str]] = []
        for category in self._options.categories:
            items.append((_counted(category.name, category.count),
                          category_key(category.name), category.name))
            for sub in category.subcategories:
                items.append((SUB_INDENT + _counted(sub.value, sub.count),
                              category_key(category.name, sub.value),
                              f"{category.name} › {sub.value}"))
        self._refill(self.category, self.tr("All categories"), items)

    def _fill_regencies(self) -> None:
        self._refill(self.regency, self.tr("All regions"),
                     [(_counted(r.value, r.count), r.value, r.value)
                      for r in self._options.regencies])

    def _fill_units(self) -> None:
        self._refill(self.unit, self.tr("All units"),
                     [(_counted(u.name, u.count), u.id, u.name) for u in self._options.units])

    def _fill_fixed(self) -> None:
        privacy = {"any": self.tr("Any privacy"), "anonymous": self.tr("Anonymous"),
                   "confidential": self.tr("Confidential"),
                   "none": self.tr("No privacy flag")}
        self._refill(self.privacy, privacy["any"],
                     [(privacy[p], p, privacy[p]) for p in PRIVACY[1:]])
        received = {"any": self.tr("Received any time"), "today": self.tr("Received today"),
                    "7d": self.tr("Last 7 days"), "30d": self.tr("Last 30 days"),
                    "month": self.tr("This month"), "custom": self.tr("Date range…")}
        self._refill(self.received, received["any"],
                     [(received[p], p, received[p]) for p in DATE_PRESETS[1:]])

    def chain_to(self, widget: QWidget) -> None:
        """Tab from the last filter (or the reset button) goes to ``widget``."""
        self.next_in_chain = widget
        self._show_active()

    # --- showing what is active ---------------------------------------------------------------

    def _names(self) -> dict[QComboBox, str]:
        return {self.type_combo: self.tr("Type"), self.channel: self.tr("Channel"),
                self.category: self.tr("Category"), self.regency: self.tr("Region"),
                self.unit: self.tr("Unit"), self.privacy: self.tr("Privacy"),
                self.received: self.tr("Received")}

    def _show_active(self) -> None:
        """Highlight the active boxes; their tooltips say the whole value; the reset button
        shows while anything is active and lists what it will remove."""
        names = self._names()
        active = self.active()
        for combo in self.combos:
            on = combo.currentIndex() > 0
            if combo.property("active") != on:
                combo.setProperty("active", on)
                combo.style().unpolish(combo)
                combo.style().polish(combo)
            combo.setToolTip(self.describe(combo) if on else names[combo])
        self.reset_button.setVisible(bool(active))
        self.reset_button.setToolTip(
            self.tr("Remove every filter (Ctrl+Shift+X)") + "\n"
            + "\n".join(text for _c, text in active))
        chain = [*self.combos, self.received_from, self.received_to, self.reset_button]
        if self.next_in_chain is not None:
            chain.append(self.next_in_chain)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- words ---------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._quiet = True
        try:
            self._fill_types()
            self._fill_fixed()
            self._fill_channels()
            self._fill_categories()
            self._fill_regencies()
            self._fill_units()
        finally:
            self._quiet = False
        names = self._names()
        for combo in self.combos:
            combo.setAccessibleName(names[combo])
        self.received_from.setToolTip(self.tr("Received from"))
        self.received_from.setAccessibleName(self.tr("Received from"))
        self.received_to.setToolTip(self.tr("Received until"))
        self.received_to.setAccessibleName(self.tr("Received until"))
        self.reset_button.setText(self.tr("Reset filters"))
        self._show_active()
