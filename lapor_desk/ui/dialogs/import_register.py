"""Import a register file (CSV/XLSX) of offline complaints, after a preview of every row.

The preview is a dry run done by the services: the header row is found below any title rows,
each column's field is guessed from its name and can be corrected, values the file leaves out
can be given once (type, channel, category, place), and bad rows are highlighted with their
problems. Every valid row is imported at once ("Import"); a file with bad rows can have its valid
rows imported while the bad ones are saved to a file to fix and import again. What a person
chose can be kept as a preset; an empty template with drop-down lists can be saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.register import RegisterPreview, RegisterSettings
from lapor_desk.ui import intake_labels, national_words
from lapor_desk.ui.dialogs.discard_guard import DiscardGuard
from lapor_desk.ui.dialogs.register_columns import RegisterColumns
from lapor_desk.ui.models.register_preview import RegisterPreviewModel


def _rows(numbers: tuple[int, ...], shown: int = 10) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + ("…" if len(numbers) > shown else "")


def rejects_name(source: str) -> str:
    """Where the rejects of ``source`` are offered to go: beside it, named after it."""
    path = Path(source)
    suffix = ".xlsx" if path.suffix.casefold() == ".xlsx" else ".csv"
    return str(path.with_name(path.stem + "-perlu-diperbaiki" + suffix))


class ImportRegisterDialog(QDialog):
    #: (path, RegisterSettings) to preview
    preview_requested = Signal(str, object)
    #: (path, RegisterSettings, the rejects file or "" when every row is valid)
    import_requested = Signal(str, object, str)
    preset_chosen = Signal(str)             # a preset's name: its settings are wanted
    preset_save_requested = Signal(str, object)  # (name, RegisterSettings)
    template_requested = Signal(str)        # where to save the template

    def __init__(self, categories: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: RegisterPreview | None = None
        self.ticket = 0   # previews asked for; the answer to an older one is dropped
        self.setWindowTitle(self.tr("Import a register file"))
        self.resize(1280, 700)
        heading = QLabel(self.tr("Import complaints from a register file"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("A CSV or XLSX register, one complaint per row. Title rows above "
                               "the column names are fine; check what each column holds and "
                               "give the values the file has no column for."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setAccessibleName(self.tr("Register file"))
        self.choose = QPushButton(self.tr("Choose file…"))
        self.choose.clicked.connect(self.pick)
        self.template = QPushButton(self.tr("Save empty template…"))
        self.template.setToolTip(self.tr("An Excel register with the columns this import knows "
                                         "and drop-down lists for type, channel and category."))
        self.template.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        file_row.addWidget(self.template)
        self.presets = QComboBox()
        self.presets.setAccessibleName(self.tr("Saved settings"))
        self.presets.setMinimumContentsLength(20)
        self.presets.activated.connect(self._preset_picked)
        self.save_preset = QPushButton(self.tr("Save settings…"))
        self.save_preset.setToolTip(self.tr("Keep these columns and values under a name, for "
                                            "the next register of this kind (and for "
                                            "lapor-desk import --preset)."))
        self.save_preset.clicked.connect(self._ask_preset_name)
        self.save_preset.setEnabled(False)
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(self.tr("Saved settings:")))
        preset_row.addWidget(self.presets)
        preset_row.addWidget(self.save_preset)
        preset_row.addStretch(1)
        self.columns = RegisterColumns(categories or [])
        # Typing a value reads the file again once the typing pauses, not at every key.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(400)
        self._again.timeout.connect(self.refresh)
        self.columns.changed.connect(self._changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("dialogIntro")
        self.model = RegisterPreviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("registerPreview")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)
        self.import_button.setDefault(False)  # Enter in a field imports nothing
        self.partial_button = self.buttons.addButton(
            self.tr("Import valid rows, save the rest…"),
            QDialogButtonBox.ButtonRole.ActionRole)
        self.partial_button.setToolTip(self.tr("The rows with problems are saved to a file with "
                                               "a column saying what to fix; import that file "
                                               "again once they are fixed."))
        self.partial_button.setEnabled(False)
        self.partial_button.setAutoDefault(False)
        self.partial_button.clicked.connect(lambda: self.import_valid())
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        #: Esc, Close and the close button ask once a column was corrected or a value typed.
        self.guard = DiscardGuard(self, lambda: tuple(
            f"{key}={value}" for key, value in sorted(
                [*self.columns.defaults().items(),
                 *((k, v or "-") for k, v in self.columns.choices().items())])),
            self.tr("Close without importing? The columns you corrected and the values you "
                    "typed are lost unless you save them as settings."))
        layout = QVBoxLayout(self)
        for widget in (heading, intro):
            layout.addWidget(widget)
        layout.addLayout(file_row)
        layout.addLayout(preset_row)
        layout.addWidget(self.columns)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.columns.setEnabled(False)
        self.set_presets([])

    # --- the file and how to read it ----------------------------------------------------------

    def pick(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a register file"), "",
            self.tr("Register files (*.csv *.xlsx);;All files (*)"))
        if name:
            self.choose_file(name)

    def choose_file(self, path: str) -> None:
        self.path.setText(path)
        self.preview = None
        self.model.set_preview(None)
        self.refresh()

    def settings(self) -> RegisterSettings:
        """What the next preview and import read the file with: the person's column choices
        (other columns guessed) and the shared values."""
        return RegisterSettings(self.columns.choices(), self.columns.defaults())

    def refresh(self) -> None:
        """Preview the file again with the current choices."""
        self._again.stop()
        if not self.path.text():
            return
        self._enable(False)
        self._say(self.tr("Reading the file…"), bad=False)
        self.ticket += 1
        self.preview_requested.emit(self.path.text(), self.settings())

    def _changed(self) -> None:
        self._enable(False)
        self._say(self.tr("Reading the file…"), bad=False)
        self._again.start()

    def set_presets(self, names: list[str], current: str = "") -> None:
        self.presets.clear()
        self.presets.addItem(self.tr("None (guess from the column names)"), "")
        for name in names:
            self.presets.addItem(name, name)
        self.presets.setCurrentIndex(max(self.presets.findData(current), 0))

    def _preset_picked(self, index: int) -> None:
        name = str(self.presets.itemData(index) or "")
        if name:
            self.preset_chosen.emit(name)
        else:
            self.apply_settings(RegisterSettings())

    def apply_settings(self, settings: RegisterSettings) -> None:
        """A preset's columns and values, then the preview again."""
        self.columns.set_choices(settings.columns)
        self.columns.set_defaults(settings.defaults)
        self.refresh()

    def _ask_preset_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save settings"),
                                        self.tr("Name for these settings (e.g. the register's "
                                                "office):"),
                                        text=str(self.presets.currentData() or ""))
        if ok and name.strip():
            self.preset_save_requested.emit(name.strip(), self.columns.settings())

    def save_template(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save an empty register"), "register-pengaduan.xlsx",
                self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.template_requested.emit(path if path.endswith(".xlsx") else path + ".xlsx")

    # --- the preview ----------------------------------------------------------------------------

    def show_preview(self, preview: RegisterPreview, ticket: int | None = None) -> None:
        if preview.path != self.path.text() or ticket not in (None, self.ticket):
            return  # an older answer: another file or other choices meanwhile
        self.preview = preview
        self.model.set_preview(preview)
        widths = (60, 250 if preview.bad_rows else 90,
                  *((self._national_width(),) if self.model.national_column is not None else ()),
                  170, 135, 130, 200, 95, 90, 150, 110)
        for column, width in enumerate(widths[:self.model.columnCount() - 1]):
            self.table.setColumnWidth(column, width)
        if preview.columns:
            self.columns.show_columns(preview.columns, preview.header_row)
        self.columns.setEnabled(bool(preview.columns))
        self.save_preset.setEnabled(bool(preview.columns))
        if preview.file_error is not None and not preview.columns:
            self._say(intake_labels.file_problem(preview.file_error), bad=True)
        else:
            self._say(self._describe(preview), bad=bool(preview.bad_rows or preview.missing
                                                        or preview.file_error))
        if preview.bad_rows:
            first_bad = next(i for i, r in enumerate(preview.rows) if not r.ok)
            self.table.scrollTo(self.model.index(first_bad, 0))
        self._enable(True)

    def _national_width(self) -> int:
        """Wide enough for what the national rows say ("Diperbarui: status → Selesai, ...")."""
        column = self.model.national_column
        assert column is not None
        metrics = self.table.fontMetrics()
        said = (str(self.model.index(row, column).data() or "")
                for row in range(self.model.rowCount()))
        return min(max((metrics.horizontalAdvance(t) for t in said), default=0) + 24, 420)

    def _describe(self, preview: RegisterPreview) -> str:
        parts = []
        if preview.missing:
            parts.append(self.tr("No column and no value for the whole file gives: %1. Choose "
                                 "the column that holds it, or give one value above.")
                         .replace("%1", ", ".join(intake_labels.field(f)
                                                  for f in preview.missing)))
        if preview.file_error is not None:
            parts.append(intake_labels.file_problem(preview.file_error))
        elif preview.bad_rows:
            parts.append(self.tr("%1 rows, %2 with problems (marked red). Correct them in the "
                                 "file and choose it again, or import the valid rows and save "
                                 "the rest to a file to fix.")
                         .replace("%1", str(len(preview.rows)))
                         .replace("%2", str(preview.bad_rows)))
        else:
            parts.append(self.tr("All %1 rows are valid.").replace("%1", str(len(preview.rows))))
        counted = national_words.preview_counts(preview)
        if counted:
            parts.append(counted)
        if preview.already_imported:
            parts.append(self.tr("%1 rows were imported before and are left out.")
                         .replace("%1", str(preview.already_imported)))
        if preview.repeated:
            parts.append(self.tr("%1 rows repeat a row above them and are left out.")
                         .replace("%1", str(preview.repeated)))
        if preview.ignored_columns:
            said = self.tr("Columns not imported: %1.").replace(
                "%1", ", ".join(preview.ignored_columns))
            # A column named with a full stop ("No.") ends the sentence itself.
            parts.append(said[:-1] if said.endswith("..") else said)
        if preview.cleaned_rows and not preview.bad_rows:  # the problems first
            parts.append(self.tr("Invisible characters (such as NUL or text-direction marks) "
                                 "were removed from rows %1.")
                         .replace("%1", _rows(preview.cleaned_rows)))
        return " ".join(parts)

    def _enable(self, on: bool) -> None:
        preview = self.preview
        self.import_button.setEnabled(on and preview is not None and preview.importable)
        self.partial_button.setEnabled(on and preview is not None
                                       and preview.partly_importable)
        self.choose.setEnabled(on or self.preview is None)

    def _say(self, text: str, bad: bool) -> None:
        self.summary.setObjectName("errorText" if bad else "dialogIntro")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText(text)

    # --- importing ------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.guard.may_close():
            super().reject()

    def _import(self) -> None:
        if self.preview is not None and self.preview.importable:
            self._start_import("")

    def import_valid(self, rejects: str | None = None) -> None:
        """Import the valid rows; the bad ones go to ``rejects`` (asked for when None)."""
        if self.preview is None or not self.preview.partly_importable:
            return
        if rejects is None:
            rejects, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the rows to fix"), rejects_name(self.preview.path),
                self.tr("CSV file (*.csv);;Excel workbook (*.xlsx)"))
        if rejects:
            self._start_import(rejects)

    def _start_import(self, rejects: str) -> None:
        assert self.preview is not None
        self._enable(False)
        self.choose.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self.import_requested.emit(self.preview.path, self.settings(), rejects)

    def show_failure(self, text: str) -> None:
        self.choose.setEnabled(True)
        self._enable(self.preview is not None)
        self._say(text, bad=True)

    def show_note(self, text: str) -> None:
        """A line under the choices (a preset or the template saved)."""
        if self.preview is not None:
            text = self._describe(self.preview) + " " + text
        self._say(text, bad=False)
