"""Repairing a refused or conflicting action, against the REAL reference server: a second
profile (the national admin) changes the complaints first. The words of a refused note whose
complaint left the admin's area are never lost (its number and title stay, the text reopens in an
editor, the card says why it cannot be resent); a conflict names who changed the complaint and
when, in statuses, not versions; the status bar, the sidebar and the heading give one count, and
the status bar names the conflicts (a click opens them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from lapor_desk.services import Workstation
from lapor_desk.services.outbox_review import GONE, STATUS, ReviewItem
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.queue_list import COUNT_ROLE
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, signed_in_window, sync

pytestmark = pytest.mark.timeout(240)

NOTE = ("Sudah kami telepon pelapor pada pukul 10.00; ia akan mengirim foto jalan yang rusak "
        "besok pagi. Mohon jangan ditutup dulu.")


def panel_items(qtbot: Any, window: MainWindow, count: int) -> list[ReviewItem]:
    model = window.outbox_review.panel.model
    qtbot.waitUntil(lambda: model.rowCount() == count and window.controller.taskman.idle,
                    timeout=WAIT)
    return [item for r in range(count) if (item := model.item_at(r)) is not None]


REPLY = ("Yth. Bapak/Ibu, laporan Anda sudah kami teruskan ke bidang jalan; perbaikan "
         "dijadwalkan pekan depan. Terima kasih.")


def test_a_reply_written_offline_and_refused_later_keeps_its_text(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path) -> None:
    """The liaison officer writes a reply offline; meanwhile the city's admin forwards the
    complaint to another unit; at the sync the reply is refused and the complaint leaves the
    officer's list. The reply keeps its complaint's number, says why it cannot be resent and
    reopens in an editor."""
    admin = live_server.user("agency_admin")
    liaison = next(u for u in live_server.seed.users
                   if u.role == "liaison_officer" and u.agency_id == admin.agency_id)
    city = Workstation(tmp_path / "city", device="pytest-city")
    city.sign_in(live_server.url, admin.username, password)
    city.sync()
    complaint_id = city.complaint_ids("needs_verification")[0]
    city.verification.submit("forward", complaint_id, ActionFields(to_id=liaison.unit_id))
    assert city.sync().applied == 1  # now the officer's

    window = signed_in_window(qtbot, controller, live_server, password, liaison.username)
    station = controller.workstation
    [row] = station.rows([complaint_id])
    station.replies.send(complaint_id, "follow_up", REPLY)  # offline: not yet sent
    try:  # meanwhile the city sends it on to another unit
        other = next(t for t in city.forward_targets(complaint_id)
                     if t.selectable and t.id != liaison.unit_id and t.level == "unit")
        city.verification.submit("forward", complaint_id, ActionFields(to_id=other.id))
        assert city.sync().applied == 1
    finally:
        city.close()
    assert sync(qtbot, window).rejected == 1
    assert not station.rows([complaint_id])  # no longer the officer's

    open_queue(qtbot, window, "outbox")
    panel = window.outbox_review.panel
    [item] = panel_items(qtbot, window, 1)
    assert item.kind == "follow_up" and item.reason == "out_of_scope"
    assert item.tracking_number == row.tracking_number and item.fields.body == REPLY
    assert panel.card_complaint.text().startswith(f"No. {row.tracking_number} · ")
    assert panel.why.isVisible() and not panel.resend_button.isEnabled()
    panel.text_button.click()
    qtbot.waitUntil(lambda: window.outbox_review.text_dialog is not None, timeout=WAIT)
    dialog = window.outbox_review.text_dialog
    assert dialog is not None and dialog.editor.toPlainText() == REPLY
    save_png(dialog, "refused_reply_text")
    dialog.reject()


def test_refused_words_keep_their_complaint_and_reopen_in_an_editor(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    gone = station.complaint_ids("needs_verification")[0]
    [row] = station.rows([gone])
    station.replies.send(gone, "internal_note", NOTE)  # written offline
    targets = national.verification.reroute_targets(gone)
    national.verification.reroute(gone, next(t for t in targets if t.selectable).id)
    assert national.sync().applied == 1
    assert sync(qtbot, window).rejected == 1
    assert not station.rows([gone])  # it left the admin's area with the pull

    open_queue(qtbot, window, "outbox")
    panel = window.outbox_review.panel
    [item] = panel_items(qtbot, window, 1)
    assert item.blocked == GONE and item.tracking_number == row.tracking_number
    assert item.fields.body == NOTE
    assert str(row.tracking_number) in panel.card_complaint.text()
    assert "tidak lagi di daftar Anda" in panel.card_complaint.text()
    assert not panel.resend_button.isEnabled()
    assert panel.why.isVisible() and "tidak lagi ada di komputer ini" in panel.why.text()
    assert panel.text_button.isVisible()

    # One count: the sidebar, the heading and the status bar say the same.
    bar = window.status_bar
    qtbot.waitUntil(lambda: window.list_count.text() == "1", timeout=WAIT)
    qtbot.waitUntil(lambda: bar.pending.text() == "Kotak Keluar: 1", timeout=WAIT)
    assert bar.rejected.isVisible() and bar.rejected.text() == "(1 ditolak)"
    row_index = window.queue_model.row_of("outbox")
    assert window.queue_model.index(row_index).data(COUNT_ROLE) == 1
    assert window.width() == 1366  # the card's words and buttons never widen the window
    save_png(window, "outbox_refused_note_gone")

    panel.text_button.click()
    area = window.outbox_review
    qtbot.waitUntil(lambda: area.text_dialog is not None, timeout=WAIT)
    dialog = area.text_dialog
    assert dialog is not None and dialog.editor.toPlainText() == NOTE
    assert str(row.tracking_number) in dialog.heading.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == NOTE
    save_png(dialog, "refused_note_text")
    dialog.close_button.click()
    qtbot.waitUntil(lambda: area.text_dialog is None, timeout=WAIT)
    [still] = panel_items(qtbot, window, 1)  # closing it loses nothing
    assert still.fields.body == NOTE


def test_a_conflict_names_who_changed_the_complaint_and_when_in_statuses(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    postponed, archived = station.complaint_ids("needs_verification")[:2]
    station.verification.submit("archive", postponed, ActionFields(reason_code="too_general"))
    station.verification.submit("handle", archived, ActionFields(note="Kami tangani sendiri"))
    national.verification.submit("postpone", postponed,
                                 ActionFields(reason="Menunggu kelengkapan data"))
    national.verification.submit("archive", archived, ActionFields(reason_code="spam"))
    assert national.sync().applied == 2
    assert sync(qtbot, window).conflicts == 2
    who = national.info.display_name if national.info else ""
    assert who

    bar = window.status_bar
    qtbot.waitUntil(lambda: bar.conflicts.isVisible() and bar.conflicts.text() == "Konflik: 2",
                    timeout=WAIT)
    qtbot.mouseClick(bar.conflicts, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    qtbot.waitUntil(lambda: window.queue_key == "conflicts", timeout=WAIT)
    panel = window.outbox_review.panel
    items = {i.complaint_id: i for i in panel_items(qtbot, window, 2)}
    first = items[postponed]
    assert first.changed is not None and first.changed.by == who
    assert (first.changed.before, first.changed.after) == ("unverified", "postponed")
    assert panel.select(first.mutation_id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == postponed, timeout=WAIT)
    assert who in panel.explain.text() and "Tertunda" in panel.explain.text()
    assert "Orang lain" not in panel.explain.text()
    compare = panel.compare.text()
    assert "Versi" not in compare and "saat Anda bertindak" in compare and who in compare
    assert panel.reapply_button.isEnabled() and not panel.why.isVisible()
    qtbot.wait(50)
    assert window.width() == 1366 and window.splitter.sizes()[0] >= 240  # sidebar not squeezed
    save_png(window, "conflict_named")
    save_png(panel.card, "conflict_card_named")

    second = items[archived]
    assert second.blocked == STATUS and second.changed is not None
    assert panel.select(second.mutation_id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == archived, timeout=WAIT)
    assert not panel.reapply_button.isEnabled()
    assert panel.why.isVisible() and "Diarsipkan" in panel.why.text()
    assert "Terapkan ulang" not in panel.explain.text()  # not offered where it cannot be done
    assert panel.reapply_button.toolTip() == panel.why.text()
    assert panel.text_button.isVisible()  # its note is kept too
    assert window.width() == 1366
    save_png(panel.card, "conflict_card_not_possible")
