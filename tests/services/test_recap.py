"""The monthly recap files, read back with openpyxl and csv: headings, numbers, no identities."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from lapor_desk.services import Workstation
from lapor_desk.services.oversight import STATUS_ORDER, GroupStats, MonthCount, Recap
from lapor_desk.services.recap import (
    MEDIAN_HEADING,
    STATUS_HEADINGS,
    csv_rows,
    group_name,
    write_csv,
    write_xlsx,
)
from tests.services.oversight_counts import count
from tests.services.test_oversight import NOW, station_for
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)
MONTH = date(2026, 10, 1)


@pytest.fixture
def national(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "nasional1")
    yield station
    station.close()


def numbers(group: GroupStats) -> list[object]:
    return [group.total, *group.statuses, group.overdue, group.unfollowed,
            group.median_follow_up_days]


def every_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r
                     if c.value is not None)


def test_xlsx_recap_reads_back_with_every_figure(national: Workstation, tmp_path: Path) -> None:
    target = tmp_path / "rekap.xlsx"
    assert national.oversight.export_recap(target, "xlsx", MONTH) == target
    recap = national.oversight.recap(MONTH)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Ringkasan", "Per Unit Kerja", "Per Kabupaten-Kota",
                               "Tren Bulanan"]
    summary = book["Ringkasan"]
    assert summary["B3"].value == "Oktober 2026"
    assert summary["B2"].value == recap.scope_name
    for key, groups, first in (("Per Unit Kerja", recap.units, "Unit Kerja / Instansi"),
                               ("Per Kabupaten-Kota", recap.regencies, "Kabupaten/Kota")):
        sheet = book[key]
        header = [c.value for c in sheet[1]]
        assert header[:3] == ["No", first, "Jumlah Laporan"]
        assert header[3:10] == [STATUS_HEADINGS[s] for s in STATUS_ORDER]
        assert header[-1] == MEDIAN_HEADING
        assert all(c.font.bold for c in sheet[1])
        assert sheet.column_dimensions["B"].width >= 20
        assert sheet.freeze_panes == "C2"
        rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
        assert len(rows) == len(groups) + 1
        for row, group in zip(rows, groups, strict=False):
            assert row[1] == group_name(group)
            assert row[2:] == numbers(group)
        assert rows[-1][1] == "Total" and rows[-1][2:] == numbers(recap.total)
        assert all(c.font.bold for c in sheet[sheet.max_row])
    trend = [[c.value for c in r] for r in book["Tren Bulanan"].iter_rows(min_row=2)]
    assert trend[-1] == ["Oktober 2026", recap.trend[-1].received, recap.trend[-1].finished]
    assert len(trend) == 12
    # the figures are the independent count's, and the recap is not empty
    want = count(national.session.require_cache().engine, national.config, NOW, MONTH)
    assert recap.total.total == sum(want.total.statuses.values()) > 0
    assert recap.total.overdue == want.total.overdue


def test_csv_recap_is_excel_friendly(national: Workstation, tmp_path: Path) -> None:
    target = tmp_path / "rekap.csv"
    national.oversight.export_recap(target, "csv", MONTH)
    recap = national.oversight.recap(MONTH)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the letters right
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["Rincian", "Periode", "Nama", "Jumlah Laporan"]
    assert rows[0][4:11] == [STATUS_HEADINGS[s] for s in STATUS_ORDER]
    body = rows[1:]
    assert len(body) == len(recap.units) + len(recap.regencies) + 1
    assert {r[1] for r in body} == {"2026-10"}
    units = [r for r in body if r[0] == "Unit kerja"]
    regencies = [r for r in body if r[0] == "Kabupaten/Kota"]
    assert [r[2] for r in units] == [group_name(g) for g in recap.units]
    assert [r[2] for r in regencies] == [group_name(g) for g in recap.regencies]
    for row, group in zip(units + regencies, recap.units + recap.regencies, strict=True):
        assert [int(v) for v in row[3:13]] == numbers(group)[:10]
        median = group.median_follow_up_days
        assert row[13] == ("" if median is None else f"{median:.1f}".replace(".", ","))
    assert body[-1][0] == "Total" and int(body[-1][3]) == recap.total.total


def test_exports_carry_no_reporter_identity_or_text(national: Workstation,
                                                   tmp_path: Path) -> None:
    xlsx, csv_path = tmp_path / "r.xlsx", tmp_path / "r.csv"
    national.oversight.export_recap(xlsx, "xlsx")
    national.oversight.export_recap(csv_path, "csv")
    seen = count(national.session.require_cache().engine, national.config, NOW)
    assert len(seen.reporter_names) > 20
    texts = every_text(xlsx) + "\n" + csv_path.read_text("utf-8-sig")
    leaked = [n for n in seen.reporter_names if len(n) > 6 and n in texts]
    assert leaked == []
    assert [t for t in seen.titles if t in texts] == []


def test_cells_never_start_a_formula_and_failed_writes_leave_nothing(tmp_path: Path) -> None:
    evil = GroupStats("=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", "regency",
                      (1, 0, 0, 0, 0, 0, 0), 0, 0, 0, None)
    recap = Recap(date(2026, 1, 1), "Pemerintah Kota Kendari",
                  datetime(2026, 2, 1, tzinfo=UTC), (), (evil,), evil,
                  (MonthCount(date(2026, 1, 1), 1, 0),))
    rows = csv_rows(recap)
    assert rows[1][2].startswith("'=")
    write_xlsx(recap, tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["Per Kabupaten-Kota"]
    assert sheet["B2"].value.startswith("'=")
    with pytest.raises(OSError):
        write_csv(recap, tmp_path / "missing-folder" / "a.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_unknown_format_is_refused(national: Workstation, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        national.oversight.export_recap(tmp_path / "r.pdf", "pdf")
    assert not (tmp_path / "r.pdf").exists()
