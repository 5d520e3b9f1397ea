"""Intake work in the desktop against the REAL reference server on loopback: record a complaint
(field errors, then pending in Perlu Verifikasi, then a tracking number after sync), import a
register with a preview, link and unlink duplicates, reply templates and drafts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.dialogs.receipt import ReceiptDialog
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.complaint_table import STATUS
from lapor_desk.ui.models.register_preview import OK_ROLE
from lapor_desk.ui.ops import Changes
from tests.services.test_intake import CATEGORY, GOOD, HEADER, form, three_reporters
from tests.support.live_server import LiveServer
from tests.ui.desk_support import signed_in_window

pytestmark = pytest.mark.timeout(180)
WAIT = 30_000


@pytest.fixture
def window(qtbot: Any, controller: DeskController, live_server: LiveServer,
           password: str) -> MainWindow:
    return signed_in_window(qtbot, controller, live_server, password)


def on_db(qtbot: Any, controller: DeskController, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on the database worker (as the window does) and return its value."""
    box: list[Any] = []
    controller.taskman.run_db(fn, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=WAIT)
    return box[0]


def outbox_size(controller: DeskController) -> int:
    cache = controller.workstation.session.require_cache()
    with cache.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


def open_complaint(qtbot: Any, window: MainWindow, queue: str, complaint_id: str) -> None:
    window.select_queue(queue)
    qtbot.waitUntil(lambda: window.queue_key == queue
                    and window.table_model.row_of(complaint_id) >= 0, timeout=WAIT)
    window.table.selectRow(window.table_model.row_of(complaint_id))
    qtbot.waitUntil(lambda: window.detail.complaint_id == complaint_id, timeout=WAIT)


def test_record_shows_field_errors_then_waits_pending_and_gets_a_number(
        qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    controller = window.controller
    before = outbox_size(controller)
    window.intake.record_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, RecordComplaintDialog),
                    timeout=WAIT)
    dialog = window.intake.dialog
    assert isinstance(dialog, RecordComplaintDialog)
    assert dialog.province.text() and dialog.regency.text()  # the user's own area
    dialog.reporter_nik.setText("12345")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.problem_text("title")), timeout=WAIT)
    for name in ("body", "category", "reporter.name", "reporter.nik"):
        assert dialog.problem_text(name), name
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert outbox_size(controller) == before  # nothing written

    dialog.title.setText("Jembatan kayu di Korumba rusak parah")
    dialog.body.setPlainText("Jembatan penghubung dua RT rusak sejak banjir bulan lalu.")
    dialog.category.setEditText(CATEGORY)
    dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
    dialog.reporter_name.setText("Wa Ode Sitti")
    dialog.reporter_nik.setText("7471010101900001")
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4 surat pengaduan")
    dialog.files.add_paths([str(letter)])
    with qtbot.waitSignal(window.intake.recorded, timeout=WAIT) as recorded:
        dialog.save_button.click()
    complaint_id = recorded.args[0].complaint_id
    # Its receipt opens, to hand to the reporter; closed here.
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, ReceiptDialog), timeout=WAIT)
    window.intake.dialog.reject()
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    assert outbox_size(controller) == before + 1

    open_complaint(qtbot, window, "needs_verification", complaint_id)
    row = window.table_model.row_of(complaint_id)
    qtbot.waitUntil(lambda: "menunggu" in (window.table_model.index(row, STATUS).data()
                                           or ""), timeout=WAIT)
    assert window.detail.chips["pending"].isVisibleTo(window.detail)
    assert window.detail.detail is not None and window.detail.detail.row.tracking_number is None

    with qtbot.waitSignal(controller.sync_finished, timeout=60_000) as synced:
        controller.sync()
    assert synced.args[0].applied == 1
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.row.tracking_number is not None, timeout=WAIT)
    assert not window.detail.chips["pending"].isVisibleTo(window.detail)


def test_import_preview_blocks_a_bad_file_and_imports_a_good_one(
        qtbot: Any, window: MainWindow, qtmodeltester: Any, tmp_path: Path) -> None:
    controller = window.controller
    bad = tmp_path / "register-salah.csv"
    bad.write_text(HEADER + GOOD.format(cat=CATEGORY)
                   + "Bau,pendek,pengaduan,telepon,Sulawesi Tenggara,,NGAWUR,,tidak\n", "utf-8")
    before = outbox_size(controller)
    window.intake.import_register(str(bad))
    dialog = window.intake.dialog
    assert isinstance(dialog, ImportRegisterDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2 and not dialog.import_button.isEnabled()
    assert dialog.model.index(0, 0).data(OK_ROLE) and not dialog.model.index(1, 0).data(OK_ROLE)
    assert dialog.model.index(1, dialog.model.problems_column).data()
    assert "2" in dialog.summary.text() and "1" in dialog.summary.text()

    good = tmp_path / "register.csv"
    good.write_text(HEADER + three_reporters(), "utf-8")
    dialog.choose_file(str(good))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.path == str(good),
                    timeout=WAIT)
    assert dialog.import_button.isEnabled() and dialog.model.rowCount() == 3
    with qtbot.waitSignal(window.intake.imported, timeout=WAIT) as imported:
        dialog.import_button.click()
    assert imported.args[0].count == 3 and outbox_size(controller) == before + 3
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)


def test_duplicate_suggested_linked_and_unlinked(qtbot: Any, window: MainWindow,
                                                 qtmodeltester: Any) -> None:
    controller = window.controller
    intake = controller.workstation.intake
    first = on_db(qtbot, controller, lambda: intake.record(form(
        title="Jalan berlubang di depan Pasar Sentral Kendari")).complaint_id)
    second = on_db(qtbot, controller, lambda: intake.record(form(
        title="Lubang besar jalan Pasar Sentral membahayakan", channel="phone")).complaint_id)
    window.refresh(Changes(queues=True, rows=True))
    open_complaint(qtbot, window, "needs_verification", first)
    panel = window.intake.panel
    qtbot.waitUntil(lambda: panel.complaint_id == first
                    and second in panel.similar_model.ids(), timeout=WAIT)
    qtmodeltester.check(panel.similar_model)
    assert first not in panel.similar_model.ids() and not panel.link_button.isEnabled()
    assert panel.select(second) and panel.link_button.isEnabled()
    panel.link_button.click()
    qtbot.waitUntil(lambda: panel.linked_model.ids() == [second], timeout=WAIT)
    assert second not in panel.similar_model.ids()
    qtmodeltester.check(panel.linked_model)
    assert panel.select(second, linked=True)
    panel.unlink_button.click()
    qtbot.waitUntil(lambda: panel.linked_model.ids() == [] and
                    second in panel.similar_model.ids(), timeout=WAIT)


def _open_reply(qtbot: Any, window: MainWindow, complaint_id: str,
                queue: str = "in_progress") -> FollowUpDialog:
    open_complaint(qtbot, window, queue, complaint_id)
    window.flows.write_current("follow_up")
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, FollowUpDialog), timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, FollowUpDialog)
    return dialog


def test_templates_name_only_named_reporters_and_drafts_come_back(
        qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    controller = window.controller
    station = controller.workstation
    ids = on_db(qtbot, controller, lambda: station.complaint_ids("in_progress"))
    rows = on_db(qtbot, controller, lambda: station.rows(ids))
    named = on_db(qtbot, controller, lambda: next(
        d for d in (station.detail(r.id) for r in rows if not r.anonymous) if d.reporter_name))
    # an anonymous reporter's complaint that may get a reply, from whichever queue has one
    hidden_queue, hidden_id = on_db(qtbot, controller, lambda: next(
        (queue, r.id) for queue in ("in_progress", "not_followed_up", "reporter_responded")
        for r in station.rows(station.complaint_ids(queue)) if r.anonymous))
    hidden = on_db(qtbot, controller, lambda: station.detail(hidden_id))

    dialog = _open_reply(qtbot, window, hidden.row.id, hidden_queue)
    text = dialog.templates.rendered("received")
    assert "Bapak/Ibu Pelapor" in text and str(hidden.row.tracking_number) in text
    dialog.reject()
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)

    dialog = _open_reply(qtbot, window, named.row.id)
    assert dialog.templates.isVisibleTo(dialog) and dialog.templates.combo.count() >= 4
    dialog.templates.insert()
    assert named.reporter_name in dialog.text()
    assert "Bapak/Ibu Pelapor" not in dialog.text()
    photo = tmp_path / "foto-perbaikan.jpg"
    photo.write_bytes(b"\xff\xd8\xff perbaikan selesai")
    with qtbot.waitSignal(window.flows.replies.draft_saved, timeout=WAIT):
        dialog.editor.appendPlainText("Perbaikan selesai hari ini.")
        dialog.files.add_paths([str(photo)])
    typed = dialog.text()
    dialog.reject()
    qtbot.waitUntil(lambda: window.flows.dialog is None and controller.taskman.idle,
                    timeout=WAIT)

    dialog = _open_reply(qtbot, window, named.row.id)
    assert dialog.text() == typed and dialog.attachments() == [str(photo)]
    with qtbot.waitSignal(window.flows.replies.sent, timeout=WAIT):
        dialog.ok.click()
    assert on_db(qtbot, controller, lambda: station.replies.draft(named.row.id,
                                                                  "follow_up")) is None
    qtbot.waitUntil(lambda: window.detail.detail is not None and any(
        "foto-perbaikan.jpg" in t.attachments for t in window.detail.detail.timeline),
        timeout=WAIT)
