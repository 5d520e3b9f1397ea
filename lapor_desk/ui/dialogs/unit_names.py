"""The other names (aliases) of a unit: one per line, saved on the server for everyone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import AgencyItem


class UnitNamesDialog(QDialog):
    def __init__(self, item: AgencyItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(self.tr("Other names of a unit"))
        self.resize(460, 340)
        heading = QLabel(self.tr("Other names of “%1”").replace("%1", item.name))
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        hint = QLabel(self.tr(
            "One name per line: the abbreviations and names staff and citizens use "
            "(e.g. Dukcapil, Disdukcapil Kendari). Everyone finds the unit by these names "
            "after their next sync. Common abbreviations are known already."))
        hint.setWordWrap(True)
        self.editor = QPlainTextEdit("\n".join(item.aliases))
        self.editor.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, hint, self.editor, self.error, self.buttons):
            layout.addWidget(widget)
        layout.setStretch(2, 1)
        self.editor.setFocus()

    def names(self) -> list[str]:
        return [line.strip() for line in self.editor.toPlainText().splitlines() if line.strip()]

    def saving(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.editor.setReadOnly(busy)

    def show_problem(self, text: str) -> None:
        self.saving(False)
        self.error.setText(text)
        self.error.show()
