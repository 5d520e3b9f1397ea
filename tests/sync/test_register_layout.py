"""How a register is read (no server needed): the header below a title block, the separator, the
columns guessed from an office's own names, and the row limit counted below the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapor_desk.sync import importer
from lapor_desk.sync.errors import ImportFailed
from lapor_desk.sync.importer import HEADERS, read_register
from lapor_desk.sync.register_layout import guess_field
from tests.sync import opd_registers as opd


@pytest.mark.parametrize(("header", "field"), [
    ("Nama Pengadu", "reporter.name"), ("Uraian Pengaduan", "body"),
    ("Cara Penyampaian", "channel"), ("Perihal", "title"), ("Tgl. Masuk", "received_at"),
    ("Tanggal Kejadian", "incident_date"), ("No. HP/WA", "reporter.phone"),
    ("NIK Pelapor", "reporter.nik"), ("Jenis Laporan", "complaint_type"),
    ("Kab/Kota", "regency"), ("Desa/Kelurahan", "village"), ("E-mail", "reporter.email"),
    ("Alamat Pengadu", None), ("Jenis Kelamin", None), ("Nama Petugas", None), ("No", None),
    ("Keterangan", None), ("Masalah impor", None),
])
def test_columns_are_guessed_from_the_names_offices_use(header: str, field: str | None) -> None:
    assert guess_field(header, HEADERS) == field


def test_a_title_with_commas_does_not_decide_the_separator(tmp_path: Path) -> None:
    register = opd.write_csv(tmp_path / "r.csv")
    text = register.read_text("utf-8-sig").replace(
        "REGISTER PENGADUAN MASYARAKAT;", "REGISTER PENGADUAN, ASPIRASI, DAN INFORMASI;", 1)
    register.write_text(text, "utf-8")
    table = read_register(register, defaults=opd.FIELD_DEFAULTS)
    assert table.layout.header_row == 4 and len(table.layout.headers) == len(opd.HEADER)
    assert [r.ok for r in table.rows] == [True, True, True, False, True]


def test_the_row_limit_counts_the_rows_below_the_header(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_ROWS", 10)
    ten = opd.ROWS * 2
    table = read_register(opd.write_xlsx(tmp_path / "ten.xlsx", ten),
                          defaults=opd.FIELD_DEFAULTS)
    assert len(table.rows) == 10  # every row under the five-row title block, none cut off
    with pytest.raises(ImportFailed) as info:
        read_register(opd.write_xlsx(tmp_path / "eleven.xlsx", ten + opd.ROWS[:1]))
    assert info.value.code == "too_large"


def test_rows_numbered_ahead_abbreviated_channels_and_a_nameless_reporter(tmp_path: Path) -> None:
    """A register typed as a Dinas keeps it: rows numbered before anything was written in them,
    "Telp" for the telephone, and "Anonim" in the name column of someone who gave no name."""
    path = tmp_path / "register.csv"
    path.write_text(
        "DINAS KESEHATAN - BUKU REGISTER PENGADUAN;;;;;;\n"
        ";;;;;;\n"
        "No;Tgl. Masuk;Nama Pengadu;No. HP/WA;Perihal;Uraian Pengaduan;Cara Penyampaian;Ket.\n"
        "1;01/10/2026;La Ode Hamid;+62 813-4000-1212;Pelayanan lambat RSUD;"
        "antri dr jam 7 pagi baru dilayani jam 1 siang;Telp;\n"
        "2;;;;;;;sdh diteruskan\n"
        "3;7-10-2026;Anonim;;Pungli di loket;ada oknum yg minta uang 50rb utk surat sehat;Surat;\n"
        "4;;;;;;;\n", "utf-8")
    shared = {"complaint_type": "pengaduan", "category": "KESEHATAN",
              "province": "Sulawesi Tenggara", "regency": "Kota Kendari"}
    rows = read_register(path, defaults=shared).rows
    assert [(r.row, r.errors) for r in rows] == [(4, ()), (6, ())]
    phoned, nameless = (r.complaint for r in rows)
    assert phoned is not None and nameless is not None
    assert phoned.channel == "phone" and phoned.reporter.name == "La Ode Hamid"
    assert nameless.anonymous and nameless.reporter.name is None
