""""Salin untuk LAPOR!" in the detail (ui/detail_pane.py, services/lapor_copy.py): a complaint
not yet in SP4N-LAPOR! is copied whole and the detail says it is not recorded there; one with
a national number shows it and copies its latest follow-up; a hidden rahasia one offers
nothing to copy. In Indonesian."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QGuiApplication

from lapor_desk.services.types import TimelineEntry
from lapor_desk.ui.detail_pane import DetailPane
from tests.ui.test_rahasia_view import AT, _hidden_detail


def test_copy_for_lapor_gives_the_complaint_then_its_follow_up(qtbot: object) -> None:
    hidden = _hidden_detail()
    walk_in = replace(hidden, row=replace(hidden.row, title="Pungutan liar di sekolah",
                                          redacted=False, confidential=False),
                      body="Kronologi lengkap", reporter_name="Budi", reporter_contact="0812",
                      incident_date="2026-11-18", timeline=())
    pane = DetailPane()
    pane.show()
    pane.show_detail(walk_in)
    assert "Belum tercatat di SP4N-LAPOR!" in pane.browser.toPlainText()
    assert pane.lapor_button.isVisible() and pane.lapor_button.text() == "Salin untuk LAPOR!"
    pane.lapor_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Judul: Pungutan liar di sekolah\nJenis laporan: Pengaduan\n")
    assert "Kronologi lengkap" in copied and "Tanggal kejadian: 18-11-2026" in copied
    assert "Pelapor: Budi / 0812" in copied
    assert pane.lapor_button.text() == "Tersalin: tempel di lapor.go.id"

    recorded = replace(walk_in, national_tracking_number=9165816,
                       national_link="https://www.lapor.go.id/pengaduan/9165816", timeline=(
                           TimelineEntry(AT, "follow_up", "reply", "Dinas", "Sudah dicek"),
                           TimelineEntry(AT.replace(hour=9), "follow_up", "reply", "Dinas",
                                         "Pungutan dihentikan"),
                           TimelineEntry(AT.replace(hour=10), "follow_up", "internal_note",
                                         "Dinas", "catatan internal")))
    pane.show_detail(recorded)
    text = pane.browser.toPlainText()
    assert "9165816" in text and "https://www.lapor.go.id/pengaduan/9165816" in text
    pane.lapor_button.click()
    assert QGuiApplication.clipboard().text() == (
        "Tindak lanjut laporan #9165816 oleh Dinas Pendidikan:\nPungutan dihentikan")

    pane.show_detail(hidden)  # rahasia and not ours to read: nothing to copy
    assert not pane.lapor_button.isVisible()
