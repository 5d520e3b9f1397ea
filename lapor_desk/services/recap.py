"""The monthly recap's files: XLSX (services/recap_xlsx.py), PDF (services/recap_pdf.py) and CSV.

All three are written from one :class:`~lapor_desk.services.monthly.MonthlyReport` with the
words of services/recap_terms.py. The recap holds aggregates, tracking numbers, types and
categories only: never a reporter, a title or a complaint's text (anonim/rahasia cannot leak
through it).

CSV: one table, UTF-8 with a BOM (Excel opens it with the right letters), ``;`` between fields
and a decimal comma, as Excel expects in an Indonesian locale. The first column says which
breakdown a row belongs to (``Unit kerja``, ``Kabupaten/Kota``, ``Total``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from lapor_desk.services.monthly import MonthlyReport, ReportWriter
from lapor_desk.services.recap_pdf import write_pdf
from lapor_desk.services.recap_terms import group_name, safe, write_atomically
from lapor_desk.services.recap_xlsx import headings, values, write_xlsx

CSV_DELIMITER = ";"


def _decimal(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def csv_rows(report: MonthlyReport) -> list[list[str]]:
    recap = report.current
    period = "semua" if recap.month is None else f"{recap.month.year:04d}-{recap.month.month:02d}"
    rows = [["Rincian", "Periode", *headings("Nama")]]
    for kind, groups in (("Unit kerja", recap.units), ("Kabupaten/Kota", recap.regencies)):
        for group in groups:
            rows.append([kind, period, safe(group_name(group)),
                         *(_decimal(v) for v in values(group))])
    rows.append(["Total", period, safe(recap.scope_name),
                 *(_decimal(v) for v in values(recap.total))])
    return rows


def write_csv(report: MonthlyReport, path: Path) -> None:
    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=CSV_DELIMITER).writerows(csv_rows(report))

    write_atomically(path, write)


#: The formats a recap is exported in (``MonthlyRecaps.export``).
WRITERS: dict[str, ReportWriter] = {"xlsx": write_xlsx, "pdf": write_pdf, "csv": write_csv}
