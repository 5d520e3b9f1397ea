"""At the counter, against the REAL reference server on loopback: nothing typed into the record
form is lost by a key (Enter after a validation error, Esc, the close button), the form is kept
as a draft as it is typed and comes back after a crash, it records when the citizen came and a
letter's number and date, and it prints a receipt: a provisional reference while the complaint
is not synced, the tracking number once it is (printed again from File > Print receipt).

The module's tests share one server (tests/support/shared_server.py) and start from a synced
profile copied per test (tests/support/synced_profile.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.server import db as server_db
from lapor_desk.services.drafts import DraftStore
from lapor_desk.services.intake import RECORD_FORM, IntakeDefaults
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.receipt import ReceiptDialog
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.receipt_document import print_on
from tests.services.test_intake import CATEGORY
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, signed_in_window, sync
from tests.ui.test_intake_flows import open_complaint

pytestmark = pytest.mark.timeout(240)
TITLE = "Pungutan liar di loket KTP kecamatan"


@pytest.fixture
def window(qtbot: Any, controller: DeskController, live_server: LiveServer,
           password: str) -> MainWindow:
    return signed_in_window(qtbot, controller, live_server, password)


def outbox_size(controller: DeskController) -> int:
    cache = controller.workstation.session.require_cache()
    with cache.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(OutboxEntry)).scalar_one())


def open_form(qtbot: Any, window: MainWindow) -> RecordComplaintDialog:
    window.intake.record_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, RecordComplaintDialog)
                    and window.intake.dialog.isVisible(), timeout=WAIT)
    dialog = window.intake.dialog
    assert isinstance(dialog, RecordComplaintDialog)
    return dialog


def question(qtbot: Any, dialog: RecordComplaintDialog) -> QMessageBox:
    qtbot.waitUntil(lambda: dialog.close_question is not None
                    and dialog.close_question.isVisible(), timeout=WAIT)
    assert dialog.close_question is not None
    return dialog.close_question


def answer(dialog: RecordComplaintDialog, what: str) -> None:
    """Press the close question's button that does ``what`` (keep, close, discard)."""
    question_of = dialog.close_question
    assert question_of is not None and dialog.close_answers[what] in question_of.buttons()
    dialog.close_answers[what].click()


def drafts_of(window: MainWindow) -> DraftStore:
    """The profile's drafts file read anew, as the desk started again would read it."""
    station = window.controller.workstation
    info = window.controller.info
    assert info is not None
    keys = station.session.require_cache().keys
    return DraftStore(info.profile_dir, station.clock, keys.drafts if keys else None)


def fill(dialog: RecordComplaintDialog) -> None:
    dialog.title.setText(TITLE)
    dialog.body.setPlainText("Petugas loket meminta uang Rp50.000 untuk mempercepat KTP.")
    dialog.category.setEditText(CATEGORY)
    dialog.reporter_name.setText("Wa Ode Sitti")
    dialog.reporter_phone.setText("081234567890")


def test_enter_after_a_validation_error_and_esc_never_close_what_was_typed(
        qtbot: Any, window: MainWindow) -> None:
    controller = window.controller
    before = outbox_size(controller)
    dialog = open_form(qtbot, window)
    qtbot.keyClicks(dialog.title, "Jalan rusak")
    qtbot.keyClicks(dialog.reporter_nik, "12345")
    # Clicked with the mouse, as at the counter: the button takes the focus, is disabled while
    # the form is checked, and the focus passes to Cancel (which once became the default then).
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.problem_text("reporter.nik")), timeout=WAIT)
    # No button became the default after the error: Enter presses none of them.
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton))
    dialog.reporter_nik.setFocus()
    qtbot.keyClick(dialog.reporter_nik, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Enter)
    qtbot.wait(200)
    assert dialog.isVisible() and window.intake.dialog is dialog
    assert dialog.reporter_nik.text() == "12345" and dialog.title.text() == "Jalan rusak"
    assert outbox_size(controller) == before

    # Esc asks; "Keep typing" (also Enter or Esc in the question) goes back to the form.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    ask = question(qtbot, dialog)
    qtbot.keyClick(ask, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.close_question is None, timeout=WAIT)
    assert dialog.isVisible()
    dialog.close()   # the window's close button asks too
    question(qtbot, dialog)
    answer(dialog, "keep")
    assert dialog.isVisible()

    # Closed with its draft kept: the next form starts from it.
    with qtbot.waitSignal(window.intake.draft_saved, timeout=WAIT):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        question(qtbot, dialog)
        answer(dialog, "close")
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    again = open_form(qtbot, window)
    assert again.title.text() == "Jalan rusak" and again.reporter_nik.text() == "12345"
    assert again.note.isVisibleTo(again)

    # Thrown away on purpose: gone, and the next form is empty.
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    question(qtbot, again)
    answer(again, "discard")
    qtbot.waitUntil(lambda: window.intake.dialog is None and controller.taskman.idle,
                    timeout=WAIT)
    assert drafts_of(window).get_form(RECORD_FORM) is None
    empty = open_form(qtbot, window)
    assert empty.title.text() == "" and not empty.note.isVisibleTo(empty)
    qtbot.keyClick(empty, Qt.Key.Key_Escape)   # nothing typed: closes without a question
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    assert outbox_size(controller) == before


def test_the_form_is_kept_as_it_is_typed_and_survives_a_crash(
        qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_form(qtbot, window)
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4 surat pengaduan")
    # A second after the last key, whatever was typed in (a line, the chronology, a choice).
    for typed in (lambda: qtbot.keyClicks(dialog.title, TITLE),
                  lambda: qtbot.keyClicks(dialog.body, "Petugas loket meminta uang."),
                  lambda: qtbot.keyClicks(dialog.reporter_phone, "0812"),
                  lambda: qtbot.keyClicks(dialog.category.lineEdit(), "PEKERJAAN"),
                  lambda: dialog.anonymous.click()):
        with qtbot.waitSignal(window.intake.draft_saved, timeout=WAIT):
            typed()
    with qtbot.waitSignal(window.intake.draft_saved, timeout=WAIT):
        dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
        qtbot.keyClicks(dialog.letter_number, "045/12/KEL/2026")
        dialog.files.add_paths([str(letter)])
    # The desk is gone without closing the form (a crash, a power cut): the drafts file, read
    # anew, holds everything typed, sealed like reply drafts.
    kept = drafts_of(window).get_form(RECORD_FORM)
    assert kept is not None
    assert kept.values["title"] == TITLE and kept.values["letter_number"] == "045/12/KEL/2026"
    assert kept.values["body"] == "Petugas loket meminta uang." and kept.files == (str(letter),)
    assert kept.values["reporter"]["phone"] == "0812" and kept.values["anonymous"] is True  # type: ignore[index]
    assert kept.values["category"] == "PEKERJAAN"
    info = window.controller.info
    assert info is not None
    assert TITLE.encode() not in (Path(info.profile_dir) / "drafts.json").read_bytes()

    # Opened again, the form starts from it.
    dialog.done(0)
    qtbot.waitUntil(lambda: window.intake.dialog is None and window.controller.taskman.idle,
                    timeout=WAIT)
    again = open_form(qtbot, window)
    assert again.title.text() == TITLE and again.channel.currentData() == "letter"
    assert again.letter_number.text() == "045/12/KEL/2026" and again.files.paths() == [str(letter)]


def test_when_it_came_the_letter_and_a_receipt_before_and_after_the_sync(
        qtbot: Any, window: MainWindow, live_server: LiveServer, tmp_path: Path) -> None:
    controller = window.controller
    dialog = open_form(qtbot, window)
    assert dialog.received_shown
    assert not dialog.channel_form.isRowVisible(dialog.boxes["letter_number"])
    fill(dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
    assert dialog.channel_form.isRowVisible(dialog.boxes["letter_number"])
    assert dialog.raw()["letter_date"] is None   # no date until one is picked
    came = (datetime.now(UTC) - timedelta(hours=3)).replace(second=0, microsecond=0)
    dialog.received_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(came.timestamp())))
    dialog.letter_number.setText("045/12/KEL/2026")
    dialog.letter_date.setDate(QDate.currentDate().addDays(-5))
    with qtbot.waitSignal(window.intake.receipt_shown, timeout=WAIT) as shown:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, ReceiptDialog), timeout=WAIT)
    receipt = window.intake.dialog
    assert isinstance(receipt, ReceiptDialog)
    offline = shown.args[0]
    assert offline.tracking_number is None and offline.provisional_reference.startswith("S-")
    text = receipt.document.toPlainText()
    assert offline.provisional_reference in text and "045/12/KEL/2026" in text
    assert "7471" not in text   # never the NIK
    pdf = tmp_path / "tanda-terima"
    with qtbot.waitSignal(receipt.saved, timeout=WAIT) as saved:
        receipt.save_pdf(str(pdf))
    assert Path(saved.args[0]).read_bytes().startswith(b"%PDF-")
    # What "Print…" sends to the chosen printer (here one that writes a file): A4, one page.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_on(receipt.document, printer)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert receipt.document.pageCount() == 1
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF-")
    receipt.close()
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    assert drafts_of(window).get_form(RECORD_FORM) is None   # recorded: no draft left

    assert sync(qtbot, window).applied == 1
    with live_server.session() as session:
        row = session.execute(select(server_db.Complaint).where(
            server_db.Complaint.title == TITLE)).scalar_one()
        assert row.created_at.replace(tzinfo=UTC) == came
        details = list(session.scalars(select(server_db.ComplaintEvent.detail).where(
            server_db.ComplaintEvent.complaint_id == row.id)))
    assert any(d.get("letter_number") == "045/12/KEL/2026" for d in details)

    # Printed again after the sync: the tracking number, beside the provisional reference.
    # From the complaint's detail: how it came, and its receipt printed again.
    open_complaint(qtbot, window, "needs_verification", offline.complaint_id)
    panel = window.intake.receipt_panel
    qtbot.waitUntil(lambda: panel.isVisibleTo(window.detail), timeout=WAIT)
    assert "045/12/KEL/2026" in panel.came.text() and window.intake.receipt_action.isEnabled()
    with qtbot.waitSignal(window.intake.receipt_shown, timeout=WAIT) as again:
        panel.print_button.click()
    synced = again.args[0]
    assert synced.tracking_number == row.tracking_number
    assert synced.letter_number == "045/12/KEL/2026"
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, ReceiptDialog), timeout=WAIT)
    reprint = window.intake.dialog
    assert isinstance(reprint, ReceiptDialog)
    text = reprint.document.toPlainText()
    assert str(row.tracking_number) in text and offline.provisional_reference in text
    reprint.close()
    assert outbox_size(controller) >= 1


def test_enter_in_a_reply_never_sends_it(qtbot: Any, window: MainWindow) -> None:
    """The reply dialog holds typing too: Enter outside the text (the template list, a button)
    sends nothing; Ctrl+Enter does."""
    from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
    from tests.ui.desk_support import open_queue, show_complaint

    open_queue(qtbot, window, "in_progress")
    show_complaint(qtbot, window)
    window.flows.write_current("follow_up")
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, FollowUpDialog), timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, FollowUpDialog)
    before = outbox_size(window.controller)
    qtbot.keyClicks(dialog.editor, "Sudah kami teruskan ke")
    for widget in dialog.findChildren(QWidget):
        if widget.isVisible() and widget is not dialog.editor and widget.focusPolicy() \
                & Qt.FocusPolicy.TabFocus and not isinstance(widget, QPushButton):
            widget.setFocus()
            qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert dialog.isVisible() and not dialog.sending
    assert outbox_size(window.controller) == before
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton))
    with qtbot.waitSignal(window.flows.replies.sent, timeout=WAIT):
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert outbox_size(window.controller) == before + 1


def test_the_form_starts_at_the_desks_now_not_this_computers(qtbot: Any) -> None:
    """Against a training server (the demo, a bimtek room) the world keeps its own time, weeks
    behind the PC's: a form that started at the PC's "now" was refused as received in the
    future. "Received", the letter's and the incident's dates start at or stop at the desk's
    now (the server's clock as learned)."""
    world_now = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    dialog = RecordComplaintDialog(IntakeDefaults("Sulawesi Tenggara", "Kota Kendari",
                                                  now=world_now), {CATEGORY: []})
    qtbot.addWidget(dialog)
    assert dialog.received_at.dateTime().toSecsSinceEpoch() == int(world_now.timestamp())
    last_day = QDateTime.fromSecsSinceEpoch(int(world_now.timestamp())).date()
    for edit in (dialog.received_at, dialog.letter_date, dialog.incident_date):
        assert edit.maximumDate() == last_day
