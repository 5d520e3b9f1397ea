"""The monthly recap files against the real server's seeded world, read back with openpyxl and
csv, every figure checked against an independent count of the synced cache: compliance per unit,
last month beside this month, the overdue list per unit, local time, one definition per heading
(the same figure on every sheet), print setup, no identities."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lapor_desk.models.calendar import default_config
from lapor_desk.services import Workstation
from lapor_desk.services.compliance import Measure, OverdueItem
from lapor_desk.services.local_time import WIB, WIT, WITA, zone_for_region
from lapor_desk.services.monthly import MonthlyReport, UnitLine
from lapor_desk.services.oversight import STATUS_ORDER, GroupStats, MonthCount, Oversight, Recap
from lapor_desk.services.recap import csv_rows, write_csv
from lapor_desk.services.recap_terms import STATUS_HEADINGS, TYPE_HEADINGS, group_name, kind_name
from lapor_desk.services.recap_xlsx import HEADER_ROW, write_xlsx
from tests.services.compliance_counts import Share, count_compliance
from tests.services.oversight_counts import count
from tests.services.test_oversight import NOW, station_for
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(240)
MONTH, LAST = date(2026, 10, 1), date(2026, 9, 1)
SHEETS = ["Ringkasan", "Kepatuhan per OPD", "Per Unit Kerja", "Per Kabupaten-Kota",
          "Daftar Laporan Terlambat", "Tren Bulanan", "Definisi"]


@pytest.fixture
def coordinator(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "admin.kendari")
    yield station
    station.close()


@pytest.fixture
def national(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "nasional1")
    yield station
    station.close()


def table(sheet: Any) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def header(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[HEADER_ROW]]


def share(value: Share) -> float | None:
    return value.value


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def test_xlsx_recap_compliance_and_overdue_match_an_independent_count(
        coordinator: Workstation, tmp_path: Path) -> None:
    target = tmp_path / "rekap.xlsx"
    assert coordinator.recaps.export(target, "xlsx", MONTH) == target
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == SHEETS
    engine, config = coordinator.session.require_cache().engine, coordinator.config
    now_counts = count_compliance(engine, config, NOW, MONTH)
    last_counts = count_compliance(engine, config, NOW, LAST)
    names = unit_names(coordinator)

    # Kepatuhan per OPD: one row per unit, both months, against the independent count
    sheet = book["Kepatuhan per OPD"]
    heading = header(sheet)
    assert heading[1] == "Unit Kerja / Instansi"
    assert heading[2:4] == ["Diterima September 2026", "Diterima bulan ini"]
    assert heading[4:7] == ["Diverifikasi ≤ 3 HK: September 2026",
                            "Diverifikasi ≤ 3 HK: bulan ini", "Diverifikasi ≤ 3 HK: dasar bulan ini"]
    assert heading[7].startswith("Tindak Lanjut Pertama ≤ 5 HK")
    assert heading[10].startswith("Selesai sesuai SLA")
    rows = table(sheet)
    body, total = rows[:-1], rows[-1]
    units = set(now_counts.units) | set(last_counts.units) | set(now_counts.overdue_now)
    assert {names[r[1]] for r in body} == units
    judged_somewhere = 0
    for row in body:
        key = names[row[1]]
        want, before = now_counts.units.get(key), last_counts.units.get(key)
        assert row[3] == (want.received if want else 0), row[1]
        assert row[2] == (before.received if before else 0), row[1]
        for offset, which in enumerate(("verify", "follow_up", "finish")):
            column = 4 + offset * 3
            mine = getattr(want, which) if want else Share()
            theirs = getattr(before, which) if before else Share()
            assert close(row[column], share(theirs)), (row[1], which)
            assert close(row[column + 1], share(mine)), (row[1], which)
            assert row[column + 2] == (f"{mine.on_time} dari {mine.judged}" if mine.judged
                                       else "—"), (row[1], which)
            judged_somewhere += mine.judged
            assert sheet.cell(HEADER_ROW + 1 + body.index(row), column + 1).number_format \
                == "0.0%"
        assert row[13] == len(now_counts.overdue_now.get(key, [])), row[1]
    assert judged_somewhere > 10  # the seeded month is judged, not empty
    assert total[1] == "Total" and total[3] == now_counts.total.received
    assert close(total[5], now_counts.total.verify.value)
    assert close(total[8], now_counts.total.follow_up.value)
    assert close(total[11], now_counts.total.finish.value)
    assert 0 < now_counts.total.finish.on_time < now_counts.total.finish.judged  # a real share
    assert total[13] == sum(len(v) for v in now_counts.overdue_now.values()) > 0

    # Daftar Laporan Terlambat: per unit, exactly the complaints overdue now
    listed: dict[str, set[int]] = {}
    current: str | None = None
    for row in table(book["Daftar Laporan Terlambat"]):
        if row[0] is None and row[1] and " — " in str(row[1]):
            current = names[str(row[1]).rsplit(" — ", 1)[0]]
            assert str(row[1]).endswith(f" — {len(now_counts.overdue_now[current])} laporan")
            listed[current] = set()
        elif isinstance(row[0], int):
            assert current is not None
            listed[current].add(row[1])
            assert row[8] >= 0 and row[5] in ("Verifikasi", "Penyelesaian")
    assert listed == {k: set(v) for k, v in now_counts.overdue_now.items()}

    # Ringkasan: last month beside this month, figures equal to the breakdown counts
    summary = book["Ringkasan"]
    assert header(summary)[1:3] == ["Bulan lalu (September 2026)", "Bulan ini (Oktober 2026)"]
    by_name = {r[0]: r for r in table(summary) if r[0]}
    want_now = count(engine, config, NOW, MONTH).total
    want_last = count(engine, config, NOW, LAST).total
    assert by_name["Jumlah Laporan"][1:4] == [sum(want_last.statuses.values()),
                                              sum(want_now.statuses.values()),
                                              sum(want_now.statuses.values())
                                              - sum(want_last.statuses.values())]
    assert by_name["Selesai"][1:3] == [want_last.statuses["done"], want_now.statuses["done"]]
    assert by_name["Terlambat"][2] == want_now.overdue
    assert close(by_name["Selesai sesuai SLA"][2], now_counts.total.finish.value)
    assert close(by_name["Selesai sesuai SLA"][1], last_counts.total.finish.value)
    assert by_name["Terlambat Saat Ini (semua bulan)"][2] == total[13]

    # one figure, one value: "Selesai" of the month on every sheet that shows it
    done = want_now.statuses["done"]
    unit_total = table(book["Per Unit Kerja"])[-1]
    regency_total = table(book["Per Kabupaten-Kota"])[-1]
    done_column = 3 + STATUS_ORDER.index("done")
    assert unit_total[done_column] == regency_total[done_column] == done
    trend = {r[0]: r for r in table(book["Tren Bulanan"])}
    assert header(book["Tren Bulanan"]) == ["Bulan", "Diterima", "Diterima, kini Selesai",
                                            "Diselesaikan pada Bulan Itu"]
    assert trend["Oktober 2026"][1:3] == [sum(want_now.statuses.values()), done]
    # the other "finished" count is named apart and is the independent count of closings
    assert trend["Oktober 2026"][3] == now_counts.finished_in[MONTH] != done
    # the overdue of this month's complaints is part of the overdue list
    in_month = sum(1 for r in table(book["Daftar Laporan Terlambat"])
                   if isinstance(r[0], int) and r[6][2:10] == "-10-2026")
    assert in_month == want_now.overdue

    # every heading used is defined on the Definisi sheet
    defined = {r[0] for r in table(book["Definisi"])}
    for term in ("Selesai", "Terlambat", "Terlambat Saat Ini (semua bulan)",
                 "Diselesaikan pada Bulan Itu", "Diverifikasi ≤ 3 HK",
                 "Tindak Lanjut Pertama ≤ 5 HK", "Selesai sesuai SLA", "HK", "Periode"):
        assert term in defined, term

    # local time: WITA for Kendari, in the note of every table sheet
    for name in SHEETS[1:6]:
        assert "WITA" in str(book[name]["A2"].value), name
    assert "23 November 2026 14.00 WITA" in str(summary["A2"].value)


def unit_names(station: Workstation) -> dict[str, str]:
    """Row name -> unit key, from the directory (the names the sheets print)."""
    directory = station.oversight.directory()
    found = {}
    for node in directory.nodes.values():
        key = directory.unit_key(node.id)
        name, kind = directory.describe(key)
        found[kind_name(kind, name, key)] = key
    return found


def test_xlsx_is_print_ready(coordinator: Workstation, tmp_path: Path) -> None:
    target = coordinator.recaps.export(tmp_path / "rekap.xlsx", "xlsx", MONTH)
    book = openpyxl.load_workbook(target)
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", sheet.title
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
        assert sheet.oddHeader.left.text == "Pemerintah Kota Kendari"
        assert all(c.font.bold for c in sheet[HEADER_ROW] if c.value), sheet.title
    wide = ("Kepatuhan per OPD", "Per Unit Kerja", "Per Kabupaten-Kota", "Daftar Laporan Terlambat")
    assert {book[n].page_setup.orientation for n in wide} == {"landscape"}
    assert book["Ringkasan"].page_setup.orientation == "portrait"


def test_region_gives_the_local_time(coordinator: Workstation, national: Workstation,
                                     tmp_path: Path) -> None:
    assert coordinator.oversight.zone() == WITA
    assert national.oversight.zone() == WIB
    assert [zone_for_region(c) for c in ("7471", "74", "3578", "9471", "81", None, "")] == [
        WITA, WITA, WIB, WIT, WIT, WIB, WIB]
    # a month begins at midnight local time: 1 October 00:00 WITA is 30 September 16:00 UTC
    assert Oversight.month_bounds(MONTH, WITA) == ("2026-09-30T16:00:00.000000Z",
                                                   "2026-10-31T16:00:00.000000Z")
    national.recaps.export(tmp_path / "n.xlsx", "xlsx", MONTH)
    note = openpyxl.load_workbook(tmp_path / "n.xlsx")["Ringkasan"]["A2"].value
    assert "23 November 2026 13.00 WIB" in note and "UTC" not in note


def test_csv_recap_is_excel_friendly(national: Workstation, tmp_path: Path) -> None:
    target = tmp_path / "rekap.csv"
    national.recaps.export(target, "csv", MONTH)
    recap = national.oversight.recap(MONTH)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads letters
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["Rincian", "Periode", "Nama", "Jumlah Laporan"]
    assert rows[0][4:11] == [STATUS_HEADINGS[s] for s in STATUS_ORDER]
    body = rows[1:]
    assert len(body) == len(recap.units) + len(recap.regencies) + 1
    assert {r[1] for r in body} == {"2026-10"}
    units = [r for r in body if r[0] == "Unit kerja"]
    assert [r[2] for r in units] == [group_name(g) for g in recap.units]
    for row, group in zip(units, recap.units, strict=True):
        assert [int(v) for v in row[3:11]] == [group.total, *group.statuses]
    assert body[-1][0] == "Total" and int(body[-1][3]) == recap.total.total


def every_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r
                     if c.value is not None)


def test_exports_carry_no_reporter_identity_or_text(coordinator: Workstation,
                                                   tmp_path: Path) -> None:
    xlsx, csv_path = tmp_path / "r.xlsx", tmp_path / "r.csv"
    coordinator.recaps.export(xlsx, "xlsx", date(2026, 11, 1))
    coordinator.recaps.export(csv_path, "csv")
    seen = count(coordinator.session.require_cache().engine, coordinator.config, NOW)
    assert len(seen.reporter_names) > 20
    texts = every_text(xlsx) + "\n" + csv_path.read_text("utf-8-sig")
    assert [n for n in seen.reporter_names if len(n) > 6 and n in texts] == []
    # a title that is a heading's word (citizens title reports "Pengaduan", a type) is not
    # the complaint's text
    assert [t for t in seen.titles if t in texts and t not in TYPE_HEADINGS.values()] == []


def sample_report(name: str) -> MonthlyReport:
    evil = GroupStats(name, name, "regency", (1, 0, 0, 0, 0, 0, 0), 0, 0, 0, None)
    recap = Recap(date(2026, 1, 1), "Pemerintah Kota Kendari",
                  datetime(2026, 2, 1, tzinfo=UTC), (), (evil,), evil,
                  (MonthCount(date(2026, 1, 1), 1, 0),), WITA)
    line = UnitLine("9", name, "unit", None, None, 1)
    item = OverdueItem("9", 1234567, "pengaduan", name, False, "unverified",
                       datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 1, 8, tzinfo=UTC), 3,
                       9165816)
    return MonthlyReport(recap, None, (line,), line, (item,),
                         default_config().sla)


def test_cells_never_start_a_formula_and_failed_writes_leave_nothing(tmp_path: Path) -> None:
    report = sample_report("=HYPERLINK(\"x\")")
    assert csv_rows(report)[1][2].startswith("'=")
    write_xlsx(report, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book["Per Kabupaten-Kota"].cell(HEADER_ROW + 1, 2).value.startswith("'=")
    assert book["Kepatuhan per OPD"].cell(HEADER_ROW + 1, 2).value.startswith("'=")
    assert table(book["Daftar Laporan Terlambat"])[1][3].startswith("'=")
    assert table(book["Daftar Laporan Terlambat"])[1][9] == 9165816  # SP4N-LAPOR!'s number
    with pytest.raises(OSError):
        write_csv(report, tmp_path / "missing-folder" / "a.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_shares_leave_out_what_is_not_judged_yet() -> None:
    assert Measure(3, 1).share == 0.75 and Measure(0, 0).share is None
    assert Measure(3, 1).judged == 4


def test_unknown_format_is_refused(national: Workstation, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        national.recaps.export(tmp_path / "r.ods", "ods")
    assert not (tmp_path / "r.ods").exists()


def test_recap_of_all_months_has_no_last_month(coordinator: Workstation, tmp_path: Path) -> None:
    """The dashboard opens on "all months": its recap counts every complaint and says so."""
    target = coordinator.recaps.export(tmp_path / "semua.xlsx", "xlsx")
    book = openpyxl.load_workbook(target)
    summary = book["Ringkasan"]
    assert header(summary)[1:3] == ["Sebelumnya: —", "Semua periode"]
    assert "diterima kapan pun (semua periode)" in summary["A2"].value
    engine, config = coordinator.session.require_cache().engine, coordinator.config
    everything = count(engine, config, NOW).total
    by_name = {r[0]: r for r in table(summary) if r[0]}
    assert by_name["Jumlah Laporan"][1:3] == [None, sum(everything.statuses.values())]
    assert table(book["Kepatuhan per OPD"])[-1][3] == sum(everything.statuses.values())
