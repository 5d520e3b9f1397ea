"""A similar past complaint behind a unit suggestion, read-only, over the forward dialog: its
tracking number, title, the unit that handled it, its status, place, category and what the
reporter wrote (when this desk may read it). Nothing here changes the complaint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.models.routing.types import SimilarCase
from lapor_desk.services.types import ComplaintDetail
from lapor_desk.ui import labels


class SimilarCaseDialog(QDialog):
    def __init__(self, case: SimilarCase, detail: ComplaintDetail | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("similarCase")
        self.setWindowTitle(self.tr("Similar past complaint"))
        self.resize(520, 420)
        heading = QLabel(self.tr("Complaint %1: %2").replace("%1", str(case.tracking_no))
                         .replace("%2", labels.complaint_title(case.title)))
        heading.setTextFormat(Qt.TextFormat.PlainText)  # the title as the citizen wrote it
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Handled by:"), self._value(case.unit_name))
        form.addRow(self.tr("Similarity:"), self._value(f"{round(case.similarity * 100)} %"))
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setObjectName("similarCaseBody")
        if detail is not None:
            form.addRow(self.tr("Status:"), self._value(labels.status(detail.row.status)))
            place = ", ".join(p for p in (detail.village, detail.district, detail.regency) if p)
            form.addRow(self.tr("Place:"), self._value(place or "–"))
            form.addRow(self.tr("Category:"), self._value(detail.category or "–"))
            self.body.setPlainText(detail.body if detail.body is not None else self.tr(
                "The text of this complaint is confidential."))
        else:
            self.body.setPlainText(self.tr(
                "This complaint is not on this computer; only what the suggestion knows of it "
                "is shown."))
        self.body.setAccessibleName(self.tr("What the reporter wrote"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label
