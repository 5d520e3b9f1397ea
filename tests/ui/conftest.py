"""pytest-qt fixtures for the desktop. Runs headless (offscreen) unless a platform is set."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from lapor_desk.services import Workstation, use_memory_keyring
from lapor_desk.ui import i18n
from lapor_desk.ui.app import make_application
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.taskman import TaskManager


@pytest.fixture(autouse=True)
def desk_app(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> QApplication:
    """The application as the desktop configures it; settings in a throwaway folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))
    use_memory_keyring()
    make_application()
    i18n.set_language("id")
    return qapp


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[DeskController]:
    taskman = TaskManager()
    station = Workstation(tmp_path / "profiles", device="pytest")
    desk = DeskController(station, taskman)
    yield desk
    desk.cancel_sync()
    taskman.shutdown()
    station.close()
