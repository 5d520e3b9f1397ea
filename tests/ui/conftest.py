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
from lapor_desk.services.preferences import PreferencesFile
from lapor_desk.ui import i18n
from lapor_desk.ui.app import make_application
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.taskman import TaskManager


@pytest.fixture(autouse=True)
def desk_app(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> QApplication:
    """The application as the desktop configures it; settings and preferences in a throwaway
    folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))
    i18n.use_preferences(PreferencesFile(tmp_path_factory.mktemp("config") / "preferences.json"))
    use_memory_keyring()
    make_application()
    i18n.set_language("id")
    return qapp


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[DeskController]:
    taskman = TaskManager()
    station = Workstation(tmp_path / "profiles", device="pytest")
    # The tests using it send their work with a sync they ask for, after what the server is to
    # see first; sending within seconds of an action is tested with it on (test_work_leaves.py).
    # Likewise the routing help is retrained after a sync only where a test is about it
    # (tests/ui/test_routing_suggestions.py turns it on): each retraining is a child process.
    desk = DeskController(station, taskman, push_delay_ms=None, retrain_after_sync=False)
    yield desk
    desk.cancel_sync()
    taskman.shutdown()
    station.close()


# --- leaving the test process ------------------------------------------------------------------
# PySide6 6.12 can abort while CPython finalises after a Qt session ("Fatal Python error:
# bool_dealloc ... Garbage-collecting", exit 134), after every test has passed and the summary is
# printed: a refcount bug in shiboken's teardown, not in the code under test (each UI test file
# passes and exits 0 on its own). The process therefore ends with pytest's own exit status right
# after pytest has finished everything it does, skipping only the interpreter's finalisation.
_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if not _exit_status:
        return
    import sys

    app = QApplication.instance()
    if app is not None:
        app.closeAllWindows()
        app.processEvents()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status[-1])
