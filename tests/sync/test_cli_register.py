"""``lapor-desk import`` with a register as an OPD keeps it, against the REAL reference server on
loopback (SQLite and PostgreSQL; one server per module): values for the whole file given with
``--default``, the valid rows imported while the bad one goes to ``--rejects``, the fixed rejects
imported, nothing twice, then a sync that the server applies whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lapor_desk.cli import main
from lapor_desk.server.db import Complaint
from lapor_desk.sync.credentials import MemoryKeyring
from lapor_desk.sync.register_presets import Preset, PresetStore
from tests.support.live_server import LiveServer
from tests.sync import opd_registers as opd

pytestmark = pytest.mark.timeout(180)

DEFAULTS = [arg for pair in opd.DEFAULTS.items() for arg in ("--default", "=".join(pair))]


@pytest.fixture
def profile(live_server: LiveServer, tmp_path: Path, password: str, memory: MemoryKeyring,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("LAPOR_PASSWORD", password)
    folder = tmp_path / "desk"
    assert main(["sync", "--profile", str(folder), "--server", live_server.url, "--user",
                 "admin.kendari", "--once"]) == 0
    yield folder


def _status(profile: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "--profile", str(profile), "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


def test_import_skips_bad_rows_to_a_rejects_file_then_the_fixed_rows_once(
        live_server: LiveServer, profile: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    register = opd.write_xlsx(tmp_path / "register-november.xlsx")
    base = ["--profile", str(profile)]
    capsys.readouterr()

    # Without the shared values every row lacks type, category and place: said per row.
    assert main(["import", str(register), *base]) == 7
    err = capsys.readouterr().err
    assert "row 6: complaint_type: required" in err and "--skip-invalid" in err
    assert "column names found in row 5: No -> not imported, Tanggal -> received_at" in err
    assert "no column and no --default gives: complaint_type, category, province, regency" in err
    # All or nothing by default: one bad row, nothing imported.
    assert main(["import", str(register), *base, *DEFAULTS]) == 7
    assert "row 9: body: required" in capsys.readouterr().err
    assert _status(profile, capsys)["outbox_pending"] == 0

    rejects = tmp_path / "perlu-diperbaiki.xlsx"
    assert main(["import", str(register), *base, *DEFAULTS, "--skip-invalid",
                 "--rejects", str(rejects)]) == 0
    out = capsys.readouterr().out
    assert "imported 4 complaint(s)" in out and str(rejects) in out and "Rows: 9" in out
    assert "ignored columns: No, Alamat, Keterangan" in out

    book = load_workbook(rejects)
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 2 and header[-2:] == ["Masalah impor", "Baris asal"]
    assert "Uraian Pengaduan: required" in str(sheet.cell(row=2, column=len(header) - 1).value)
    sheet.cell(row=2, column=header.index("Uraian Pengaduan") + 1,
               value="Air PDAM di Anduonohu mati tiga hari, warga membeli air galon.")
    sheet.cell(row=2, column=header.index("Tanggal") + 1, value="30 Nov 2026")
    book.save(rejects)

    assert main(["import", str(rejects), *base, *DEFAULTS]) == 0
    assert "imported 1 complaint(s)" in capsys.readouterr().out
    assert main(["import", str(rejects), *base, *DEFAULTS]) == 0
    assert "imported 0 complaint(s)" in capsys.readouterr().out
    assert main(["import", str(register), *base, *DEFAULTS, "--skip-invalid",
                 "--rejects", str(tmp_path / "lagi.xlsx")]) == 0
    assert "left out 4 row(s) imported before (rows 6, 7, 8, 10)" in capsys.readouterr().out
    assert _status(profile, capsys)["outbox_pending"] == 5

    assert main(["sync", *base, "--server", live_server.url, "--user", "admin.kendari",
                 "--once"]) == 0
    assert "pushed 5 (applied 5, rejected 0" in capsys.readouterr().out
    titles = {r[5] for r in opd.ROWS}
    with live_server.session() as session:
        found = [t for t in session.scalars(select(Complaint.title)) if t in titles]
    assert sorted(found) == sorted(titles)  # each once


def test_a_preset_from_the_desktop_and_what_the_command_refuses(
        profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = opd.write_csv(tmp_path / "register.csv", opd.ROWS[:3])
    base = ["import", str(register), "--profile", str(profile)]
    PresetStore(profile).save(Preset("Register Diskominfo", {"alamat": "village"},
                                     {**opd.FIELD_DEFAULTS, "channel": "letter"}))
    capsys.readouterr()
    assert main([*base, "--preset", "Register Diskominfo"]) == 0
    out = capsys.readouterr().out
    assert "imported 3 complaint(s)" in out and "ignored columns: No, Keterangan" in out

    assert main([*base, "--preset", "Tidak Ada"]) == 2
    assert "Saved presets: Ekspor Admin LAPOR!, Register Diskominfo" in capsys.readouterr().err
    assert main([*base, "--skip-invalid"]) == 2
    assert "--rejects FILE" in capsys.readouterr().err
    assert main([*base, "--default", "kanal=merpati"]) == 2
    assert "channel=merpati (invalid)" in capsys.readouterr().err
    assert main([*base, "--default", "judul=Apa saja"]) == 2
    assert "cannot be given for the whole file" in capsys.readouterr().err


def test_import_of_national_records_says_what_it_updated(
        live_server: LiveServer, profile: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from lapor_desk.server.sp4n.records import record_national_number
    from tests.sync import test_national_register as national

    with live_server.session() as s, s.begin():
        known = s.scalars(select(Complaint.id).where(
            Complaint.status == "in_progress", Complaint.regency == "Kota Kendari")
            .order_by(Complaint.id).limit(1)).one()
        record_national_number(s, known, national.UPDATED[0])
    base = ["--profile", str(profile)]
    assert main(["sync", *base, "--server", live_server.url, "--user", "admin.kendari",
                 "--once"]) == 0
    register = tmp_path / "lapor.csv"
    register.write_text(";".join(national.HEADER) + "\n" + ";".join(national._row(
        1, "7301011", "Puskesmas tutup", "Selesai", "Sudah ditangani petugas.",
        "12/03/2026")) + "\n", "utf-8")
    capsys.readouterr()
    assert main(["import", str(register), *base, "--preset", national.PRESET]) == 0
    out = capsys.readouterr().out
    assert "imported 0 complaint(s)" in out
    assert "SP4N-LAPOR! records: 1 complaint(s) updated (sent at the next sync), 0 unchanged." \
        in out
    assert _status(profile, capsys)["outbox_pending"] == 1
