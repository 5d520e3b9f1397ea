"""Verification in the window against the REAL reference server: every dialog refuses an empty
reason with a message and writes nothing; filled in, each action lands in the outbox and syncs;
bulk archive and bulk forward make one outbox entry per complaint and summarise refusals."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lapor_desk.ui import labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.bulk_summary import BulkSummaryDialog
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.verify import ArchiveDialog, ReasonDialog, RerouteDialog
from lapor_desk.ui.main_window import MainWindow
from tests.support.live_server import LiveServer
from tests.ui.desk_support import (
    WAIT,
    open_queue,
    save_png,
    select_rows,
    show_complaint,
    signed_in_window,
    sync,
)

pytestmark = pytest.mark.timeout(240)
REASON = "Write the reason first: it is required and is kept in the complaint's history."


def pending(window: MainWindow) -> int:
    return window.controller.workstation.status().pending


def open_dialog(qtbot: Any, window: MainWindow, kind: str) -> Any:
    window.verify.actions[kind].trigger()
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    return window.verify.dialog


def refused_on_ok(qtbot: Any, dialog: Any, english: str) -> None:
    """OK with an incomplete form: the dialog stays open and says what is missing (in the
    current language; ``english`` is the source wording)."""
    dialog.ok.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == dialog.tr(english)


def accepted(qtbot: Any, window: MainWindow, dialog: Any, expected_pending: int) -> None:
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: window.controller.taskman.idle
                    and pending(window) == expected_pending, timeout=WAIT)


def next_complaint(qtbot: Any, window: MainWindow, done: set[str]) -> str:
    qtbot.waitUntil(lambda: window.table_model.rowCount() > 0 and window.table_model.id_at(0)
                    not in done, timeout=WAIT)
    complaint_id = show_complaint(qtbot, window, 0)
    done.add(complaint_id)
    return complaint_id


def test_each_dialog_validates_then_writes(qtbot: Any, controller: DeskController,
                                           live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    open_queue(qtbot, window, "needs_verification")
    done: set[str] = set()
    next_complaint(qtbot, window, done)
    actions = window.verify.actions
    assert all(actions[k].isEnabled() for k in ("handle", "postpone", "archive", "reroute",
                                                "not_our_authority"))

    dialog = open_dialog(qtbot, window, "postpone")
    assert isinstance(dialog, ReasonDialog)
    refused_on_ok(qtbot, dialog, REASON)
    save_png(dialog, "verify_postpone_dialog")
    assert pending(window) == 0
    dialog.editor.setPlainText("Data pelapor belum lengkap (KTP tidak terbaca)")
    assert not dialog.error.isVisible()  # the message goes once the form changes
    accepted(qtbot, window, dialog, 1)

    next_complaint(qtbot, window, done)
    dialog = open_dialog(qtbot, window, "not_our_authority")
    refused_on_ok(qtbot, dialog, REASON)
    dialog.reject()
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    assert pending(window) == 1

    dialog = open_dialog(qtbot, window, "archive")
    assert isinstance(dialog, ArchiveDialog)
    refused_on_ok(qtbot, dialog, "Choose a reason for archiving.")
    dialog.choose("other")
    refused_on_ok(qtbot, dialog, "For “Other reason”, write a note that explains it.")
    save_png(dialog, "verify_archive_dialog")
    assert pending(window) == 1
    dialog.note.setPlainText("Isi laporan berupa iklan pinjaman daring")
    accepted(qtbot, window, dialog, 2)

    next_complaint(qtbot, window, done)
    dialog = open_dialog(qtbot, window, "reroute")
    assert isinstance(dialog, RerouteDialog)
    refused_on_ok(qtbot, dialog, "Choose the agency that should handle the complaint.")
    dialog.search.setText("Prov")
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() > 0, timeout=WAIT)
    save_png(dialog, "verify_reroute_dialog")
    target = next(dialog.proxy.index(r, 0) for r in range(dialog.proxy.rowCount())
                  if dialog.proxy.index(r, 0).flags() & Qt.ItemFlag.ItemIsSelectable)
    dialog.list.setCurrentIndex(target)
    assert dialog.fields().to_id is not None
    accepted(qtbot, window, dialog, 3)

    next_complaint(qtbot, window, done)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    QTest.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # kelola
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    dialog = window.verify.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.kind == "handle"
    accepted(qtbot, window, dialog, 4)  # a note is optional when handling it ourselves

    outcome = sync(qtbot, window)
    assert (outcome.applied, outcome.rejected, outcome.conflicts) == (4, 0, 0)
    assert pending(window) == 0


def test_bulk_archive_makes_one_entry_per_complaint(qtbot: Any, controller: DeskController,
                                                    live_server: LiveServer,
                                                    password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    open_queue(qtbot, window, "needs_verification")
    qtbot.waitUntil(lambda: window.table_model.rowCount() >= 3, timeout=WAIT)
    assert not window.verify.bulk_archive_action.isEnabled()
    chosen = select_rows(window, [0, 1, 2])
    assert window.verify.bulk_archive_action.isEnabled()
    window.verify.bulk_archive_action.trigger()
    dialog = window.verify.dialog
    assert isinstance(dialog, ArchiveDialog) and "3" in dialog.heading.text()
    refused_on_ok(qtbot, dialog, "Choose a reason for archiving.")
    assert pending(window) == 0
    dialog.choose("spam")
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.verify.summary is not None, timeout=WAIT)
    summary = window.verify.summary
    assert isinstance(summary, BulkSummaryDialog)
    assert len(summary.outcome.done) == 3 and not summary.outcome.refused
    review = controller.workstation.outbox_review.items(["pending"])
    assert sorted(i.complaint_id for i in review) == sorted(chosen)
    assert len({i.mutation_id for i in review}) == 3
    assert {(i.kind, i.fields.reason_code) for i in review} == {("archive", "spam")}
    summary.accept()
    qtbot.waitUntil(lambda: window.verify.summary is None, timeout=WAIT)
    assert sync(qtbot, window).applied == 3


def test_bulk_forward_summarises_refusals(qtbot: Any, controller: DeskController,
                                          live_server: LiveServer, password: str) -> None:
    window = signed_in_window(qtbot, controller, live_server, password, "nasional1")
    open_queue(qtbot, window, "needs_verification")
    qtbot.waitUntil(lambda: window.table_model.rowCount() >= 3, timeout=WAIT)
    # The national admin routes three complaints to one agency; the first already is there,
    # so it is refused and the other two are forwarded.
    station = controller.workstation
    model = window.table_model
    places = {r: station.detail(model.id_at(r) or "").responsible_name
              for r in range(min(model.rowCount(), 60))}
    items = station.verification.bulk_targets()
    agencies = {i.name: i for i in items if i.level == "agency"}
    first = next(r for r in places if places[r] in agencies)
    holder = places[first]
    rows = [first] + [r for r in places if places[r] != holder][:2]
    chosen = select_rows(window, rows)
    window.verify.bulk_forward_action.trigger()
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    dialog = window.verify.dialog
    assert isinstance(dialog, ForwardDialog)
    dialog.search.setText(holder or "")
    assert dialog.select(agencies[holder].id)
    dialog.accept()
    qtbot.waitUntil(lambda: window.verify.summary is not None, timeout=WAIT)
    summary = window.verify.summary
    assert summary is not None
    [refused] = summary.outcome.refused
    assert refused.complaint_id == chosen[0] and refused.code == "target_not_allowed"
    assert {r.complaint_id for r in summary.outcome.done} == set(chosen[1:])
    assert summary.refused.count() == 1
    assert labels.error("target_not_allowed") in summary.refused.item(0).text()
    save_png(summary, "bulk_forward_summary")
    summary.accept()


def test_esc_with_a_typed_reason_asks_before_throwing_it_away(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    """A reason or a note typed into a verify, forward, close or reopen dialog was lost to one
    Esc. Now Esc (and Cancel, and the close button) asks; Esc in the question keeps writing."""
    window = signed_in_window(qtbot, controller, live_server, password)
    open_queue(qtbot, window, "needs_verification")
    next_complaint(qtbot, window, set())
    dialog = open_dialog(qtbot, window, "not_our_authority")
    assert isinstance(dialog, ReasonDialog)
    dialog.reject()  # nothing typed: closes at once
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)

    dialog = open_dialog(qtbot, window, "not_our_authority")
    dialog.editor.setPlainText("Jalan provinsi, bukan kewenangan kota: mohon ke Dinas PU Provinsi")
    QTest.keyClick(dialog.editor, Qt.Key.Key_Escape)
    question = dialog.guard.question
    qtbot.waitUntil(lambda: question is not None and question.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and window.verify.dialog is dialog
    assert question is not None
    QTest.keyClick(question, Qt.Key.Key_Escape)  # keep writing
    qtbot.waitUntil(lambda: not question.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and "kewenangan" in dialog.editor.toPlainText()
    dialog.buttons.rejected.emit()  # Cancel: asks again; this time throw it away
    qtbot.waitUntil(question.isVisible, timeout=WAIT)
    assert dialog.guard.discard is not None
    dialog.guard.discard.click()
    qtbot.waitUntil(lambda: window.verify.dialog is None, timeout=WAIT)
    assert pending(window) == 0

    forward = window.flows
    forward.forward_current()
    qtbot.waitUntil(lambda: isinstance(forward.dialog, ForwardDialog), timeout=WAIT)
    assert isinstance(forward.dialog, ForwardDialog)
    box = forward.dialog
    box.note.setPlainText("Mohon segera ditinjau ke lokasi")
    box.reject()
    qtbot.waitUntil(lambda: box.guard.question is not None and box.guard.question.isVisible(),
                    timeout=WAIT)
    assert forward.dialog is box and box.isVisible()
