"""Record a complaint that came in at the counter, by letter, phone, radio or newspaper.

The same fields as a report made online. The dialog only collects values: ``submitted`` carries
the raw form and the picked files to the flow, which saves them on the database worker and either
closes the dialog or hands back each bad field's problem, shown under that field.

A complaint the server refused is reopened here from the outbox (:meth:`reopen`): everything
that was typed and its files, why the server refused it, and the time it was received (set by
the server's clock when this computer's clock was ahead).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.intake import (
    ALL_CHANNELS,
    COMPLAINT_TYPES,
    OFFLINE_CHANNEL_ORDER,
    FieldProblem,
    IntakeDefaults,
)
from lapor_desk.ui import intake_labels, labels, verify_labels
from lapor_desk.ui.dialogs.intake_widgets import FieldBox, FileList, searchable_combo

if TYPE_CHECKING:
    from lapor_desk.services.outbox_review import RecordedForm

NO_DATE = QDate(1999, 12, 31)  # the date editor's "not known" value


class RecordComplaintDialog(QDialog):
    submitted = Signal(object, object)   # raw form (dict), files (paths or StoredAttachment)

    def __init__(self, defaults: IntakeDefaults, categories: dict[str, list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories = categories
        self.boxes: dict[str, FieldBox] = {}
        #: Values the form has no field for, kept as they came (a reopened complaint's tags).
        self.carried: dict[str, Any] = {}
        self.setWindowTitle(self.tr("Record a complaint"))
        self.resize(1000, 720)
        heading = QLabel(self.tr("Record a complaint received outside the system"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("For complaints brought to the counter, or received by letter, "
                               "phone, radio or newspaper. It waits in Needs verification and "
                               "gets its tracking number at the next sync."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.heading, self.intro = heading, intro
        self.summary = QLabel()
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._report_group())
        left.addStretch(1)
        right.addWidget(self._place_group(defaults))
        right.addWidget(self._channel_group(defaults))
        right.addWidget(self._reporter_group())
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save complaint"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, intro, self.summary):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.complaint_type.setCurrentIndex(max(0, COMPLAINT_TYPES.index(defaults.complaint_type)))
        self._type_changed()
        self.title.setFocus()

    # --- building ------------------------------------------------------------------------------

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
        self._add(form, "body", self.body)
        self.incident_date = QDateEdit()
        self.incident_date.setCalendarPopup(True)
        self.incident_date.setDisplayFormat("d MMM yyyy")
        self.incident_date.setMinimumDate(NO_DATE)
        self.incident_date.setMaximumDate(QDate.currentDate())
        self.incident_date.setSpecialValueText(self.tr("Not known"))
        self.incident_date.setDate(QDate.currentDate())
        self._add(form, "incident_date", self.incident_date)
        # Shown for a reopened complaint only: a new one is received now.
        self.received_at = QDateTimeEdit()
        self.received_at.setCalendarPopup(True)
        self.received_at.setDisplayFormat("d MMM yyyy HH:mm")
        self._add(form, "received_at", self.received_at)
        form.setRowVisible(self.boxes["received_at"], False)
        self.report_form = form
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
        group, form = self._form(self.tr("Channel and privacy"))
        self.channel = QComboBox()
        self.all_channels = QCheckBox(self.tr("Show online channels too"))
        self.all_channels.toggled.connect(lambda _on: self._fill_channels())
        self._fill_channels(defaults.channel)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.channel, 1)
        line.addWidget(self.all_channels)
        self.boxes["channel"] = FieldBox(row)
        form.addRow(intake_labels.field("channel"), self.boxes["channel"])
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

    # --- behaviour -----------------------------------------------------------------------------

    def _fill_channels(self, wanted: str | None = None) -> None:
        wanted = wanted or self.channel.currentData()
        codes = ALL_CHANNELS if self.all_channels.isChecked() else OFFLINE_CHANNEL_ORDER
        self.channel.clear()
        for code in codes:
            self.channel.addItem(labels.channel(code), code)
        self.channel.setCurrentIndex(max(0, self.channel.findData(wanted)))

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

    def raw(self) -> dict[str, Any]:
        """The form as the intake rules read it."""
        day = self.incident_date.date()
        received: dict[str, Any] = {}
        if self.received_shown:
            seconds = self.received_at.dateTime().toSecsSinceEpoch()
            received["received_at"] = datetime.fromtimestamp(seconds, UTC).isoformat()
        return {**self.carried, **received,
            "complaint_type": self.complaint_type.currentData(),
            "misconduct": self.misconduct.isEnabled() and self.misconduct.isChecked(),
            "title": self.title.text(), "body": self.body.toPlainText(),
            "incident_date": None if day == NO_DATE else day.toString("yyyy-MM-dd"),
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

    @property
    def received_shown(self) -> bool:
        return self.report_form.isRowVisible(self.boxes["received_at"])

    def _submit(self) -> None:
        self.set_busy(True)
        self.submitted.emit(self.raw(), self.files.files())

    # --- a refused complaint, reopened --------------------------------------------------------

    def reopen(self, form: RecordedForm) -> None:
        """Everything typed for a complaint the server refused, its files, why it was refused,
        and when it was received."""
        self.setWindowTitle(self.tr("Fix a refused complaint"))
        self.heading.setText(self.tr("Fix a complaint the server refused"))
        self.intro.setText(self.tr(
            "Everything typed is here, with its files. Correct it and save: it is sent again at "
            "the next sync and the refused one leaves the Outbox. Cancel leaves the refused "
            "complaint in the Outbox as it was."))
        self.save_button.setText(self.tr("Save and send again"))
        self.fill(form.raw)
        self.files.add_stored(form.attachments)
        self.report_form.setRowVisible(self.boxes["received_at"], True)
        self.received_at.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(form.received_at.timestamp())))
        shown = [p for p in form.problems
                 if not (form.received_corrected and p.field == "received_at")]
        self.show_problems(shown)
        why = [self.tr("The server refused this complaint.")]
        if form.received_corrected:
            why.append(self.tr("The time it was received was ahead of the server's clock "
                               "(this computer's clock was fast); it is now set by the "
                               "server's clock: check it."))
            self.boxes["received_at"].show_note(self.tr(
                "Set by the server's clock: this computer's clock was ahead when the complaint "
                "was recorded."))
        if shown:
            why.append(self.summary.text())
        elif not form.received_corrected:
            why.append(verify_labels.rejection(form.reason))
        self.summary.setText(" ".join(why))
        self.summary.setVisible(True)

    def fill(self, raw: dict[str, Any]) -> None:
        """Put a complaint's values (as :meth:`raw` gives them) into the form."""
        def text(key: str, source: dict[str, Any] = raw) -> str:
            value = source.get(key)
            return "" if value is None else str(value)

        self.complaint_type.setCurrentIndex(max(0, self.complaint_type.findData(
            text("complaint_type") or COMPLAINT_TYPES[0])))
        self.misconduct.setChecked(bool(raw.get("misconduct")))
        self.title.setText(text("title"))
        self.body.setPlainText(text("body"))
        day = QDate.fromString(text("incident_date"), "yyyy-MM-dd")
        self.incident_date.setDate(day if day.isValid() else NO_DATE)
        self.category.setEditText(text("category"))
        self._category_changed(text("category"))
        self.subcategory.setEditText(text("subcategory"))
        for name in ("province", "regency", "district", "village"):
            getattr(self, name).setText(text(name))
        channel = text("channel")
        if channel and channel not in OFFLINE_CHANNEL_ORDER:
            self.all_channels.setChecked(True)
        self._fill_channels(channel or None)
        self.anonymous.setChecked(bool(raw.get("anonymous")))
        self.confidential.setChecked(bool(raw.get("confidential")))
        given = raw.get("reporter")
        reporter: dict[str, Any] = given if isinstance(given, dict) else {}
        for key, widget in (("name", self.reporter_name), ("nik", self.reporter_nik),
                            ("phone", self.reporter_phone), ("email", self.reporter_email)):
            widget.setText(text(key, reporter))
        self.carried = {"tags": list(raw.get("tags") or [])}

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        if busy:
            self.summary.setVisible(False)

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Each problem under its field; problems of fields not on the form at the top."""
        self.set_busy(False)
        by_field: dict[str, list[str]] = {}
        for p in problems:
            by_field.setdefault(p.field, []).append(intake_labels.problem(p.field, p.code))
        for name, box in self.boxes.items():
            box.show_problem(" ".join(by_field.pop(name, [])) or None)
        rest = [f"{intake_labels.field(f)}: {' '.join(t)}" for f, t in by_field.items()]
        heading = self.tr("Please correct the marked fields (%1).").replace(
            "%1", str(len(problems)))
        self.summary.setText(" ".join([heading, *rest]))
        self.summary.setVisible(bool(problems))
        first = next((box for box in self.boxes.values() if not box.error.isHidden()), None)
        if first is not None:
            first.widget.setFocus()

    def show_failure(self, text: str) -> None:
        self.set_busy(False)
        self.summary.setText(text)
        self.summary.setVisible(True)

    def problem_text(self, name: str) -> str:
        box = self.boxes.get(name)
        return box.error.text() if box is not None and not box.error.isHidden() else ""
