"""Write a follow-up reply (tindak lanjut) the reporter sees, or an internal note.

"Send" asks for the reply to be written (``submitted``); the dialog closes only once it is
(``accept``), and a failure (a full disk...) is shown in it with the text still there. Enter
never sends (no button is the default: ui/dialogs/typing_keys.py); Ctrl+Enter does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.ui.dialogs.intake_widgets import FileList
from lapor_desk.ui.dialogs.reply_extras import TemplatePicker
from lapor_desk.ui.dialogs.typing_keys import TypingKeys


class FollowUpDialog(QDialog):
    submitted = Signal()

    def __init__(self, title: str, kind: str, anonymous: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        reply = kind == "follow_up"
        self.setWindowTitle(self.tr("Follow-up reply") if reply else self.tr("Internal note"))
        self.resize(560, 420)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # the title as the citizen wrote it
        heading.setWordWrap(True)
        heading.setObjectName("dialogHeading")
        hint = QLabel(self.tr("The reporter will see this reply.") if reply else
                      self.tr("Only officers see internal notes; the reporter never does."))
        hint.setObjectName("dialogIntro")
        hint.setWordWrap(True)
        self.privacy = QLabel(self.tr("ANONYMOUS report: do not mention the reporter's name or "
                                      "contact."))
        self.privacy.setObjectName("privacyWarning")
        self.privacy.setWordWrap(True)
        self.privacy.setVisible(anonymous and reply)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Write the follow-up: what was done, by whom, "
                                               "and what happens next.") if reply else
                                       self.tr("Write the note…"))
        self.templates = TemplatePicker(self.editor)  # filled (and shown) for replies only
        self.files = FileList()
        self.failure = QLabel()
        self.failure.setObjectName("errorText")
        self.failure.setWordWrap(True)
        self.failure.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Send reply") if reply else self.tr("Save note"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.editor.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.editor.toPlainText().strip())))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.ok.setToolTip(self.tr("Ctrl+Enter"))
        self.keys = TypingKeys(self, self._submit_if_ready)
        layout = QVBoxLayout(self)
        for widget in (heading, hint, self.privacy, self.templates, self.editor, self.files,
                       self.failure, self.buttons):
            layout.addWidget(widget)
        self.editor.setFocus()

    @property
    def sending(self) -> bool:
        return not self.buttons.isEnabled()

    def _submit_if_ready(self) -> None:
        if self.ok.isEnabled() and self.buttons.isEnabled():
            self._submit()

    def _submit(self) -> None:
        self.buttons.setEnabled(False)
        self.failure.setVisible(False)
        self.submitted.emit()

    def show_failure(self, text: str) -> None:
        """The reply was not written: say why; what was typed stays to send again."""
        self.failure.setText(text)
        self.failure.setVisible(True)
        self.buttons.setEnabled(True)

    def text(self) -> str:
        return self.editor.toPlainText()

    def attachments(self) -> list[str]:
        return self.files.paths()
