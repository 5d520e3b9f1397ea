"""Postpone (tunda) until a day: the reason, and the day the complaint is to be looked at again.

The day is picked in a calendar that offers only the days the server accepts (tomorrow up to
``sla.postpone_max`` working days ahead, by the server's clock: ``services/lifecycle.py``), so a
past day cannot be chosen. A weekend or holiday may be picked; the dialog says at once which
working day it becomes, the day the server keeps and the reminder comes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QWidget

from lapor_desk.services.actions import ActionFields
from lapor_desk.services.lifecycle import PostponeDays
from lapor_desk.ui import labels
from lapor_desk.ui.dialogs.verify import ReasonDialog

DAY_OFF_COLOUR = "#c62828"


def long_day(day: date) -> str:
    """A day as a person says it ("Senin, 14 Desember 2026"), in the user's language."""
    return QLocale().toString(labels.qdate(day), "dddd, d MMMM yyyy")


class DayEdit(QDateEdit):
    """A day picker that Tab leaves (a date edit's Tab walks its own day, month and year
    first): day and month change with the arrow keys and the calendar opens with Alt+Down."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class PostponeDialog(ReasonDialog):
    """The reason (required) and the day to look at the complaint again."""

    def __init__(self, title: str, days: PostponeDays, prefill: ActionFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("postpone", title, prefill, parent)
        self.days = days
        self.resize(540, 440)
        self.until = DayEdit()
        self.until.setObjectName("postponeUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dddd, d MMMM yyyy")
        self.until.setDateRange(labels.qdate(days.earliest), labels.qdate(days.latest))
        wanted = prefill.until if prefill is not None and prefill.until is not None else None
        start = wanted if wanted is not None and days.earliest <= wanted <= days.latest \
            else days.suggested
        self.until.setDate(labels.qdate(start))
        self._mark_days_off()
        self.when = QLabel()
        self.when.setObjectName("postponeWhen")
        self.when.setWordWrap(True)
        row = QFormLayout()
        row.addRow(self.tr("Look at it again on"), self.until)
        self.form.addLayout(row)
        self.form.addWidget(self.when)
        self.intro.setText(self.tr(
            "Postpone (tunda) while something is missing, for example the reporter's data is "
            "incomplete. The verification deadline pauses until you act again; on the day you "
            "choose, LAPOR Desk reminds you of it."))
        self.until.dateChanged.connect(lambda _d: self._say_when())
        self._say_when()
        self.editor.setFocus()

    def _mark_days_off(self) -> None:
        """Weekends and holidays in red in the calendar."""
        calendar = self.until.calendarWidget()
        if calendar is None:
            return
        off = QTextCharFormat()
        off.setForeground(QColor(DAY_OFF_COLOUR))
        for day in self.days.days_off:
            calendar.setDateTextFormat(labels.qdate(day), off)

    def asked(self) -> date:
        value = self.until.date()
        return date(value.year(), value.month(), value.day())

    def kept(self) -> date:
        return self.days.kept(self.asked())

    def _say_when(self) -> None:
        asked, kept = self.asked(), self.kept()
        if kept != asked:
            text = self.tr("%1 is not a working day: you will be reminded on the next working "
                           "day, %2.").replace("%1", long_day(asked)).replace("%2", long_day(kept))
        else:
            text = self.tr("You will be reminded on %1 (%2 working days from today).") \
                .replace("%1", long_day(kept)).replace("%2", str(self._working_days(kept)))
        self.when.setText(text)

    def _working_days(self, day: date) -> int:
        span = (day - self.days.today).days
        return sum(1 for n in range(1, span + 1)
                   if date.fromordinal(self.days.today.toordinal() + n) not in self.days.days_off)

    def fields(self) -> ActionFields:
        return ActionFields(reason=self.editor.toPlainText().strip(), until=self.kept())

