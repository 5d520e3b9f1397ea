"""A rahasia complaint the user may not read, on screen: its title, reporter and the words of its
timeline are said to be hidden (in Indonesian), its routing facts are shown; a readable one
shows everything as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from lapor_desk.models.calendar import UTC
from lapor_desk.services.types import ComplaintDetail, TimelineEntry
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.models.complaint_table import TITLE, ComplaintTableModel
from tests.ui.test_models import make_row

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
HIDDEN_TITLE = "Laporan rahasia (judul disembunyikan)"
HIDDEN_TEXT = "Isi disembunyikan (rahasia)"


def _hidden_detail() -> ComplaintDetail:
    row = replace(make_row(5), title="", confidential=True, redacted=True)
    return ComplaintDetail(
        row=row, body=None, incident_date=None, province="Sulawesi Tenggara", regency="Kendari",
        district="Kadia", village=None, category="Pendidikan", subcategory="Pungutan",
        misconduct=False, reporter_name=None, reporter_contact=None,
        responsible_name="Pemerintah Kota Kendari", handling_unit_name="Dinas Pendidikan",
        tags=(), outbox=(), allowed_actions=frozenset(),
        timeline=(
            TimelineEntry(AT, "event", "postpone", "Admin Kendari", None, redacted=True),
            TimelineEntry(AT + timedelta(hours=1), "disposition", "forward", "Admin Kendari",
                          None, from_name="Pemerintah Kota Kendari",
                          to_name="Dinas Pendidikan", redacted=True),
            TimelineEntry(AT + timedelta(hours=2), "event", "archive", "Admin Kendari", "spam",
                          redacted=True),
        ))


def test_the_list_names_a_hidden_title_and_keeps_a_real_one() -> None:
    rows = {"c1": replace(make_row(1), title="", confidential=True, redacted=True),
            "c2": make_row(2)}
    model = ComplaintTableModel(lambda ids, deliver: deliver([rows[i] for i in ids]))
    model.set_ids(["c1", "c2"])
    assert model.index(0, TITLE).data() == HIDDEN_TITLE
    assert model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole) == HIDDEN_TITLE
    assert model.index(1, TITLE).data() == "Jalan rusak 2"


def test_the_detail_says_what_is_hidden_and_shows_the_routing_facts(qtbot: object) -> None:
    pane = DetailPane()
    pane.show_detail(_hidden_detail())
    assert pane.title.text() == HIDDEN_TITLE
    text = pane.browser.toPlainText()
    assert "Isi disembunyikan: laporan rahasia di luar unit Anda." in text
    assert "Disembunyikan (rahasia)" in text  # the reporter
    assert text.count(HIDDEN_TEXT) == 3  # the postponement, the disposition, the archive
    assert "spam" in text  # a code stays
    for fact in ("Kendari", "Pendidikan › Pungutan", "Dinas Pendidikan"):
        assert fact in text


def test_a_readable_complaint_shows_its_words(qtbot: object) -> None:
    detail = _hidden_detail()
    readable = replace(
        detail, row=replace(detail.row, title="Pungutan liar di sekolah", redacted=False),
        body="Kronologi lengkap", reporter_name="Budi", reporter_contact="0812",
        timeline=(TimelineEntry(AT, "event", "postpone", "Admin", "Kepala sekolah cuti"),))
    pane = DetailPane()
    pane.show_detail(readable)
    text = pane.browser.toPlainText()
    assert pane.title.text() == "Pungutan liar di sekolah"
    assert "Kronologi lengkap" in text and "Budi · 0812" in text
    assert "Kepala sekolah cuti" in text and "disembunyikan" not in text

