"""Everything fits the common office laptop, 1366x768, against the REAL reference server: the main
window never grows by itself (a refused action's card, a conflict's comparison, a long complaint
in the detail), the sidebar keeps its width, and every dialog and the dashboard open inside the
screen with nothing pushed out of view.

The headless test screen is 800x800; these tests run in their own process on an offscreen screen
of exactly 1366x768 (Qt's offscreen platform reads its screens from a JSON file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from lapor_desk.services import Workstation
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui.app import Desk
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialog_slot import DialogSlot
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.screen_fit import TITLE_BAR
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, show_complaint, signed_in_window, sync
from tests.ui.screen_walk import cut_off, each_dialog

pytestmark = pytest.mark.timeout(400)
ROOT = Path(__file__).resolve().parents[2]
ON_LAPTOP = "LAPOR_ON_LAPTOP_SCREEN"
LAPTOP = QSize(1366, 768)
#: the height of a taskbar at the screen's edge (Windows 11's; the test screen has none)
TASKBAR = 48
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
on_laptop = pytest.mark.skipif(os.environ.get(ON_LAPTOP) != "1",
                               reason="run by test_everything_fits_a_laptop in its own process")


def test_everything_fits_a_laptop(tmp_path: Path) -> None:
    """Runs the tests below in a process whose only screen is 1366x768."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", ON_LAPTOP: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "tests/ui/test_fits_laptop.py", "-k", "sqlite or too_large"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=380, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "5 passed" in done.stdout, done.stdout[-2000:]


def fits(widget: QWidget, area: QSize | None = None) -> None:
    """``widget`` (a window) lies inside ``area`` (its screen's available area, a title bar
    less for a window other than the main one), as does the least size its layout allows, and
    nothing in it is cut off at its edges."""
    QApplication.processEvents()
    name = type(widget).__name__
    screen = widget.screen().availableGeometry().size()
    assert screen == LAPTOP, screen
    area = area or QSize(screen.width(), screen.height() - TITLE_BAR)
    size, least = widget.size(), widget.minimumSizeHint().expandedTo(widget.minimumSize())
    assert size.width() <= area.width() and size.height() <= area.height(), (name, size)
    # the screen of a laptop with a taskbar has less room: the window can shrink to it
    room = area - QSize(0, TASKBAR)
    assert least.width() <= room.width() and least.height() <= room.height(), (name, least)
    assert not cut_off(widget), (name, cut_off(widget))


@on_laptop
def test_refused_and_conflicting_actions_never_widen_the_window(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    window.resize(LAPTOP)
    station = controller.workstation
    refused, conflicting = station.complaint_ids("needs_verification")[:2]
    station.verification.submit("archive", refused, ActionFields(reason_code="spam"))
    targets = national.verification.reroute_targets(refused)
    national.verification.reroute(refused, next(t for t in targets if t.selectable).id)
    station.verification.submit("archive", conflicting, ActionFields(reason_code="too_general"))
    national.verification.submit("postpone", conflicting, ActionFields(
        reason="Menunggu kelengkapan data dari kelurahan setempat untuk peninjauan ulang "
               "lokasi dan pemeriksaan dokumen pendukung yang belum diterima sampai sekarang"))
    assert national.sync().applied == 2
    result = sync(qtbot, window)
    assert result.rejected == 1 and result.conflicts == 1
    qtbot.wait(50)
    sidebar = window.queue_view.width()
    panel = window.outbox_review.panel
    for queue in ("outbox", "conflicts"):
        open_queue(qtbot, window, queue)
        qtbot.waitUntil(lambda: panel.current_item() is not None and panel.card.isVisible(),
                        timeout=WAIT)
        qtbot.waitUntil(lambda: controller.taskman.idle, timeout=WAIT)
        qtbot.wait(50)
        assert window.size() == LAPTOP, (queue, window.size())
        fits(window, LAPTOP)
        assert window.queue_view.width() == sidebar, queue
        card = panel.card
        assert card.geometry().right() <= panel.width(), queue  # the card is not cut off
        save_png(window, f"fits_{queue}")
    open_queue(qtbot, window, "needs_verification")
    show_complaint(qtbot, window)
    assert window.size() == LAPTOP and window.queue_view.width() == sidebar


@on_laptop
def test_main_window_and_its_dialogs_fit(qtbot: Any, controller: DeskController,
                                         live_server: LiveServer, password: str) -> None:
    window: MainWindow = signed_in_window(qtbot, controller, live_server, password)
    fits(window, LAPTOP)
    show_complaint(qtbot, window)
    for number, opened in enumerate(open_each_dialog(qtbot, window)):
        fits(opened)
        assert window.size() == LAPTOP, type(opened).__name__
        save_png(opened, f"laptop_{number:02d}_{type(opened).__name__}")
    people = window.people.open()  # Pengguna, its new-account dialog
    assert people is not None
    qtbot.waitUntil(lambda: people.model.rowCount() > 0 and not people.loading, timeout=WAIT)
    fits(people)
    save_png(people, "laptop_people")
    account = people.new_account()
    assert account is not None
    qtbot.waitUntil(account.isVisible)
    fits(account)
    account.reject()
    people.close()


@on_laptop
def test_the_forward_dialog_with_its_unit_suggestions_fits(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    """The suggestions filled in (three units, their reasons, a similar complaint's list open)
    take room from the unit tree, never from the screen."""
    states: list[Any] = []
    controller.routing_refresh.enabled = True  # as the desk runs (off in the other tests)
    controller.routing_refresh.refreshed.connect(states.append)
    window = signed_in_window(qtbot, controller, live_server, password)
    qtbot.waitUntil(lambda: bool(states), timeout=120_000)
    show_complaint(qtbot, window)
    window.flows.forward_current()
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, ForwardDialog), timeout=WAIT)
    box = window.flows.dialog
    assert isinstance(box, ForwardDialog) and box.suggestions is not None
    panel = box.suggestions
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=WAIT)
    next(r for r in panel.rows if r.similar.isVisible()).similar.click()
    fits(box)
    assert window.size() == LAPTOP
    save_png(box, "laptop_forward_suggestions")
    box.reject()


def open_each_dialog(qtbot: Any, window: MainWindow) -> Iterator[QWidget]:
    """Each dialog the window opens on the current complaint, shown, then closed."""
    yield from each_dialog(qtbot, window)


@on_laptop
def test_a_dialog_too_large_for_the_screen_opens_inside_it(qtbot: Any) -> None:
    """Whatever size a dialog asks for, a flow opens it inside the laptop's screen."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1600, 1000)
    dialog.move(300, 200)
    slot = DialogSlot()
    slot.open(dialog)
    qtbot.waitUntil(dialog.isVisible)
    fits(dialog)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), (dialog.frameGeometry(), area)
    dialog.reject()
    assert not slot.busy


@on_laptop
def test_the_desk_opens_its_window_inside_the_screen(tmp_path: Path, qtbot: Any,
                                                     live_server: LiveServer,
                                                     password: str) -> None:
    """Signed in through the desk as a person is, the main window (1366x768 by default) is no
    larger than the laptop's screen less a title bar."""
    desk = Desk(Workstation(tmp_path / "profiles", device="pytest-desk"),
                tray_available=lambda: False)
    try:
        with qtbot.waitSignal(desk.controller.signed_in, timeout=WAIT):
            desk.controller.sign_in(live_server.url, "admin.kendari", password)
        qtbot.waitUntil(lambda: desk.window.isVisible() and desk.taskman.idle, timeout=WAIT)
        window = desk.window
        fits(window)
        area = window.screen().availableGeometry()
        assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
        assert window.width() >= LAPTOP.width() - 16  # the whole width, less a frame
    finally:
        desk.shutdown()
