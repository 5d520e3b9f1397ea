"""The application of a screen-rendering script, kept apart from the person running it: Qt's
settings, the preferences (the language the script sets) and the keyring all live in a
throwaway folder or in memory, never in the user's own configuration."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from lapor_desk.services import use_memory_keyring
from lapor_desk.services.preferences import PreferencesFile
from lapor_desk.ui import i18n
from lapor_desk.ui.app import make_application


def isolated_application(prefix: str) -> tuple[Path, QApplication]:
    """A fresh folder (``prefix``) holding the settings and preferences, and the application."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qs"))
    i18n.use_preferences(PreferencesFile(work / "preferences.json"))
    use_memory_keyring()
    return work, make_application(["render"])


def run_renderer(main: Callable[[Path, str | None], int]) -> None:
    """A renderer's ``python -m`` entry: ``OUT_DIR [EXTRA.qm]``. PySide6 6.12 may abort in
    interpreter finalisation after a run; the pictures are written and flushed by then, so it
    leaves without finalising."""
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/screens"),
                sys.argv[2] if len(sys.argv) > 2 else None)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
