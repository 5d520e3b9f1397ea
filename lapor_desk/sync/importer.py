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

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from lapor_desk.models.calendar import UTC, utcnow
from lapor_desk.models.intake import (
    IntakeError,
    NewComplaint,
    national_number_in,
    validate_new_complaint,
)
from lapor_desk.models.national import NationalUpdate
from lapor_desk.models.text import clean_text, needs_cleaning
from lapor_desk.sync import localview as lv
from lapor_desk.sync import national_rows
from lapor_desk.sync.errors import ImportFailed, RowError
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.outbox_entries import ActionReceipt
from lapor_desk.sync.register_layout import (
    HEADER_SEARCH_ROWS,
    Layout,
    make_layout,
    normalise_header,
    read_date,
)
from lapor_desk.sync.register_read import (
    MAX_COLUMNS,
    MAX_ROWS,
    read_table,
)

log = logging.getLogger("lapor_desk.sync.importer")


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
    "national_status": ("status", "status_laporan", "status_sp4n", "status_lapor"),
    "national_reply": ("tindak_lanjut", "isi_tindak_lanjut", "tindak_lanjut_instansi"),
    "national_reply_at": ("tanggal_tindak_lanjut", "tgl_tindak_lanjut", "waktu_tindak_lanjut"),
    "national_response": ("tanggapan_pelapor", "isi_tanggapan", "tanggapan"),
    "national_response_at": ("tanggal_tanggapan", "tgl_tanggapan", "waktu_tanggapan",
                             "tanggal_tanggapan_pelapor"),
}.items():
    for alias in names:
        HEADERS[alias] = field_name

#: Channel names as admins write them -> ``Channel`` values.
CHANNEL_WORDS = {
    "tatap_muka": "walk_in", "langsung": "walk_in", "datang_langsung": "walk_in",
    "surat": "letter", "telepon": "phone", "telpon": "phone", "koran": "newspaper",
    "surat_kabar": "newspaper", "media_cetak": "newspaper", "aplikasi": "mobile_app",
    "sms_1708": "sms", "wa": "whatsapp", "x": "twitter", "surel": "email",
    # as registers abbreviate them
    "telp": "phone", "tlp": "phone", "telfon": "phone", "telepon_kantor": "phone",
    "datang": "walk_in", "loket": "walk_in", "e_mail": "email", "ig": "instagram",
    "fb": "facebook", "website": "web", "situs": "web", "sms": "sms",
}
#: What a register writes in the name column of a reporter who gave no name: the complaint is
#: anonymous (the word is not kept as a name), unless the file's anonim column says otherwise.
NAMELESS = frozenset({"anonim", "anonymous", "tanpa_nama", "hamba_allah", "tidak_disebutkan",
                      "dirahasiakan", "tidak_ada_nama"})
TYPE_WORDS = {"complaint": "pengaduan", "aspiration": "aspirasi",
              "information_request": "permintaan_informasi", "informasi": "permintaan_informasi"}


def _word(value: Any) -> str:
    return normalise_header(str(value)) if value is not None else ""


@dataclass(frozen=True)
class ImportResult:
    receipts: tuple[ActionReceipt, ...]
    ignored_columns: tuple[str, ...]
    #: Rows (as the spreadsheet numbers them) whose text had invisible characters removed.
    cleaned_rows: tuple[int, ...] = ()
    #: Rows not valid, left out (``skip_invalid``), to be written to a rejects file.
    rejected: tuple[RegisterRow, ...] = ()
    #: Rows imported before (the same fingerprint), left out.
    already_imported: tuple[int, ...] = ()
    layout: Layout | None = None
    #: Rows whose national record updated a complaint held here, and rows that changed nothing.
    updated: tuple[int, ...] = ()
    unchanged: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.receipts)


@dataclass(frozen=True)
class ParsedRegister:
    complaints: list[NewComplaint]
    ignored_columns: tuple[str, ...]
    cleaned_rows: tuple[int, ...]


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
    raw["reporter"] = reporter
    return raw


def cleaned(raw: dict[str, Any]) -> bool:
    """Whether validating the row's values removes an invisible character from one."""
    reporter = raw.get("reporter") or {}
    return any(isinstance(value, str) and needs_cleaning(value, long=name == "body")
               for name, value in (*raw.items(), *reporter.items()))


@dataclass(frozen=True)
class RegisterRow:
    """One data row of a register: its number as the spreadsheet shows it, its cells as read,
    the complaint it makes or its problems, and its fingerprint (what makes it the same row
    when the file, or its fixed rejects, is imported again)."""

    row: int
    cells: tuple[Any, ...]
    raw: dict[str, Any]
    complaint: NewComplaint | None
    errors: tuple[RowError, ...]
    cleaned: bool
    fingerprint: str
    #: The national record the row carries (its SP4N-LAPOR! number given), and how it is
    #: taken in (sync/national_rows.py): ``new``, ``update``, ``unchanged``; "" before it is
    #: judged, or for a later row of the same number.
    national: NationalUpdate | None = None
    verdict: str = ""
    complaint_id: str | None = None   # the complaint an update changes
    follow_ups_added: int = 0
    status_to: str | None = None      # the status an update reaches

    @property
    def ok(self) -> bool:
        return self.complaint is not None or self.verdict in national_rows.HELD


@dataclass(frozen=True)
class RegisterTable:
    layout: Layout
    rows: tuple[RegisterRow, ...]

    @property
    def ignored_columns(self) -> tuple[str, ...]:
        return self.layout.ignored


def fingerprint(raw: dict[str, Any]) -> str:
    """What makes a row the same row again: its own text (title, chronology, the reporter, the
    dates it gives), folded (case, spaces); not the values the file shares, which a person may
    set otherwise the next time. A national record's is its SP4N-LAPOR! tracking number: a
    later export of the same record (its status moved on, its text edited there) is the same
    row, never a second complaint."""
    national = national_number_in(raw.get("national_tracking_number"))
    if national is not None:
        return hashlib.sha256(f"sp4n:{national}".encode()).hexdigest()
    reporter = raw.get("reporter") or {}
    parts = [raw.get("title"), raw.get("body"), raw.get("incident_date"),
             raw.get("received_at"), *(reporter.get(k) for k in ("name", "nik", "phone", "email"))]
    text = "\x1f".join(" ".join(clean_text(_plain(p)).casefold().split()) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _with_defaults(raw: dict[str, Any], defaults: dict[str, str]) -> dict[str, Any]:
    for name, value in defaults.items():
        if raw.get(name) in (None, ""):
            raw[name] = value
    reporter = raw.get("reporter") or {}
    if isinstance(reporter, dict) and _word(reporter.get("name")) in NAMELESS:
        del reporter["name"]
        raw.setdefault("anonymous", "ya")
    if "channel" in raw:
        word = _word(raw["channel"])
        raw["channel"] = CHANNEL_WORDS.get(word, word)
    if "complaint_type" in raw:
        word = _word(raw["complaint_type"])
        raw["complaint_type"] = TYPE_WORDS.get(word, word)
    for name in ("incident_date", "received_at"):
        if name in raw:
            raw[name] = read_date(raw[name])
    return raw


def read_register(path: Path | str, now: datetime | None = None, zone: tzinfo = UTC, *,
                  columns: dict[str, str | None] | None = None,
                  defaults: dict[str, str] | None = None) -> RegisterTable:
    """Read and validate every row, writing nothing: the header row found below any title
    rows, each column's field from ``columns`` (a preset's or a person's choice, by normalised
    column name) or guessed, ``defaults`` filling what the file leaves empty. Raises
    ImportFailed for an unusable file only; bad rows come back with their problems."""
    table = read_table(Path(path))
    if not any(_cell(v) not in (None, "") for row in table[:HEADER_SEARCH_ROWS] for v in row):
        raise ImportFailed("the file has no header row", code="empty")
    layout = make_layout(table, HEADERS, columns, defaults)
    if len(layout.headers) > MAX_COLUMNS:
        raise ImportFailed("the file has too many columns", code="too_large")
    data_rows = table[layout.header_row + 1:]
    if len(data_rows) > MAX_ROWS:
        raise ImportFailed(f"more than {MAX_ROWS} rows; split the file", code="too_large")
    mapping = list(layout.fields)
    shared = dict(layout.defaults)
    now = now or utcnow()
    rows: list[RegisterRow] = []
    for offset, cells in enumerate(data_rows):
        if not any(_cell(v) not in (None, "") for v, field_name in zip(cells, mapping)
                   if field_name is not None):
            continue  # blank, or only a column not imported (a row numbered ahead, a remark)
        number = layout.header_row + offset + 2  # as the spreadsheet numbers it
        raw = _with_defaults(_raw_complaint(mapping, cells), shared)
        extras = national_rows.take_national(raw)
        complaint: NewComplaint | None = None
        errors: tuple[RowError, ...] = ()
        try:
            complaint = validate_new_complaint(raw, now, zone)
        except IntakeError as exc:
            errors = tuple(RowError(number, e.field, e.code) for e in exc.errors)
        national, problems = national_rows.national_of(number, raw, extras, zone, now)
        if problems:
            complaint, errors = None, errors + problems
        rows.append(RegisterRow(number, tuple(cells), raw, complaint, errors, cleaned(raw),
                                fingerprint(raw), national))
    return RegisterTable(layout, tuple(rows))


def parse_register(path: Path | str, now: datetime | None = None,
                   zone: tzinfo = UTC) -> ParsedRegister:
    """Validate every row; returns the complaints or raises ImportFailed with all row errors.
    ``zone``: the office's zone, of a time the register writes without one."""
    table = read_register(path, now, zone)
    if not any(table.layout.fields):
        raise ImportFailed("no known column names in the header row (e.g. judul, isi, kanal)",
                           code="no_known_columns")
    errors = [e for r in table.rows for e in r.errors]
    if errors:
        bad_rows = len({e.row for e in errors})
        raise ImportFailed(f"{bad_rows} row(s) are not valid; nothing was imported",
                           errors=tuple(errors))
    if not table.rows:
        raise ImportFailed("the file has a header but no rows", code="empty")
    return ParsedRegister([r.complaint for r in table.rows if r.complaint is not None],
                          table.ignored_columns, tuple(r.row for r in table.rows if r.cleaned))


def import_register(outbox: Outbox, path: Path | str, *,
                    columns: dict[str, str | None] | None = None,
                    defaults: dict[str, str] | None = None,
                    skip_invalid: bool = False) -> ImportResult:
    """Record the file's complaints in ONE transaction, each row once: a row imported before
    (by its fingerprint: the same file again, or fixed rejects holding a row already in) is
    left out and counted in ``already_imported``. Without ``skip_invalid`` a file with a bad
    row records nothing (ImportFailed lists every problem); with it the valid rows are recorded
    and the bad ones come back in ``rejected`` (to be written to a file, fixed, imported)."""
    table = read_register(path, outbox.clock(), outbox.config.calendar.tz,
                          columns=columns, defaults=defaults)
    with outbox.cache.engine.connect() as connection:
        table = national_rows.judge(connection, table, lv.load_actor(connection),
                                    outbox.config, outbox.clock())
    if not any(table.layout.fields):
        raise ImportFailed("no known column names in the header row (e.g. judul, isi, kanal)",
                           code="no_known_columns")
    if not table.rows:
        raise ImportFailed("the file has a header but no rows", code="empty")
    rejected = tuple(r for r in table.rows if not r.ok)
    if rejected and not skip_invalid:
        bad = len(rejected)
        raise ImportFailed(f"{bad} row(s) are not valid; nothing was imported",
                           errors=tuple(e for r in rejected for e in r.errors))
    # a national record: recorded when new, an update of a complaint held here, or nothing
    good = [r for r in table.rows if r.complaint is not None
            and (r.national is None or r.verdict == national_rows.NEW)]
    updates = [r for r in table.rows if r.ok and r.verdict == national_rows.UPDATE]
    unchanged = tuple(r.row for r in table.rows if r.ok and r.verdict == national_rows.UNCHANGED)
    recorded = outbox.record_imported(
        [(r.fingerprint, r.complaint) for r in good if r.complaint is not None],
        national={r.fingerprint: r.national for r in good
                  if r.national is not None and national_rows.carries(r.national)},
        updates=[(str(r.complaint_id), r.national) for r in updates if r.national is not None])
    receipts = tuple(receipt for receipt in recorded if receipt is not None)
    again = tuple(r.row for r, receipt in zip(good, recorded) if receipt is None)
    cleaned_rows = tuple(r.row for r, receipt in zip(good, recorded)
                         if receipt is not None and r.cleaned)
    event(log, "import.done", file=Path(path).name, rows=len(receipts),
          rejected=len(rejected), already_imported=len(again), updated=len(updates),
          unchanged=len(unchanged),
          ignored_columns=",".join(table.ignored_columns),
          cleaned_rows=",".join(str(r) for r in cleaned_rows))
    return ImportResult(receipts, table.ignored_columns, cleaned_rows, rejected, again,
                        table.layout, tuple(r.row for r in updates), unchanged)
