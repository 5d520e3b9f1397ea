"""Registers as OPDs keep them, imported through the register service and synced to the REAL
reference server on loopback (SQLite and PostgreSQL; one server per module).

The register (tests/sync/opd_registers.py) has title rows above its header, semicolons, the
office's own column names, no type, category or place columns, dates typed by hand and a bad row
in the middle. The header is found, the columns guessed, the missing values given once; the valid
rows are imported while the bad one goes to a rejects file, which is fixed and imported again;
importing the register or the rejects again records nothing twice.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lapor_desk.models.calendar import UTC
from lapor_desk.server.db import Complaint
from lapor_desk.services import Workstation
from lapor_desk.services.register import RegisterSettings
from lapor_desk.sync.importer import read_register
from lapor_desk.sync.register_layout import PROBLEMS_COLUMN, SOURCE_ROW_COLUMN, read_date
from tests.support.live_server import LiveServer
from tests.sync import opd_registers as opd

pytestmark = pytest.mark.timeout(180)

SHARED = RegisterSettings(defaults=opd.FIELD_DEFAULTS)
TITLES = [r[5] for r in opd.ROWS]


def test_dates_typed_by_hand_are_read_day_first() -> None:
    assert read_date("3/11/2026") == date(2026, 11, 3)
    assert read_date("3 Nov 2026") == read_date("03-11-26") == date(2026, 11, 3)
    assert read_date("Senin, 2 November 2026") == date(2026, 11, 2)
    assert read_date("17 Agustus 2026 pukul 09.30 WITA") == datetime(2026, 8, 17, 9, 30)
    assert read_date("5-11-2026 09.30") == datetime(2026, 11, 5, 9, 30)
    assert read_date("31/11/2026") == "31/11/2026"   # no such day: the intake says invalid
    assert read_date("kemarin") == "kemarin"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_header_is_found_below_the_title_and_the_columns_guessed(
        signed_in: Workstation, tmp_path: Path, kind: str) -> None:
    register = (opd.write_csv if kind == "csv" else opd.write_xlsx)(tmp_path / f"r.{kind}")
    preview = signed_in.register.preview(register)
    assert preview.header_row == 5
    fields = {c.header: c.field for c in preview.columns}
    assert fields == {"No": None, "Tanggal": "received_at", "Nama Pengadu": "reporter.name",
                      "Alamat": None, "No. HP/WA": "reporter.phone", "Perihal": "title",
                      "Uraian Pengaduan": "body", "Cara Penyampaian": "channel",
                      "Keterangan": None}
    assert preview.ignored_columns == ("No", "Alamat", "Keterangan")
    # No "Jenis", "Kategori", "Provinsi", "Kabupaten/Kota": said, not "Wajib diisi" everywhere.
    assert set(preview.missing) == {"complaint_type", "category", "province", "regency"}

    preview = signed_in.register.preview(register, SHARED)
    assert preview.missing == () and [r.row for r in preview.rows] == [6, 7, 8, 9, 10]
    assert [r.ok for r in preview.rows] == [True, True, True, False, True]
    assert {(p.field, p.code) for p in preview.rows[3].problems} == {
        ("body", "required"), ("received_at", "invalid")}
    received = preview.fields.index("received_at")
    assert [r.values[received] for r in preview.rows[:3]] == [
        "2026-11-03", "2026-11-03", "2026-11-02"]
    assert preview.partly_importable and not preview.importable


def _fix_rejects(path: Path) -> Path:
    """What the clerk does: write the missing chronology, correct the date."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0]
    for row in rows[1:]:
        row[header.index("Uraian Pengaduan")] = ("Air PDAM di Kelurahan Anduonohu mati tiga hari, "
                                                 "warga membeli air galon.")
        row[header.index("Tanggal")] = "30/11/2026"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def _titles_on_server(live_server: LiveServer) -> list[str]:
    with live_server.session() as session:
        return sorted(t for t in session.scalars(select(Complaint.title)) if t in TITLES)


def test_valid_rows_imported_the_bad_one_fixed_and_imported_again_nothing_twice(
        signed_in: Workstation, live_server: LiveServer, tmp_path: Path) -> None:
    register = opd.write_csv(tmp_path / "register-november.csv")
    rejects = tmp_path / "register-november-perlu-diperbaiki.csv"
    first = signed_in.register.run(register, SHARED, skip_invalid=True, rejects=rejects)
    assert first.count == 4 and first.rejected_rows == (9,) and first.rejects_path == str(rejects)

    table = read_register(rejects)
    assert table.layout.header_row == 0 and len(table.rows) == 1
    assert table.rows[0].cells[table.layout.headers.index(SOURCE_ROW_COLUMN)] == "9"
    problems = table.rows[0].cells[table.layout.headers.index(PROBLEMS_COLUMN)]
    assert "Uraian Pengaduan: required" in problems and "Tanggal: invalid" in problems
    assert table.layout.ignored == ("No", "Alamat", "Keterangan")  # its own columns aside

    preview = signed_in.register.preview(register, SHARED)
    assert preview.already_imported == 4 and preview.new_rows == 0

    fixed = signed_in.register.run(_fix_rejects(rejects), SHARED)
    assert fixed.count == 1 and fixed.rejected_rows == ()
    assert signed_in.register.run(rejects, SHARED).count == 0  # the fixed rejects again
    again = signed_in.register.run(register, SHARED, skip_invalid=True,
                                   rejects=tmp_path / "again.csv")
    assert again.count == 0 and again.already_imported == (6, 7, 8, 10)

    report = signed_in.sync()
    assert report.applied == 5 and report.rejected == 0
    assert _titles_on_server(live_server) == sorted(TITLES)  # each once
    with live_server.session() as session:
        received = session.scalars(select(Complaint.created_at).where(
            Complaint.title == "Pungutan di sekolah")).one()
    # 5-11-2026 09.30 in the office's time (WIB by default).
    assert received.replace(tzinfo=UTC) == datetime(2026, 11, 5, 2, 30, tzinfo=UTC)


def test_the_same_row_twice_in_a_file_is_imported_once(signed_in: Workstation,
                                                       tmp_path: Path) -> None:
    register = opd.write_xlsx(tmp_path / "r.xlsx", opd.ROWS[:2] + opd.ROWS[:1])
    preview = signed_in.register.preview(register, SHARED)
    assert [r.same_as for r in preview.rows] == [None, None, 6] and preview.new_rows == 2
    outcome = signed_in.register.run(register, SHARED)
    assert outcome.count == 2 and outcome.already_imported == (8,)


def test_a_correction_is_kept_as_a_preset_and_applied_to_the_next_register(
        signed_in: Workstation, tmp_path: Path) -> None:
    register = opd.write_xlsx(tmp_path / "r.xlsx")
    chosen = RegisterSettings({"alamat": "village", "tanggal": "incident_date"},
                              {**opd.FIELD_DEFAULTS, "channel": "letter"})
    signed_in.register.save_preset("Register Diskominfo", chosen)
    assert signed_in.register.preset_names() == ["Ekspor Admin LAPOR!", "Register Diskominfo"]
    settings = signed_in.register.preset("register diskominfo")
    assert settings is not None and settings.defaults["channel"] == "letter"
    preview = signed_in.register.preview(register, settings)
    fields = {c.header: (c.field, c.chosen) for c in preview.columns}
    assert fields["Alamat"] == ("village", True) and fields["Tanggal"] == ("incident_date", True)
    assert fields["Perihal"] == ("title", False)  # the rest still guessed
    assert "received_at" not in [c.field for c in preview.columns]


def test_the_template_has_drop_down_lists_and_imports_as_it_is_filled(
        signed_in: Workstation, tmp_path: Path) -> None:
    template = Path(signed_in.register.save_template(tmp_path / "register-pengaduan.xlsx"))
    book = load_workbook(template)
    sheet = book["Register"]
    headers = [c.value for c in sheet[1]]
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
             for v in sheet.data_validations.dataValidation}
    letter = {h: sheet.cell(row=1, column=i + 1).column_letter for i, h in enumerate(headers)}
    assert {letter["Jenis"], letter["Cara Penyampaian"], letter["Kategori"],
            letter["Anonim"]} <= set(lists)
    assert book["Pilihan"].sheet_state == "hidden"
    values = {"Tanggal Diterima": "3/11/2026", "Perihal": "Lampu jalan padam",
              "Uraian Pengaduan": "Lampu jalan di depan kantor lurah padam dua minggu.",
              "Jenis": "Pengaduan", "Cara Penyampaian": "Tatap Muka",
              "Kategori": "PEKERJAAN UMUM DAN PENATAAN RUANG", "Provinsi": "Sulawesi Tenggara",
              "Kabupaten/Kota": "Kota Kendari", "Nama Pengadu": "Budi Santoso",
              "Anonim": "Tidak", "Rahasia": "Tidak"}
    for name, value in values.items():
        sheet.cell(row=2, column=headers.index(name) + 1, value=value)
    book.save(template)
    preview = signed_in.register.preview(template)
    assert preview.ignored_columns == () and preview.missing == ()
    assert preview.importable and signed_in.register.run(template).count == 1
