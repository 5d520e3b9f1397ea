"""One dialog open at a time: a flow (work on a complaint, verification, intake) holds its open
dialog in a :class:`DialogSlot`; another is not opened while it is there. Each opens inside its
screen (``ui/screen_fit.py``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from lapor_desk.ui.screen_fit import fit_to_screen


class DialogSlot:
    def __init__(self) -> None:
        self.dialog: QDialog | None = None  # the open dialog (tests drive it)

    @property
    def busy(self) -> bool:
        return self.dialog is not None

    def open(self, dialog: QDialog, on_accept: Callable[[], None] | None = None) -> None:
        """Show ``dialog`` (window-modal). Once it is closed the slot is free again; accepted,
        ``on_accept()`` runs (and owns the dialog from then on); otherwise, or without
        ``on_accept``, the dialog is deleted."""
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if on_accept is not None and result == QDialog.DialogCode.Accepted:
                on_accept()
            else:
                dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        fit_to_screen(dialog)

    def again(self, dialog: QDialog) -> bool:
        """Bring ``dialog`` back as it was (its action was not written), unless another dialog
        took the slot meanwhile; closing it again runs what :meth:`open` set up."""
        if self.dialog is not None:
            return False
        self.dialog = dialog
        dialog.open()
        fit_to_screen(dialog)
        return True
