"""Files written for a register: the rejects of an import, and an empty template.

The rejects file holds the rows an import left out, as the register had them (its header row,
each row's own cells), with two more columns: what is wrong with the row
(:data:`~lapor_desk.sync.register_layout.PROBLEMS_COLUMN`) and the row it was in the register
(:data:`~lapor_desk.sync.register_layout.SOURCE_ROW_COLUMN`). A person fixes the rows and imports
the file again; both added columns are left aside when it is read. ``.xlsx`` writes a workbook,
anything else a CSV with semicolons in UTF-8 with a byte-order mark (Excel opens it as is).

The template is a workbook whose header names every column the importer knows, with drop-down
lists for the columns that take a value from a list (type, channel, category, yes/no).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from lapor_desk.models.cache.file_writes import atomic_file
from lapor_desk.models.categories import taxonomy
from lapor_desk.sync.importer import RegisterRow
from lapor_desk.sync.register_layout import PROBLEMS_COLUMN, SOURCE_ROW_COLUMN, Layout

#: (field, code) -> the words a person reads in the problems column.
Describe = Callable[[str, str], str]

#: The template's columns: (header, the values its drop-down list offers, or () for free text).
TEMPLATE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tanggal Diterima", ()),
    ("Perihal", ()),
    ("Uraian Pengaduan", ()),
    ("Jenis", ("Pengaduan", "Aspirasi", "Permintaan Informasi")),
    ("Cara Penyampaian", ("Tatap Muka", "Surat", "Telepon", "Radio", "Koran", "Email",
                          "WhatsApp", "SMS")),
    ("Kategori", ()),  # its list is the taxonomy's (a sheet of its own: too long to inline)
    ("Provinsi", ()),
    ("Kabupaten/Kota", ()),
    ("Kecamatan", ()),
    ("Kelurahan/Desa", ()),
    ("Tanggal Kejadian", ()),
    ("Nama Pengadu", ()),
    ("NIK", ()),
    ("No. HP", ()),
    ("Email Pengadu", ()),
    ("Anonim", ("Tidak", "Ya")),
    ("Rahasia", ("Tidak", "Ya")),
)
TEMPLATE_ROWS = 1000
CHOICES_SHEET = "Pilihan"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value.day}/{value.month}/{value.year}"
        return f"{value.day}/{value.month}/{value.year} {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    return str(value)


def _problems(row: RegisterRow, layout: Layout, describe: Describe | None) -> str:
    names = {f: h for h, f in zip(layout.headers, layout.fields) if f}
    words = []
    for error in row.errors:
        if describe is not None:
            words.append(describe(error.field, error.code))
        else:
            words.append(f"{names.get(error.field, error.field)}: {error.code}")
    return "; ".join(words)


def rejects_table(layout: Layout, rows: Sequence[RegisterRow],
                  describe: Describe | None = None) -> list[list[Any]]:
    """The rejects as rows: the register's header, then each bad row's cells, with the two
    added columns (the header's own added columns, from a rejects file read back, dropped)."""
    own = {i for i, h in enumerate(layout.headers) if h in (PROBLEMS_COLUMN, SOURCE_ROW_COLUMN)}
    keep = [i for i in range(len(layout.headers)) if i not in own]
    table: list[list[Any]] = [[layout.headers[i] for i in keep]
                              + [PROBLEMS_COLUMN, SOURCE_ROW_COLUMN]]
    for row in rows:
        cells = [row.cells[i] if i < len(row.cells) else None for i in keep]
        source = next((row.cells[i] for i in own if i < len(row.cells)
                       and layout.headers[i] == SOURCE_ROW_COLUMN and row.cells[i]), row.row)
        table.append(cells + [_problems(row, layout, describe), source])
    return table


def write_rejects(path: Path, layout: Layout, rows: Sequence[RegisterRow],
                  describe: Describe | None = None) -> Path:
    """Write the rejected rows to ``path`` (XLSX for ``.xlsx``, else CSV), whole or not at all."""
    table = rejects_table(layout, rows, describe)
    if path.suffix.casefold() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Ditolak"
        for values in table:
            sheet.append(values)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        problems = sheet.cell(row=1, column=len(table[0]) - 1).column_letter
        sheet.column_dimensions[problems].width = 60
        for cell in sheet[problems][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        data = io.BytesIO()
        book.save(data)
        payload = data.getvalue()
    else:
        text = io.StringIO(newline="")
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        for values in table:
            writer.writerow([_cell_text(v) for v in values])
        payload = ("\ufeff" + text.getvalue()).encode("utf-8")
    with atomic_file(path, prefix=".rejects-") as out:
        out.write(payload)
    return path


def write_template(path: Path) -> Path:
    """An empty register (XLSX): the header row, drop-down lists, the dates' format."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    choices = book.create_sheet(CHOICES_SHEET)
    lists = {header: values for header, values in TEMPLATE_COLUMNS}
    lists["Kategori"] = tuple(taxonomy().tree)
    sheet.append([header for header, _values in TEMPLATE_COLUMNS])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for column, (header, _values) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font, cell.fill = Font(bold=True), fill
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = 50 if header == "Uraian Pengaduan" else 20
        values = lists.get(header) or ()
        if values:
            choices.cell(row=1, column=column, value=header)
            for offset, value in enumerate(values, start=2):
                choices.cell(row=offset, column=column, value=value)
            source = (f"={quote_sheetname(CHOICES_SHEET)}!${letter}$2:${letter}$"
                      f"{len(values) + 1}")
            rule = DataValidation(type="list", formula1=source, allow_blank=True)
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(rule)
        if header.startswith("Tanggal"):
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=column).number_format = "d/m/yyyy"
    choices.sheet_state = "hidden"
    sheet.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    with atomic_file(path, prefix=".template-") as out:
        out.write(data.getvalue())
    return path
