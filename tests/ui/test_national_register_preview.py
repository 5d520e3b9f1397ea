"""The import dialog's preview of a register of national records (SP4N-LAPOR!'s export as an
OPD keeps it), against the REAL server on loopback: before anything is written it says, per row,
what each record does (a new complaint, an update of a complaint held here with the status it
reaches and the follow-ups it adds, nothing, part of the record above) and which rows are bad,
and counts them; the dialog fits a 1366x768 screen. Saved as
test-artifacts/screens/import_national_preview.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint as CachedComplaint
from lapor_desk.server.sp4n.records import record_national_number
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.import_register import ImportRegisterDialog
from lapor_desk.ui.main_window import MainWindow
from tests.support.live_server import LiveServer
from tests.sync import test_national_register as national
from tests.ui.desk_support import save_png, signed_in_window, sync
from tests.ui.test_register_import import settled

pytestmark = pytest.mark.timeout(180)
CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "translations" / \
    "lapor_desk_id.qm"


@pytest.fixture
def indonesian() -> Any:
    translator = QTranslator()
    assert translator.load(str(CATALOGUE))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_the_preview_says_what_each_national_row_does_before_anything_is_written(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path, indonesian: Any) -> None:
    window: MainWindow = signed_in_window(qtbot, controller, live_server, password)
    cache = controller.workstation.session.outbox.cache
    with cache.engine.connect() as c:
        known = list(c.execute(select(CachedComplaint.id).where(
            CachedComplaint.status == "in_progress").order_by(CachedComplaint.id)
            .limit(3)).scalars())
    with live_server.session() as s, s.begin():
        for complaint_id, number in zip(known, (*national.UPDATED, national.SAME)):
            record_national_number(s, complaint_id, number)
    sync(qtbot, window)
    register = national._register(tmp_path / "Register SP4N Maret.csv")

    window.intake.import_register(str(register))
    dialog = window.intake.dialog
    assert isinstance(dialog, ImportRegisterDialog)
    settled(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.presets.findData(national.PRESET) >= 0, timeout=30_000)
    index = dialog.presets.findData(national.PRESET)
    dialog.presets.setCurrentIndex(index)
    dialog.presets.activated.emit(index)
    qtbot.waitUntil(lambda: dialog.preview is not None
                    and dialog.preview.settings.defaults.get("channel") == "web", timeout=30_000)
    settled(qtbot, dialog)
    preview = dialog.preview
    assert preview is not None
    model = dialog.model
    assert model.national_column is not None
    said = {model.index(i, 0).data(): model.index(i, model.national_column).data()
            for i in range(model.rowCount())}
    assert said["4"] == said["5"] == said["6"] == said["11"] == "Laporan baru"
    assert said["7"] == "Diperbarui: status → Selesai, +1 tindak lanjut"
    assert said["8"] == "Diperbarui: status → Selesai, +1 tindak lanjut"
    assert said["9"] == "Bagian dari laporan di atas"
    assert said["10"] == "Sudah ada; tidak berubah"
    assert said["12"] == ""
    problems = model.index(8, model.problems_column).data()  # row 12, bad
    assert problems == "Tanggal tindak lanjut: Tulis tanggal mulai tahun 2000, misalnya " \
        "31/12/2025 atau 2025-12-31."
    summary = dialog.summary.text()
    assert "Laporan SP4N-LAPOR!: 4 baru, 2 memperbarui laporan yang sudah ada, 1 tidak " \
        "berubah." in summary
    assert summary.startswith("9 baris, 1 bermasalah (ditandai merah).")
    assert dialog.partial_button.isEnabled() and not dialog.import_button.isEnabled()
    with cache.engine.connect() as c:  # nothing written by the preview
        assert c.execute(select(CachedComplaint.status).where(
            CachedComplaint.id.in_(known))).scalars().all() == ["in_progress"] * 3
    frame = dialog.frameGeometry()
    assert frame.width() <= 1366 and frame.height() <= 768, frame
    column = model.national_column
    assert dialog.table.columnWidth(column) >= dialog.table.fontMetrics().horizontalAdvance(
        said["7"]), "the national column cuts its words"
    assert summary.endswith("Kolom yang tidak diimpor: No."), summary  # never "No.."
    # row 9 is the record of row 8 (its follow-up counted there), not a row left out
    assert model.index(5, model.problems_column).data() == ""
    assert "dilewati" not in summary, summary
    every_field_whole(dialog)
    save_png(dialog, "import_national_preview")
    dialog.reject()


def every_field_whole(dialog: ImportRegisterDialog) -> None:
    """Each column's box shows any field it offers whole ("Nomor SP4N-LAPOR!", "Tanggapan
    pelapor di SP4N-LAPOR!"), and on a laptop's screen the box is seen whole without scrolling
    sideways."""
    seen = dialog.columns.grid_host.parentWidget()
    assert seen is not None
    for combo in dialog.columns.combos:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        for index in range(combo.count()):
            text = combo.itemText(index)
            assert combo.fontMetrics().horizontalAdvance(text) <= field.width(), (
                f"{combo.accessibleName()!r} cuts {text!r}")
        if dialog.screen().availableGeometry().width() >= 1366:  # a laptop (xvfb-run); the
            # offscreen platform's small screen scrolls sideways instead
            right = combo.mapTo(seen, combo.rect().topRight()).x()
            assert right <= seen.width(), f"{combo.accessibleName()!r} is cut at the right"


def test_a_refused_national_record_is_explained_in_the_outbox(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path, indonesian: Any) -> None:
    from lapor_desk.server.db import Complaint
    from lapor_desk.ui.models.outbox_items import action_text, explanation
    from lapor_desk.ui.review_words import why_not

    window: MainWindow = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    cache = station.session.outbox.cache
    with cache.engine.connect() as c:
        mine = set(c.execute(select(CachedComplaint.id)).scalars())
    with live_server.session() as s, s.begin():
        outside = next(i for i in s.scalars(select(Complaint.id).where(
            Complaint.status == "in_progress").order_by(Complaint.id)) if i not in mine)
        record_national_number(s, outside, national.OUTSIDE)
    sync(qtbot, window)
    path = tmp_path / "luar.csv"
    path.write_text(";".join(national.HEADER) + "\n" + ";".join(national._row(
        1, "7301031", "Laporan instansi lain", "Selesai", "Ditangani instansi lain.",
        "12/03/2026")) + "\n", "utf-8")
    preset = station.register.preset(national.PRESET)
    assert station.register.run(path, preset).count == 1
    sync(qtbot, window)
    items = {i.kind: i for i in station.outbox_review.items()}
    assert action_text(items["national_update"]) == "Pembaruan dari SP4N-LAPOR!"
    assert explanation(items["national_update"]).startswith(
        "Nomor SP4N-LAPOR! ini milik laporan di luar wilayah Anda, jadi tidak diubah.")
    assert why_not(items["national_update"]) == ""  # the refusal says what to do
    assert explanation(items["record_complaint"]).startswith(
        "Laporan lain di server sudah memakai nomor SP4N-LAPOR! ini")
    with live_server.session() as s:
        assert s.scalar(select(Complaint.status).where(Complaint.id == outside)) == \
            "in_progress"
