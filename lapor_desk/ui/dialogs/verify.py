"""Verification dialogs: handle ourselves (kelola), postpone (tunda), not our authority (bukan
wewenang), archive (arsip, a reason from the list) and re-route (dialihkan) to another agency.

Each dialog checks its own form on OK: a missing reason is refused with a message in the dialog
and the dialog stays open, so nothing is written. ``fields()`` gives what the person filled in;
``prefill`` re-opens a dialog with an earlier action's values ("Fix & resend").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.actions import ActionFields
from lapor_desk.services.types import AgencyItem
from lapor_desk.ui import verify_labels
from lapor_desk.ui.dialogs.discard_guard import DiscardGuard
from lapor_desk.ui.unit_picker import UnitPicker

if TYPE_CHECKING:
    from lapor_desk.ui.unit_names_flow import UnitNamesEditor

REASON_KINDS = ("handle", "postpone", "not_our_authority", "close", "reopen")
#: Kinds whose text is an optional note (the others need a reason).
NOTE_KINDS = ("handle", "close")


class VerifyDialog(QDialog):
    """Heading, intro, the form, an error line and OK/Cancel; subclasses add the form."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the complaint's title
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setObjectName("dialogIntro")
        self.intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        #: Esc, Cancel and the close button ask once a reason or note was typed.
        self.guard = DiscardGuard(self, lambda: tuple(
            [e.toPlainText() for e in self.findChildren(QPlainTextEdit)]
            + [e.text() for e in self.findChildren(QLineEdit) if e.objectName() != "unitSearch"]))

    def reject(self) -> None:
        if self.guard.may_close():
            super().reject()

    def problem(self) -> str:
        """What is wrong with the form ("" when it can be sent)."""
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            return
        super().accept()

    def fields(self) -> ActionFields:
        raise NotImplementedError


class ReasonDialog(VerifyDialog):
    """Handle ourselves or close (a note, optional); postpone, not-our-authority or reopen (a
    reason required)."""

    def __init__(self, kind: str, title: str, prefill: ActionFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        assert kind in REASON_KINDS, kind
        self.kind = kind
        self.required = kind not in NOTE_KINDS
        texts = {
            "handle": (self.tr("Handle ourselves"), self.tr(
                "Your agency handles this complaint itself (kelola): it is assigned to your "
                "unit and the resolution deadline starts."), self.tr("Note (optional)"),
                self.tr("Handle ourselves")),
            "postpone": (self.tr("Postpone complaint"), self.tr(
                "Postpone (tunda) while something is missing, for example the reporter's data "
                "is incomplete. The verification deadline pauses until you act again."),
                self.tr("Reason for postponing (required)"), self.tr("Postpone")),
            "not_our_authority": (self.tr("Not our authority"), self.tr(
                "Return the complaint up the chain because it is not your agency's authority "
                "(bukan wewenang). Say why, so the next admin can route it."),
                self.tr("Why is it not your authority? (required)"),
                self.tr("Return complaint")),
            "close": (self.tr("Close complaint"), self.tr(
                "The complaint is finished (Selesai): its follow-up is done. It leaves the "
                "working queues; if it turns out not to be finished, it can be reopened with a "
                "reason."), self.tr("Closing note (optional), for example what was done"),
                self.tr("Close complaint")),
            "reopen": (self.tr("Reopen complaint"), self.tr(
                "The complaint goes back to work: a finished one to its unit (in progress), an "
                "archived one to verification. The reason is kept in its history."),
                self.tr("Why is it reopened? (required)"), self.tr("Reopen")),
        }
        window, intro, placeholder, ok = texts[kind]
        self.setWindowTitle(window)
        self.resize(520, 360)
        self.intro.setText(intro)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.form.addWidget(self.editor)
        self.ok.setText(ok)
        if prefill is not None:
            self.editor.setPlainText(prefill.note if kind in NOTE_KINDS else prefill.reason)
        self.editor.textChanged.connect(lambda: self.error.setVisible(False))
        self.editor.setFocus()

    def problem(self) -> str:
        if self.required and not self.editor.toPlainText().strip():
            return self.tr("Write the reason first: it is required and is kept in the "
                           "complaint's history.")
        return ""

    def fields(self) -> ActionFields:
        text = self.editor.toPlainText().strip()
        return ActionFields(note=text) if self.kind in NOTE_KINDS else ActionFields(reason=text)


class ArchiveDialog(VerifyDialog):
    """Archive (arsip): one reason from the list; "other" needs a note."""

    def __init__(self, heading: str, reasons: tuple[str, ...] | list[str],
                 prefill: ActionFields | None = None, parent: QWidget | None = None) -> None:
        super().__init__(heading, parent)
        self.setWindowTitle(self.tr("Archive complaint"))
        self.resize(570, 520)
        self.intro.setText(self.tr("Archived complaints are not followed up. Choose why; the "
                                   "reason is kept with the complaint."))
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        for code in reasons:
            button = QRadioButton(verify_labels.archive_reason(code))
            button.setProperty("code", code)
            self.group.addButton(button)
            self.choices[code] = button
            self.form.addWidget(button)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note (required for “Other reason”)"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        self.form.addSpacing(6)
        self.form.addWidget(self.note)
        self.ok.setText(self.tr("Archive complaint"))
        if prefill is not None:
            if prefill.reason_code in self.choices:
                self.choices[prefill.reason_code].setChecked(True)
            self.note.setPlainText(prefill.note)
        self.group.buttonClicked.connect(lambda _b: self.error.setVisible(False))
        self.note.textChanged.connect(lambda: self.error.setVisible(False))

    def reason_code(self) -> str:
        checked = self.group.checkedButton()
        return str(checked.property("code")) if checked is not None else ""

    def choose(self, code: str) -> None:
        self.choices[code].setChecked(True)

    def problem(self) -> str:
        code = self.reason_code()
        if not code:
            return self.tr("Choose a reason for archiving.")
        if code == "other" and not self.note.toPlainText().strip():
            return self.tr("For “Other reason”, write a note that explains it.")
        return ""

    def fields(self) -> ActionFields:
        return ActionFields(reason_code=self.reason_code(), note=self.note.toPlainText().strip())


class RerouteDialog(VerifyDialog):
    """Re-route (dialihkan) to another agency: a searchable list of agencies only."""

    def __init__(self, title: str, agencies: list[AgencyItem],
                 prefill: ActionFields | None = None, parent: QWidget | None = None,
                 names: UnitNamesEditor | None = None) -> None:
        super().__init__(title, parent)
        self.setWindowTitle(self.tr("Re-route to another agency"))
        self.resize(540, 580)
        self.intro.setText(self.tr("Send the complaint to the agency that is responsible for "
                                   "it. It arrives there as a new complaint to verify."))
        self.picker = UnitPicker(agencies, self.tr(
            "Search an agency: name or abbreviation (kemenkes, bpn, pln)…"), names=names)
        self.search, self.list = self.picker.search, self.picker.tree
        self.source, self.proxy = self.picker.source, self.picker.proxy
        self.picker.chosen.connect(lambda: self.error.setVisible(False))
        self.picker.activated.connect(self.accept)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note for the agency (optional)"))
        for widget in (self.picker, self.note):
            self.form.addWidget(widget)
        self.form.setStretch(0, 1)
        self.ok.setText(self.tr("Re-route"))
        if prefill is not None:
            if prefill.to_id is not None:
                self.select(prefill.to_id)
            self.note.setText(prefill.note)
        self.search.setFocus()

    def select(self, agency_id: int) -> bool:
        return self.picker.select(agency_id)

    def target_id(self) -> int | None:
        return self.picker.target_id()

    def problem(self) -> str:
        if self.target_id() is None:
            return self.tr("Choose the agency that should handle the complaint.")
        return ""

    def fields(self) -> ActionFields:
        return ActionFields(to_id=self.target_id(), to_name=self.picker.target_name(),
                            note=self.note.text().strip())
