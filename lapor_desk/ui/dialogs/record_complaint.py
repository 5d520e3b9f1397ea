"""Record a complaint that came in at the counter, by letter, phone, radio or newspaper.

The same fields as a report made online (ui/dialogs/record_form.py), with when it came and, for
a letter, its number and date. The dialog only collects values: ``submitted`` carries the raw
form and the picked files to the flow, which saves them on the database worker and either closes
the dialog or hands back each bad field's problem, shown under that field.

Nothing typed is lost by a key: no button is the default, so Enter never saves or closes
(in a field it moves to the next one; Ctrl+Enter or Ctrl+S saves: ui/dialogs/typing_keys.py);
Esc, Cancel and the window's close
button ask first when anything was typed (:meth:`reject`). What is typed is kept as a draft by
the flow (``edited``), and a form opened again starts from it (:meth:`restore`).

A complaint the server refused is reopened here from the outbox (:meth:`reopen`): everything
that was typed and its files, why the server refused it, and the time it was received (set by
the server's clock when this computer's clock was ahead).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.intake import FieldProblem, IntakeDefaults
from lapor_desk.ui import intake_labels, verify_labels
from lapor_desk.ui.dialogs.record_form import RecordForm, datetime_of
from lapor_desk.ui.dialogs.typing_keys import TypingKeys

if TYPE_CHECKING:
    from lapor_desk.services.drafts import FormDraft
    from lapor_desk.services.outbox_review import RecordedForm


class RecordComplaintDialog(RecordForm):
    submitted = Signal(object, object)   # raw form (dict), files (paths or StoredAttachment)
    discarded = Signal()                 # the officer threw away what was typed

    def __init__(self, defaults: IntakeDefaults, categories: dict[str, list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reopened = False
        self.baseline_files: tuple[object, ...] = ()
        self.close_question: QMessageBox | None = None
        self.close_answers: dict[str, QAbstractButton] = {}
        self._may_close = False
        self.setWindowTitle(self.tr("Record a complaint"))
        self.resize(1000, 720)
        heading = QLabel(self.tr("Record a complaint received outside the system"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("For complaints brought to the counter, or received by letter, "
                               "phone, radio or newspaper. It waits in Needs verification and "
                               "gets its tracking number at the next sync. What you type is "
                               "kept as a draft until it is saved."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.heading, self.intro = heading, intro
        self.note = QLabel()
        self.note.setObjectName("dialogIntro")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.summary = QLabel()
        self.summary.setObjectName("errorText")
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._build_fields(defaults, categories))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save complaint"))
        self.save_button.setToolTip(self.tr("Save the complaint (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.keys = TypingKeys(self, self._submit_if_ready)
        QShortcut(QKeySequence("Ctrl+S"), self, self._submit_if_ready)
        layout = QVBoxLayout(self)
        for widget in (heading, intro, self.note, self.summary):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.keys.no_default_buttons()   # the buttons made since
        self.baseline = self.raw()
        self.title.setFocus()

    # --- keys and closing ----------------------------------------------------------------------

    def has_typing(self) -> bool:
        """Anything typed or changed since the form opened empty (a restored draft is typing)
        or, reopened, since it was filled?"""
        return self.raw() != self.baseline or len(self.files.files()) != len(self.baseline_files)

    def reject(self) -> None:
        """Esc, Cancel, the close button: ask first when anything was typed; while it is being
        saved, wait (it closes by itself once it is recorded, or shows why not)."""
        if self.saving:
            return
        if self._may_close or not self.has_typing():
            super().reject()
            return
        if self.close_question is not None:
            return
        ask = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          self.tr("Close the form?"), parent=self)
        ask.setWindowModality(Qt.WindowModality.WindowModal)
        keep = ask.addButton(self.tr("Keep typing"), QMessageBox.ButtonRole.RejectRole)
        if self.reopened:
            ask.setInformativeText(self.tr("What you changed is not saved. The refused "
                                           "complaint stays in the Outbox as it was."))
            close = ask.addButton(self.tr("Close without saving"),
                                  QMessageBox.ButtonRole.DestructiveRole)
            discard = None
        else:
            ask.setInformativeText(self.tr("The complaint is not saved yet. What you typed is "
                                           "kept as a draft and comes back the next time you "
                                           "record a complaint."))
            close = ask.addButton(self.tr("Close, keep the draft"),
                                  QMessageBox.ButtonRole.AcceptRole)
            discard = ask.addButton(self.tr("Throw away what was typed"),
                                    QMessageBox.ButtonRole.DestructiveRole)
        #: The question's buttons by what they do (tests press them).
        self.close_answers = {"keep": keep, "close": close}
        if discard is not None:
            self.close_answers["discard"] = discard
        ask.setDefaultButton(keep)
        ask.setEscapeButton(keep)
        for button in ask.findChildren(QPushButton):
            button.setAutoDefault(False)
        keep.setDefault(True)   # Enter or Esc in the question: back to the form

        def answered() -> None:
            self.close_question = None
            chosen = ask.clickedButton()
            ask.deleteLater()
            if chosen is discard and discard is not None:
                self.discarded.emit()
            if chosen is close or (chosen is discard and discard is not None):
                self._may_close = True
                super(RecordComplaintDialog, self).reject()

        ask.finished.connect(lambda _r: answered())
        self.close_question = ask
        ask.open()

    # --- saving --------------------------------------------------------------------------------

    def _submit_if_ready(self) -> None:
        if self.save_button.isEnabled() and self.close_question is None:
            self._submit()

    def _submit(self) -> None:
        self.set_busy(True)
        self.submitted.emit(self.raw(), self.files.files())

    @property
    def received_shown(self) -> bool:
        return self.channel_form.isRowVisible(self.boxes["received_at"])

    def restore(self, draft: FormDraft) -> None:
        """Start from what was typed last time and not saved (it counts as typed: Esc asks,
        and it can be thrown away there). Files gone since are left out."""
        self.fill(draft.values)
        self.files.add_paths([f for f in draft.files if Path(f).is_file()])
        saved = datetime_text(draft.saved_at)
        self.note.setText(self.tr("Restored what was typed earlier (kept %1); it is not saved "
                                  "yet. To start again, close the form and throw it away.")
                          .replace("%1", saved))
        self.note.setVisible(True)

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
        self.reopened = True
        self.fill(form.raw)
        self.files.add_stored(form.attachments)
        self.received_at.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(form.received_at.timestamp())))
        self.baseline = self.raw()
        self.baseline_files = tuple(self.files.files())
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

    @property
    def saving(self) -> bool:
        return not self.save_button.isEnabled()

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
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


def datetime_text(iso: str) -> str:
    """A kept time (ISO, UTC) as this computer shows a time: ``7 Des 2026 09.15``."""
    moment = datetime_of(iso)
    return QLocale().toString(moment, "d MMM yyyy HH:mm") if moment is not None else iso
