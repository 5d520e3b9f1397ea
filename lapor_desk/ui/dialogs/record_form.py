"""The fields of the form that records a complaint received outside the system: the report, its
place, how and when it came (for a letter: its number and date), and the reporter.

:class:`RecordForm` builds them and reads and writes their values as one ``raw`` dict (the keys
of ``models/intake.py::validate_new_complaint``); ``edited`` is emitted on every change, for the
draft kept as the officer types. The dialog's conduct (saving, problems, closing) is
ui/dialogs/record_complaint.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.models.intake import LETTER_NUMBER_MAX
from lapor_desk.services.intake import (
    ALL_CHANNELS,
    COMPLAINT_TYPES,
    OFFLINE_CHANNEL_ORDER,
    IntakeDefaults,
)
from lapor_desk.ui import intake_labels, labels
from lapor_desk.ui.dialogs.intake_widgets import FieldBox, FileList, searchable_combo

NO_DATE = QDate(1999, 12, 31)  # a date editor's "not known" value
LETTER = "letter"


def _date_edit(special: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate.currentDate())
    edit.setSpecialValueText(special)
    return edit


class RecordForm(QDialog):
    edited = Signal()   # any value changed (the draft is kept a moment later)

    def _build_fields(self, defaults: IntakeDefaults, categories: dict[str, list[str]]) -> QWidget:
        """Every field, in two columns; returns the widget holding them."""
        self.categories = categories
        self.boxes: dict[str, FieldBox] = {}
        #: Values the form has no field for, kept as they came (a reopened complaint's tags).
        self.carried: dict[str, Any] = {}
        columns = QHBoxLayout()
        columns.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._report_group())
        left.addStretch(1)
        right.addWidget(self._channel_group(defaults))
        right.addWidget(self._reporter_group())
        right.addWidget(self._place_group(defaults))
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        self.complaint_type.setCurrentIndex(max(0, COMPLAINT_TYPES.index(defaults.complaint_type)))
        self._type_changed()
        self._channel_changed()
        self._watch_changes(inner)
        return inner

    def _add(self, form: QFormLayout, name: str, widget: QWidget, caption: str = "") -> None:
        box = FieldBox(widget)
        self.boxes[name] = box
        form.addRow(caption or intake_labels.field(name), box)

    def _form(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        return group, form

    def _report_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Report"))
        self.complaint_type = QComboBox()
        for code in COMPLAINT_TYPES:
            self.complaint_type.addItem(labels.complaint_type(code), code)
        self.complaint_type.currentIndexChanged.connect(lambda _i: self._type_changed())
        self._add(form, "complaint_type", self.complaint_type)
        self.misconduct = QCheckBox(intake_labels.field("misconduct"))
        self._add(form, "misconduct", self._explained(
            self.misconduct, self.tr("Abuse of authority by officials: it goes to the "
                                     "inspectorate and has 60 working days.")), " ")
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("What is the problem, in one line"))
        self._add(form, "title", self.title)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(self.tr("What happened, where and when, who was involved, "
                                             "what the reporter asks for"))
        self.body.setMinimumHeight(150)
        self.body.setTabChangesFocus(True)
        self._add(form, "body", self.body)
        self.incident_date = _date_edit(self.tr("Not known"))
        self.incident_date.setDate(QDate.currentDate())
        self._add(form, "incident_date", self.incident_date)
        self.category = searchable_combo(list(self.categories))
        self.category.setPlaceholderText(self.tr("Type to search…"))
        self.category.currentTextChanged.connect(self._category_changed)
        self._add(form, "category", self.category)
        self.subcategory = searchable_combo()
        self.subcategory.setPlaceholderText(self.tr("Optional; type to search…"))
        self._add(form, "subcategory", self.subcategory)
        self.files = FileList()
        self._add(form, "attachments", self.files, self.tr("Attachments"))
        return group

    def _place_group(self, defaults: IntakeDefaults) -> QGroupBox:
        group, form = self._form(self.tr("Location"))
        self.province = QLineEdit(defaults.province)
        self.regency = QLineEdit(defaults.regency)
        self.district = QLineEdit()
        self.village = QLineEdit()
        self.district.setPlaceholderText(self.tr("Optional"))
        self.village.setPlaceholderText(self.tr("Optional"))
        for name, widget in (("province", self.province), ("regency", self.regency),
                             ("district", self.district), ("village", self.village)):
            self._add(form, name, widget)
        return group

    def _channel_group(self, defaults: IntakeDefaults) -> QGroupBox:
        group, form = self._form(self.tr("How and when it came"))
        self.channel = QComboBox()
        self.all_channels = QCheckBox(self.tr("Show online channels too"))
        self.all_channels.toggled.connect(lambda _on: self._fill_channels())
        self._fill_channels(defaults.channel)
        self.channel.currentIndexChanged.connect(lambda _i: self._channel_changed())
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.channel, 1)
        line.addWidget(self.all_channels)
        self.boxes["channel"] = FieldBox(row)
        form.addRow(intake_labels.field("channel"), self.boxes["channel"])
        # When the citizen came (or the letter or call arrived): now, unless it is typed in
        # later (a busy counter, a letter opened the next morning).
        # "Now" is the desk's (the server's clock; a training world keeps its own time).
        now = (QDateTime.fromSecsSinceEpoch(int(defaults.now.timestamp()))
               if defaults.now is not None else QDateTime.currentDateTime())
        self.received_at = QDateTimeEdit(now)
        self.received_at.setCalendarPopup(True)
        self.received_at.setDisplayFormat("d MMM yyyy HH:mm")
        self.received_at.setMaximumDate(now.date())
        self._add(form, "received_at", self.received_at)
        self.letter_number = QLineEdit()
        self.letter_number.setMaxLength(LETTER_NUMBER_MAX)
        self.letter_number.setPlaceholderText(self.tr("As written on the letter"))
        self._add(form, "letter_number", self.letter_number)
        self.letter_date = _date_edit(self.tr("No date"))
        self.letter_date.setMaximumDate(now.date())
        self.incident_date.setMaximumDate(now.date())
        self.letter_date.setDate(NO_DATE)   # until one is picked: nothing is sent
        self._add(form, "letter_date", self.letter_date)
        self.channel_form = form
        self.anonymous = QCheckBox(self.tr("Anonymous"))
        self.anonymous.toggled.connect(self._anonymous_changed)
        self._add(form, "anonymous", self._explained(
            self.anonymous, self.tr("The reporter's identity is hidden from the public and "
                                    "from the party reported.")), " ")
        self.confidential = QCheckBox(self.tr("Confidential"))
        self._add(form, "confidential", self._explained(
            self.confidential, self.tr("The content of the report is not shown to the "
                                       "public.")), " ")
        return group

    @staticmethod
    def _explained(check: QCheckBox, text: str) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        hint = QLabel(text)
        hint.setObjectName("dialogIntro")
        hint.setWordWrap(True)
        hint.setContentsMargins(22, 0, 0, 0)
        column.addWidget(check)
        column.addWidget(hint)
        return widget

    def _reporter_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Reporter"))
        self.reporter_name = QLineEdit()
        self.reporter_nik = QLineEdit()
        self.reporter_nik.setMaxLength(16)
        self.reporter_nik.setPlaceholderText(self.tr("16 digits (optional)"))
        self.reporter_phone = QLineEdit()
        self.reporter_phone.setPlaceholderText("08…")
        self.reporter_email = QLineEdit()
        for name, widget in (("reporter.name", self.reporter_name),
                             ("reporter.nik", self.reporter_nik),
                             ("reporter.phone", self.reporter_phone),
                             ("reporter.email", self.reporter_email)):
            self._add(form, name, widget)
        return group

    def _watch_changes(self, fields: QWidget) -> None:
        """``edited`` on any change of the widgets in ``fields`` (not yet in the dialog)."""
        for line in fields.findChildren(QLineEdit):
            line.textEdited.connect(self.edited)   # typed (a combo's text too)
        self.body.textChanged.connect(self.edited)
        for combo in fields.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.edited)
        for check in fields.findChildren(QCheckBox):
            check.toggled.connect(self.edited)
        for day in (self.incident_date, self.letter_date):
            day.dateChanged.connect(self.edited)
        self.received_at.dateTimeChanged.connect(self.edited)
        self.files.changed.connect(self.edited)

    # --- behaviour -----------------------------------------------------------------------------

    def _fill_channels(self, wanted: str | None = None) -> None:
        wanted = wanted or self.channel.currentData()
        codes = ALL_CHANNELS if self.all_channels.isChecked() else OFFLINE_CHANNEL_ORDER
        self.channel.blockSignals(True)
        self.channel.clear()
        for code in codes:
            self.channel.addItem(labels.channel(code), code)
        self.channel.setCurrentIndex(max(0, self.channel.findData(wanted)))
        self.channel.blockSignals(False)

    def _channel_changed(self) -> None:
        letter = self.channel.currentData() == LETTER
        for name in ("letter_number", "letter_date"):
            self.channel_form.setRowVisible(self.boxes[name], letter)

    def _type_changed(self) -> None:
        complaint = self.complaint_type.currentData() == "pengaduan"
        self.misconduct.setEnabled(complaint)
        if not complaint:
            self.misconduct.setChecked(False)

    def _category_changed(self, text: str) -> None:
        name = next((c for c in self.categories if c.casefold() == text.strip().casefold()), "")
        current = self.subcategory.currentText()
        self.subcategory.clear()
        self.subcategory.addItems(self.categories.get(name, []))
        self.subcategory.setCurrentIndex(-1)
        self.subcategory.setEditText(current if name else "")

    def _anonymous_changed(self, anonymous: bool) -> None:
        self.reporter_name.setPlaceholderText(
            self.tr("Optional for an anonymous complaint") if anonymous else "")

    @staticmethod
    def _day(edit: QDateEdit) -> str | None:
        day = edit.date()
        return None if day == NO_DATE else day.toString("yyyy-MM-dd")

    def raw(self) -> dict[str, Any]:
        """The form as the intake rules read it."""
        seconds = self.received_at.dateTime().toSecsSinceEpoch()
        letter: dict[str, Any] = {}
        if self.channel.currentData() == LETTER:
            letter = {"letter_number": self.letter_number.text(),
                      "letter_date": self._day(self.letter_date)}
        return {**self.carried, **letter,
            "received_at": datetime.fromtimestamp(seconds, UTC).isoformat(),
            "complaint_type": self.complaint_type.currentData(),
            "misconduct": self.misconduct.isEnabled() and self.misconduct.isChecked(),
            "title": self.title.text(), "body": self.body.toPlainText(),
            "incident_date": self._day(self.incident_date),
            "province": self.province.text(), "regency": self.regency.text(),
            "district": self.district.text(), "village": self.village.text(),
            "category": self.category.currentText().strip(),
            "subcategory": self.subcategory.currentText().strip(),
            "channel": self.channel.currentData(),
            "anonymous": self.anonymous.isChecked(),
            "confidential": self.confidential.isChecked(),
            "reporter": {"name": self.reporter_name.text(), "nik": self.reporter_nik.text(),
                         "phone": self.reporter_phone.text(),
                         "email": self.reporter_email.text()},
        }

    def fill(self, raw: dict[str, Any]) -> None:
        """Put a complaint's values (as :meth:`raw` gives them) into the form."""
        def text(key: str, source: dict[str, Any] = raw) -> str:
            value = source.get(key)
            return "" if value is None else str(value)

        def day(edit: QDateEdit, key: str) -> None:
            value = QDate.fromString(text(key), "yyyy-MM-dd")
            edit.setDate(value if value.isValid() else NO_DATE)

        self.complaint_type.setCurrentIndex(max(0, self.complaint_type.findData(
            text("complaint_type") or COMPLAINT_TYPES[0])))
        self.misconduct.setChecked(bool(raw.get("misconduct")))
        self.title.setText(text("title"))
        self.body.setPlainText(text("body"))
        day(self.incident_date, "incident_date")
        self.category.setEditText(text("category"))
        self._category_changed(text("category"))
        self.subcategory.setEditText(text("subcategory"))
        for name in ("province", "regency", "district", "village"):
            getattr(self, name).setText(text(name))
        channel = text("channel")
        if channel and channel not in OFFLINE_CHANNEL_ORDER:
            self.all_channels.setChecked(True)
        self._fill_channels(channel or None)
        self._channel_changed()
        received = datetime_of(text("received_at"))
        if received is not None:
            self.received_at.setDateTime(received)
        self.letter_number.setText(text("letter_number"))
        day(self.letter_date, "letter_date")
        self.anonymous.setChecked(bool(raw.get("anonymous")))
        self.confidential.setChecked(bool(raw.get("confidential")))
        given = raw.get("reporter")
        reporter: dict[str, Any] = given if isinstance(given, dict) else {}
        for key, widget in (("name", self.reporter_name), ("nik", self.reporter_nik),
                            ("phone", self.reporter_phone), ("email", self.reporter_email)):
            widget.setText(text(key, reporter))
        self.carried = {"tags": list(raw.get("tags") or [])}


def datetime_of(text: str) -> QDateTime | None:
    """An ISO time (``2026-12-07T08:15:00+00:00``, ``…Z``) as a local QDateTime."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
