"""Help ▸ Save diagnostics: one click, made off the UI thread, shows the file and opens its folder."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from lapor_desk.services import Workstation
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.diagnostics import DiagnosticsDialog
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)


def test_dialog_saves_a_bundle_off_the_ui_thread_and_opens_its_folder(
        qtbot: QtBot, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    station: Workstation = controller.workstation
    station.sign_in(live_server.url, "admin.kendari", password)
    station.sync()
    QSettings().setValue("ui/language", "id")
    QSettings().setValue("window/geometry", b"\x00\x01")
    threads: list[str] = []
    import lapor_desk.ui.dialogs.diagnostics as module

    real = module.bundle_for

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "bundle_for", spy)
    monkeypatch.setattr("lapor_desk.services.diagnostics.default_log_dir",
                        lambda: tmp_path / "no-logs-yet")
    opened: list[Path] = []
    dialog = DiagnosticsDialog(controller, folder=tmp_path / "support",
                               open_folder=lambda p: opened.append(p) or True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.open_button.isEnabled()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bundle is not None, timeout=30_000)

    assert threads and threads[0].startswith("lapor-db")
    assert dialog.bundle is not None
    path = dialog.bundle.path
    assert path.parent == tmp_path / "support" and dialog.path.text() == str(path)
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert opened == [tmp_path / "support"]
    with zipfile.ZipFile(path) as archive:
        about = json.loads(archive.read("about.json"))
        settings = json.loads(archive.read("settings.json"))
        [state] = json.loads(archive.read("sync-state.json"))
    assert about["qt"] and about["pyside6"]
    assert settings.get("ui/language") == "id" and "window/geometry" not in settings
    assert state["complaints"] == station.status().complaints


def test_dialog_says_when_the_bundle_cannot_be_saved(qtbot: QtBot, controller: DeskController,
                                                     tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    dialog = DiagnosticsDialog(controller, folder=blocked)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=30_000)
    assert dialog.bundle is None and not dialog.open_button.isEnabled()
    assert "a-file" in dialog.state.text()  # the reason, in the dialog (not swallowed)
