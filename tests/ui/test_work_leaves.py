"""Work leaves at once, against the REAL reference server: an action is sent within seconds of
being made (no "Sync now", no five-minute timer); a server that stops answering (the fault proxy
holds every request silent) is said within seconds, not after minutes of "syncing", and the
desktop syncs by itself once it answers again; quitting with actions not yet sent asks and
offers to send them (and asks again, with the reason, when sending fails)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from lapor_desk.server.db import Complaint as ServerComplaint
from lapor_desk.services import Workstation
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui import controller as controller_module
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.taskman import TaskManager
from tests.support.faultproxy import Fault, FaultProxy
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, save_png, signed_in_window

pytestmark = pytest.mark.timeout(240)


class ClickedClose(QCloseEvent):
    """A close from the window system (its close button), which Qt marks spontaneous."""

    def spontaneous(self) -> bool:
        return True


def server_status(live_server: LiveServer, complaint_id: str) -> str:
    with live_server.session() as session:
        return str(session.execute(select(ServerComplaint.status).where(
            ServerComplaint.id == complaint_id)).scalar_one())


def archive(controller: DeskController, complaint_id: str) -> None:
    """An action through the window's one path (an operation), as the archive dialog does."""
    controller.op(lambda ws: ws.verification.submit(
        "archive", complaint_id, ActionFields(reason_code="spam"))).run()


def test_the_defaults_notice_a_silent_server_within_fifteen_seconds() -> None:
    silence = controller_module.SILENCE_MS / 1000 + sum(controller_module.SILENCE_PROBE_TIMEOUT)
    assert silence <= 15
    assert controller_module.PUSH_DELAY_MS <= 3_000


def test_an_action_leaves_within_seconds_of_being_made(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    controller.push_delay_ms = 300  # the window's own delay is PUSH_DELAY_MS
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    first, second = station.complaint_ids("needs_verification")[:2]
    bar = window.status_bar
    made = time.monotonic()
    with qtbot.waitSignal(controller.sync_finished, timeout=10_000) as synced:
        archive(controller, first)  # nobody presses "Sync now"
    assert time.monotonic() - made < 5
    assert synced.args[0].applied == 1
    assert server_status(live_server, first) == "archived"
    qtbot.waitUntil(lambda: controller.taskman.idle and "Kotak Keluar: 0" in bar.pending.text(),
                    timeout=WAIT)

    # One made while a sync runs is sent by the next, not left for the timer.
    with qtbot.waitSignal(controller.sync_started, timeout=WAIT):
        assert controller.sync()
    archive(controller, second)
    qtbot.waitUntil(lambda: server_status(live_server, second) == "archived", timeout=15_000)
    qtbot.waitUntil(lambda: controller.taskman.idle and not controller.syncing, timeout=WAIT)
    assert station.status().pending == 0


def test_nothing_is_tried_while_the_server_is_known_unreachable(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    controller.push_delay_ms = 50
    controller.reconnect_first_ms = 60_000
    window = signed_in_window(qtbot, controller, live_server, password)
    complaint_id = controller.workstation.complaint_ids("needs_verification")[0]
    controller._schedule_probe()  # as after a sync that found no server
    started: list[bool] = []
    controller.sync_started.connect(lambda: started.append(True))
    archive(controller, complaint_id)
    qtbot.wait(400)
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=WAIT)
    assert not started and controller.reconnecting  # the probe sends it once it answers
    assert window.status_bar.pending.text().endswith("1")
    controller.stop_reconnecting()


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    port = urlsplit(live_server.url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as proxied:
        yield proxied


@pytest.fixture
def proxied_window(qtbot: Any, tmp_path: Path, proxy: FaultProxy, password: str
                   ) -> Iterator[MainWindow]:
    """A window signed in through the fault proxy; a silent sync is noticed after 0.6 s."""
    taskman = TaskManager()
    station = Workstation(tmp_path / "profiles", device="pytest")
    desk = DeskController(station, taskman, push_delay_ms=None, silence_ms=600,
                          silence_probe_timeout=(0.5, 0.5), reconnect_first_ms=300,
                          reconnect_max_ms=600, jitter=lambda: 0.5)
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(desk.signed_in, timeout=WAIT) as signed:
        desk.sign_in(proxy.url, "admin.kendari", password)
    with qtbot.waitSignal(desk.sync_finished, timeout=60_000):
        desk.sync()
    window.start_session(signed.args[0])
    qtbot.waitUntil(lambda: window.queue_key is not None and taskman.idle, timeout=WAIT)
    yield window
    proxy.clear()  # the held request ends: the network worker is free to stop
    desk.cancel_sync()
    desk.stop_reconnecting()
    taskman.shutdown()
    station.close()


def test_a_server_that_stops_answering_is_said_within_seconds(
        qtbot: Any, proxied_window: MainWindow, proxy: FaultProxy,
        live_server: LiveServer) -> None:
    window = proxied_window
    c, bar = window.controller, window.status_bar
    qtbot.waitUntil(lambda: "Daring" in bar.connection.text(), timeout=WAIT)
    proxy.set_default(Fault.stall())  # accepts, reads, never answers
    asked = time.monotonic()
    with qtbot.waitSignal(c.server_silent, timeout=10_000) as silent:
        assert c.sync()
    took = time.monotonic() - asked
    assert silent.args == [True] and took < 0.6 + 1.0 + 2.0  # the wait, the probe, slack
    assert not c.syncing and c.reconnecting
    assert "Server tidak menjawab" in bar.connection.text()
    assert not bar.progress.isVisible()  # no more "syncing…"
    assert window.error_banner.label.isVisible()
    assert "berhenti menjawab" in window.error_banner.label.text()
    save_png(window, "server_not_answering")

    proxy.clear()  # it answers again: the probe finds it and syncs, nobody presses anything
    with qtbot.waitSignal(c.sync_finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: not c.silent and "Daring" in bar.connection.text(), timeout=WAIT)


def test_quitting_with_unsent_work_asks_and_sends_it(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    complaint_id = station.complaint_ids("needs_verification")[0]
    station.verification.submit("archive", complaint_id, ActionFields(reason_code="spam"))
    window.quit_action.trigger()
    guard = window.quit_guard
    qtbot.waitUntil(lambda: guard.dialog is not None, timeout=WAIT)
    dialog = guard.dialog
    assert dialog is not None and window.isVisible()
    assert dialog.text().startswith("1 ") and dialog.defaultButton() is dialog.send_button
    save_png(dialog, "quit_with_unsent_work")
    dialog.cancel_button.click()  # Cancel: nothing happens
    qtbot.waitUntil(lambda: guard.dialog is None, timeout=WAIT)
    assert window.isVisible() and station.status().pending == 1

    closed = ClickedClose()
    QApplication.sendEvent(window, closed)  # the title bar's close button asks the same
    assert not closed.isAccepted()
    qtbot.waitUntil(lambda: guard.dialog is not None, timeout=WAIT)
    assert guard.dialog is not None and window.isVisible()
    guard.dialog.send_button.click()  # Send and quit
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert server_status(live_server, complaint_id) == "archived"
    assert station.status().pending == 0


def test_quitting_with_nothing_waiting_does_not_ask(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    assert window.quit_guard.dialog is None


def test_sending_at_quit_fails_asks_again_with_the_reason(
        qtbot: Any, proxied_window: MainWindow, proxy: FaultProxy) -> None:
    window = proxied_window
    station = window.controller.workstation
    complaint_id = station.complaint_ids("needs_verification")[0]
    station.verification.submit("archive", complaint_id, ActionFields(reason_code="spam"))
    proxy.set_default(Fault.stall())
    window.quit_action.trigger()
    guard = window.quit_guard
    qtbot.waitUntil(lambda: guard.dialog is not None, timeout=WAIT)
    assert guard.dialog is not None
    guard.dialog.send_button.click()
    qtbot.waitUntil(lambda: guard.dialog is not None, timeout=15_000)  # asked again
    dialog = guard.dialog
    assert dialog is not None and window.isVisible()
    assert "berhenti menjawab" in dialog.informativeText()
    save_png(dialog, "quit_sending_failed")
    dialog.quit_button.click()  # quit anyway: the work stays in the profile
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    assert station.status().pending == 1
