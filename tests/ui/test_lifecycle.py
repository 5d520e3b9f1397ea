"""Close, reopen and postpone until a day in the window, against the REAL reference server:
"Selesaikan laporan" from the Complaint menu and Ctrl+E while offline, "Buka kembali" with
Ctrl+Shift+E refusing an empty reason, both reaching the server once; a liaison officer gets
neither; a postponement's day is picked in a calendar that offers no past day, a holiday
becomes the next working day, and the reminder comes when that day does (an injected clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lapor_desk.models.calendar import default_config
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.postpone import PostponeDialog
from lapor_desk.ui.dialogs.verify import ReasonDialog
from lapor_desk.ui.labels import qdate
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.notify import Notifier
from tests.support.clock import MovableClock
from tests.support.live_server import LiveServer, start_server
from tests.ui.desk_support import (
    WAIT,
    open_queue,
    save_png,
    show_complaint,
    signed_in_window,
    sync,
)

pytestmark = pytest.mark.timeout(240)
CALENDAR = default_config().calendar


def pending(window: MainWindow) -> int:
    return window.controller.workstation.status().pending


def active(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def shortcut(qtbot: Any, window: MainWindow, key: Qt.Key,
             modifiers: Qt.KeyboardModifier) -> ReasonDialog:
    active(qtbot, window)
    QTest.keyClick(window.table, key, modifiers)
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    dialog = window.verify.dialog
    assert isinstance(dialog, ReasonDialog)
    return dialog


def accepted(qtbot: Any, window: MainWindow, dialog: ReasonDialog, expected: int) -> None:
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: window.controller.taskman.idle and pending(window) == expected,
                    timeout=WAIT)


def test_close_offline_then_reopen_with_a_reason(qtbot: Any, controller: DeskController,
                                                 live_server: LiveServer,
                                                 password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    open_queue(qtbot, window, "in_progress")
    complaint_id = show_complaint(qtbot, window, 0)
    close, reopen = window.lifecycle.actions["close"], window.lifecycle.actions["reopen"]
    assert close.isEnabled() and not reopen.isEnabled()
    assert window.detail.close_button.isVisibleTo(window.detail)
    assert close in window.lifecycle.menu.actions()
    assert window.lifecycle.menu.menuAction() in window.menuBar().actions()
    assert close.text() == "Selesaikan laporan…" and close.shortcut().toString() == "Ctrl+E"
    listed = dict(window.keyboard.rows())  # F1's list of shortcuts
    assert listed["Ctrl+E"].startswith("Selesaikan laporan")
    assert listed["Ctrl+Shift+E"].startswith("Buka kembali laporan")

    port = int(live_server.url.rsplit(":", 1)[1])
    live_server.stop()  # offline: the close is kept here and sent later
    dialog = shortcut(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert dialog.kind == "close" and not dialog.error.isVisible()
    QTest.keyClicks(dialog.editor, "Jalan sudah diperbaiki")
    save_png(dialog, "lifecycle_close_dialog")
    accepted(qtbot, window, dialog, 1)
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.status == "done", timeout=WAIT)
    assert not close.isEnabled() and reopen.isEnabled()

    assert window.detail.reopen_button.isVisibleTo(window.detail)
    assert not window.detail.close_button.isVisibleTo(window.detail)
    window.detail.reopen_button.click()  # the detail's button opens the same dialog
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    assert isinstance(window.verify.dialog, ReasonDialog) and window.verify.dialog.kind == "reopen"
    window.verify.dialog.reject()
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    dialog = shortcut(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                      | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.kind == "reopen"
    QTest.keyClicks(dialog.editor, "   ")
    dialog.ok.click()  # an empty reason: said in the dialog, nothing written
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "alasan" in dialog.error.text().lower()
    save_png(dialog, "lifecycle_reopen_empty_reason")
    assert pending(window) == 1
    dialog.editor.setPlainText("Pelapor menelepon: lubang muncul lagi")
    accepted(qtbot, window, dialog, 2)
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.status == "in_progress", timeout=WAIT)
    save_png(window, "lifecycle_reopened_offline")

    back = start_server(live_server.settings, port=port)
    try:
        outcome = sync(qtbot, window)
        assert (outcome.applied, outcome.rejected, outcome.conflicts) == (2, 0, 0)
        assert sync(qtbot, window).pushed == 0  # nothing twice
    finally:
        back.stop()
    assert pending(window) == 0
    with back.session() as session:
        from sqlalchemy import select

        from lapor_desk.server.db import ComplaintEvent
        kinds = list(session.scalars(select(ComplaintEvent.kind).where(
            ComplaintEvent.complaint_id == complaint_id,
            ComplaintEvent.kind.in_(["close", "reopen"])).order_by(ComplaintEvent.seq)))
    assert kinds == ["close", "reopen"]


def test_a_liaison_officer_has_neither(qtbot: Any, controller: DeskController,
                                       live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password, "lo.kendari.pupr")
    station = controller.workstation
    key = next(k for k in ("in_progress", "done", "not_followed_up")
               if station.complaint_ids(k))
    open_queue(qtbot, window, key)
    show_complaint(qtbot, window, 0)
    assert not any(a.isEnabled() for a in window.lifecycle.actions.values())
    active(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert window.verify.dialog is None and pending(window) == 0


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=CALENDAR.tz).astimezone(UTC)


def test_postpone_until_a_day_and_the_reminder(qtbot: Any, controller: DeskController,
                                               live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    notifier = Notifier(window, lambda: False)  # in the window, as without a tray
    window.lifecycle.reminders_due.connect(notifier.show_reminder)
    open_queue(qtbot, window, "needs_verification")
    complaint_id = show_complaint(qtbot, window, 0)
    number = window.detail.detail.row.tracking_number if window.detail.detail else None
    assert window.verify.actions["postpone"] in window.lifecycle.menu.actions()
    dialog = shortcut(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(dialog, PostponeDialog)
    days = dialog.days
    # no past day: today (or earlier) cannot be picked, tomorrow is the first
    dialog.until.setDate(qdate(days.today - timedelta(days=3)))
    assert dialog.asked() == days.earliest == days.today + timedelta(days=1)
    # a holiday or weekend: the dialog says which working day it becomes
    day_off = min(days.days_off)
    dialog.until.setDate(qdate(day_off))
    kept = dialog.kept()
    assert kept > day_off and kept not in days.days_off and CALENDAR.is_working_day(kept)
    assert "bukan hari kerja" in dialog.when.text()
    dialog.ok.click()  # no reason yet
    assert dialog.isVisible() and dialog.error.isVisible() and pending(window) == 0
    QTest.keyClicks(dialog.editor, "Data pelapor belum lengkap (KTP tidak terbaca)")
    save_png(dialog, "lifecycle_postpone_day_off")
    accepted(qtbot, window, dialog, 1)
    sync(qtbot, window)
    assert pending(window) == 0

    open_queue(qtbot, window, "postponed")
    row = window.table_model.row_of(complaint_id)
    assert row >= 0
    show_complaint(qtbot, window, row)
    detail = window.detail.detail
    assert detail is not None and detail.postponed_until == kept
    assert "Ditunda sampai" in window.detail.browser.toPlainText()

    shown: list[tuple[str, str]] = []
    notifier.shown.connect(lambda title, text: shown.append((title, text)))
    clock = MovableClock(_noon(days.today))
    window.controller.workstation.lifecycle.now = clock
    window.lifecycle.check_reminders()
    qtbot.waitUntil(lambda: window.controller.taskman.idle, timeout=WAIT)
    qtbot.wait(100)
    assert shown == []  # not yet
    clock.advance(_noon(kept) - clock())
    window.lifecycle.timer.timeout.emit()  # the minute's check on the day
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    title, text = shown[0]
    assert "tertunda" in title.lower() and str(number) in text
    assert notifier.notice is not None and notifier.notice.isVisible()
    window.controller.load_detail(complaint_id)
    qtbot.waitUntil(lambda: window.controller.taskman.idle and window.detail.detail is not None
                    and window.detail.detail.postponement_due, timeout=WAIT)
    save_png(window, "lifecycle_reminder")
    window.lifecycle.timer.timeout.emit()  # told once
    qtbot.waitUntil(lambda: window.controller.taskman.idle, timeout=WAIT)
    qtbot.wait(100)
    assert len(shown) == 1
