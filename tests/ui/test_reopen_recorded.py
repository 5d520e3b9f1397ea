"""A recorded complaint the server refused, in the window, against the REAL reference server:
Kotak Keluar explains the refusal; "Fix & resend" opens the record form with everything typed
and its files and the reason; cancelling loses nothing; saving sends it once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import func, select

from lapor_desk.models.calendar import utcnow
from lapor_desk.server import db as server_db
from lapor_desk.services import Workstation
from lapor_desk.services.intake import StoredAttachment
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.taskman import TaskManager
from tests.services.test_intake import form
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, signed_in_window, sync

pytestmark = pytest.mark.timeout(240)
TITLE = "Pungutan liar di loket KTP kecamatan"


class PcClock:
    def __init__(self) -> None:
        self.error = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.error


@pytest.fixture
def pc() -> PcClock:
    return PcClock()


@pytest.fixture
def desk(tmp_path: Path, pc: PcClock) -> Iterator[DeskController]:
    taskman = TaskManager()
    station = Workstation(tmp_path / "profiles", device="pytest", clock=pc)
    controller = DeskController(station, taskman)
    yield controller
    controller.cancel_sync()
    taskman.shutdown()
    station.close()


def refused(qtbot: Any, window: MainWindow, pc: PcClock, photo: Path) -> datetime:
    """A complaint typed at the counter while the PC's clock was an hour ahead and this desk did
    not know the server's clock; the server refuses it at the sync."""
    station = window.controller.workstation
    pc.error = timedelta(hours=1)
    station.session.server_clock.load(None)
    typed_at = utcnow()
    station.intake.record(form(title=TITLE, channel="letter", regency="Kota Kendari",
                               incident_date="2026-11-30"), [photo])
    assert sync(qtbot, window).rejected == 1
    return typed_at


def reopen(qtbot: Any, window: MainWindow) -> RecordComplaintDialog:
    panel = window.outbox_review.panel
    qtbot.waitUntil(lambda: (i := panel.current_item()) is not None and i.can_redo,
                    timeout=WAIT)
    assert panel.resend_button.isVisible() and panel.resend_button.isEnabled()
    panel.resend_button.click()
    qtbot.waitUntil(lambda: isinstance(window.intake.dialog, RecordComplaintDialog),
                    timeout=WAIT)
    dialog = window.intake.dialog
    assert isinstance(dialog, RecordComplaintDialog)
    return dialog


def test_refused_recorded_complaint_is_fixed_in_its_form_and_sent_once(
        qtbot: Any, desk: DeskController, live_server: LiveServer, password: str,
        pc: PcClock, tmp_path: Path) -> None:
    window = signed_in_window(qtbot, desk, live_server, password)
    photo = tmp_path / "kwitansi.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"k" * 4096)
    typed_at = refused(qtbot, window, pc, photo)

    open_queue(qtbot, window, "outbox")
    panel = window.outbox_review.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    item = panel.current_item()
    assert item is not None and item.kind == "record_complaint" and item.state == "rejected"
    assert TITLE in panel.card_complaint.text()
    explain = panel.explain.text()
    assert "Diterima" in explain and "jam komputer" in explain.casefold(), explain
    save_png(window, "outbox_refused_record")

    # Reopen, change something, cancel: the refused complaint stays as it was typed.
    dialog = reopen(qtbot, window)
    assert dialog.title.text() == TITLE
    dialog.title.setText("Judul yang diubah lalu dibatalkan")
    dialog.reject()   # something was changed: it asks first
    qtbot.waitUntil(lambda: dialog.close_question is not None, timeout=WAIT)
    dialog.close_answers["close"].click()
    qtbot.waitUntil(lambda: window.intake.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: (i := panel.current_item()) is not None
                    and i.mutation_id == item.mutation_id, timeout=WAIT)

    dialog = reopen(qtbot, window)
    typed = form(title=TITLE, channel="letter", regency="Kota Kendari")
    assert dialog.title.text() == TITLE
    assert dialog.body.toPlainText() == typed["body"]
    assert dialog.incident_date.date() == QDate(2026, 11, 30)
    assert dialog.category.currentText() == typed["category"]
    assert dialog.channel.currentData() == "letter"
    assert (dialog.district.text(), dialog.village.text()) == ("Mandonga", "Korumba")
    assert dialog.reporter_name.text() == "Wa Ode Sitti"
    assert dialog.reporter_nik.text() == "7471010101900001"
    assert dialog.reporter_phone.text() == "081234567890"
    [kept] = dialog.files.files()
    assert isinstance(kept, StoredAttachment) and kept.filename == "kwitansi.jpg"
    assert dialog.received_shown
    received = datetime.fromisoformat(dialog.raw()["received_at"])
    assert abs(received - typed_at) < timedelta(minutes=1)  # by the server's clock
    assert "Server menolak laporan ini" in dialog.summary.text()
    assert dialog.boxes["received_at"].note.isVisible()
    save_png(dialog, "record_complaint_reopened")

    dialog.title.setText(TITLE + " Mandonga")
    with qtbot.waitSignal(window.intake.recorded, timeout=WAIT):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: window.intake.dialog is None and desk.taskman.idle, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1
                    and (i := panel.current_item()) is not None and i.state == "pending",
                    timeout=WAIT)
    assert sync(qtbot, window).applied == 1
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    with live_server.session() as session:
        titles = list(session.scalars(select(server_db.Complaint.title).where(
            server_db.Complaint.title.like("Pungutan liar di loket KTP%"))))
        files = session.scalar(select(func.count()).select_from(server_db.Attachment).join(
            server_db.Complaint, server_db.Complaint.id == server_db.Attachment.complaint_id
        ).where(server_db.Complaint.title == TITLE + " Mandonga"))
    assert titles == [TITLE + " Mandonga"] and files == 1
