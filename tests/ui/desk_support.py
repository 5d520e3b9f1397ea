"""Helpers for driving the main window against the real server in pytest-qt tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QApplication, QWidget

from lapor_desk.models.calendar import utcnow
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from tests.support.live_server import LiveServer

WAIT = 30_000
SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


def signed_in_window(qtbot: Any, controller: DeskController, live_server: LiveServer,
                     password: str, username: str = "admin.kendari", *,
                     prefetch: bool = False) -> MainWindow:
    """A main window signed in and synced (on the module's server with nothing written yet and
    a desk on the real clock: a copy of the profile it synced once, opened and synced again,
    tests/support/synced_profile.py). ``prefetch``: the attachments' offline prefetch after
    each sync (off unless a test is about attachments: the seeded files are not served)."""
    window = MainWindow(controller)
    window.attachments.auto_prefetch = prefetch
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(controller.signed_in, timeout=WAIT) as signed:
        profile = None
        station = controller.workstation
        if live_server.shared is not None and station.clock is utcnow:  # this PC's real clock
            profile = live_server.shared.profiles.place(station.profiles, username, password)
        if profile is not None:
            controller.resume(profile)
        else:
            controller.sign_in(live_server.url, username, password)
    with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
        controller.sync()
    window.start_session(signed.args[0])
    qtbot.waitUntil(lambda: window.queue_key is not None and controller.taskman.idle,
                    timeout=WAIT)
    return window


def sync(qtbot: Any, window: MainWindow) -> Any:
    with qtbot.waitSignal(window.controller.sync_finished, timeout=60_000) as synced:
        assert window.controller.sync()
    qtbot.waitUntil(lambda: window.controller.taskman.idle, timeout=WAIT)
    return synced.args[0]


def open_queue(qtbot: Any, window: MainWindow, key: str) -> None:
    window.select_queue(key)
    qtbot.waitUntil(lambda: window.queue_key == key and window.controller.taskman.idle,
                    timeout=WAIT)


def show_complaint(qtbot: Any, window: MainWindow, row: int = 0) -> str:
    model = window.table_model
    qtbot.waitUntil(lambda: model.rowCount() > row, timeout=WAIT)
    complaint_id = model.id_at(row)
    assert complaint_id
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.id == complaint_id
                    and window.controller.taskman.idle, timeout=WAIT)
    return complaint_id


def select_rows(window: MainWindow, rows: list[int]) -> list[str]:
    """Select whole rows (not necessarily next to each other), as Ctrl+click does."""
    model = window.table_model
    selection = QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    window.table.selectionModel().select(
        selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    return [model.id_at(r) or "" for r in rows]


def save_png(widget: QWidget, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    path = SCREENS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path
