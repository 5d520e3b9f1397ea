"""Keyboard-only use of the main window, against the real reference server: from the queue
list to the complaint list to the detail, then a forward (disposisi) and a postpone (tunda),
every step a key press (QTest.keyClick), no mouse. Plus the shortcuts dialog lists them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.postpone import PostponeDialog
from lapor_desk.ui.dialogs.verify import ReasonDialog
from lapor_desk.ui.main_window import MainWindow
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, save_png, signed_in_window

pytestmark = pytest.mark.timeout(240)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus went nowhere"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """A key press where the keyboard focus is, as a person's keyboard sends it."""
    QTest.keyClick(focused(), key, modifier)


def within(widget: QWidget) -> bool:
    here = focused()
    return here is widget or widget.isAncestorOf(here)


def active_window(qtbot: Any, window: MainWindow) -> MainWindow:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    return window


def pending(window: MainWindow) -> int:
    return window.controller.workstation.status().pending


def test_keyboard_only_from_queues_to_forward_and_postpone(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    window = active_window(qtbot, signed_in_window(qtbot, controller, live_server, password))
    idle = controller.taskman

    # F6 walks the panes; in the queue list the arrow keys change the queue
    for _ in range(4):
        if within(window.queue_view):
            break
        press(Qt.Key.Key_F6)
    assert within(window.queue_view)
    first = window.queue_key
    press(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.queue_key != first and idle.idle, timeout=WAIT)
    press(Qt.Key.Key_F6)
    assert within(window.search)
    press(Qt.Key.Key_F6)
    assert within(window.table)

    # Ctrl+1: the first queue (Perlu Verifikasi), focus in its list
    press(Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: window.queue_key == "needs_verification" and idle.idle
                    and window.table_model.rowCount() > 1, timeout=WAIT)
    assert within(window.table)
    press(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.detail.detail is not None and idle.idle, timeout=WAIT)
    save_png(window, "main_window_keyboard_focus")  # look: the list has a blue focus frame
    chosen = window.current_id()
    assert chosen and window.detail.detail.row.id == chosen  # type: ignore[union-attr]

    # Enter: into the detail; Esc: back to the list; Enter again
    press(Qt.Key.Key_Return)
    assert within(window.detail)
    press(Qt.Key.Key_Escape)
    assert within(window.table)
    press(Qt.Key.Key_Return)
    assert within(window.detail)

    # Ctrl+D: the forward dialog; search, Tab into the tree, arrows to a unit, Enter
    press(Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, ForwardDialog), timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, ForwardDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    assert focused() is dialog.search
    QTest.keyClicks(focused(), "Pekerjaan Umum")
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.tree
    for _ in range(12):
        if dialog.target_id() is not None:
            break
        press(Qt.Key.Key_Down)
    assert dialog.target_id() is not None and dialog.ok.isEnabled()
    save_png(dialog, "forward_dialog_keyboard")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: idle.idle and pending(window) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: window.table_model.row_of(chosen) < 0, timeout=WAIT)

    # back in the window: the list, the next complaint, Ctrl+T postpones it
    active_window(qtbot, window)
    press(Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: idle.idle and window.table_model.rowCount() > 0, timeout=WAIT)
    press(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.detail.detail is not None and idle.idle
                    and window.detail.detail.row.id == window.current_id(), timeout=WAIT)
    second = window.current_id()
    assert second and second != chosen
    press(Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.verify.dialog, ReasonDialog), timeout=WAIT)
    reason = window.verify.dialog
    assert isinstance(reason, ReasonDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reason, timeout=WAIT)
    assert focused() is reason.editor
    QTest.keyClicks(focused(), "Data pelapor belum lengkap")
    press(Qt.Key.Key_Tab)  # the day to look at it again: the suggested one is kept
    assert isinstance(reason, PostponeDialog) and focused() is reason.until
    press(Qt.Key.Key_Tab)
    assert focused() is reason.ok
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: idle.idle and pending(window) == 2, timeout=WAIT)

    # Ctrl+F reaches the search, Ctrl+Shift+F the filters, F5 syncs both actions away
    active_window(qtbot, window)
    press(Qt.Key.Key_F, CTRL)
    assert focused() is window.search
    press(Qt.Key.Key_F, CTRL | SHIFT)
    assert focused() is window.filter_bar.type_combo
    press(Qt.Key.Key_Down)  # a closed combo box steps to the next choice
    qtbot.waitUntil(lambda: window.filter_bar.is_active() and idle.idle, timeout=WAIT)
    press(Qt.Key.Key_X, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not window.filter_bar.is_active() and idle.idle, timeout=WAIT)
    with qtbot.waitSignal(controller.sync_finished, timeout=60_000) as synced:
        press(Qt.Key.Key_F5)
    assert synced.args[0].applied == 2


def test_shortcuts_dialog_lists_the_window_shortcuts(qtbot: Any,
                                                     controller: DeskController) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    active_window(qtbot, window)
    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.keyboard.dialog is not None
                    and window.keyboard.dialog.isVisible(), timeout=WAIT)
    dialog = window.keyboard.dialog
    assert dialog is not None
    keys = {k for k, _t in dialog.rows}
    for shortcut in ("F5", "Ctrl+F", "Ctrl+1 … Ctrl+9", "Ctrl+D", "Ctrl+R", "Ctrl+T", "F6",
                     "Esc", "Ctrl+Shift+X", "F1"):
        assert shortcut in keys, (shortcut, sorted(keys))
    texts = dict(dialog.rows)
    assert texts["F5"] == window.sync_action.text()
    assert "&" not in "".join(texts.values().__iter__())
    assert len(keys) == len(dialog.rows)  # each shortcut once
    assert window.keyboard.shortcuts_action in window.help_menu.actions()
    save_png(dialog, "shortcuts_dialog")
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.keyboard.dialog is None, timeout=WAIT)


def test_tab_order_follows_the_work(qtbot: Any, controller: DeskController) -> None:
    """Queues → search → each filter → the list: the order a person works in."""
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    active_window(qtbot, window)
    window.queue_view.setFocus()
    bar = window.filter_bar
    expected = [window.search, *bar.combos, window.table]
    for widget in expected:
        press(Qt.Key.Key_Tab)
        assert focused() is widget, (widget.objectName(), focused().objectName())
    # with filters on, the reset button joins the chain before the list
    bar.channel.addItem("SMS 1708 (1)", "sms")
    bar.channel.setCurrentIndex(1)
    bar.received.setCurrentIndex(bar.received.findData("custom"))
    bar.received.setFocus()
    for widget in (bar.received_from, bar.received_to, bar.reset_button, window.table):
        press(Qt.Key.Key_Tab)
        assert focused() is widget, (widget.objectName(), focused().objectName())
    press(Qt.Key.Key_Tab, SHIFT)
    assert focused() is bar.reset_button
