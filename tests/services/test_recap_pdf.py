"""The monthly PDF report against the real server's seeded world, read back with Qt's PDF
reader: A4 pages, the figures of an independent count, the overdue list per unit, local time,
page numbers, the charts drawn, no identities."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument

from lapor_desk.services import Workstation
from lapor_desk.services.compliance import Measure
from lapor_desk.services.recap_terms import TYPE_HEADINGS, percent_text
from tests.services.compliance_counts import Share, count_compliance
from tests.services.oversight_counts import count
from tests.services.test_oversight import NOW, station_for
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(240)
MONTH, LAST = date(2026, 11, 1), date(2026, 10, 1)
A4_POINTS = (595.3, 841.9)
CHART_BLUE = QColor("#1565C0").rgb()


@pytest.fixture
def coordinator(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "admin.kendari")
    yield station
    station.close()


def pages(document: QPdfDocument) -> list[str]:
    return [document.getAllText(i).text() for i in range(document.pageCount())]


def share_text(value: Share) -> str:
    return percent_text(Measure(value.on_time, value.judged - value.on_time))


def test_pdf_report_is_a4_with_the_figures_charts_and_overdue_list(
        qapp: Any, coordinator: Workstation, tmp_path: Path) -> None:
    target = coordinator.recaps.export(tmp_path / "rekap.pdf", "pdf", MONTH)
    document = QPdfDocument()
    assert document.load(str(target)) == QPdfDocument.Error.None_
    assert document.pageCount() >= 4
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        assert (round(size.width(), 1), round(size.height(), 1)) == A4_POINTS, page
    text = pages(document)
    for number, page_text in enumerate(text, start=1):
        assert f"Halaman {number} dari {len(text)}" in page_text
        assert "Pemerintah Kota Kendari" in page_text and "WITA" in page_text
    first = " ".join(text[0].split())
    engine, config = coordinator.session.require_cache().engine, coordinator.config
    now_total, last_total = count(engine, config, NOW, MONTH).total, \
        count(engine, config, NOW, LAST).total
    received_now, received_last = (sum(t.statuses.values()) for t in (now_total, last_total))
    assert f"Jumlah Laporan {received_last} {received_now} {received_now - received_last:+d}" \
        in first
    assert f"Terlambat {last_total.overdue} {now_total.overdue}" in first
    assert "23 November 2026 14.00 WITA" in first and "UTC" not in first
    now_counts = count_compliance(engine, config, NOW, MONTH)
    last_counts = count_compliance(engine, config, NOW, LAST)
    for heading, which in (("Diverifikasi ≤ 3 HK", "verify"),
                           ("Tindak Lanjut Pertama ≤ 5 HK", "follow_up"),
                           ("Selesai sesuai SLA", "finish")):
        expected = (f"{heading} {share_text(getattr(last_counts.total, which))} "
                    f"{share_text(getattr(now_counts.total, which))}")
        assert expected in first, expected
    overdue = sum(len(v) for v in now_counts.overdue_now.values())
    assert f"Terlambat Saat Ini (semua bulan) {overdue}" in first
    # the overdue list: every complaint overdue now, under its unit
    everything = "\n".join(text)
    for numbers in now_counts.overdue_now.values():
        for tracking in numbers:
            assert str(tracking) in everything
    assert "Daftar laporan terlambat per unit kerja" in everything
    assert "Definisi" in text[-1] and "Selesai sesuai SLA" in text[-1]
    # the charts are drawn (bars in the report's blue on the first page)
    image = document.render(0, QSize(595, 842))
    blue = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixel(x, y) == CHART_BLUE)
    assert blue > 300
    # no reporter, no title
    seen = count(engine, config, NOW)
    assert [n for n in seen.reporter_names if len(n) > 6 and n in everything] == []
    # a title that is a heading's word (citizens title reports "Pengaduan", a type) is not
    # the complaint's text
    assert [t for t in seen.titles if t in everything and t not in TYPE_HEADINGS.values()] == []
    document.close()


def test_pdf_report_of_all_months(qapp: Any, coordinator: Workstation, tmp_path: Path) -> None:
    target = coordinator.recaps.export(tmp_path / "semua.pdf", "pdf")
    document = QPdfDocument()
    assert document.load(str(target)) == QPdfDocument.Error.None_
    first = " ".join(pages(document)[0].split())
    assert "diterima kapan pun (semua periode)" in first and "Sebelumnya: —" in first
    received = sum(count(coordinator.session.require_cache().engine, coordinator.config,
                         NOW).total.statuses.values())
    assert f"Jumlah Laporan — {received} —" in first
    document.close()
