"""What happens in the background, against the real reference server on loopback: the first
sync is stopped with its Stop button and the next sync carries on where it stopped (the cache
ends complete); an offline desktop probes the server and syncs as soon as it answers (the status
bar flips back to online); new work forwarded to the unit is announced, in the tray when there
is one and otherwise inside the window; the progress dialog estimates time left only with a
basis."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint, FollowUp
from lapor_desk.services import Workstation
from lapor_desk.services.notifications import NewWork
from lapor_desk.services.session import DESKTOP_RETRY
from lapor_desk.services.types import SyncProgress
from lapor_desk.sync.transport import Transport
from lapor_desk.ui.app import Desk
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.progress import ProgressDialog, TimeLeft
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.notify import Notifier, describe
from tests.support.live_server import LiveServer, start_server
from tests.ui.desk_support import save_png, signed_in_window, sync

pytestmark = pytest.mark.timeout(240)
WAIT = 30_000
SMALL_PAGE = 40


class SlowSmallPages(Transport):
    """A slow link: small pull pages, each a little late (injected, not patched)."""

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        if path == "/api/v1/sync/pull":
            params = {**(params or {}), "limit": SMALL_PAGE}
            time.sleep(0.01)
        return super().get_json(path, params)


def slow_link(url: str) -> Transport:
    return SlowSmallPages(url, timeout=(5.0, 60.0), retry=DESKTOP_RETRY)


def contents(station: Workstation) -> tuple[set[str], int]:
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        ids = {str(r[0]) for r in c.execute(select(Complaint.id))}
        follow_ups = int(c.execute(select(func.count()).select_from(FollowUp)).scalar_one())
    return ids, follow_ups


@pytest.fixture
def slow_desk(qtbot: Any, tmp_path: Path) -> Iterator[Desk]:
    station = Workstation(tmp_path / "profiles", device="pytest", transport_factory=slow_link)
    desk = Desk(station, tray_available=lambda: False)
    qtbot.addWidget(desk.window)
    yield desk
    desk.shutdown()


def test_first_sync_stops_and_the_next_one_resumes(qtbot: Any, slow_desk: Desk,
                                                    live_server: LiveServer, password: str,
                                                    tmp_path: Path) -> None:
    reference = Workstation(tmp_path / "reference", device="pytest-reference")
    try:  # what a complete first sync brings (to compare with at the end)
        reference.sign_in(live_server.url, "admin.kendari", password)
        whole = reference.sync()
        expected = contents(reference)
    finally:
        reference.close()

    desk, c = slow_desk, slow_desk.controller
    stopped: list[ProgressDialog] = []

    def press_stop(step: SyncProgress) -> None:  # about halfway through the pull
        if step.phase == "pull" and step.records >= whole.pulled_rows // 2 and not stopped:
            assert desk.progress is not None and desk.progress.isVisible()
            stopped.append(desk.progress)
            save_png(desk.progress, "first_sync_progress")
            desk.progress.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    c.sync_progress.connect(press_stop)
    with qtbot.waitSignal(c.sync_failed, timeout=120_000) as failed:
        c.sign_in(live_server.url, "admin.kendari", password)
    assert failed.args[0].code == "cancelled" and stopped
    assert not stopped[0].buttons.isEnabled()  # "Stopping after the current page…"
    qtbot.waitUntil(lambda: desk.progress is None and c.taskman.idle, timeout=WAIT)
    assert not desk.window.banner.isVisible()  # stopping is not an error
    station = c.workstation
    partial, _ = contents(station)
    assert station.status().last_sync_at is None
    assert 0 < len(partial) < len(expected[0])

    c.sync_progress.disconnect(press_stop)
    with qtbot.waitSignal(c.sync_finished, timeout=120_000) as finished:
        desk.window.sync_action.trigger()
    resumed = finished.args[0]
    assert 0 < resumed.pulled_rows < whole.pulled_rows  # carried on, did not start over
    assert contents(station) == expected
    assert station.status().last_sync_at is not None


def test_offline_desktop_syncs_as_soon_as_the_server_answers(qtbot: Any, tmp_path: Path,
                                                            live_server: LiveServer,
                                                            password: str) -> None:
    station = Workstation(tmp_path / "profiles", device="pytest")
    desk = Desk(station, tray_available=lambda: False, reconnect_first_ms=150,
                reconnect_max_ms=400, jitter=lambda: 0.5)
    qtbot.addWidget(desk.window)
    c, window = desk.controller, desk.window
    bar = window.statusBar()
    restarted: LiveServer | None = None
    try:
        with qtbot.waitSignal(c.sync_finished, timeout=60_000):
            c.sign_in(live_server.url, "admin.kendari", password)  # and the first sync
        qtbot.waitUntil(lambda: "Daring" in bar.connection.text(), timeout=WAIT)
        assert not c.reconnecting and not bar.reconnect.isVisible()

        port = urlsplit(live_server.url).port
        live_server.stop()
        with qtbot.waitSignal(c.sync_failed, timeout=60_000) as failed:
            c.sync()
        assert failed.args[0].code == "offline"
        assert c.reconnecting and bar.reconnect.isVisible()  # "sync starts by itself"
        qtbot.waitUntil(lambda: "Luring" in bar.connection.text(), timeout=WAIT)
        probes: list[bool] = []
        c.reconnect_probed.connect(probes.append)
        qtbot.waitUntil(lambda: len(probes) >= 2, timeout=WAIT)
        assert not any(probes) and c.reconnecting and not c.syncing  # cheap: no sync tried
        assert c.reconnect_timer.interval() == 400  # backed off to the cap

        restarted = start_server(live_server.settings, seed=live_server.seed, port=port)
        with qtbot.waitSignal(c.sync_finished, timeout=60_000):
            pass  # nobody presses "Sync now": the probe finds the server and syncs
        assert probes[-1] is True and not c.reconnecting
        assert not c.reconnect_timer.isActive() and not bar.reconnect.isVisible()
        qtbot.waitUntil(lambda: "Daring" in bar.connection.text(), timeout=WAIT)
    finally:
        desk.shutdown()
        if restarted is not None:
            restarted.stop()


def test_starting_offline_opens_the_cache_and_syncs_when_the_server_is_back(
        qtbot: Any, tmp_path: Path, live_server: LiveServer, password: str) -> None:
    """Morning in a kabupaten with no network: the saved session opens the cache, the window
    says offline, and the desktop syncs by itself once the server answers."""
    first = Desk(Workstation(tmp_path / "profiles", device="pytest"),
                 tray_available=lambda: False)
    qtbot.addWidget(first.window)
    with qtbot.waitSignal(first.controller.sync_finished, timeout=60_000):
        first.controller.sign_in(live_server.url, "admin.kendari", password)
    first.shutdown()
    port = urlsplit(live_server.url).port
    live_server.stop()

    desk = Desk(Workstation(tmp_path / "profiles", device="pytest"),
                tray_available=lambda: False, reconnect_first_ms=100, reconnect_max_ms=200,
                jitter=lambda: 0.5)
    qtbot.addWidget(desk.window)
    c, bar = desk.controller, desk.window.statusBar()
    restarted: LiveServer | None = None
    try:
        with qtbot.waitSignal(c.sync_failed, timeout=60_000) as failed:
            desk.start()  # offers the saved profile: no password needed
        assert failed.args[0].code == "offline"
        assert desk.login is None and desk.window.isVisible()
        qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() > 0
                        and "Luring" in bar.connection.text(), timeout=WAIT)
        assert c.reconnecting and bar.reconnect.isVisible()
        restarted = start_server(live_server.settings, seed=live_server.seed, port=port)
        with qtbot.waitSignal(c.sync_finished, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: "Daring" in bar.connection.text(), timeout=WAIT)
        assert not c.reconnecting and not bar.reconnect.isVisible()
    finally:
        desk.shutdown()
        if restarted is not None:
            restarted.stop()


def test_signing_out_stops_probing(qtbot: Any, controller: DeskController,
                                   live_server: LiveServer, password: str) -> None:
    controller.reconnect_first_ms = 60_000
    with qtbot.waitSignal(controller.signed_in, timeout=WAIT):
        controller.sign_in(live_server.url, "admin.kendari", password)
    live_server.stop()
    with qtbot.waitSignal(controller.sync_failed, timeout=60_000):
        controller.sync()
    assert controller.reconnecting
    with qtbot.waitSignal(controller.signed_out, timeout=60_000):
        controller.sign_out()
    assert not controller.reconnecting


# --- new work ---------------------------------------------------------------------------------

def test_work_forwarded_to_the_unit_is_announced_in_the_window(qtbot: Any, tmp_path: Path,
                                                              live_server: LiveServer,
                                                              password: str) -> None:
    station = Workstation(tmp_path / "liaison", device="pytest-liaison")
    desk = Desk(station, tray_available=lambda: False)
    qtbot.addWidget(desk.window)
    admin = Workstation(tmp_path / "admin", device="pytest-admin")
    try:
        assert not desk.notifier.uses_tray and desk.notifier.notice is not None
        shown: list[tuple[str, str]] = []
        desk.notifier.shown.connect(lambda title, text: shown.append((title, text)))
        with qtbot.waitSignal(desk.controller.sync_finished, timeout=60_000):
            desk.controller.sign_in(live_server.url, "lo.kendari.pupr", password)
        qtbot.waitUntil(lambda: desk.controller.taskman.idle, timeout=WAIT)
        assert shown == []  # the first sync brings the whole queue: none of it is news
        info = desk.controller.info
        assert info is not None

        admin.sign_in(live_server.url, "admin.kendari", password)
        admin.sync()
        complaint = admin.complaint_ids("needs_verification")[0]
        number = admin.rows([complaint])[0].tracking_number
        admin.actions.forward(complaint, info.unit_id, "mohon ditindaklanjuti")
        assert admin.sync().applied == 1

        with qtbot.waitSignal(desk.notifier.shown, timeout=60_000):
            desk.controller.sync()
        notice = desk.notifier.notice
        assert notice.isVisible()  # non-blocking: no dialog, the window stays usable
        assert shown[-1] == describe(NewWork("forwarded", 1, (int(number),), (complaint,)))
        assert str(number) in notice.text.text() and notice.title.text() == shown[-1][0]
        save_png(desk.window, "notice_new_work")
        notice.close_button.click()
        assert not notice.isVisible()

        with qtbot.waitSignal(desk.controller.sync_finished, timeout=60_000):
            desk.controller.sync()
        qtbot.waitUntil(lambda: desk.controller.taskman.idle, timeout=WAIT)
        assert len(shown) == 1  # told once
    finally:
        admin.close()
        desk.shutdown()


def test_the_tray_is_used_when_the_system_has_one(qtbot: Any, controller: DeskController) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    with_tray = Notifier(window, tray_available=lambda: True)
    assert with_tray.uses_tray and with_tray.notice is None
    assert with_tray.tray is not None and with_tray.tray.isVisible()
    shown: list[tuple[str, str]] = []
    with_tray.shown.connect(lambda title, text: shown.append((title, text)))
    work = NewWork("needs_verification", 7, (11, 12, 13, 14, 15), tuple("abcdefg"))
    with_tray.show_new_work(work)
    assert shown == [describe(work)]
    title, text = shown[0]
    assert "7" in title and "11, 12, 13, 14, 15" in text and "2" in text
    with_tray.close()
    assert not with_tray.tray.isVisible()

    without = Notifier(window, tray_available=lambda: False)
    assert not without.uses_tray and without.tray is None
    window.resize(1000, 700)
    window.show()
    without.show_new_work(NewWork("forwarded", 1, (9165816,), ("x",)))
    notice = without.notice
    assert notice is not None and notice.isVisible() and "9165816" in notice.text.text()
    assert notice.geometry().right() <= window.width() and notice.timer.isActive()


def test_notices_name_tracking_numbers_only() -> None:
    title, text = describe(NewWork("forwarded", 2, (5, 6), ("a", "b")))
    assert "2" in title and "5, 6" in text
    title, text = describe(NewWork("needs_verification", 1, (), ("a",)))
    assert title and text == ""


# --- time left ----------------------------------------------------------------------------------

def test_time_left_needs_a_basis() -> None:
    estimate = TimeLeft()
    assert estimate.update(SyncProgress("pull", 0, 0, 0.0)) is None
    for second in range(1, 6):  # 100 records a second, but no total: no guess
        assert estimate.update(SyncProgress("pull", 100 * second, 0, float(second))) is None
    assert estimate.records_per_second() == pytest.approx(100.0)

    estimate = TimeLeft()
    estimate.update(SyncProgress("push", 0, 0, 0.0, total=1000))
    assert estimate.update(SyncProgress("push", 50, 0, 1.0, total=1000)) is None  # too early
    left = estimate.update(SyncProgress("push", 100, 0, 2.0, total=1000))
    assert left == pytest.approx(900 / 50)
    # A new phase starts over.
    assert estimate.update(SyncProgress("upload", 100, 0, 2.5, total=1000)) is None


def test_progress_dialog_shows_time_left_only_with_a_total(qtbot: Any) -> None:
    dialog = ProgressDialog("First sync")
    qtbot.addWidget(dialog)
    for second in range(5):
        dialog.show_sync(SyncProgress("pull", 500 * second, 0, float(second)))
    assert "min" not in dialog.time_left.text() and dialog.time_left.text()  # the rate
    assert dialog.bar.maximum() == 0  # a busy bar, not a made-up percentage
    assert "B" not in dialog.numbers.text()  # the pull counts no bytes: no "0 B"
    dialog.show_sync(SyncProgress("download", 3, 3 << 20, 5.0))
    assert "3.0 MB" in dialog.numbers.text()
    for second in range(5):
        dialog.show_sync(SyncProgress("push", 10 * second, 0, float(second), total=2000))
    assert dialog.time_left.text() == dialog.time_left_text((2000 - 40) / 10)
    assert dialog.bar.maximum() == 2000 and dialog.bar.value() == 40
    assert dialog.time_left_text(30) != dialog.time_left_text(300)
    assert "4" in dialog.time_left_text(200)  # 3 min 20 s: about 4 min


# --- training (demo) reset ----------------------------------------------------------------------

def test_training_reset_reseeds_and_wipes_the_demo_cache(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from lapor_desk.services import DemoServer

    demo = DemoServer(tmp_path / "demo", complaints=300)
    station = Workstation(demo.profile_root, device="pytest-demo")
    desk = Desk(station, demo, tray_available=lambda: False)  # its window: replaced below
    c = desk.controller
    try:
        with qtbot.waitSignal(c.sync_finished, timeout=180_000):
            desk.start()
        info = c.info
        assert info is not None and info.username == "admin.kendari"
        first_profile = Path(info.profile_dir)
        ws = c.workstation
        complaint = ws.complaint_ids("needs_verification")[0]
        ws.actions.handle(complaint, "dikelola dalam latihan")
        with qtbot.waitSignal(c.sync_finished, timeout=60_000) as synced:
            c.sync()
        assert synced.args[0].applied == 1
        assert ws.rows([complaint])[0].status != "unverified"

        action = desk.reset_action
        assert action is not None and action in desk.window.file_menu.actions()
        action.trigger()  # asks first; "Keep my work" keeps it
        box = desk.confirm_reset
        assert box is not None and box.isVisible()
        assert box.defaultButton() is box.escapeButton()  # Enter/Escape never reset
        box.escapeButton().click()
        qtbot.waitUntil(lambda: desk.confirm_reset is None, timeout=WAIT)
        assert desk.window.isVisible() and c.info is not None

        action.trigger()
        box = desk.confirm_reset
        assert box is not None
        reset = next(b for b in box.buttons()
                     if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        old_window = desk.window
        with qtbot.waitSignal(desk.session_ended, timeout=WAIT):
            reset.click()  # the training session's window goes whole, a new one comes
        assert desk.window is not old_window and desk.controller is not c
        del old_window
        assert not desk.window.isVisible() and desk.progress is not None
        c = desk.controller
        with qtbot.waitSignal(c.signed_in, timeout=180_000):
            pass
        with qtbot.waitSignal(c.sync_finished, timeout=120_000):
            pass  # a fresh demo: the first sync again
        qtbot.waitUntil(lambda: desk.window.isVisible() and c.taskman.idle, timeout=WAIT)
        assert c.info is not None
        if c.info.profile_dir != str(first_profile):  # the server came back on another port
            assert not first_profile.exists()  # the old demo cache was wiped
        ws = c.workstation
        assert ws.rows([complaint])[0].status == "unverified"  # the training's work is gone
        assert ws.status().pending == 0 and ws.status().rejected == 0
        assert {p.directory for p in ws.known_profiles()} == {c.info.profile_dir}
    finally:
        desk.window.close()
        desk.shutdown()
        demo.close()


def test_no_training_reset_outside_demo_mode(qtbot: Any, tmp_path: Path) -> None:
    station = Workstation(tmp_path / "profiles", device="pytest")
    desk = Desk(station, tray_available=lambda: False)
    qtbot.addWidget(desk.window)
    try:
        assert desk.reset_action is None
        names = [a.objectName() for a in desk.window.file_menu.actions()]
        assert "resetTrainingData" not in names
        desk.confirm_demo_reset()
        desk.reset_demo()
        assert desk.confirm_reset is None and desk.progress is None
    finally:
        desk.shutdown()


def test_training_reset_action_follows_the_language(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from lapor_desk.services import DemoServer
    from lapor_desk.ui import i18n

    demo = DemoServer(tmp_path / "demo")  # never started: only the menu is looked at
    desk = Desk(Workstation(demo.profile_root, device="pytest"), demo,
                tray_available=lambda: False)
    qtbot.addWidget(desk.window)
    try:
        action = desk.reset_action
        assert action is not None and action.text()
        assert desk.window.file_menu.actions().index(action) == \
            desk.window.file_menu.actions().index(desk.window.sign_out_action) - 1
        action.setText("stale")
        i18n.set_language("en")
        QApplication.processEvents()
        assert action.text() == "Reset training data…"
    finally:
        i18n.set_language("id")
        desk.shutdown()
        demo.close()
    assert not (tmp_path / "demo").exists() or not any((tmp_path / "demo").iterdir())


def test_a_sync_that_brings_nothing_leaves_the_list_alone(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    """Nothing came or went: the list is not read again (it would reset under the person's
    eyes and push back the first rows at start-up), the counts are (overdue moves with the
    clock). A sync that carries work does both."""
    window = signed_in_window(qtbot, controller, live_server, password)
    resets: list[int] = []
    counted: list[object] = []
    window.table_model.modelReset.connect(lambda: resets.append(1))
    controller.queues_loaded.connect(counted.append)
    outcome = sync(qtbot, window)
    assert (outcome.pushed, outcome.pulled_rows) == (0, 0)
    assert resets == [] and counted
    complaint_id = window.table_model.id_at(0)
    assert complaint_id
    controller.workstation.replies.send(complaint_id, "internal_note", "Dicek besok pagi.", [])
    outcome = sync(qtbot, window)
    assert outcome.pushed == 1 and resets
