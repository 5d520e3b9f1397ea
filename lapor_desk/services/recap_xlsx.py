"""The monthly recap as an Excel workbook, ready to print.

Sheets: *Ringkasan* (last month beside this month), *Kepatuhan per OPD* (the three compliance
shares per unit, both months, and the overdue now), *Per Unit Kerja* and *Per Kabupaten-Kota*
(statuses of this month's complaints), *Daftar Laporan Terlambat* (every complaint overdue now,
grouped per unit), *Tren Bulanan* and *Definisi* (what every heading counts).

Each table sheet opens with its title and a line saying which complaints it counts and as of
when (local time of the region), with its header row on :data:`HEADER_ROW`. Printing: A4, fitted
to the page width, the header repeated on every page, a page number in the footer.
Percentages are numbers (a fraction shown as ``0.0%``) so a reader can compute with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from lapor_desk.services.compliance import MEASURES, Compliance, per_unit
from lapor_desk.services.monthly import MonthlyReport, UnitLine
from lapor_desk.services.oversight import STATUS_ORDER, GroupStats
from lapor_desk.services.recap_terms import (
    FINISHED_IN_MONTH_HEADING,
    MEDIAN_HEADING,
    OVERDUE_HEADING,
    OVERDUE_NOW_HEADING,
    RATED_HEADING,
    RATING_HEADING,
    REGENCY_HEADING,
    STAGE_HEADINGS,
    STATUS_HEADINGS,
    TITLE,
    TOTAL_HEADING,
    TYPE_HEADINGS,
    UNFOLLOWED_HEADING,
    UNIT_HEADING,
    category_text,
    definitions,
    group_name,
    kind_name,
    measure_heading,
    period_text,
    received_phrase,
    safe,
    write_atomically,
)

HEADER_ROW = 4
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
NOTE_FONT = Font(italic=True, color="455A64")
HEADER_FILL = PatternFill("solid", fgColor="E3EDF7")
GROUP_FILL = PatternFill("solid", fgColor="F1F4F7")
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Border(bottom=Side(style="thin", color="B0BEC5"))
PERCENT = "0.0%"
#: Shares below these are marked (red, amber); at or above the second, green.
POOR, FAIR = 0.5, 0.8
FILLS = {"poor": PatternFill("solid", fgColor="FFCDD2"),
         "fair": PatternFill("solid", fgColor="FFE0B2"),
         "good": PatternFill("solid", fgColor="C8E6C9")}


def headings(first: str) -> list[str]:
    return [first, TOTAL_HEADING, *(STATUS_HEADINGS[s] for s in STATUS_ORDER),
            OVERDUE_HEADING, UNFOLLOWED_HEADING, MEDIAN_HEADING, RATING_HEADING, RATED_HEADING]


def values(group: GroupStats) -> list[object]:
    """The numbers of a row in the order of :func:`headings` (after the name)."""
    return [group.total, *group.statuses, group.overdue, group.unfollowed,
            group.median_follow_up_days, group.rating_average, group.rated]


def _share(compliance: Compliance | None, which: str) -> float | None:
    return compliance.measure(which).share if compliance is not None else None


def _basis(compliance: Compliance | None, which: str) -> str:
    if compliance is None or not compliance.measure(which).judged:
        return "—"
    measure = compliance.measure(which)
    return f"{measure.on_time} dari {measure.judged}"


RIGHT = Alignment(horizontal="right")


def _mark(cell: Any, share: float | None) -> None:
    cell.number_format = PERCENT
    if share is not None:
        cell.fill = FILLS["poor" if share < POOR else "fair" if share < FAIR else "good"]


class _Sheet:
    """One table sheet: title, note, header on HEADER_ROW, print setup."""

    def __init__(self, book: Workbook, title: str, report: MonthlyReport, heading: str,
                 note: str, landscape: bool = True, sheet: Any = None) -> None:
        self.sheet = sheet if sheet is not None else book.create_sheet(title)
        if sheet is not None:
            self.sheet.title = title
        self.sheet["A1"] = safe(heading)
        self.sheet["A1"].font = TITLE_FONT
        self.sheet["A2"] = safe(note)
        self.sheet["A2"].font = NOTE_FONT
        setup = self.sheet.page_setup
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_options.horizontalCentered = True
        margins = self.sheet.page_margins  # inches; the header and footer inside top/bottom
        margins.left = margins.right = 0.5
        margins.top = margins.bottom = 0.85
        margins.header = margins.footer = 0.3
        self.sheet.oddHeader.left.text = safe(report.current.scope_name).replace("&", "&&")
        self.sheet.oddHeader.right.text = period_text(report.current.month)
        self.sheet.oddFooter.left.text = f"{TITLE} · dibuat {_stamp(report)}".replace("&", "&&")
        self.sheet.oddFooter.right.text = "Halaman &P dari &N"

    def header(self, row: Sequence[str], widths: Iterable[float]) -> None:
        sheet = self.sheet
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(HEADER_ROW, column, text)
            cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.row_dimensions[HEADER_ROW].height = 48
        sheet.freeze_panes = f"C{HEADER_ROW + 1}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    def append(self, row: Sequence[object], bold: bool = False) -> int:
        self.sheet.append(list(row))
        number = int(self.sheet.max_row)
        if bold:
            for cell in self.sheet[number]:
                cell.font = BOLD
        return number


def _stamp(report: MonthlyReport) -> str:
    return report.zone.stamp(report.current.generated_at)


def _note(report: MonthlyReport) -> str:
    return (f"Laporan yang {received_phrase(report.current.month)} (waktu "
            f"{report.zone.abbreviation}); status per {_stamp(report)}. Definisi setiap kolom: "
            "lembar Definisi.")


def _summary(book: Workbook, report: MonthlyReport) -> None:
    current, previous = report.current, report.previous
    page = _Sheet(book, "Ringkasan", report, f"{TITLE} — {current.scope_name}", _note(report),
                  landscape=False, sheet=book.active)
    if previous is not None:
        columns = [f"Bulan lalu ({period_text(previous.month)})",
                   f"Bulan ini ({period_text(current.month)})"]
    else:
        columns = ["Sebelumnya: —", period_text(current.month)]
    page.header(["Ukuran", *columns, "Perubahan"], [44, 18, 18, 14])
    page.sheet.freeze_panes = f"A{HEADER_ROW + 1}"

    def counts(group: GroupStats | None) -> list[object]:
        if group is None:
            return [None] * (len(STATUS_ORDER) + 4)
        return [group.total, *group.statuses, group.overdue, group.unfollowed,
                group.median_follow_up_days]

    names = [TOTAL_HEADING, *(STATUS_HEADINGS[s] for s in STATUS_ORDER), OVERDUE_HEADING,
             UNFOLLOWED_HEADING, MEDIAN_HEADING]
    for name, before, now in zip(names, counts(previous.total if previous else None),
                                 counts(current.total), strict=True):
        change = now - before if isinstance(now, (int, float)) and isinstance(
            before, (int, float)) else None
        row = page.append([name, before, now, change])
        for column in (2, 3, 4):
            page.sheet.cell(row, column).number_format = "0.0" if name == MEDIAN_HEADING \
                else "0"
        page.sheet.cell(row, 4).number_format = "+0;-0;0" if name != MEDIAN_HEADING \
            else "+0.0;-0.0;0.0"
    for which in MEASURES:
        before_share = _share(report.total.previous, which)
        now_share = _share(report.total.current, which)
        row = page.append([measure_heading(which, report.sla), before_share, now_share,
                           (now_share - before_share) * 100
                           if now_share is not None and before_share is not None else None])
        _mark(page.sheet.cell(row, 2), before_share)
        _mark(page.sheet.cell(row, 3), now_share)
        page.sheet.cell(row, 4).number_format = '+0.0" poin";-0.0" poin";0.0" poin"'
        row = page.append(["   dasar: tepat waktu dari yang dinilai",
                           _basis(report.total.previous, which),
                           _basis(report.total.current, which), None])
        for column in (2, 3):
            page.sheet.cell(row, column).alignment = RIGHT
    page.append([])
    page.append([OVERDUE_NOW_HEADING, None, report.total.overdue_now, None], bold=True)
    page.append([])
    page.append([("Angka bulan lalu dan bulan ini dihitung pada saat yang sama, dengan definisi "
                 "yang sama (lembar Definisi).")])


def _compliance(book: Workbook, report: MonthlyReport) -> None:
    page = _Sheet(book, "Kepatuhan per OPD", report,
                  f"Kepatuhan per Unit Kerja — {period_text(report.current.month)}",
                  _note(report) + " Persentase: tepat waktu dari yang sudah dinilai.")
    last = period_text(report.previous.month) if report.previous is not None else "bulan lalu"
    row: list[str] = ["No", UNIT_HEADING, f"Diterima {last}", "Diterima bulan ini"]
    for which in MEASURES:
        heading = measure_heading(which, report.sla)
        row += [f"{heading}: {last}", f"{heading}: bulan ini", f"{heading}: dasar bulan ini"]
    row.append(OVERDUE_NOW_HEADING)
    page.header(row, [5, 56, 11, 11, *([12, 12, 13] * len(MEASURES)), 14])
    page.sheet.row_dimensions[HEADER_ROW].height = 80

    def line_row(number: object, name: str, line: UnitLine) -> list[object]:
        cells: list[object] = [number, safe(name),
                               line.previous.received if line.previous else 0,
                               line.current.received if line.current else 0]
        for which in MEASURES:
            cells += [_share(line.previous, which), _share(line.current, which),
                      _basis(line.current, which)]
        return [*cells, line.overdue_now]

    for number, line in enumerate(report.lines, start=1):
        index = page.append(line_row(number, kind_name(line.kind, line.name, line.key), line))
        _marks(page, index, line)
    index = page.append(line_row("", "Total", report.total), bold=True)
    _marks(page, index, report.total)


def _marks(page: _Sheet, row: int, line: UnitLine) -> None:
    for offset, which in enumerate(MEASURES):
        column = 5 + offset * 3
        _mark(page.sheet.cell(row, column), _share(line.previous, which))
        _mark(page.sheet.cell(row, column + 1), _share(line.current, which))
        page.sheet.cell(row, column + 2).alignment = RIGHT


def _breakdown(book: Workbook, report: MonthlyReport, title: str, first: str,
               groups: Sequence[GroupStats]) -> None:
    page = _Sheet(book, title, report, f"{title} — {period_text(report.current.month)}",
                  _note(report))
    page.header(["No", *headings(first)],
                [5, 46, 10, *(14 for _ in STATUS_ORDER), 12, 14, 16, 14, 12])
    longest = max((len(group_name(g)) for g in groups), default=10)
    page.sheet.column_dimensions["B"].width = min(max(longest, len(first)) + 2, 70)
    for number, group in enumerate(groups, start=1):
        page.append([number, safe(group_name(group)), *values(group)])
    page.append(["", "Total", *values(report.current.total)], bold=True)
    names = ["No", *headings(first)]
    for heading in (MEDIAN_HEADING, RATING_HEADING):
        for cell in page.sheet[get_column_letter(names.index(heading) + 1)][HEADER_ROW:]:
            cell.number_format = "0.0"


def _overdue(book: Workbook, report: MonthlyReport) -> None:
    page = _Sheet(book, "Daftar Laporan Terlambat", report,
                  f"Laporan Terlambat per Unit Kerja — per {_stamp(report)}",
                  f"Semua laporan yang kini terlambat, kapan pun diterimanya (waktu "
                  f"{report.zone.abbreviation}); terlama di atas. Jumlahnya sama dengan kolom "
                  f"\"{OVERDUE_NOW_HEADING}\" di lembar Kepatuhan per OPD.")
    page.header(["No", "Nomor Laporan", "Jenis", "Kategori", "Status",
                 "Tahap (tenggat yang lewat)", "Diterima", "Tenggat", "Lewat (HK)",
                 "Nomor SP4N-LAPOR!"],
                [5, 14, 18, 48, 34, 14, 17, 17, 10, 16])
    page.sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    grouped = per_unit(report.overdue)
    number = 0
    for line in report.lines:
        items = grouped.get(line.key, [])
        if not items:
            continue
        name = kind_name(line.kind, line.name, line.key)
        row = page.append(["", safe(f"{name} — {len(items)} laporan")], bold=True)
        for cell in page.sheet[row]:
            cell.fill = GROUP_FILL
        for item in sorted(items, key=lambda i: (-i.working_days_late, i.due)):
            number += 1
            received = report.zone.local(item.received_at)
            due = report.zone.local(item.due)
            page.append([number, item.tracking_number,
                         TYPE_HEADINGS.get(item.complaint_type, item.complaint_type),
                         category_text(item),
                         STATUS_HEADINGS.get(item.status, item.status),
                         STAGE_HEADINGS[item.stage],
                         received.strftime("%d-%m-%Y %H.%M"), due.strftime("%d-%m-%Y %H.%M"),
                         item.working_days_late,
                         item.national_tracking_number or "Belum tercatat"])
    if number == 0:
        page.append(["", "Tidak ada laporan yang terlambat."])
    page.append([])
    page.append(["", f"Jumlah: {number} laporan"], bold=True)


def _trend(book: Workbook, report: MonthlyReport) -> None:
    page = _Sheet(book, "Tren Bulanan", report, "Tren Bulanan",
                  f"Per bulan kalender (waktu {report.zone.abbreviation}); status per "
                  f"{_stamp(report)}.", landscape=False)
    page.header(["Bulan", "Diterima", "Diterima, kini Selesai", FINISHED_IN_MONTH_HEADING],
                [20, 12, 16, 18])
    page.sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for month in report.current.trend:
        page.append([period_text(month.month), month.received, month.received_done,
                     month.finished])


def _definitions(book: Workbook, report: MonthlyReport) -> None:
    page = _Sheet(book, "Definisi", report, "Definisi",
                  "Setiap angka di semua lembar dan di laporan PDF memakai definisi ini.",
                  landscape=False)
    page.header(["Istilah", "Yang dihitung"], [34, 100])
    page.sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for term, meaning in definitions(report):
        row = page.append([term, meaning])
        page.sheet.cell(row, 1).font = BOLD
        page.sheet.cell(row, 1).alignment = WRAP
        page.sheet.cell(row, 2).alignment = WRAP
        page.sheet.row_dimensions[row].height = 15 * (len(meaning) // 95 + 1)


def write_xlsx(report: MonthlyReport, path: Path) -> None:
    book = Workbook()
    _summary(book, report)
    _compliance(book, report)
    _breakdown(book, report, "Per Unit Kerja", UNIT_HEADING, report.current.units)
    _breakdown(book, report, "Per Kabupaten-Kota", REGENCY_HEADING, report.current.regencies)
    _overdue(book, report)
    _trend(book, report)
    _definitions(book, report)
    for sheet in book.worksheets:
        for cell in sheet[HEADER_ROW]:
            cell.border = THIN
    write_atomically(path, lambda temporary: book.save(temporary))
