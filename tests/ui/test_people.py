"""People from the desktop, driven like an admin does it, against the real server: the People
screen of an agency admin (list, filter, new account with its one-time password shown once,
move, disable/enable, reset, history; the model passes qtmodeltester; it fits 1366x768), hidden
from a liaison officer; and a person given a one-time password signs in through the real login
dialog by choosing their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.database import transaction
from lapor_desk.server.db import User
from lapor_desk.server.services import people as server_people
from lapor_desk.services import Workstation
from lapor_desk.ui.app import Desk
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.account import AccountDialog, PasswordShownDialog
from lapor_desk.ui.people_window import PeopleWindow
from tests.support.live_server import LiveServer
from tests.ui.desk_support import signed_in_window
from tests.ui.test_login import login_text, open_login, type_in

pytestmark = pytest.mark.timeout(240)


def people_text(source: str) -> str:
    return QCoreApplication.translate("People", source)
WAIT = 30_000


def _reset_from_shell(live_server: LiveServer, username: str) -> str:
    with transaction(live_server.engine) as session:
        user = session.query(User).filter(User.username == username).one()
        _person, password = server_people.reset_password(session, server_people.SHELL,
                                                         user.id, utcnow())
    return password


@pytest.fixture
def desk(qtbot: Any, tmp_path: Path) -> Iterator[Desk]:
    station = Workstation(tmp_path / "profiles", device="pytest")
    d = Desk(station, tray_available=lambda: False)
    yield d
    if d.login is not None:
        d.login.rejected.disconnect()
        d.login.hide()
    d.window.close()
    d.shutdown()


def test_a_one_time_password_leads_to_choosing_ones_own(
        qtbot: Any, desk: Desk, live_server: LiveServer) -> None:
    officer = live_server.user("liaison_officer").username
    one_time = _reset_from_shell(live_server, officer)
    login = open_login(qtbot, desk)
    assert not login.new_password.isVisible()
    type_in(qtbot, login, live_server.url, officer, one_time)
    qtbot.waitUntil(lambda: login.new_password.isVisible(), timeout=WAIT)
    assert login.choosing_password
    assert login.message.text() == login_text(
        "The password you typed was given to you for this first sign-in only. Choose "
        "your own password (at least 8 characters), type it twice, then sign in.")
    assert login.buttons.isEnabled()
    qtbot.keyClicks(login.new_password, "sandiku-sendiri")
    qtbot.keyClicks(login.repeat_password, "sandiku-lain")
    qtbot.keyClick(login.repeat_password, Qt.Key.Key_Return)
    assert login.message.text() == login_text(  # said here, nothing sent
        "The two new passwords differ. Type the same password in both fields.")
    login.repeat_password.clear()
    with qtbot.waitSignal(desk.controller.sync_finished, timeout=60_000):
        qtbot.keyClicks(login.repeat_password, "sandiku-sendiri")
        qtbot.keyClick(login.repeat_password, Qt.Key.Key_Return)
    info = desk.controller.info
    assert info is not None and info.username == officer
    assert not info.capabilities.people
    qtbot.waitUntil(lambda: desk.window.isVisible(), timeout=WAIT)
    assert not desk.window.people.action.isVisible()  # a liaison officer manages no one
    with live_server.session() as session:
        user = session.query(User).filter(User.username == officer).one()
        assert user.must_change_password is False


def _open(qtbot: Any, controller: DeskController, live_server: LiveServer,
          password: str) -> PeopleWindow:
    window = signed_in_window(qtbot, controller, live_server, password)
    assert window.people.action.isVisible()
    screen = window.people.open()
    assert screen is not None
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.loading, timeout=WAIT)
    return screen


def test_the_people_screen_of_an_agency_admin(qtbot: Any, qtmodeltester: Any,
                                              controller: DeskController,
                                              live_server: LiveServer, password: str) -> None:
    screen = _open(qtbot, controller, live_server, password)
    qtmodeltester.check(screen.model)
    assert screen.frameGeometry().width() <= 1366 and screen.frameGeometry().height() <= 768
    assert screen.minimumSizeHint().width() <= 1366 and screen.minimumSizeHint().height() <= 700
    listed = screen.model.rowCount()
    roles = {screen.model.account_at(r).role for r in range(listed)}  # type: ignore[union-attr]
    assert roles <= {"agency_admin", "liaison_officer"}
    screen.role_filter.setCurrentIndex(screen.role_filter.findData("liaison_officer"))
    qtbot.waitUntil(lambda: not screen.loading and 0 < screen.model.rowCount() < listed,
                    timeout=WAIT)

    dialog = screen.new_account()
    assert isinstance(dialog, AccountDialog)
    dialog.buttons.accepted.emit()
    assert dialog.message.text() == people_text(  # said before anything is sent
        "Give a user name without spaces (e.g. lo.dinkes.konsel).")
    qtbot.keyClicks(dialog.username, "lo.puskesmas.baru")
    qtbot.keyClicks(dialog.display_name, "Wa Ode Sitti Rahmah")
    dialog.unit.setCurrentIndex(1)
    dialog.role.setCurrentIndex(dialog.role.findData("liaison_officer"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: isinstance(screen.slot.dialog, PasswordShownDialog), timeout=WAIT)
    shown = screen.slot.dialog
    assert isinstance(shown, PasswordShownDialog) and len(shown.password.text()) == 14
    made = screen.selected()
    assert made is not None and made.username == "lo.puskesmas.baru"
    assert made.must_change_password
    shown.reject()

    screen.confirm = lambda _question: True
    screen.switch()
    qtbot.waitUntil(lambda: screen.selected() is not None and screen.selected().disabled,
                    timeout=WAIT)
    assert screen.switch_button.text() == people_text("Enable")
    screen.switch()
    qtbot.waitUntil(lambda: not screen.selected().disabled, timeout=WAIT)  # type: ignore[union-attr]
    move = screen.move_account()
    assert isinstance(move, AccountDialog)
    move.unit.setCurrentIndex(2)
    target = move.chosen_unit()
    move.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.slot.dialog is None
                    and screen.selected().unit_id == target, timeout=WAIT)  # type: ignore[union-attr]
    screen.reset()
    qtbot.waitUntil(lambda: isinstance(screen.slot.dialog, PasswordShownDialog), timeout=WAIT)
    screen.slot.dialog.reject()  # type: ignore[union-attr]
    screen.history()
    qtbot.waitUntil(lambda: screen.slot.dialog is not None, timeout=WAIT)
    history = screen.slot.dialog.text()  # type: ignore[union-attr]
    assert history.count("admin.kendari") == 5
    screen.slot.dialog.reject()  # type: ignore[union-attr]

    taken = screen.new_account()
    assert taken is not None
    qtbot.keyClicks(taken.username, "lo.puskesmas.baru")
    qtbot.keyClicks(taken.display_name, "Orang Lain")
    taken.unit.setCurrentIndex(1)
    taken.buttons.accepted.emit()
    qtbot.waitUntil(lambda: taken.message.isVisible(), timeout=WAIT)
    assert taken.message.text() == people_text(
        "This user name is taken: choose another (e.g. add the unit's short name).")
    taken.reject()
