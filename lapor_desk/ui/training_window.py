"""The facilitator's window for a bimtek: the address the room types (with its QR code), the
trainees' accounts and how far each got through the exercises, printing the list, resetting one
trainee or everyone.

``lapor-desk training [--host ADDRESS] [--port N] [--trainees N]`` opens it (:func:`run`). The
server listens on this computer only until the facilitator chooses an address of the room's
network, here or with ``--host``: opening it to the room is always a deliberate step. Work on
the server (start, progress, resets) runs on a worker; the window never waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.training import (
    EXERCISES,
    LOOPBACK,
    TraineeAccount,
    TraineeProgress,
    TrainingServer,
    local_addresses,
)
from lapor_desk.services.types import DemoProgress
from lapor_desk.ui.taskman import TaskManager
from lapor_desk.ui.training_sheet import exercise_texts, print_roster, qr_image

log = logging.getLogger("lapor_desk.ui.training_window")

#: How often the trainees' progress is read again (ms).
PROGRESS_EVERY_MS = 15000
DONE, NOT_YET = "✓", "–"
FIXED_COLUMNS = 4  # No., user name, password, practice pemda


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class _Relay(QObject):
    progress = Signal(object)


class TrainingWindow(QMainWindow):
    """The facilitator's screen for one :class:`TrainingServer`."""

    #: the progress shown was refreshed (tests wait for it)
    progress_shown = Signal()
    #: a server task failed: its message (tests and the log listen)
    failed = Signal(str)

    def __init__(self, server: TrainingServer, taskman: TaskManager | None = None,
                 addresses: Callable[[], list[str]] = local_addresses) -> None:
        super().__init__()
        self.server = server
        self.taskman = taskman or TaskManager(self)
        self._addresses = addresses
        self._busy = False
        self._roster: list[TraineeAccount] = []
        self.setObjectName("trainingWindow")
        self.setWindowTitle(self.tr("LAPOR Desk training server (bimtek)"))
        self.qr = _named(QLabel(), "trainingQr")
        self.qr.setFixedSize(200, 200)
        self.qr.setScaledContents(True)
        self.type_this = QLabel(self.tr("On the sign-in screen of LAPOR Desk, trainees type in "
                                        "Server:"))
        self.address = _named(QLabel(), "trainingAddress")
        self.address.setStyleSheet("font-size: 26pt; font-weight: bold; "
                                   "font-family: 'DejaVu Sans Mono', monospace;")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reach = _named(QLabel(), "trainingReach")
        self.reach.setWordWrap(True)
        self.network = _named(QComboBox(), "trainingNetwork")
        self.open_room = _named(QPushButton(self.tr("Open to the room")), "trainingOpen")
        self.open_room.clicked.connect(self._open_to_room)
        self.clock_note = QLabel(self.tr(
            "The training clock stands still: deadlines do not pass and nothing closes by "
            "itself during the session."))
        self.clock_note.setWordWrap(True)
        self.status = _named(QLabel(), "trainingStatus")
        self.table = _named(QTableWidget(0, FIXED_COLUMNS + len(EXERCISES) + 1), "trainees")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.print_button = _named(QPushButton(self.tr("Print the list…")), "trainingPrint")
        self.print_button.clicked.connect(self.print_list)
        self.refresh_button = _named(QPushButton(self.tr("Refresh")), "trainingRefresh")
        self.refresh_button.clicked.connect(self.refresh_progress)
        self.reset_one = _named(QPushButton(self.tr("Reset this trainee…")), "trainingResetOne")
        self.reset_one.setEnabled(False)
        self.reset_one.clicked.connect(self.confirm_reset_trainee)
        self.reset_all = _named(QPushButton(self.tr("Reset everyone…")), "trainingResetAll")
        self.reset_all.clicked.connect(self.confirm_reset_all)
        self.question: QMessageBox | None = None
        self._build()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._server_step)
        self.timer = QTimer(self, interval=PROGRESS_EVERY_MS)
        self.timer.timeout.connect(self.refresh_progress)
        self.resize(1280, 720)

    def _build(self) -> None:
        words = QVBoxLayout()
        words.addWidget(self.type_this)
        words.addWidget(self.address)
        words.addWidget(self.reach)
        room = QHBoxLayout()
        room.addWidget(self.network, 1)
        room.addWidget(self.open_room)
        words.addLayout(room)
        words.addWidget(self.clock_note)
        words.addStretch(1)
        beside = QWidget()
        beside.setLayout(words)
        beside.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(16)
        top.addWidget(beside, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.refresh_button, self.reset_one, self.reset_all, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        names = [name for name, _ in exercise_texts()]
        headers = [self.tr("No."), self.tr("User name"), self.tr("Password"),
                   self.tr("Practice pemda"),
                   *(f"{i}. {name}" for i, name in enumerate(names, start=1)), self.tr("Done")]
        self.table.setHorizontalHeaderLabels(headers)
        for column, (_name, text) in enumerate(exercise_texts(), start=FIXED_COLUMNS):
            header = self.table.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(text)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    # --- the server --------------------------------------------------------------------------

    def start(self) -> None:
        """Start (seeding the sandbox the first time) on the worker, then show the room."""
        self._set_busy(True, self.tr("Preparing the training server…"))
        self.taskman.run_net(lambda: self.server.start(self._relay.progress.emit),
                             lambda _url: self._started(), self._failed)

    def _server_step(self, step: DemoProgress) -> None:
        texts = {"prepare": self.tr("Preparing the training server…"),
                 "seed": self.tr("Creating the training data and the trainees' accounts…"),
                 "start": self.tr("Starting the training server…"),
                 "ready": self.tr("The training server is running.")}
        self.status.setText(texts.get(step.step, ""))

    def _started(self) -> None:
        self._set_busy(False, self.tr("The training server is running."))
        self.show_room()
        self.refresh_progress()
        self.timer.start()

    def _failed(self, error: Exception) -> None:
        code = getattr(error, "code", "")
        if code == "training_port":
            text = self.tr("The port is already in use on this computer (is another training "
                           "server open?). Close it, or start with another --port.")
        else:
            text = self.tr("The training server could not do that. Its log is in %1.").replace(
                "%1", str(self.server.root / "server.log"))
        log.warning("event=training.failed code=%s error=%s", code, error)
        self._set_busy(False, text)
        self.failed.emit(text)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.status.setText(text)
        for button in (self.refresh_button, self.reset_all, self.open_room):
            button.setEnabled(not busy)
        self.reset_one.setEnabled(not busy and self._selected() is not None)

    def show_room(self) -> None:
        """The address, its QR code, who can reach it, and the trainees' accounts."""
        address = self.server.trainee_url
        self.address.setText(address)
        self.qr.setPixmap(QPixmap.fromImage(qr_image(address)))
        choices = self._addresses()
        self.network.clear()
        self.network.addItems(choices)
        local_only = self.server.host == LOOPBACK
        if local_only and choices:
            self.reach.setText(self.tr(
                "Only this computer can reach the server now. To open it to the room, choose "
                "this computer's address on the room's network:"))
        elif local_only:
            self.reach.setText(self.tr(
                "Only this computer can reach the server: it has no address on a local network. "
                "Connect it to the room's network (Wi-Fi or cable) and start again."))
        else:
            self.reach.setText(self.tr(
                "The room's computers reach the server at this address (this computer's address "
                "on the room's network, port %1).").replace("%1", str(self.server.port)))
        self.network.setVisible(local_only and bool(choices))
        self.open_room.setVisible(local_only and bool(choices))
        self._roster = self.server.roster()
        self._fill_accounts(self._roster)

    def _open_to_room(self) -> None:
        host = self.network.currentText()
        if not host:
            return
        self._set_busy(True, self.tr("Opening the server to the room…"))
        self.taskman.run_net(lambda: self.server.listen_on(host),
                             lambda _url: self._started(), self._failed)

    # --- the table ---------------------------------------------------------------------------

    def _fill_accounts(self, roster: Sequence[TraineeAccount]) -> None:
        self.table.setRowCount(len(roster))
        for row, trainee in enumerate(roster):
            values = [str(trainee.number), trainee.username, trainee.password, trainee.agency]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            for column in range(FIXED_COLUMNS, self.table.columnCount()):
                self.table.setItem(row, column, self._centred(""))

    @staticmethod
    def _centred(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def refresh_progress(self) -> None:
        if self._busy:
            return
        self.taskman.run_net(self.server.progress, self._show_progress, self._failed)

    def _show_progress(self, progress: list[TraineeProgress]) -> None:
        by_name = {p.username: p for p in progress}
        for row, trainee in enumerate(self._roster):
            found = by_name.get(trainee.username)
            for offset, name in enumerate(EXERCISES):
                done = bool(found and found.done.get(name))
                self.table.setItem(row, FIXED_COLUMNS + offset,
                                   self._centred(DONE if done else NOT_YET))
            finished = found.finished if found else 0
            self.table.setItem(row, self.table.columnCount() - 1,
                               self._centred(f"{finished}/{len(EXERCISES)}"))
        everyone = sum(1 for p in progress if p.finished == len(EXERCISES))
        self.status.setText(self.tr("%1 of %2 trainees have done every exercise.")
                            .replace("%1", str(everyone)).replace("%2", str(len(self._roster))))
        self.progress_shown.emit()

    def _selected(self) -> TraineeAccount | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._roster[row] if 0 <= row < len(self._roster) else None

    def _selection_changed(self) -> None:
        self.reset_one.setEnabled(not self._busy and self._selected() is not None)

    # --- resets and printing -----------------------------------------------------------------

    def _ask(self, title: str, text: str, detail: str, yes: str,
             then: Callable[[], Any]) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(detail)
        go = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: then() if button is go else None)
        self.question = box
        box.open()

    def confirm_reset_trainee(self) -> None:
        trainee = self._selected()
        if trainee is None:
            return
        self._ask(self.tr("Reset a trainee"),
                  self.tr("Start %1's exercises again?").replace("%1", trainee.username),
                  self.tr("Their exercise complaints and what they recorded are deleted and "
                          "made afresh; their desktop shows the new ones at its next sync. The "
                          "other trainees are not touched; the password stays."),
                  self.tr("Reset"), lambda: self.reset_trainee(trainee.username))

    def reset_trainee(self, username: str) -> None:
        self._set_busy(True, self.tr("Resetting %1…").replace("%1", username))
        self.taskman.run_net(lambda: self.server.reset_trainee(username),
                             lambda _r: self._after_reset(), self._failed)

    def confirm_reset_all(self) -> None:
        self._ask(self.tr("Reset everyone"), self.tr("Start the whole training again?"),
                  self.tr("Every trainee's work is deleted and the training data is made "
                          "afresh. The accounts and passwords on the printed list stay valid; "
                          "trainees sign in again."),
                  self.tr("Reset everyone"), self.reset_everyone)

    def reset_everyone(self) -> None:
        self.timer.stop()
        self._set_busy(True, self.tr("Resetting the training data…"))
        self.taskman.run_net(lambda: self.server.reseed(self._relay.progress.emit),
                             lambda _url: self._started(), self._failed)

    def _after_reset(self) -> None:
        self._set_busy(False, self.tr("Reset done."))
        self.refresh_progress()

    def print_list(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the trainees' accounts"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_roster(printer, self.server.trainee_url, self._roster)

    def shutdown(self) -> None:
        self.timer.stop()
        self.taskman.shutdown()
        self.server.close()


def run(host: str, port: int, trainees: int) -> int:
    """``lapor-desk training``: the facilitator's window on the room's training server."""
    from lapor_desk.services.demo import use_memory_keyring
    from lapor_desk.ui.app import make_application
    from lapor_desk.ui.stop_signals import quit_on_signals

    app = make_application()
    use_memory_keyring()
    window = TrainingWindow(TrainingServer(host=host, port=port, trainees=trainees))
    restore = quit_on_signals(app)
    window.show()
    window.start()
    try:
        return app.exec()
    finally:
        window.shutdown()
        restore()
        QApplication.processEvents()
