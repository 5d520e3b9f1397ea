"""The facilitator's window on a real training server (server processes on this computer's
address on its network): the address to type and its QR code, the accounts, a trainee's
exercise showing as done, a reset of that trainee through the confirmation, the printed list on
A4; all inside 1366x768. With no address chosen the server stays on this computer and the window
offers to open it to the room."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lapor_desk.models.enums import ActionKind
from lapor_desk.services import Workstation, use_memory_keyring
from lapor_desk.services.actions import ActionFields
from lapor_desk.services.training import LOOPBACK, TrainingServer
from lapor_desk.services.types import DeadlineBadge
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.training_sheet import print_roster
from lapor_desk.ui.training_window import DONE, FIXED_COLUMNS, NOT_YET, TrainingWindow
from tests.services.test_training import free_port, room_address

pytestmark = pytest.mark.timeout(420)
SCREENS = os.environ.get("LAPOR_SCREENS")  # where to keep the PNGs to look at, if anywhere


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrainingServer]:
    host = room_address()
    training = TrainingServer(tmp_path_factory.mktemp("training"), host=host,
                              port=free_port(host), trainees=3, complaints=20)
    try:
        yield training
    finally:
        training.close()


def keep(name: str, path: Path) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENS) / name).write_bytes(path.read_bytes())


def forward_first_exercise(server: TrainingServer, profiles: Path) -> None:
    use_memory_keyring()
    trainee = server.roster()[0]
    station = Workstation(profiles, device="trainee-pc")
    try:
        station.sign_in(server.trainee_url, trainee.username, trainee.password)
        station.sync()
        found = [row for key in station.queue_keys()
                 for row in station.rows(station.complaint_ids(key))
                 if row.title.startswith("[Latihan 1]")]
        target = next(t.id for t in station.forward_targets(found[0].id)
                      if "Pekerjaan Umum" in t.name and t.selectable)
        station.actions.submit(ActionKind.FORWARD, found[0].id, ActionFields(to_id=target))
        station.sync()
    finally:
        station.close()


def test_the_facilitator_sees_the_room_and_each_trainee(qtbot: QtBot, server: TrainingServer,
                                                        tmp_path: Path) -> None:
    window = TrainingWindow(server)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.progress_shown, timeout=300_000):
        window.start()
    assert window.address.text() == f"bimtek://{server.host}:{server.port}"
    assert not window.qr.pixmap().isNull()
    assert not window.open_room.isVisible() or server.host == LOOPBACK
    assert window.size() == QSize(1366, 768)  # it did not grow when the room was filled in
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    roster = server.roster()
    table = window.table
    assert table.rowCount() == 3
    assert [table.item(r, 1).text() for r in range(3)] == [t.username for t in roster]
    assert [table.item(r, 2).text() for r in range(3)] == [t.password for t in roster]
    assert table.item(0, table.columnCount() - 1).text() == "0/4"

    forward_first_exercise(server, tmp_path / "trainee-pc")
    with qtbot.waitSignal(window.progress_shown, timeout=60_000):
        window.refresh_progress()
    assert table.item(0, FIXED_COLUMNS).text() == DONE
    assert table.item(0, table.columnCount() - 1).text() == "1/4"
    assert table.item(1, FIXED_COLUMNS).text() == NOT_YET
    window.grab().save(str(tmp_path / "training-window.png"))
    keep("training-window-1366.png", tmp_path / "training-window.png")

    table.selectRow(0)
    assert window.reset_one.isEnabled()
    window.confirm_reset_trainee()
    box = window.question
    assert isinstance(box, QMessageBox) and box.defaultButton() is not None
    assert box.defaultButton().text() != "Reset"  # Enter keeps the trainee's work
    reset = next(b for b in box.buttons()
                 if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(window.progress_shown, timeout=60_000):
        reset.click()
    assert table.item(0, FIXED_COLUMNS).text() == NOT_YET
    assert table.item(0, table.columnCount() - 1).text() == "0/4"


def test_a_trainee_desktop_on_the_room_network(qtbot: QtBot, server: TrainingServer,
                                              controller: DeskController) -> None:
    """A trainee's main window at 1366x768, signed in over the room's network: their own
    practice pemda's exercises, and no warning to set their clock to the training world's."""
    if not server.roster():
        server.start()
    trainee = server.roster()[1]
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(controller.signed_in, timeout=60_000) as signed:
        controller.sign_in(server.trainee_url, trainee.username, trainee.password)
    with qtbot.waitSignal(controller.sync_finished, timeout=120_000):
        controller.sync()
    window.start_session(signed.args[0])
    qtbot.waitUntil(lambda: window.queue_key is not None and controller.taskman.idle,
                    timeout=60_000)
    controller.check_clock()
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=10_000)
    bar = window.statusBar()
    assert isinstance(bar, DeskStatusBar) and not bar.clock_warning.isVisible()
    # Deadlines by the training world's time: the exercises just arrived, none is overdue.
    station = controller.workstation
    rows = list({r.id: r for key in station.queue_keys()  # "Semua laporan" holds them again
                 for r in station.rows(station.complaint_ids(key))}.values())
    assert len(rows) == 3
    assert all(r.deadline.badge != DeadlineBadge.OVERDUE for r in rows), rows
    assert window.size() == QSize(1366, 768)
    if SCREENS:
        window.grab().save(str(Path(SCREENS) / "training-trainee-1366.png"))


def test_the_printed_list_is_one_a4_page(server: TrainingServer, tmp_path: Path) -> None:
    if not server.roster():
        server.start()
    pdf = tmp_path / "peserta.pdf"
    writer = QPdfWriter(str(pdf))
    print_roster(writer, server.trainee_url, server.roster())
    del writer
    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() == 1
    size = document.pagePointSize(0)
    assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2  # A4 portrait
    words = document.getAllText(0).text().split()
    assert server.trainee_url in words, words
    missing = [w for t in server.roster() for w in (t.username, t.password) if w not in words]
    assert not missing, (missing, " ".join(words))
    image = document.render(0, QSize(1240, 1754))
    image.save(str(tmp_path / "peserta.png"))
    keep("training-list-a4.png", tmp_path / "peserta.png")


def test_without_a_chosen_address_only_this_computer_reaches_it(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    room = room_address()
    server = TrainingServer(tmp_path / "training", port=free_port(room), trainees=1,
                            complaints=10)
    assert server.host == LOOPBACK
    window = TrainingWindow(server, addresses=lambda: [room])
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(window.progress_shown, timeout=300_000):
            window.start()
        assert window.address.text() == f"bimtek://127.0.0.1:{server.port}"
        assert window.open_room.isVisible() and window.network.currentText() == room
        if room != LOOPBACK:  # nothing listens on the room's network until asked
            with pytest.raises(OSError), socket.create_connection((room, server.port), 2):
                pass
        with qtbot.waitSignal(window.progress_shown, timeout=120_000):
            window.open_room.click()
        assert server.host == room and window.address.text() == server.trainee_url
        assert not window.open_room.isVisible() or room == LOOPBACK
        socket.create_connection((room, server.port), 5).close()
    finally:
        window.shutdown()


def test_the_sign_in_dialog_takes_the_address_on_the_facilitators_screen(qtbot: QtBot) -> None:
    from lapor_desk.ui.dialogs.login import LoginDialog

    dialog = LoginDialog([])
    qtbot.addWidget(dialog)
    dialog.username.setText("peserta01")
    dialog.password.setText("kopi-1234")
    dialog.server.setEditText("bimtek://8.8.8.8:8717")  # not the room's network
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog._submit()
    assert "bimtek://" in dialog.message.text() and not dialog.server_hint.isVisible()
    dialog.server.setEditText("bimtek://192.0.2.2:8717")
    assert not dialog.server_hint.isVisible()
    with qtbot.waitSignal(dialog.submitted) as sent:
        dialog._submit()
    assert sent.args == ["bimtek://192.0.2.2:8717", "peserta01", "kopi-1234"]
