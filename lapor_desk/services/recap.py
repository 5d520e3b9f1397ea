"""The monthly recap (rekapitulasi) as files for leadership and evaluators: XLSX and CSV.

The recap is a document in Bahasa Indonesia whatever the UI language, so its headings live here
as data. It holds aggregates only: agency and kabupaten/kota names and counts, never a reporter,
a title or a complaint's text (anonim/rahasia cannot leak through it).

- XLSX: sheets *Ringkasan* (scope, period, totals), *Per Unit Kerja*, *Per Kabupaten-Kota* and
  *Tren Bulanan*; bold header row, frozen under the header, fitted column widths, a bold total.
- CSV: one table, UTF-8 with a BOM (Excel opens it with the right letters), ``;`` between fields
  and a decimal comma, as Excel expects in an Indonesian locale. The first column says which
  breakdown a row belongs to (``Unit kerja``, ``Kabupaten/Kota``, ``Total``).

Files are written to a temporary name beside the target and then renamed, so a failed export
never leaves half a file under the chosen name.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lapor_desk.services.oversight import STATUS_ORDER, GroupStats, MonthCount, Recap

STATUS_HEADINGS = {
    "unverified": "Belum Terverifikasi",
    "forwarded": "Terdisposisi, Belum Ditindaklanjuti",
    "in_progress": "Terdisposisi, Sedang Diproses",
    "reporter_responded": "Ditanggapi oleh Pelapor",
    "postponed": "Tertunda",
    "done": "Selesai",
    "archived": "Arsip",
}
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
TOTAL_HEADING = "Jumlah Laporan"
OVERDUE_HEADING = "Terlambat"
UNFOLLOWED_HEADING = "Tanpa Tindak Lanjut"
MEDIAN_HEADING = "Median Waktu Tindak Lanjut Pertama (HK)"
UNIT_HEADING = "Unit Kerja / Instansi"
REGENCY_HEADING = "Kabupaten/Kota"
CSV_DELIMITER = ";"
#: Characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def period_text(month: date | None) -> str:
    return f"{MONTHS_ID[month.month - 1]} {month.year}" if month is not None else "Semua periode"


def group_name(group: GroupStats) -> str:
    if group.kind == "scope":
        return f"{group.name} (belum didisposisikan ke unit)"
    if group.kind == "none":
        return "Tidak disebutkan"
    if group.kind == "unknown":
        return f"Unit tidak dikenal ({group.key})"
    if group.kind == "total":
        return "Total"
    return group.name


def headings(first: str) -> list[str]:
    return [first, TOTAL_HEADING, *(STATUS_HEADINGS[s] for s in STATUS_ORDER),
            OVERDUE_HEADING, UNFOLLOWED_HEADING, MEDIAN_HEADING]


def values(group: GroupStats) -> list[object]:
    """The numbers of a row in the order of :func:`headings` (after the name)."""
    return [group.total, *group.statuses, group.overdue, group.unfollowed,
            group.median_follow_up_days]


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _replace(temporary: Path, target: Path) -> None:
    os.replace(temporary, target)


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.part")


# --- XLSX ---------------------------------------------------------------------------------------

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E3EDF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet: object, row: Sequence[str]) -> None:
    sheet.append(list(row))  # type: ignore[attr-defined]
    for cell in sheet[sheet.max_row]:  # type: ignore[index, attr-defined]
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP


def _widths(sheet: object, widths: Iterable[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width  # type: ignore[attr-defined]


def _breakdown_sheet(book: Workbook, title: str, first: str, groups: Sequence[GroupStats],
                     total: GroupStats) -> None:
    sheet = book.create_sheet(title)
    _header(sheet, ["No", *headings(first)])
    for number, group in enumerate(groups, start=1):
        sheet.append([number, _safe(group_name(group)), *values(group)])
    sheet.append(["", "Total", *values(total)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    longest = max((len(group_name(g)) for g in groups), default=10)
    _widths(sheet, [5, min(max(longest, len(first)) + 2, 70), 10,
                    *(14 for _ in STATUS_ORDER), 12, 16, 18])
    sheet.row_dimensions[1].height = 48
    sheet.freeze_panes = "C2"
    for row in sheet.iter_rows(min_row=2, min_col=sheet.max_column, max_col=sheet.max_column):
        for cell in row:
            cell.number_format = "0.0"


def _summary_sheet(book: Workbook, recap: Recap) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ringkasan"
    sheet.append(["Rekapitulasi Pengaduan SP4N-LAPOR!"])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in (("Lingkup", recap.scope_name),
                         ("Periode (tanggal laporan diterima)", period_text(recap.month)),
                         ("Dibuat", recap.generated_at.strftime("%Y-%m-%d %H:%M UTC"))):
        sheet.append([label, _safe(value)])
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append([])
    _header(sheet, ["Ukuran", "Nilai"])
    total = recap.total
    rows: list[tuple[str, object]] = [(TOTAL_HEADING, total.total)]
    rows += [(STATUS_HEADINGS[s], n) for s, n in zip(STATUS_ORDER, total.statuses, strict=True)]
    rows += [(OVERDUE_HEADING, total.overdue), (UNFOLLOWED_HEADING, total.unfollowed),
             (MEDIAN_HEADING, total.median_follow_up_days)]
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append([("Catatan: status adalah status saat rekap dibuat; HK = hari kerja (tanpa akhir "
                  "pekan dan libur nasional). Rekap ini tidak memuat identitas pelapor.")])
    _widths(sheet, [46, 44])


def _trend_sheet(book: Workbook, trend: Sequence[MonthCount]) -> None:
    sheet = book.create_sheet("Tren Bulanan")
    _header(sheet, ["Bulan", "Diterima", "Selesai"])
    for month in trend:
        sheet.append([period_text(month.month), month.received, month.finished])
    _widths(sheet, [20, 12, 12])
    sheet.freeze_panes = "A2"


def write_xlsx(recap: Recap, path: Path) -> None:
    book = Workbook()
    _summary_sheet(book, recap)
    _breakdown_sheet(book, "Per Unit Kerja", UNIT_HEADING, recap.units, recap.total)
    _breakdown_sheet(book, "Per Kabupaten-Kota", REGENCY_HEADING, recap.regencies, recap.total)
    _trend_sheet(book, recap.trend)
    temporary = _temporary(path)
    try:
        book.save(temporary)
        _replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# --- CSV ----------------------------------------------------------------------------------------

def _decimal(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def csv_rows(recap: Recap) -> list[list[str]]:
    period = "semua" if recap.month is None else f"{recap.month.year:04d}-{recap.month.month:02d}"
    rows = [["Rincian", "Periode", *headings("Nama")]]
    for kind, groups in (("Unit kerja", recap.units), ("Kabupaten/Kota", recap.regencies)):
        for group in groups:
            rows.append([kind, period, _safe(group_name(group)),
                         *(_decimal(v) for v in values(group))])
    rows.append(["Total", period, _safe(recap.scope_name),
                 *(_decimal(v) for v in values(recap.total))])
    return rows


def write_csv(recap: Recap, path: Path) -> None:
    temporary = _temporary(path)
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=CSV_DELIMITER).writerows(csv_rows(recap))
        _replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


#: The formats a recap is exported in (``Oversight.export_recap``).
WRITERS: dict[str, Callable[[Recap, Path], None]] = {"xlsx": write_xlsx, "csv": write_csv}
