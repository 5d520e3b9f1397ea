"""What the desktop says when the disk, not the person, is the problem: a profile on a read-only
drive and one whose key is wrong each open to the sign-in dialog saying what happened, where, and
what to do (never to delete the folder, which holds unsynced work); a reply the full disk refused
stays in its dialog, with the reason, until it can be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.services import Workstation
from lapor_desk.sync import credentials
from lapor_desk.ui.app import Desk
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.main_window import MainWindow
from tests.services.test_open_profile import advises_deleting, make_profile, pending
from tests.support.live_server import LiveServer
from tests.support.small_disk import fill, remount, small_disk
from tests.ui.test_intake_flows import on_db, open_complaint

pytestmark = pytest.mark.timeout(180)
WAIT = 30_000


def _start(qtbot: Any, root: Path) -> tuple[Desk, str]:
    """Start the desktop on ``root``'s saved profile; the sign-in dialog's message."""
    desk = Desk(Workstation(root, device="pytest"), tray_available=lambda: False)
    qtbot.addWidget(desk.window)
    desk.start()
    login = desk.login
    assert login is not None
    qtbot.waitUntil(lambda: login.message.isVisible() and not login.message.property("busy"),
                    timeout=WAIT)
    text = login.message.text()
    login.rejected.disconnect()  # closing it must not quit the test's application
    login.hide()
    desk.shutdown()
    return desk, text


def test_a_read_only_drive_is_named_as_such_at_start(qtbot: Any, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 8 * 1024 * 1024) as disk:
        directory = make_profile(disk / "profiles")
        remount(disk, read_only=True)
        try:
            _desk, text = _start(qtbot, disk / "profiles")
        finally:
            remount(disk, read_only=False)
        assert "hanya-baca" in text and "Jangan hapus folder LAPOR Desk" in text
        assert str(directory) in text and f"(drive {disk})" in text
        assert "keyring" not in text  # not a word about keys
        assert not advises_deleting(text), text
        assert pending(directory) == 5


def test_a_wrong_key_says_so_and_to_keep_the_folder(qtbot: Any, tmp_path: Path) -> None:
    directory = make_profile(tmp_path / "profiles")
    credentials.create_cache_key(directory)  # another key under the profile's name
    _desk, text = _start(qtbot, tmp_path / "profiles")
    assert text.startswith("Kunci di keyring sistem tidak dapat membuka salinan data Anda")
    assert "simpan foldernya" in text and str(directory) in text
    assert not advises_deleting(text), text
    assert directory.exists()


@pytest.fixture
def window_on_small_disk(qtbot: Any, tmp_path: Path, live_server: LiveServer,
                         password: str) -> Iterator[tuple[MainWindow, Path]]:
    with small_disk(tmp_path / "disk", 16 * 1024 * 1024) as disk:
        desk = Desk(Workstation(disk / "profiles", device="pytest"),
                    tray_available=lambda: False)
        window, controller = desk.window, desk.controller
        window.attachments.auto_prefetch = False
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(controller.signed_in, timeout=WAIT) as signed:
            controller.sign_in(live_server.url, "admin.kendari", password)
        window.start_session(signed.args[0])
        with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
            controller.sync()
        qtbot.waitUntil(lambda: controller.taskman.idle and window.queue_key is not None,
                        timeout=WAIT)
        try:
            yield window, disk
        finally:
            desk.shutdown()


def _no_room(qtbot: Any, window: MainWindow, disk: Path) -> Path:
    cache = window.controller.workstation.session.require_cache()
    on_db(qtbot, window.controller, lambda: cache.engine.connect().exec_driver_sql(
        "PRAGMA wal_checkpoint(TRUNCATE)").close())
    return fill(disk, 0)


def test_a_reply_the_full_disk_refused_stays_in_its_dialog(
        qtbot: Any, window_on_small_disk: tuple[MainWindow, Path]) -> None:
    window, disk = window_on_small_disk
    station = window.controller.workstation
    complaint_id = on_db(qtbot, window.controller,
                         lambda: station.complaint_ids("not_followed_up")[0])
    open_complaint(qtbot, window, "not_followed_up", complaint_id)
    window.flows.write_current("follow_up")
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, FollowUpDialog), timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, FollowUpDialog)
    typed = "Tim sudah memperbaiki jembatan; mohon konfirmasi dari pelapor."
    dialog.editor.setPlainText(typed)
    ballast = _no_room(qtbot, window, disk)

    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.failure.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and dialog.text() == typed and dialog.ok.isEnabled()
    assert dialog.failure.text().startswith("Ruang kosong di drive tempat LAPOR Desk")
    assert f"(drive {disk})" in dialog.failure.text()

    ballast.unlink()
    with qtbot.waitSignal(window.flows.replies.sent, timeout=WAIT):
        dialog.ok.click()
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)
    assert on_db(qtbot, window.controller,
                 lambda: station.replies.draft(complaint_id, "follow_up")) is None


def test_a_forward_the_full_disk_refused_comes_back_as_it_was(
        qtbot: Any, window_on_small_disk: tuple[MainWindow, Path]) -> None:
    window, disk = window_on_small_disk
    station = window.controller.workstation
    complaint_id = on_db(qtbot, window.controller,
                         lambda: station.complaint_ids("needs_verification")[0])
    open_complaint(qtbot, window, "needs_verification", complaint_id)
    window.flows.forward(complaint_id)
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, ForwardDialog), timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, ForwardDialog)
    target = next(i for i in range(10_000) if dialog.select(i))
    dialog.note.setPlainText("Mohon ditindaklanjuti minggu ini.")
    ballast = _no_room(qtbot, window, disk)

    dialog.accept()
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.flows.dialog is dialog,
                    timeout=WAIT)
    assert window.banner.text().startswith("Ruang kosong di drive tempat LAPOR Desk")
    assert dialog.isVisible() and dialog.target_id() == target
    assert dialog.note_text() == "Mohon ditindaklanjuti minggu ini."

    ballast.unlink()
    with qtbot.waitSignal(window.controller.action_done, timeout=WAIT):
        dialog.accept()
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)
