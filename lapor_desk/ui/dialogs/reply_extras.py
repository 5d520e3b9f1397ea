"""Extras of the follow-up dialog: a reply-template picker that fills in the placeholders."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from lapor_desk.services.templates import ReplyContext, ReplyTemplate, render
from lapor_desk.ui.i18n import is_language_change


class TemplatePicker(QWidget):
    """Pick a template; "Insert" puts it, filled in, at the cursor (Ctrl+Z takes it back)."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.context: ReplyContext | None = None
        self.templates: list[ReplyTemplate] = []
        self.caption = QLabel()
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(28)
        self.insert_button = QPushButton()
        self.insert_button.clicked.connect(self.insert)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.insert_button)
        self.retranslate()
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Template:"))
        self.insert_button.setText(self.tr("Insert"))
        self.insert_button.setToolTip(self.tr("Insert the template at the cursor, with the "
                                              "reporter's name (never for an anonymous "
                                              "complaint), the tracking number and the unit"))

    def set_templates(self, templates: list[ReplyTemplate], context: ReplyContext) -> None:
        self.templates = list(templates)
        self.context = context
        self.combo.clear()
        for template in self.templates:
            self.combo.addItem(template.title, template.key)
        self.setVisible(bool(self.templates))

    def rendered(self, key: str | None = None) -> str:
        key = key or self.combo.currentData()
        template = next((t for t in self.templates if t.key == key), None)
        if template is None or self.context is None:
            return ""
        return render(template.body, self.context)

    def insert(self) -> None:
        text = self.rendered()
        if text:
            self.editor.insertPlainText(text)
            self.editor.setFocus()
