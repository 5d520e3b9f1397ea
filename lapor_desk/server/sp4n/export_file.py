"""The complaint list an agency admin exports from SP4N-LAPOR!'s admin pages (CSV or XLSX), read
into national records for ``lapor-server sp4n-import`` (docs/sp4n.md).

Columns are found by their names (any case, any punctuation): the same names the desktop's
preset "Ekspor Admin LAPOR!" knows, plus the follow-up columns an export of follow-ups carries
(``Tindak Lanjut`` with ``Tanggal Tindak Lanjut``, ``Tanggapan Pelapor`` with ``Tanggal
Tanggapan``). Several rows of one tracking number are one record: their follow-ups together,
the status of the last. A row without a usable tracking number is reported by its row number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from lapor_desk.models.intake import national_number_in
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.server.services.errors import InvalidInputError
from lapor_desk.server.sp4n.connector import IncomingFollowUp, IncomingReport

#: Normalised column name -> the value it holds.
COLUMNS: dict[str, str] = {
    "tracking_id": "number", "no_tracking": "number", "nomor_tracking": "number",
    "nomor_sp4n_lapor": "number", "trackingid": "number",
    "judul": "title", "judul_laporan": "title", "isi": "body", "isi_laporan": "body",
    "tanggal_laporan": "created_at", "kategori": "category", "jenis_laporan": "complaint_type",
    "provinsi": "province", "kabupaten_kota": "regency", "anonim": "anonymous",
    "nama_pelapor": "reporter_name", "status": "status", "tautan": "link", "link": "link",
    "tindak_lanjut": "reply", "tanggal_tindak_lanjut": "reply_at",
    "tanggapan_pelapor": "response", "tanggal_tanggapan": "response_at",
}
#: The largest export read.
MAX_BYTES = 50 * 1024 * 1024
_TYPES = {"pengaduan": "pengaduan", "aspirasi": "aspirasi",
          "permintaan informasi": "permintaan_informasi"}


def normalise(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(text).strip().casefold()).strip("_")


@dataclass
class ExportFile:
    records: list[IncomingReport] = field(default_factory=list)
    bad_rows: list[int] = field(default_factory=list)  # as the spreadsheet numbers them


def _rows(path: Path) -> list[list[Any]]:
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInputError(f"{path.name}: larger than {MAX_BYTES // 2**20} MiB")
    if path.suffix.casefold() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell by: commas
        pass
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise InvalidInputError(f"{path.name}: not a CSV file ({error})") from None


def _moment(value: Any, zone: tzinfo) -> datetime | None:
    if value in (None, ""):
        return None
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, datetime.min.time())
    else:
        text = clean_line(str(value))
        for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M",
                    "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                moment = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if moment is None:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _text(value: Any) -> str:
    return "" if value is None else clean_text(str(value)).strip()


def read_export(path: Path, zone: tzinfo) -> ExportFile:
    """The national records in ``path``; ``zone``: of the times the export writes without one
    (the office's)."""
    rows = _rows(path)
    header_at = next((i for i, row in enumerate(rows[:20])
                      if "number" in {COLUMNS.get(normalise(c or "")) for c in row}), None)
    if header_at is None:
        raise InvalidInputError(f"{path.name}: no column of SP4N-LAPOR!'s tracking number "
                                "(Tracking ID)")
    names = [COLUMNS.get(normalise(c or "")) for c in rows[header_at]]
    found: dict[int, IncomingReport] = {}
    out = ExportFile()
    for index, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        values = {name: value for name, value in zip(names, row) if name is not None}
        if not any(v not in (None, "") for v in values.values()):
            continue
        number = national_number_in(values.get("number"))
        if number is None:
            out.bad_rows.append(index)
            continue
        follow_ups = []
        for text_key, at_key, reporter in (("reply", "reply_at", False),
                                           ("response", "response_at", True)):
            body = _text(values.get(text_key))
            if body:
                at = _moment(values.get(at_key), zone) or _moment(values.get("created_at"), zone)
                if at is None:
                    out.bad_rows.append(index)
                    continue
                follow_ups.append(IncomingFollowUp(at, body, reporter))
        word = clean_line(str(values.get("status") or ""))
        earlier = found.get(number)
        if earlier is not None:
            found[number] = replace(earlier, status=word or earlier.status,
                                    follow_ups=earlier.follow_ups + tuple(follow_ups))
            continue
        created = _moment(values.get("created_at"), zone) or datetime.now(UTC)
        kind = clean_line(str(values.get("complaint_type") or "pengaduan")).casefold()
        found[number] = IncomingReport(
            national_tracking_number=number, title=clean_line(str(values.get("title") or "")),
            body=_text(values.get("body")), status=word, created_at=created,
            link=clean_line(str(values.get("link") or "")) or None,
            complaint_type=_TYPES.get(kind, kind), category=_text(values.get("category")),
            province=_text(values.get("province")), regency=_text(values.get("regency")),
            anonymous=_text(values.get("anonymous")).casefold() in {"ya", "y", "1", "true"},
            reporter_name=_text(values.get("reporter_name")) or None,
            follow_ups=tuple(follow_ups))
    out.records = list(found.values())
    return out
