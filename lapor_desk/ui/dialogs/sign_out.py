"""Asking before signing out: signing out deletes this computer's copy of the profile (cache,
attachments, drafts and the key that encrypts them), so unsynced work would be lost for good.

``confirm_sign_out(work, parent)`` shows the question and returns True when the person chose to
sign out; ``work`` comes from ``Workstation.unsynced_work()`` (read on the database worker).
With nothing unsynced the question is short and "Sign out" is the default; with unsynced work
the counts are spelled out, the button says what it does ("Delete and sign out") and Cancel is
the default, so a hurried Enter keeps the work.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from lapor_desk.services.profile_copy import UnsyncedWork


class SignOutDialog(QMessageBox):
    def __init__(self, work: UnsyncedWork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.setWindowTitle(self.tr("Sign out"))
        self.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 440px; }")
        if work.any:
            self.setIcon(QMessageBox.Icon.Warning)
            self.setText(self.tr("Unsynced work will be lost"))
            lines = []
            if work.pending:
                lines.append(self.tr("Actions not yet sent to the server: %1")
                             .replace("%1", str(work.pending)))
            if work.rejected:
                lines.append(self.tr("Actions the server refused, not yet resolved: %1")
                             .replace("%1", str(work.rejected)))
            if work.conflicts:
                lines.append(self.tr("Conflicts not yet resolved: %1")
                             .replace("%1", str(work.conflicts)))
            if work.drafts:
                lines.append(self.tr("Replies, notes and complaints typed but not saved (drafts): %1")
                             .replace("%1", str(work.drafts)))
            lines.append("")
            lines.append(self.tr("Signing out deletes them from this computer for good, with the "
                                 "complaints, attachments and drafts kept here. To keep them, "
                                 "cancel and sync first; the Outbox shows what is waiting."))
            self.setInformativeText("\n".join(lines))
            confirm_text = self.tr("Delete and sign out")
        else:
            self.setIcon(QMessageBox.Icon.Question)
            self.setText(self.tr("Sign out and remove this computer's copy?"))
            self.setInformativeText(self.tr(
                "The complaints, attachments and drafts kept on this computer for your account "
                "are deleted, with the key that encrypts them. Everything you sent is safe on "
                "the server: sign in again to download it."))
            confirm_text = self.tr("Sign out")
        self.confirm_button: QPushButton = self.addButton(
            confirm_text, QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button: QPushButton = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button if work.any else self.confirm_button)
        self.setEscapeButton(self.cancel_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.confirm_button


def confirm_sign_out(work: UnsyncedWork, parent: QWidget | None = None) -> bool:
    """Ask; True when the person chose to sign out (and, with unsynced work, to delete it)."""
    dialog = SignOutDialog(work, parent)
    dialog.exec()
    return dialog.confirmed()
