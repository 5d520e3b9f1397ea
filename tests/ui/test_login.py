"""Getting in, driven like a person does it: the real login dialog, typed with key presses,
against the real reference server on loopback. A right password leads through the first-sync
progress dialog to the main window with its queues; a wrong one and an unreachable server keep
the dialog open and say, in words an admin understands, what happened and what to do next."""

from __future__ import annotations

import gc
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from lapor_desk.services import Workstation
from lapor_desk.sync import credentials
from lapor_desk.ui import labels
from lapor_desk.ui.app import Desk
from lapor_desk.ui.dialogs.login import LoginDialog
from lapor_desk.ui.models.queue_list import COUNT_ROLE
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)
WAIT = 30_000


@pytest.fixture
def desk(qtbot: Any, tmp_path: Path) -> Iterator[Desk]:
    station = Workstation(tmp_path / "profiles", device="pytest")
    d = Desk(station, tray_available=lambda: False)
    yield d
    if d.login is not None:
        d.login.rejected.disconnect()  # closing it must not quit the test's application
        d.login.hide()
    d.window.close()  # the window of the last session (an ended one's is gone with it)
    d.shutdown()


@pytest.fixture
def collector_held_off() -> Iterator[None]:
    """The collector off, as ``lapor-desk`` holds it during its start (cli.main)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def open_login(qtbot: Any, desk: Desk) -> LoginDialog:
    desk.start()
    login = desk.login
    assert login is not None
    qtbot.waitExposed(login)
    return login


def type_in(qtbot: Any, login: LoginDialog, server: str, user: str, password: str) -> None:
    field = login.server.lineEdit()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, server)
    login.username.clear()
    qtbot.keyClicks(login.username, user)
    login.password.clear()
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # Enter signs in


def login_text(source: str) -> str:
    return QCoreApplication.translate("LoginDialog", source)


def assert_plain_words(text: str) -> None:
    """An admin reads sentences, not codes, status numbers or exception names."""
    assert text and text[0].isupper() and text.rstrip().endswith(".")
    for jargon in ("_", "Error", "Exception", "401", "errno", "Traceback", "requests"):
        assert jargon not in text, (jargon, text)


def test_sign_in_first_sync_then_the_queues(qtbot: Any, desk: Desk, live_server: LiveServer,
                                             password: str, collector_held_off: None) -> None:
    login = open_login(qtbot, desk)
    assert not gc.isenabled()  # still the start
    assert not desk.window.isVisible()
    dialog_at_start: list[bool] = []
    numbers: list[str] = []
    desk.controller.sync_started.connect(lambda: dialog_at_start.append(
        desk.progress is not None and desk.progress.isVisible()))
    desk.controller.sync_progress.connect(lambda _p: numbers.append(
        desk.progress.numbers.text() if desk.progress is not None else ""))

    with qtbot.waitSignal(desk.controller.sync_finished, timeout=60_000):
        type_in(qtbot, login, live_server.url, "admin.kendari", password)
        assert not login.buttons.isEnabled()  # busy: a second Enter does not sign in twice

    assert dialog_at_start == [True]  # the first sync ran under its progress dialog
    assert gc.isenabled()  # signed in: the start is over, the collector runs again
    assert numbers and any(" · " in n and n.split()[0] not in ("0",) for n in numbers)
    qtbot.waitUntil(lambda: desk.progress is None, timeout=WAIT)
    # The sign-in dialog is gone once used, the password it held with it.
    assert desk.login is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(login), timeout=WAIT)
    window = desk.window
    qtbot.waitUntil(lambda: window.isVisible() and window.queue_model.rowCount() > 0
                    and desk.controller.taskman.idle, timeout=WAIT)
    counts = {window.queue_model.key_at(r): window.queue_model.index(r).data(COUNT_ROLE)
              for r in range(window.queue_model.rowCount())}
    assert counts["needs_verification"] > 0 and "not_followed_up" in counts
    assert window.queue_key == "needs_verification"
    qtbot.waitUntil(lambda: window.table_model.rowCount() == counts["needs_verification"],
                    timeout=WAIT)
    assert "Daring" in window.statusBar().connection.text()
    assert window.user_label.text()  # who is signed in, shown in the toolbar

    # The profile is remembered: the next start offers it (server and user filled in).
    again = LoginDialog(desk.controller.known_profiles())
    qtbot.addWidget(again)
    assert again.server.currentText() == live_server.url
    assert again.username.text() == "admin.kendari"


def test_wrong_password_says_so_and_keeps_the_dialog(qtbot: Any, desk: Desk,
                                                     live_server: LiveServer, password: str,
                                                     collector_held_off: None) -> None:
    login = open_login(qtbot, desk)
    with qtbot.waitSignal(desk.controller.sign_in_failed, timeout=WAIT) as failed:
        type_in(qtbot, login, live_server.url, "admin.kendari", "salah-" + password)
    assert failed.args[0].code == "bad_credentials"
    assert gc.isenabled()  # a refused sign-in also ends the start
    qtbot.waitUntil(lambda: login.buttons.isEnabled(), timeout=WAIT)
    assert login.isVisible() and desk.login is login and not desk.window.isVisible()
    message = login.message.text()
    assert message == login_text(
        "The user name or password is wrong. Check both and try again (passwords are "
        "case-sensitive). Forgot it? Ask your agency's LAPOR! administrator to reset it.")
    assert_plain_words(message)
    assert login.password.hasSelectedText() or login.password.text() == ""
    assert QApplication.focusWidget() in (login.password, None)

    # Fixing the password gets in.
    with qtbot.waitSignal(desk.controller.signed_in, timeout=WAIT):
        login.password.clear()
        qtbot.keyClicks(login.password, password)
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.window.isVisible() and not shiboken6.isValid(login),
                    timeout=WAIT)


def test_unreachable_server_says_offline_and_what_to_do(qtbot: Any, desk: Desk) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"http://127.0.0.1:{port}"
    login = open_login(qtbot, desk)
    with qtbot.waitSignal(desk.controller.sign_in_failed, timeout=WAIT) as failed:
        type_in(qtbot, login, address, "admin.kendari", "apa-saja")
    assert failed.args[0].code == "offline"
    qtbot.waitUntil(lambda: login.buttons.isEnabled(), timeout=WAIT)
    assert login.isVisible() and not desk.window.isVisible()
    message = login.message.text()
    assert address in message
    assert message == login_text(
        "Cannot reach the server %1. Check that the address is right and that this computer "
        "is connected to the network (try opening the address in a browser), then sign in "
        "again. If the network is down, try again later: nothing is lost.").replace(
            "%1", address)
    assert_plain_words(message.replace(address, "the address"))
    assert login.server.lineEdit().selectedText() == address  # the likely fix: the address


def test_empty_fields_are_asked_for_without_a_request(qtbot: Any, desk: Desk) -> None:
    login = open_login(qtbot, desk)
    requests: list[object] = []
    login.submitted.connect(lambda *a: requests.append(a))
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert requests == [] and login.isVisible()
    assert login.message.text() == login_text("Fill in the server, user name and password.")


def test_a_refused_saved_session_brings_back_the_sign_in_with_the_reason(
        qtbot: Any, desk: Desk, tmp_path: Path, live_server: LiveServer, password: str) -> None:
    """The saved profile opens from its cache without waiting for the server; the start-up sync
    learns the session was ended elsewhere, and the sign-in dialog comes back saying so. The
    profile and its cache stay for the next sign-in."""
    earlier = Workstation(tmp_path / "profiles", device="pytest")
    info = earlier.sign_in(live_server.url, "admin.kendari", password)
    earlier.sync()
    token = credentials.load_token(live_server.url, "admin.kendari")
    requests.post(live_server.url + "/api/v1/auth/logout", json={}, timeout=10,
                  headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    earlier.close()
    failures: list[Exception] = []
    desk.controller.sync_failed.connect(failures.append)
    desk.start()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    login = desk.login
    assert login is not None
    qtbot.waitUntil(lambda: login.isVisible() and login.message.isVisible(), timeout=WAIT)
    assert not desk.window.isVisible()
    assert getattr(failures[0], "code", None) == "token_revoked"
    assert login.message.text() == labels.error("token_revoked")
    assert credentials.load_token(live_server.url, "admin.kendari") is None
    assert Path(info.profile_dir, "cache.sqlite3").exists()
    with qtbot.waitSignal(desk.controller.signed_in, timeout=WAIT):
        type_in(qtbot, login, live_server.url, "admin.kendari", password)
    assert desk.controller.info is not None
    assert desk.controller.info.profile_dir == info.profile_dir
