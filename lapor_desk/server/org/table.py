"""The organisation file: a pemda's units as a CSV or XLSX table, read and written.

Columns (the header row names them; case and spaces do not matter, their order neither):

``kode``       the unit's code, unique on the server (``DINKES``, ``7405.PUSK.ANDOOLO``)
``nama``       its name as the admins know it
``singkatan``  other names, comma-separated ("Dinas PUPR, PU, Bina Marga"); the desktop's unit
               search finds the unit by them
``induk``      the parent's ``kode`` (in the file or already on the server); empty: directly under
               the national root
``tingkat``    optional: ``instansi`` (a pemda, K/L, BUMN: has its own admins) or ``unit`` (an
               OPD, puskesmas, kecamatan); empty: ``instansi`` directly under the national root,
               ``unit`` below anything else
``aktif``      optional: ``ya`` (the default) or ``tidak``

A CSV may be separated by commas or semicolons (Excel in an Indonesian locale writes semicolons)
and may start with a byte order mark. Empty lines are skipped; line numbers count from the header
(line 1) as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The columns in the order ``org export`` writes them.
COLUMNS = ("kode", "nama", "singkatan", "induk", "tingkat", "aktif")
#: The columns a file must have.
REQUIRED = ("kode", "nama", "singkatan", "induk")


class TableError(Exception):
    """The file cannot be read as an organisation table (a message in Indonesian)."""


@dataclass(frozen=True)
class RawRow:
    """One line of the file as written (texts stripped; a missing optional column is '')."""

    line: int
    kode: str
    nama: str
    singkatan: str
    induk: str
    tingkat: str = ""
    aktif: str = ""


def _norm_header(value: object) -> str:
    return " ".join(str(value or "").replace("\ufeff", "").split()).casefold()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code like 7405 typed as a number in the spreadsheet
    return " ".join(str(value).split())


def _rows(cells: Iterable[Sequence[object]], source: str) -> list[RawRow]:
    lines = iter(cells)
    header: list[str] | None = None
    offset = 0
    for header_cells in lines:
        offset += 1
        if any(_text(c) for c in header_cells):
            header = [_norm_header(c) for c in header_cells]
            break
    if header is None:
        raise TableError(f"{source}: berkas kosong, tidak ada baris judul kolom")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise TableError(
            f"{source}: kolom {', '.join(missing)} tidak ada di baris judul (baris {offset}); "
            f"kolom yang diperlukan: {', '.join(REQUIRED)}")
    where = {name: header.index(name) for name in COLUMNS if name in header}
    out: list[RawRow] = []
    for number, cells_of_line in enumerate(lines, start=offset + 1):
        values = {name: _text(cells_of_line[index]) if index < len(cells_of_line) else ""
                  for name, index in where.items()}
        if not any(values.values()):
            continue
        out.append(RawRow(number, values["kode"], values["nama"], values["singkatan"],
                          values["induk"], values.get("tingkat", ""), values.get("aktif", "")))
    return out


def read_table(path: Path) -> list[RawRow]:
    """The rows of a CSV or XLSX organisation file (by its suffix)."""
    if not path.is_file():
        raise TableError(f"berkas {path} tidak ditemukan")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise TableError(f"{path.name}: hanya berkas .csv atau .xlsx yang bisa dibaca")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # an older Excel's "CSV" on Windows
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return _rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), path.name)


def _read_xlsx(path: Path) -> list[RawRow]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError(f"{path.name}: bukan berkas XLSX yang bisa dibaca ({error})") from None
    try:
        sheet = book.worksheets[0]
        return _rows(sheet.iter_rows(values_only=True), path.name)
    finally:
        book.close()


def write_table(path: Path, rows: Sequence[Sequence[str]]) -> None:
    """Write ``rows`` (in :data:`COLUMNS` order) with the header, as CSV or XLSX by suffix."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "unit"
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append(list(row))
        book.save(path)
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
