"""Import a register of offline complaints (CSV or XLSX) as ``record_complaint`` actions.

Headers may be English (the intake field names) or Bahasa Indonesia (``judul``, ``isi``,
``kanal``, ``nama_pelapor``...). Every row is validated with
:func:`lapor_desk.models.intake.validate_new_complaint`; either ALL rows are valid and all are
written in one transaction, or NOTHING is written and :class:`ImportFailed` lists an error per bad
row (row number as the spreadsheet shows it, field, code). Unusable files (bad encoding, not a
CSV/XLSX, empty, too big) raise :class:`ImportFailed` with a file-level code and touch nothing.
A received time written without a zone (``2026-03-05 09:30``, an Excel date and time) is the
office's local time, in the calendar's zone (``sla.toml``: WIB by default), not UTC.

Invisible characters that registers carry along from letters, chat exports and old systems (NUL
and other controls, bidirectional overrides in titles and names) are cleaned exactly as the
server cleans them (``models/text.py``): what is queued is what the server accepts. The rows that
had some are reported (``cleaned_rows``). Excel keeps a control character of a cell as
``_xHHHH_`` (ECMA-376, ST_Xstring): an XLSX cell is read back with the character itself, so it is
cleaned the same way (and an Excel line break ``_x000D_`` is a line break again).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from lapor_desk.models.calendar import UTC, utcnow
from lapor_desk.models.intake import IntakeError, NewComplaint, validate_new_complaint
from lapor_desk.models.text import needs_cleaning
from lapor_desk.sync.errors import ImportFailed, RowError
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox import ActionReceipt, Outbox

log = logging.getLogger("lapor_desk.sync.importer")

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 100

#: Normalised header -> intake field ("reporter.x" for the nested reporter object).
HEADERS: dict[str, str] = {}
for field_name, names in {
    "complaint_type": ("complaint_type", "type", "jenis", "jenis_laporan", "tipe"),
    "misconduct": ("misconduct", "berkadar_pengawasan", "pengawasan"),
    "title": ("title", "judul", "judul_laporan"),
    "body": ("body", "isi", "isi_laporan", "kronologi", "uraian"),
    "incident_date": ("incident_date", "tanggal_kejadian", "tgl_kejadian"),
    "province": ("province", "provinsi"),
    "regency": ("regency", "kabupaten_kota", "kabupaten", "kota", "kab_kota"),
    "district": ("district", "kecamatan"),
    "village": ("village", "kelurahan_desa", "kelurahan", "desa"),
    "category": ("category", "kategori"),
    "subcategory": ("subcategory", "sub_category", "subkategori", "sub_kategori"),
    "channel": ("channel", "kanal", "saluran", "sumber"),
    "anonymous": ("anonymous", "anonim"),
    "confidential": ("confidential", "rahasia"),
    "received_at": ("received_at", "tanggal_diterima", "tanggal_masuk", "diterima"),
    "reporter.name": ("reporter_name", "name", "nama", "nama_pelapor"),
    "reporter.nik": ("reporter_nik", "nik", "nik_pelapor"),
    "reporter.phone": ("reporter_phone", "phone", "telepon", "no_hp", "nomor_telepon",
                       "telepon_pelapor", "hp"),
    "reporter.email": ("reporter_email", "email", "email_pelapor", "surel"),
    "tags": ("tags", "tag", "label"),
}.items():
    for alias in names:
        HEADERS[alias] = field_name

#: Channel names as admins write them -> ``Channel`` values.
CHANNEL_WORDS = {
    "tatap_muka": "walk_in", "langsung": "walk_in", "datang_langsung": "walk_in",
    "surat": "letter", "telepon": "phone", "telpon": "phone", "koran": "newspaper",
    "surat_kabar": "newspaper", "media_cetak": "newspaper", "aplikasi": "mobile_app",
    "sms_1708": "sms", "wa": "whatsapp", "x": "twitter", "surel": "email",
}
TYPE_WORDS = {"complaint": "pengaduan", "aspiration": "aspirasi",
              "information_request": "permintaan_informasi", "informasi": "permintaan_informasi"}


def normalise_header(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.strip().casefold()).strip("_")


def _word(value: Any) -> str:
    return normalise_header(str(value)) if value is not None else ""


@dataclass(frozen=True)
class ImportResult:
    receipts: tuple[ActionReceipt, ...]
    ignored_columns: tuple[str, ...]
    #: Rows (as the spreadsheet numbers them) whose text had invisible characters removed.
    cleaned_rows: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.receipts)


@dataclass(frozen=True)
class ParsedRegister:
    complaints: list[NewComplaint]
    ignored_columns: tuple[str, ...]
    cleaned_rows: tuple[int, ...]


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


def _read_csv(data: bytes) -> list[list[Any]]:
    if _binary(data[:8192]):
        raise ImportFailed("this is not a CSV text file", code="not_tabular")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'",
            code="bad_encoding") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
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
            if len(rows) > MAX_ROWS + 1:
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


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _raw_complaint(mapping: list[str | None], row: list[Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    reporter: dict[str, Any] = {}
    for index, field_name in enumerate(mapping):
        if field_name is None or index >= len(row):
            continue
        value = _cell(row[index])
        if value in (None, ""):
            continue
        if field_name.startswith("reporter."):
            reporter[field_name.split(".", 1)[1]] = value
        else:
            raw[field_name] = value
    if "channel" in raw:
        word = _word(raw["channel"])
        raw["channel"] = CHANNEL_WORDS.get(word, word)
    if "complaint_type" in raw:
        word = _word(raw["complaint_type"])
        raw["complaint_type"] = TYPE_WORDS.get(word, word)
    raw["reporter"] = reporter
    return raw


def cleaned(raw: dict[str, Any]) -> bool:
    """Whether validating the row's values removes an invisible character from one."""
    reporter = raw.get("reporter") or {}
    return any(isinstance(value, str) and needs_cleaning(value, long=name == "body")
               for name, value in (*raw.items(), *reporter.items()))


def parse_register(path: Path | str, now: datetime | None = None,
                   zone: tzinfo = UTC) -> ParsedRegister:
    """Validate every row; returns the complaints or raises ImportFailed with all row errors.
    ``zone``: the office's zone, of a time the register writes without one."""
    rows = read_table(Path(path))
    if not rows or not any(_cell(v) not in (None, "") for v in rows[0]):
        raise ImportFailed("the file has no header row", code="empty")
    header = [str(v) if v is not None else "" for v in rows[0]]
    if len(header) > MAX_COLUMNS:
        raise ImportFailed("the file has too many columns", code="too_large")
    mapping = [HEADERS.get(normalise_header(name)) for name in header]
    if not any(mapping):
        raise ImportFailed("no known column names in the header row (e.g. judul, isi, kanal)",
                           code="no_known_columns")
    ignored = tuple(name for name, field_name in zip(header, mapping)
                    if field_name is None and name.strip())
    data_rows = rows[1:]
    if len(data_rows) > MAX_ROWS:
        raise ImportFailed(f"more than {MAX_ROWS} rows; split the file", code="too_large")
    now = now or utcnow()
    complaints: list[NewComplaint] = []
    errors: list[RowError] = []
    cleaned_rows: list[int] = []
    for offset, row in enumerate(data_rows):
        if not any(_cell(v) not in (None, "") for v in row):
            continue  # blank line
        row_number = offset + 2  # the header is row 1
        raw = _raw_complaint(mapping, row)
        try:
            complaints.append(validate_new_complaint(raw, now, zone))
        except IntakeError as exc:
            errors.extend(RowError(row_number, e.field, e.code) for e in exc.errors)
        if cleaned(raw):
            cleaned_rows.append(row_number)
    if errors:
        bad_rows = len({e.row for e in errors})
        raise ImportFailed(f"{bad_rows} row(s) are not valid; nothing was imported",
                           errors=tuple(errors))
    if not complaints:
        raise ImportFailed("the file has a header but no rows", code="empty")
    return ParsedRegister(complaints, ignored, tuple(cleaned_rows))


def import_register(outbox: Outbox, path: Path | str) -> ImportResult:
    """Validate the whole file, then record every complaint in ONE transaction."""
    parsed = parse_register(path, outbox.clock(), outbox.config.calendar.tz)
    receipts = outbox.record_validated([(c, ()) for c in parsed.complaints])
    event(log, "import.done", file=Path(path).name, rows=len(receipts),
          ignored_columns=",".join(parsed.ignored_columns),
          cleaned_rows=",".join(str(r) for r in parsed.cleaned_rows))
    return ImportResult(tuple(receipts), parsed.ignored_columns, parsed.cleaned_rows)
