"""The status bar's warning about this PC's clock, against the REAL reference server: it appears
when the clock is minutes off (with the amount and what to do, in Indonesian), never for seconds
of noise, and goes away once the clock is set right."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.models.calendar import utcnow
from lapor_desk.services import Workstation
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.taskman import TaskManager
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, save_png, signed_in_window, sync

pytestmark = pytest.mark.timeout(180)


class PcClock:
    def __init__(self) -> None:
        self.error = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.error


@pytest.fixture
def pc() -> PcClock:
    return PcClock()


@pytest.fixture
def desk(tmp_path: Path, pc: PcClock) -> Iterator[DeskController]:
    taskman = TaskManager()
    station = Workstation(tmp_path / "profiles", device="pytest", clock=pc)
    controller = DeskController(station, taskman)
    yield controller
    controller.cancel_sync()
    taskman.shutdown()
    station.close()


def bar_of(window: Any) -> DeskStatusBar:
    bar = window.statusBar()
    assert isinstance(bar, DeskStatusBar)
    return bar


def test_warning_appears_with_the_amount_and_goes_when_the_clock_is_set(
        qtbot: Any, desk: DeskController, live_server: LiveServer, password: str,
        pc: PcClock) -> None:
    pc.error = timedelta(hours=1, minutes=2)
    window = signed_in_window(qtbot, desk, live_server, password)
    bar = bar_of(window)
    qtbot.waitUntil(bar.clock_warning.isVisible, timeout=WAIT)
    text = bar.clock_warning.full
    assert "1 jam 2 menit" in text and "lebih cepat" in text, text
    assert "setel jam" in text and "waktu otomatis" in text, text
    assert bar.clock_warning.text() == text  # all of it fits at 1366 pixels
    assert "jam server" in bar.clock_warning.toolTip()
    save_png(window, "clock_warning")

    # Everything the status bar can say at once (offline, trying to reconnect, a sync under
    # way, a rejection): the warning gives up its advice (still in its tooltip), never the
    # amount, and the window does not grow.
    status = bar._status
    assert status is not None
    bar.show_status(replace(status, online=False, rejected=1))
    bar.set_reconnecting(True)
    bar.set_syncing(True)
    qtbot.waitUntil(lambda: bar.clock_warning.text() != text, timeout=WAIT)
    assert window.width() == 1366
    assert bar.clock_warning.text().startswith(bar.clock_warning.first)
    assert "Luring" in bar.connection.text()
    assert text in bar.clock_warning.toolTip()
    save_png(window, "clock_warning_crowded")
    bar.set_syncing(False)
    bar.set_reconnecting(False)
    bar.show_status(status)
    qtbot.waitUntil(lambda: bar.clock_warning.text() == text, timeout=WAIT)

    pc.error = timedelta(0)  # somebody sets the clock; no sync needed to notice
    window.sync_controls.clock_timer.setInterval(50)
    qtbot.waitUntil(lambda: not bar.clock_warning.isVisible(), timeout=WAIT)
    sync(qtbot, window)
    assert not bar.clock_warning.isVisible()

    pc.error = -timedelta(hours=3)  # set wrong the other way
    qtbot.waitUntil(bar.clock_warning.isVisible, timeout=WAIT)
    assert "3 jam" in bar.clock_warning.full and "lebih lambat" in bar.clock_warning.full


@pytest.mark.parametrize("error", [timedelta(seconds=20), timedelta(seconds=-75)])
def test_seconds_off_are_no_warning(qtbot: Any, desk: DeskController, live_server: LiveServer,
                                    password: str, pc: PcClock, error: timedelta) -> None:
    pc.error = error
    window = signed_in_window(qtbot, desk, live_server, password)
    bar = bar_of(window)
    sync(qtbot, window)
    window.sync_controls.clock_timer.setInterval(50)
    qtbot.wait(300)
    assert not bar.clock_warning.isVisible()
    skew = desk.workstation.session.server_clock.reading()
    assert skew is not None  # it was learned, and found to be noise
    assert abs(skew.offset + error) < timedelta(seconds=3)
