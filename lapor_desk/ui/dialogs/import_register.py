"""Import a register file (CSV/XLSX) of offline complaints, after a preview of every row.

The preview is a dry run done by the services; bad rows are highlighted with their problems.
The core import is all-or-nothing, so "Import" is enabled only when every row is valid.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.register import RegisterPreview
from lapor_desk.ui import intake_labels
from lapor_desk.ui.models.register_preview import RegisterPreviewModel


def _rows(numbers: tuple[int, ...], shown: int = 10) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + ("…" if len(numbers) > shown else "")


class ImportRegisterDialog(QDialog):
    file_chosen = Signal(str)        # a path to preview
    import_requested = Signal(str)   # the previewed path, every row valid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: RegisterPreview | None = None
        self.setWindowTitle(self.tr("Import a register file"))
        self.resize(1040, 600)
        heading = QLabel(self.tr("Import complaints from a register file"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("A CSV (UTF-8) or XLSX file with one complaint per row and column "
                               "names in the first row (judul, isi, jenis, kanal, provinsi, "
                               "kabupaten_kota, kategori, nama_pelapor…). Either every row is "
                               "imported or none is."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.choose = QPushButton(self.tr("Choose file…"))
        self.choose.clicked.connect(self.pick)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
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
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, intro):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

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
        self.import_button.setEnabled(False)
        self.summary.setObjectName("dialogIntro")
        self.summary.setText(self.tr("Reading the file…"))
        self.file_chosen.emit(path)

    def show_preview(self, preview: RegisterPreview) -> None:
        if preview.path != self.path.text():
            return  # an older answer: another file was chosen meanwhile
        self.preview = preview
        self.model.set_preview(preview)
        widths = (64, 320 if preview.bad_rows else 90, 280, 110, 100, 150, 220, 160, 110, 70)
        for column, width in enumerate(widths[:self.model.columnCount() - 1]):
            self.table.setColumnWidth(column, width)
        if preview.file_error is not None:
            self._say(intake_labels.file_problem(preview.file_error), bad=True)
        elif preview.bad_rows:
            self._say(self.tr("%1 rows, %2 with problems (marked red). Nothing can be imported "
                              "until every row is valid: correct the file and choose it again.")
                      .replace("%1", str(len(preview.rows))).replace("%2",
                                                                     str(preview.bad_rows)),
                      bad=True)
            first_bad = next(i for i, r in enumerate(preview.rows) if not r.ok)
            self.table.scrollTo(self.model.index(first_bad, 0))
        else:
            text = self.tr("All %1 rows are valid.").replace("%1", str(len(preview.rows)))
            if preview.ignored_columns:
                text += " " + self.tr("Columns not imported: %1.").replace(
                    "%1", ", ".join(preview.ignored_columns))
            if preview.cleaned_rows:
                text += " " + self.tr("Invisible characters (such as NUL or text-direction "
                                      "marks) were removed from rows %1.").replace(
                    "%1", _rows(preview.cleaned_rows))
            self._say(text, bad=False)
        self.import_button.setEnabled(preview.importable)

    def _say(self, text: str, bad: bool) -> None:
        self.summary.setObjectName("errorText" if bad else "dialogIntro")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText(text)

    def _import(self) -> None:
        if self.preview is not None and self.preview.importable:
            self.import_button.setEnabled(False)
            self.choose.setEnabled(False)
            self.summary.setText(self.tr("Importing…"))
            self.import_requested.emit(self.preview.path)

    def show_failure(self, text: str) -> None:
        self.choose.setEnabled(True)
        self._say(text, bad=True)
