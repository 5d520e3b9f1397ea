"""Help ▸ Save diagnostics for support: one click makes a redacted bundle and shows where it is.

The bundle (``services.diagnostics``) is made on the database worker; the dialog only shows
progress, the saved file's path and a button that opens its folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.diagnostics import Bundle, bundle_for
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController


def settings_snapshot() -> dict[str, Any]:
    """The desktop's QSettings as plain values and its preferences (the language under the
    key it had in QSettings before); the service drops secrets and binary state."""
    settings = QSettings()
    values = {key: settings.value(key) for key in settings.allKeys()}
    values[i18n.EARLIER_LANGUAGE_KEY] = i18n.saved_language()
    return values


def open_in_file_manager(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DiagnosticsDialog(QDialog):
    def __init__(self, controller: DeskController, parent: QWidget | None = None, *,
                 folder: Path | None = None,
                 open_folder: Callable[[Path], bool] = open_in_file_manager) -> None:
        super().__init__(parent)
        self.controller = controller
        self.folder = folder
        self.open_folder = open_folder
        self.bundle: Bundle | None = None
        self.setWindowTitle(self.tr("Diagnostics for support"))
        self.setMinimumWidth(460)
        self.explain = QLabel(self.tr(
            "LAPOR Desk saves a file with its version, the state of your sync and its recent "
            "log, for your support team. Names, NIK, phone numbers, e-mail addresses, passwords "
            "and complaint texts are removed."))
        self.explain.setWordWrap(True)
        self.state = QLabel(self.tr("Saving diagnostics…"))
        self.state.setWordWrap(True)
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setEnabled(False)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open_folder)
        layout = QVBoxLayout(self)
        for widget in (self.explain, self.state, self.path, self.buttons):
            layout.addWidget(widget)

    def start(self) -> None:
        """Make the bundle off the UI thread (call once, after ``show``/``open``)."""
        settings = settings_snapshot()
        versions = {"qt": qVersion(), "pyside6": PySide6.__version__}
        folder = self.folder
        self.controller.op(
            lambda ws: bundle_for(ws, folder, settings=settings, ui_versions=versions)) \
            .success(self._saved).failure(self._failed, report_bugs=False).run()

    def _saved(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.state.setText(self.tr("Saved. Send this file to your support team:"))
        self.path.setText(str(bundle.path))
        self.open_button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.state.setText(self.tr("The diagnostics could not be saved: %1").replace(
            "%1", str(error)))

    def _open_folder(self) -> None:
        if self.bundle is not None:
            self.open_folder(self.bundle.path.parent)


def show_diagnostics(controller: DeskController,
                     parent: QWidget | None = None) -> DiagnosticsDialog:
    """What the Help menu calls: open the dialog and start saving."""
    dialog = DiagnosticsDialog(controller, parent)
    dialog.open()
    dialog.start()
    return dialog
