"""Render the main screens to PNGs (run by test_screens.py under Xvfb, or by hand).

    DISPLAY=:99 python -m tests.ui.render_screens OUT_DIR
    DISPLAY=:99 QT_SCALE_FACTOR=2 python -m tests.ui.render_screens OUT_DIR --hidpi
    DISPLAY=:99 python -m tests.ui.render_screens OUT_DIR --sign-out

Goes through the real demo path: the seeded reference server as a child process
(``DemoServer``), sign-in as the demo admin, a full sync, then the windows in Indonesian.
With ``--hidpi`` (run at device pixel ratio 2) only the main window is rendered, to
main-window-hidpi.png, with a filter on and the detail open. With ``--sign-out`` a shared PC
through the desk itself: the demo admin with a reporter's complaint open (session_a.png), the
window and the sign-in dialog after signing out (session_signed_out.png,
session_signed_out_login.png), another agency's admin signed in (session_b.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)

from lapor_desk.services import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoServer,
    Workstation,
)
from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.ui import i18n
from lapor_desk.ui.app import Desk
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.login import LoginDialog
from lapor_desk.ui.dialogs.sign_out import SignOutDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.taskman import TaskManager
from tests.ui.render_setup import isolated_application


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Process events until ``condition`` holds (no sleeping: the loop blocks for events)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not settle")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(path)), path


def squeezed(window: QWidget) -> list[str]:
    """Visible controls shorter than their own minimum: text cut at the top or bottom."""
    found = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget.parentWidget(), QLineEdit):
            continue  # a line edit's own icon buttons are drawn at the icon's size
        if (isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)) and widget.isVisible()
                and widget.height() < widget.minimumSizeHint().height()):
            found.append(f"{type(widget).__name__}:{widget.objectName() or widget.toolTip()}"
                         f" in {type(widget.parentWidget()).__name__} {widget.size().toTuple()}"
                         f" < {widget.minimumSizeHint().toTuple()} {widget.text()!r}")
    return found


def show_a_filter(app: QApplication, window: MainWindow, taskman: TaskManager) -> None:
    """The busiest channel chosen in the filter bar: the picture shows an active filter."""
    bar = window.filter_bar
    wait_for(app, lambda: bar.channel.count() > 1 and taskman.idle)
    counts = [int(bar.channel.itemText(i).rsplit("(", 1)[-1].rstrip(")"))
              for i in range(1, bar.channel.count())]
    bar.channel.setCurrentIndex(1 + counts.index(max(counts)))
    wait_for(app, lambda: taskman.idle and window.table_model.rowCount() > 0)
    model = window.table_model
    wait_for(app, lambda: model.loaded_row(model.id_at(0) or "") is not None)
    window.table.selectRow(0)  # the filter hid the open complaint: open one it shows
    wait_for(app, lambda: window.detail.detail is not None and taskman.idle
             and window.detail.detail.row.id == model.id_at(0))


def standard_dialogs(app: QApplication, window: MainWindow, out: Path) -> None:
    """Qt's own dialogs as the desk opens them, in Indonesian: the file picker (saving a recap)
    and a question with a standard button (signing out with unsynced work)."""
    folder = Path(tempfile.mkdtemp(prefix="lapor-rekap-"))
    (folder / "rekap-laporan-2026-11.xlsx").write_bytes(b"")
    picker = QFileDialog(window, window.tr("Save the monthly recap"), str(folder),
                         "Excel (*.xlsx)")
    picker.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    picker.show()
    wait_for(app, picker.isVisible)
    save(picker, out / "file_dialog.png")
    picker.close()
    question = SignOutDialog(UnsyncedWork(pending=2, rejected=1, conflicts=0, drafts=1), window)
    question.show()
    wait_for(app, question.isVisible)
    save(question, out / "sign_out_question.png")
    question.close()


def main(out: Path, hidpi: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    _work, app = isolated_application("lapor-screens-qs-")
    i18n.set_language("id")
    demo = DemoServer(Path(tempfile.mkdtemp(prefix="lapor-screens-")), complaints=800)
    taskman = TaskManager()
    station = Workstation(demo.profile_root, device="screens")
    try:
        url = demo.start()
        station.sign_in(url, DEMO_USER, DEMO_PASSWORD)
        station.sync()
        controller = DeskController(station, taskman)
        window = MainWindow(controller)
        window.resize(1366, 768)
        window.show()
        window.start_session(station.info)  # type: ignore[arg-type]
        wait_for(app, lambda: window.queue_key is not None and taskman.idle)
        model = window.table_model
        wait_for(app, lambda: model.rowCount() > 0 and model.loaded_row(model.id_at(0) or "")
                 is not None)
        # A complaint with a privacy flag, so the markers show in the picture.
        pick = next((r for r in range(min(model.rowCount(), 200))
                     if (row := model.loaded_row(model.id_at(r) or "")) is not None
                     and (row.anonymous or row.confidential)), 0)
        window.table.selectRow(pick)
        wait_for(app, lambda: window.detail.detail is not None and taskman.idle)
        if hidpi:
            show_a_filter(app, window, taskman)
            if window.devicePixelRatio() != 2:
                raise SystemExit(f"device pixel ratio {window.devicePixelRatio()}, not 2")
            clipped = squeezed(window)
            if clipped:
                raise SystemExit(f"squeezed below their minimum height at ratio 2: {clipped}")
            save(window, out / "main-window-hidpi.png")
            window.close()
            return 0
        save(window, out / "main_window.png")
        save(window.detail, out / "detail.png")
        window.flows.forward_current()
        wait_for(app, lambda: window.flows.dialog is not None)
        dialog = window.flows.dialog
        assert dialog is not None
        save(dialog, out / "forward_dialog.png")
        for typed, name in (("dukcapil", "forward_dialog_dukcapil"),
                            ("dinas kesehtan", "forward_dialog_typo"),
                            ("satpol pp", "forward_dialog_not_found")):
            dialog.search.setText(typed)  # type: ignore[attr-defined]
            app.processEvents()
            save(dialog, out / f"{name}.png")
        dialog.reject()
        wait_for(app, lambda: window.flows.dialog is None)
        # a number read out on the phone, typed as heard: found in whichever queue holds it
        window.select_queue("done")
        wait_for(app, lambda: window.queue_key == "done" and model.rowCount() > 0
                 and taskman.idle and model.loaded_row(model.id_at(0) or "") is not None)
        done = model.loaded_row(model.id_at(min(5, model.rowCount() - 1)) or "")
        window.select_queue("needs_verification")
        wait_for(app, lambda: window.queue_key == "needs_verification" and taskman.idle)
        if done is not None and done.tracking_number:
            number = str(done.tracking_number)
            window.search.setText(f"#{number[:4]} {number[4:]}")
            wait_for(app, lambda: window.queue_key == "all" and taskman.idle
                     and window.detail.detail is not None
                     and window.detail.detail.row.id == done.id)
            save(window, out / "main_window_search_number.png")
            window.search.clear()
            wait_for(app, lambda: window.queue_key == "needs_verification" and taskman.idle)
        window.select_queue("in_progress")
        wait_for(app, lambda: model.rowCount() > 0 and taskman.idle)
        wait_for(app, lambda: model.loaded_row(model.id_at(0) or "") is not None)
        window.table.selectRow(0)
        wait_for(app, lambda: window.detail.detail is not None and taskman.idle
                 and window.detail.detail.row.id == model.id_at(0))
        window.flows.write_current("follow_up")
        wait_for(app, lambda: window.flows.dialog is not None)
        save(window.flows.dialog, out / "follow_up_dialog.png")  # type: ignore[arg-type]
        window.flows.dialog.reject()  # type: ignore[union-attr]
        login = LoginDialog(station.known_profiles())
        login.show()
        save(login, out / "login_dialog.png")
        standard_dialogs(app, window, out)
        i18n.set_language("en")
        save(window, out / "main_window_en.png")
        i18n.set_language("id")
        show_a_filter(app, window, taskman)
        save(window, out / "main_window_filters.png")
        window.close()
        login.close()
        for widget in (login, window):
            widget.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        station.close()
        demo.reset()
    return 0


def sign_out_screens(out: Path) -> int:
    """A signs out, B signs in, through the desk (the window after each, as people see it)."""
    out.mkdir(parents=True, exist_ok=True)
    _work, app = isolated_application("lapor-screens-qs-")
    i18n.set_language("id")
    demo = DemoServer(Path(tempfile.mkdtemp(prefix="lapor-screens-")), complaints=800)
    desk = Desk(Workstation(demo.profile_root, device="screens"), tray_available=lambda: False)
    ended: list[bool] = []
    desk.session_ended.connect(lambda: ended.append(True))
    try:
        url = demo.start()

        def signed_in_and_synced(user: str) -> MainWindow:
            synced: list[object] = []
            desk.controller.sync_finished.connect(synced.append)
            desk.controller.sign_in(url, user, DEMO_PASSWORD)
            window = desk.window
            wait_for(app, lambda: bool(synced) and window.isVisible()
                     and window.queue_key is not None and desk.taskman.idle)
            window.resize(1366, 768)
            model = window.table_model
            wait_for(app, lambda: model.rowCount() > 0
                     and model.loaded_row(model.id_at(0) or "") is not None)
            return window

        window = signed_in_and_synced(DEMO_USER)
        model = window.table_model
        pick = next((r for r in range(min(model.rowCount(), 200))
                     if (row := model.loaded_row(model.id_at(r) or "")) is not None
                     and not row.anonymous), 0)
        window.table.selectRow(pick)
        wait_for(app, lambda: window.detail.detail is not None and desk.taskman.idle)
        save(window, out / "session_a.png")
        desk.controller.sign_out(discard_unsynced=True)
        wait_for(app, lambda: bool(ended) and desk.login is not None and desk.taskman.idle)
        desk.window.resize(1366, 768)
        save(desk.window, out / "session_signed_out.png")
        assert desk.login is not None
        save(desk.login, out / "session_signed_out_login.png")
        desk.login.rejected.disconnect()  # signing in below closes it: not a quit
        signed_in_and_synced("admin.konawe")
        save(desk.window, out / "session_b.png")
    finally:
        desk.shutdown()
        demo.reset()
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0] if args else "test-artifacts/screens")
    if "--sign-out" in sys.argv:
        code = sign_out_screens(target)
    else:
        code = main(target, "--hidpi" in sys.argv)
    # PySide6 6.12 aborts in interpreter finalisation after this run ("none_dealloc"); the
    # pictures are written and flushed, so leave without finalising (see the report).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
