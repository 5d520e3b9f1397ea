"""The part of the import dialog where a person says how to read the register: which field each
column of the file holds (guessed first, corrected here) and the values the whole file shares
where it has no column for them (type, channel, category, province, regency/city)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from lapor_desk.models.enums import OFFLINE_CHANNELS, Channel, ComplaintType
from lapor_desk.services.register import FIELDS, ColumnChoice, RegisterSettings
from lapor_desk.ui import intake_labels, labels
from lapor_desk.ui.dialogs.intake_widgets import searchable_combo

#: Shared values offered in the panel, in order (the CLI's --default takes these and more).
SHARED = ("complaint_type", "channel", "category", "province", "regency")
#: Two columns of the file side by side: with the field names of national records ("Tanggapan
#: pelapor di SP4N-LAPOR!") whole in their boxes, three do not fit a laptop's screen.
COLUMNS_PER_ROW = 2
#: A column's name longer than this wraps under itself (its box keeps its width).
NAME_WIDTH = 170


class RegisterColumns(QWidget):
    changed = Signal()   # a column's field or a shared value was changed by the person

    def __init__(self, categories: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._chosen: dict[str, str | None] = {}
        self._loading = False
        self.combos: list[QComboBox] = []
        self.header_note = QLabel()
        self.header_note.setObjectName("dialogIntro")
        self.header_note.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setWidget(self.grid_host)
        scroll.setWidgetResizable(True)
        # Sideways only on a screen narrower than a laptop's: a field is never cut.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(120)
        columns_box = QGroupBox(self.tr("Columns in the file"))
        box_layout = QFormLayout(columns_box)
        box_layout.addRow(self.header_note)
        box_layout.addRow(scroll)

        self.shared: dict[str, QComboBox | QLineEdit] = {}
        shared_box = QGroupBox(self.tr("Values for the whole file"))
        shared_form = QFormLayout(shared_box)
        note = QLabel(self.tr("Used where the file has no column for it, or leaves it empty."))
        note.setObjectName("dialogIntro")
        note.setWordWrap(True)
        shared_form.addRow(note)
        for name in SHARED:
            widget: QComboBox | QLineEdit
            if name == "complaint_type":
                widget = self._choice([(t.value, labels.complaint_type(t.value))
                                       for t in ComplaintType])
            elif name == "channel":
                offline = [c for c in Channel if c in OFFLINE_CHANNELS]
                rest = [c for c in Channel if c not in OFFLINE_CHANNELS]
                widget = self._choice([(c.value, labels.channel(c.value))
                                       for c in (*offline, *rest)])
            elif name == "category":
                widget = searchable_combo(categories)
                widget.setPlaceholderText(self.tr("From the file"))
                line = widget.lineEdit()
                if line is not None:
                    line.setPlaceholderText(self.tr("From the file"))
                widget.currentTextChanged.connect(self._edited)
            else:
                widget = QLineEdit()
                widget.setPlaceholderText(self.tr("From the file"))
                widget.textEdited.connect(self._edited)
            widget.setAccessibleName(intake_labels.field(name))
            self.shared[name] = widget
            shared_form.addRow(intake_labels.field(name), widget)
        shared_box.setMaximumWidth(380)
        shared_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(columns_box, 1)
        row.addWidget(shared_box)

    def _choice(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("From the file"), "")
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # --- the columns ----------------------------------------------------------------------------

    def show_columns(self, columns: tuple[ColumnChoice, ...], header_row: int) -> None:
        """The file's columns with their fields; rebuilt only when the file's columns change
        (a person's change keeps the combo boxes where they are)."""
        keys = [c.key for c in columns]
        self._loading = True
        try:
            if keys != self._keys:
                self._rebuild(columns)
            for combo, column in zip(self.combos, columns):
                combo.setCurrentIndex(max(combo.findData(column.field or ""), 0))
        finally:
            self._loading = False
        self.header_note.setText(self.tr("Column names found in row %1. Change what a column "
                                         "holds if the guess is wrong.")
                                 .replace("%1", str(header_row)))

    def _rebuild(self, columns: tuple[ColumnChoice, ...]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        self._keys = [c.key for c in columns]
        self._chosen = {k: v for k, v in self._chosen.items() if k in self._keys}
        for index, column in enumerate(columns):
            name = QLabel(column.header or self.tr("(no name)"))
            name.setToolTip(column.header)
            name.setWordWrap(True)
            name.setMaximumWidth(NAME_WIDTH)
            combo = QComboBox()
            # As wide as its longest field name: a field is read whole, never "Nomor SP4N-LAPO…".
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(self.tr("Not imported"), "")
            for field_name in FIELDS:
                combo.addItem(intake_labels.field(field_name), field_name)
            combo.setAccessibleName(column.header)
            combo.setObjectName(f"registerColumn{index}")
            combo.currentIndexChanged.connect(lambda _i, at=index: self._column_edited(at))
            self.combos.append(combo)
            row, place = divmod(index, COLUMNS_PER_ROW)
            self.grid.addWidget(name, row, place * 2)
            self.grid.addWidget(combo, row, place * 2 + 1)
        rows = (len(columns) + COLUMNS_PER_ROW - 1) // COLUMNS_PER_ROW
        for row in range(rows + 1):
            self.grid.setRowStretch(row, 1 if row == rows else 0)

    def _column_edited(self, index: int) -> None:
        if self._loading:
            return
        field_name = self.combos[index].currentData() or None
        self._loading = True
        try:
            self._chosen[self._keys[index]] = field_name
            if field_name:  # a field is in one column: another holding it lets it go
                for other, combo in enumerate(self.combos):
                    if other != index and combo.currentData() == field_name:
                        combo.setCurrentIndex(0)
                        self._chosen[self._keys[other]] = None
        finally:
            self._loading = False
        self.changed.emit()

    def choose(self, header_index: int, field_name: str | None) -> None:
        """Set what column ``header_index`` holds, as a person would."""
        combo = self.combos[header_index]
        combo.setCurrentIndex(max(combo.findData(field_name or ""), 0))

    # --- what the person chose ------------------------------------------------------------------

    def settings(self) -> RegisterSettings:
        """Every column as it is shown (kept whole in a preset) and the shared values."""
        columns = {key: (combo.currentData() or None) for key, combo in zip(self._keys,
                                                                            self.combos)}
        return RegisterSettings(columns, self.defaults())

    def choices(self) -> dict[str, str | None]:
        """Only what a person changed here (the rest stays guessed for the next file)."""
        return dict(self._chosen)

    def defaults(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, widget in self.shared.items():
            if isinstance(widget, QLineEdit):
                value = widget.text().strip()
            elif widget.isEditable():
                value = widget.currentText().strip()
            else:
                value = str(widget.currentData() or "")
            if value:
                found[name] = value
        return found

    def set_defaults(self, values: Mapping[str, str]) -> None:
        self._loading = True
        try:
            for name, widget in self.shared.items():
                value = values.get(name, "")
                if isinstance(widget, QLineEdit):
                    widget.setText(value)
                elif widget.isEditable():
                    widget.setCurrentIndex(widget.findText(value) if value else -1)
                    widget.setEditText(value)
                else:
                    widget.setCurrentIndex(max(widget.findData(value), 0))
        finally:
            self._loading = False

    def set_choices(self, columns: Mapping[str, str | None]) -> None:
        """A preset's columns: they are the person's choices from now on."""
        self._chosen = dict(columns)
