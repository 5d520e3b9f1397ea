"""Reading a register file's cells: CSV (UTF-8; ``;``, ``,`` or tab, whichever splits the lines
into columns best) or XLSX (the first sheet, Excel's ``_xHHHH_`` escapes read back), within the
limits of an import. What the cells mean is :mod:`lapor_desk.sync.importer`'s."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from lapor_desk.sync.errors import ImportFailed
from lapor_desk.sync.register_layout import HEADER_SEARCH_ROWS

__all__ = ["MAX_COLUMNS", "MAX_FILE_BYTES", "MAX_ROWS", "read_table", "unescape_cell"]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 100


_OOXML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def unescape_cell(text: str) -> str:
    """An XLSX string as Excel meant it: ``_xHHHH_`` is the character U+HHHH (``_x005F_``
    escapes an underscore)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _binary(head: bytes) -> bool:
    """NUL bytes all over the start of the file: a binary file or UTF-16 text. A stray NUL in
    a text register is not (it is cleaned with the row's text)."""
    return head.count(b"\x00") > 2 + len(head) // 100


def _delimiter(text: str) -> str:
    """``;`` (Excel's CSV where the decimal mark is a comma, as in Indonesia), ``,`` or a tab:
    the one that splits the most of the first lines into the same number of columns (a title
    block above the header, or commas inside the chronology, do not decide it)."""
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS + 20])
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(head), delimiter=candidate)]
        except csv.Error:
            continue
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        common = max(set(wide), key=lambda c: (wide.count(c), c))
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_csv(data: bytes) -> list[list[Any]]:
    if _binary(data[:8192]):
        raise ImportFailed("this is not a CSV text file", code="not_tabular")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'",
            code="bad_encoding") from None
    delimiter = _delimiter(text)
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFailed(f"the CSV file is malformed: {exc}", code="not_tabular") from None


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(f"the XLSX file cannot be read: {exc}", code="not_tabular") from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[Any]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([unescape_cell(v) if isinstance(v, str) else v
                         for v in list(row)[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS + 1:  # the header may be lower down
                break
        return rows
    finally:
        book.close()


def read_table(path: Path) -> list[list[Any]]:
    """Rows of the file (the first is the header). Raises ImportFailed for unusable files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"cannot open the file: {exc}", code="unreadable") from None
    if size == 0:
        raise ImportFailed("the file is empty", code="empty")
    if size > MAX_FILE_BYTES:
        raise ImportFailed("the file is larger than 20 MB; split it", code="too_large")
    data = path.read_bytes()
    suffix = path.suffix.casefold()
    if data[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        if data[:4] != b"PK\x03\x04":
            raise ImportFailed("the file is named .xlsx but is not an Excel workbook",
                               code="not_tabular")
        return _read_xlsx(data)
    if suffix not in (".csv", ".txt", ""):
        raise ImportFailed("only CSV (UTF-8) and XLSX files can be imported",
                           code="unsupported_type")
    return _read_csv(data)
