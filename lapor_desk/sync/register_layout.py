"""How a register is laid out: where its header row is, which column holds which intake field,
the values the whole file shares, and the dates as offices type them.

Registers kept by an OPD rarely start with the header: a title block comes first ("REGISTER
PENGADUAN MASYARAKAT", the office's name, the period), often in merged cells. The header row is
the row among the first :data:`HEADER_SEARCH_ROWS` whose cells name the most intake fields.

A column is mapped by its name: the importer's own names first (``judul``, ``isi``, ``kanal``...),
then words as registers write them in Indonesian and English ("Nama Pengadu", "Uraian Pengaduan",
"Cara Penyampaian", "Perihal", "Tgl. Masuk", "No. HP/WA"...). Each field goes to the first column
that names it. A person may correct the guess; the correction is kept as a preset
(:mod:`lapor_desk.sync.register_presets`) keyed by the column names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import Channel, ComplaintType

HEADER_SEARCH_ROWS = 30

#: The fields a column can hold (codes; ``reporter.x`` for the reporter's details).
FIELDS: tuple[str, ...] = (
    "title", "body", "complaint_type", "channel", "category", "subcategory", "province",
    "regency", "district", "village", "incident_date", "received_at", "reporter.name",
    "reporter.nik", "reporter.phone", "reporter.email", "anonymous", "confidential",
    "misconduct", "tags", "national_tracking_number", *(
        # what SP4N-LAPOR! says of a national record (its number given): sync/national_rows.py
        "national_status", "national_reply", "national_reply_at", "national_response",
        "national_response_at"),
)
#: The fields of a national record's update (read only beside its tracking number).
NATIONAL_FIELDS: tuple[str, ...] = FIELDS[-5:]

#: The fields a value can be given once for the whole file (when its column is missing or the
#: row leaves it empty).
DEFAULTABLE: tuple[str, ...] = (
    "complaint_type", "channel", "category", "subcategory", "province", "regency", "district",
    "anonymous", "confidential",
)

#: The column the rejects file adds (its problems) and the row it came from: read back, both
#: are left aside without being reported as ignored.
PROBLEMS_COLUMN = "Masalah impor"
SOURCE_ROW_COLUMN = "Baris asal"
OWN_COLUMNS = frozenset({"masalah_impor", "baris_asal"})

#: Words in a column name -> the field, tried in this order on the name's words (normalised:
#: lower case, words joined by ``_``). A rule is (field, words any of which must appear, words
#: none of which may appear).
_RULES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (f, frozenset(any_of.split()), frozenset(none_of.split())) for f, any_of, none_of in (
        # SP4N-LAPOR!'s own number ("Tracking ID", "No. Tracking", "Nomor SP4N-LAPOR!")
        ("national_tracking_number", "tracking trackingid tracking_id sp4n", ""),
        # its status there and the follow-ups written there ("Status", "Tindak Lanjut",
        # "Tanggapan Pelapor"; their dates by exact name in the importer's HEADERS)
        ("national_status", "status", ""),
        ("national_reply", "tindak_lanjut tindaklanjut", "tanggal tgl waktu"),
        ("national_response", "tanggapan", "tanggal tgl waktu"),
        ("subcategory", "subkategori sub_kategori subcategory", ""),
        ("incident_date", "kejadian incident peristiwa", "lokasi tempat alamat"),
        ("received_at", "tanggal tgl date diterima masuk waktu received", "lahir"),
        ("body", ("uraian isi kronologi deskripsi description body chronology ringkasan "
                  "keluhan substansi"), ""),
        ("title", "perihal judul title subject hal pokok topik", ""),
        ("reporter.nik", "nik ktp", ""),
        ("reporter.phone", "telp telepon telpon hp wa whatsapp phone kontak ponsel handphone",
         "cara kanal media saluran"),
        ("reporter.email", "email surel e_mail mail", "cara kanal media saluran"),
        ("reporter.name", "nama name pengadu pelapor pemohon reporter",
         "petugas penerima opd instansi unit dinas pegawai operator alamat kelamin"),
        ("channel", "cara kanal saluran media sumber channel penyampaian via", ""),
        ("complaint_type", "jenis type tipe klasifikasi", "kelamin"),
        ("category", "kategori category bidang sektor", ""),
        ("province", "provinsi province propinsi", ""),
        ("regency", "kabupaten kota kab regency city kab_kota", ""),
        ("district", "kecamatan district", ""),
        ("village", "kelurahan desa village", ""),
        ("anonymous", "anonim anonymous", ""),
        ("confidential", "rahasia confidential", ""),
    ))


def normalise_header(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.strip().casefold()).strip("_")


def _words(name: str) -> set[str]:
    parts = [p for p in name.split("_") if p]
    return set(parts) | {"_".join(parts[i:i + 2]) for i in range(len(parts) - 1)}


def guess_field(header: str, exact: Mapping[str, str]) -> str | None:
    """The field a column named ``header`` most likely holds (``exact``: known names)."""
    name = normalise_header(header)
    if not name or name in OWN_COLUMNS:
        return None
    if name in exact:
        return exact[name]
    words = _words(name)
    for field_name, any_of, none_of in _RULES:
        if words & any_of and not words & none_of:
            return field_name
    return None


@dataclass(frozen=True)
class Layout:
    """Where the header is (0-based row index of the table) and what each column holds."""

    header_row: int
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    #: Columns whose field came from a preset or a person, not from a guess.
    chosen: tuple[bool, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)

    @property
    def ignored(self) -> tuple[str, ...]:
        return tuple(h for h, f in zip(self.headers, self.fields)
                     if f is None and h.strip() and normalise_header(h) not in OWN_COLUMNS)

    @property
    def missing_required(self) -> tuple[str, ...]:
        """Required fields neither a column nor a default gives."""
        given = {f for f in self.fields if f} | {k for k, v in self.defaults.items() if v}
        return tuple(f for f in REQUIRED if f not in given)


REQUIRED: tuple[str, ...] = ("title", "body", "complaint_type", "channel", "category",
                             "province", "regency")


def _cells(row: Sequence[Any]) -> list[str]:
    return [str(v).strip() if v is not None else "" for v in row]


def find_header(rows: Sequence[Sequence[Any]], exact: Mapping[str, str]) -> int:
    """The index of the header row: the one naming the most fields among the first rows (the
    first of equals). Without any known name, the first row with two or more cells filled."""
    best, best_score = -1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        guessed = {guess_field(c, exact) for c in _cells(row) if c} - {None}
        if len(guessed) > best_score:
            best, best_score = index, len(guessed)
    if best >= 0 and best_score >= 2:
        return best
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in _cells(row) if c) >= 2:
            return index
    return max(best, 0)


def make_layout(rows: Sequence[Sequence[Any]], exact: Mapping[str, str],
                chosen: Mapping[str, str | None] | None = None,
                defaults: Mapping[str, str] | None = None) -> Layout:
    """The layout of a table: its header found, each column's field from ``chosen`` (column
    name, normalised -> field or None for "not imported") or else guessed."""
    chosen = chosen or {}
    index = find_header(rows, exact)
    headers = tuple(_cells(rows[index])) if rows else ()
    fields: list[str | None] = []
    picked: list[bool] = []
    taken: set[str] = set()
    for header in headers:
        key = normalise_header(header)
        if key in chosen:
            value = chosen[key]
            fields.append(value if value in FIELDS and value not in taken else None)
            picked.append(True)
        else:
            value = guess_field(header, exact)
            fields.append(value if value not in taken else None)
            picked.append(False)
        if fields[-1]:
            taken.add(str(fields[-1]))
    return Layout(index, headers, tuple(fields), tuple(picked),
                  {k: v for k, v in (defaults or {}).items() if v})


# --- dates as offices type them ------------------------------------------------------------------

MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "ags": 8,
    "agus": 8, "agustus": 8, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10, "nov": 11, "nop": 11, "november": 11,
    "nopember": 11, "des": 12, "desember": 12, "dec": 12, "december": 12,
}
_DAYS = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\W*"
_NAMED = re.compile(r"^(?:" + _DAYS + r")?(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./,]+(\d{2,4})"
                    r"(?:[\s,]+(?:pukul|jam)?\s*(\d{1,2})[:.](\d{2}))?(?:\s*(?:wib|wita|wit))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2,4})"
                      r"(?:[\s,]+(?:pukul|jam)?\s*(\d{1,2})[:.](\d{2}))?(?:\s*(?:wib|wita|wit))?$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def read_date(value: Any) -> Any:
    """A date or time typed by hand (``3/11/2026``, ``3-11-26 09.30``, ``3 Nov 2026``, ``Senin,
    3 November 2026``) as a ``date`` or naive ``datetime`` (day first, as Indonesia writes);
    anything else as it was (the intake's own parsing then judges it)."""
    if not isinstance(value, str):
        return value
    text = value.strip().casefold()
    named = _NAMED.match(text)
    numeric = None if named else _NUMERIC.match(text)
    try:
        if named is not None and named.group(2) in MONTHS:
            day, month, year = int(named.group(1)), MONTHS[named.group(2)], _year(named.group(3))
            hour, minute = named.group(4), named.group(5)
        elif numeric is not None:
            day, month, year = (int(numeric.group(1)), int(numeric.group(2)),
                                _year(numeric.group(3)))
            hour, minute = numeric.group(4), numeric.group(5)
        else:
            return value
        if hour is not None and minute is not None:
            return datetime(year, month, day, int(hour), int(minute))
        return date(year, month, day)
    except ValueError:
        return value


# --- values given once for the whole file ---------------------------------------------------------

def check_default(field_name: str, value: str, channel_words: Mapping[str, str],
                  type_words: Mapping[str, str]) -> str | None:
    """The problem code of a value given for the whole file, or None when it is usable."""
    if field_name not in DEFAULTABLE:
        return "not_defaultable"
    word = normalise_header(value)
    if field_name == "channel":
        return None if channel_words.get(word, word) in {c.value for c in Channel} else "invalid"
    if field_name == "complaint_type":
        known = {t.value for t in ComplaintType}
        return None if type_words.get(word, word) in known else "invalid"
    if field_name == "category":
        return None if taxonomy().category(value) is not None else "unknown"
    return None if value.strip() else "required"
