"""Render the intake screens to PNGs (run by test_intake_screens.py, or by hand):

    DISPLAY=:99 python -m tests.ui.render_intake_screens OUT_DIR [EXTRA.qm]

The record form with its field errors and the question Esc asks, a letter recorded at the
counter and its receipt (tanda terima) before the sync (a provisional reference) and after it
(the tracking number), with the receipt's page as it prints, a register as an OPD keeps it (its
columns guessed, then the values for the whole file given and a bad row shown), the detail with
"similar complaints", and a follow-up reply made from a template with an attachment. EXTRA.qm is
an optional catalogue with wording not yet in the shipped one (the test builds it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSizeF, QTranslator
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication

from lapor_desk.services import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoServer,
    Workstation,
)
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.dialogs.receipt import ReceiptDialog
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.receipt_document import a4_layout
from lapor_desk.ui.taskman import TaskManager
from tests.services.test_intake import form
from tests.sync import opd_registers as opd
from tests.ui.render_screens import save
from tests.ui.render_setup import isolated_application, run_renderer


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Process events until ``condition`` holds. Uses an event loop INSTANCE: in PySide6 6.12
    the static ``QApplication.processEvents`` (like other static void calls) drops a reference
    to ``None`` on every call, and a long wait loop then aborts Python ("none_dealloc")."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not settle")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

SCREENS = ("record_complaint_errors", "record_complaint_close_question",
           "record_complaint_letter", "receipt_offline", "receipt_page_offline",
           "receipt_synced", "receipt_page_synced", "window_letter_detail",
           "import_preview_columns", "import_preview", "detail_duplicates",
           "follow_up_template")


def save_page(document: QTextDocument, path: Path) -> None:
    """The receipt's first page as it prints (A4 at 96 dpi, white paper)."""
    layout = a4_layout()
    size = layout.fullRectPixels(96).size()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    margins = layout.marginsPixels(96)
    document.setPageSize(QSizeF(size.width() - margins.left() - margins.right(),
                                size.height() - margins.top() - margins.bottom()))
    painter = QPainter(image)
    painter.translate(margins.left(), margins.top())
    document.drawContents(painter)
    painter.end()
    assert image.save(str(path)), path


def main(out: Path, extra_qm: str | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work, app = isolated_application("lapor-intake-screens-")
    if extra_qm:
        extra = QTranslator(app)
        assert extra.load(extra_qm), extra_qm
        app.installTranslator(extra)
    i18n.set_language("id")
    demo = DemoServer(work / "demo", complaints=800)
    taskman = TaskManager()
    station = Workstation(demo.profile_root, device="screens", training=True)  # as --demo
    try:
        station.sign_in(demo.start(), DEMO_USER, DEMO_PASSWORD)
        station.sync()
        defaults = station.intake.defaults()
        first = station.intake.record(form(
            title="Jalan berlubang di depan Pasar Sentral", regency=defaults.regency,
            province=defaults.province)).complaint_id
        station.intake.record(form(title="Lubang besar di jalan Pasar Sentral membahayakan",
                                   regency=defaults.regency, province=defaults.province,
                                   channel="phone"))
        controller = DeskController(station, taskman)
        window = MainWindow(controller)
        window.resize(1366, 768)
        window.show()
        window.start_session(station.info)  # type: ignore[arg-type]
        wait_for(app, lambda: window.queue_key is not None and taskman.idle)

        window.intake.record()
        wait_for(app, lambda: isinstance(window.intake.dialog, RecordComplaintDialog))
        record = window.intake.dialog
        assert isinstance(record, RecordComplaintDialog)
        record.title.setText("Jln")
        record.reporter_nik.setText("74710101")
        record.save_button.click()
        wait_for(app, lambda: bool(record.problem_text("title")))
        save(record, out / "record_complaint_errors.png")
        record.reject()   # typed: Esc asks
        wait_for(app, lambda: record.close_question is not None
                 and record.close_question.isVisible())
        assert record.close_question is not None
        save(record.close_question, out / "record_complaint_close_question.png")
        record.close_answers["discard"].click()
        wait_for(app, lambda: window.intake.dialog is None and taskman.idle)

        window.intake.record()
        wait_for(app, lambda: isinstance(window.intake.dialog, RecordComplaintDialog))
        letter = window.intake.dialog
        assert isinstance(letter, RecordComplaintDialog)
        letter.channel.setCurrentIndex(letter.channel.findData("letter"))
        letter.fill({**letter.raw(), **form(
            title="Pungutan liar di loket KTP Kecamatan Mandonga", channel="letter",
            regency=defaults.regency, province=defaults.province,
            letter_number="045/112/KEL-KRB/XII/2026",
            letter_date=letter.received_at.date().addDays(-3).toString("yyyy-MM-dd"))})
        letter.received_at.setDateTime(letter.received_at.dateTime().addSecs(-2 * 3600))
        save(letter, out / "record_complaint_letter.png")
        letter.save_button.click()
        wait_for(app, lambda: isinstance(window.intake.dialog, ReceiptDialog) and taskman.idle)
        receipt = window.intake.dialog
        assert isinstance(receipt, ReceiptDialog)
        recorded = receipt.receipt.complaint_id
        save(receipt, out / "receipt_offline.png")
        save_page(receipt.document, out / "receipt_page_offline.png")
        receipt.reject()
        wait_for(app, lambda: window.intake.dialog is None)
        synced: list[object] = []
        controller.sync_finished.connect(synced.append)
        controller.sync()
        wait_for(app, lambda: bool(synced) and taskman.idle)
        window.intake.print_receipt(recorded)
        wait_for(app, lambda: isinstance(window.intake.dialog, ReceiptDialog))
        receipt = window.intake.dialog
        assert isinstance(receipt, ReceiptDialog) and receipt.receipt.tracking_number
        save(receipt, out / "receipt_synced.png")
        save_page(receipt.document, out / "receipt_page_synced.png")
        receipt.reject()
        wait_for(app, lambda: window.intake.dialog is None)
        model = window.table_model
        window.select_queue("needs_verification")
        wait_for(app, lambda: model.row_of(recorded) >= 0 and taskman.idle)
        window.table.selectRow(model.row_of(recorded))
        wait_for(app, lambda: window.intake.receipt_panel.receipt is not None and taskman.idle)
        save(window, out / "window_letter_detail.png")

        # A register as an OPD keeps it: title rows, the office's column names, no type,
        # category or place columns, dates typed by hand, a bad row in the middle.
        register = opd.write_xlsx(work / "register-pengaduan-november.xlsx")
        window.intake.import_register(str(register))
        dialog = window.intake.dialog
        assert isinstance(dialog, ImportRegisterDialog)
        wait_for(app, lambda: dialog.preview is not None and dialog.choose.isEnabled())
        save(dialog, out / "import_preview_columns.png")
        shared = dialog.columns.shared
        shared["complaint_type"].setCurrentIndex(  # type: ignore[union-attr]
            shared["complaint_type"].findData("pengaduan"))  # type: ignore[union-attr]
        shared["category"].setEditText(opd.FIELD_DEFAULTS["category"])  # type: ignore[union-attr]
        shared["province"].setText(defaults.province)  # type: ignore[union-attr]
        shared["regency"].setText(defaults.regency)  # type: ignore[union-attr]
        dialog.columns.choose(3, "village")
        wait_for(app, lambda: dialog.preview is not None and not dialog.preview.missing
                 and dialog.choose.isEnabled() and taskman.idle)
        save(dialog, out / "import_preview.png")
        dialog.reject()  # corrected and typed: it asks first
        wait_for(app, lambda: dialog.guard.question is not None
                 and dialog.guard.question.isVisible())
        assert dialog.guard.discard is not None
        dialog.guard.discard.click()
        wait_for(app, lambda: window.intake.dialog is None)

        model = window.table_model
        window.select_queue("needs_verification")
        wait_for(app, lambda: model.row_of(first) >= 0 and taskman.idle)
        window.table.selectRow(model.row_of(first))
        panel = window.intake.panel
        wait_for(app, lambda: panel.complaint_id == first and taskman.idle)
        save(window.detail, out / "detail_duplicates.png")

        window.select_queue("in_progress")
        wait_for(app, lambda: window.queue_key == "in_progress" and model.rowCount() > 0
                 and taskman.idle)
        wait_for(app, lambda: model.loaded_row(model.id_at(0) or "") is not None)
        window.table.selectRow(0)
        wait_for(app, lambda: window.detail.detail is not None and taskman.idle
                 and window.detail.detail.row.id == model.id_at(0))
        window.flows.write_current("follow_up")
        wait_for(app, lambda: window.flows.dialog is not None)
        reply = window.flows.dialog
        reply.templates.insert()  # type: ignore[union-attr]
        attached = work / "foto-perbaikan-jalan.jpg"
        attached.write_bytes(b"\xff\xd8\xff")
        reply.files.add_paths([str(attached)])  # type: ignore[union-attr]
        save(reply, out / "follow_up_template.png")  # type: ignore[arg-type]
        reply.reject()  # type: ignore[union-attr]
        wait_for(app, lambda: window.flows.dialog is None and taskman.idle)
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        station.close()
        demo.reset()
    return 0


if __name__ == "__main__":
    run_renderer(main)
