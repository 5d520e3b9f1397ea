"""``lapor-server org import|export|template``: every row checked, all or nothing, idempotent,
updates in place, units gone from the file deactivated (never deleted), CSV and XLSX
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from lapor_desk.models.enums import AgencyLevel
from lapor_desk.server.database import init_database, make_engine, transaction
from lapor_desk.server.db import Agency, User
from lapor_desk.server.org import (
    ImportRejected,
    TableError,
    export_units,
    import_units,
    read_table,
    template_text,
)
from lapor_desk.server.services import users
from tests.support.live_server import DatabaseFactory

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "org"
CLEAN = FILES / "konsel_opd.csv"
MESSY = FILES / "konsel_opd_kotor.csv"


@pytest.fixture
def engine(db_factory: DatabaseFactory) -> Iterator[Engine]:
    url = db_factory.new_url()
    init_database(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def tree(engine: Engine) -> dict[str, tuple[object, ...]]:
    """code -> (id, parent code, level, name, aliases, active, seq)."""
    with engine.connect() as connection:
        rows = list(connection.execute(select(Agency)))
    code_of = {r.id: r.code for r in rows}
    return {r.code: (r.id, code_of.get(r.parent_id), r.level, r.name, tuple(r.aliases),
                     bool(r.active), r.seq) for r in rows}


def shape(found: dict[str, tuple[object, ...]]) -> dict[str, tuple[object, ...]]:
    """The tree without its ids and change numbers (to compare two databases)."""
    return {code: row[1:6] for code, row in found.items()}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def clean_rows() -> list[list[str]]:
    with CLEAN.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_the_file_as_typed_is_refused_row_by_row_and_nothing_is_written(engine: Engine) -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_units(engine, MESSY)
    errors = {(e.line, e.kode): e.message for e in rejected.value.errors}
    assert sorted(errors) == [(19, "7405.PKM.LAINEA"), (31, "7405.DLH"), (40, "7405.DISPAR"),
                              (41, "7405.DISPORA"), (56, "7405.KEC.BAITO.AMOITO")]
    assert errors[(19, "7405.PKM.LAINEA")] == (
        "induk 7405.DINKS tidak ada di berkas maupun di server (mungkin maksudnya 7405.DINKES?)")
    assert errors[(31, "7405.DLH")] == "kode 7405.DLH sudah dipakai di baris 30"
    assert errors[(40, "7405.DISPAR")] == "kolom nama kosong"
    assert "terlalu pendek" in errors[(41, "7405.DISPORA")]
    assert "induk 7405.KEC.BAITO tidak ada" in errors[(56, "7405.KEC.BAITO.AMOITO")]
    with engine.connect() as connection:  # not even the national root
        assert connection.execute(select(func.count(Agency.id))).scalar_one() == 0


def test_import_again_changes_nothing_and_an_edited_file_updates_in_place(
        engine: Engine, tmp_path: Path) -> None:
    first = import_units(engine, CLEAN)
    assert len(first.created) == 55 and first.written
    with engine.connect() as connection:  # each path is its parent's and its own id
        nodes = list(connection.execute(select(Agency.id, Agency.parent_id, Agency.path)))
    path_of = {n.id: n.path for n in nodes}
    assert all(n.path == (path_of[n.parent_id] if n.parent_id else "/") + f"{n.id}/"
               for n in nodes)
    before = tree(engine)
    assert before["7405"][1:3] == ("NASIONAL", str(AgencyLevel.AGENCY))
    assert before["7405.PKM.ANDOOLO"][1:5] == (
        "7405.DINKES", str(AgencyLevel.UNIT), "UPTD Puskesmas Andoolo",
        ("PKM Andoolo", "Puskesmas Andoolo"))
    assert before["7405.PUPR"][4] == ("Dinas PUPR", "PU", "Bina Marga")

    again = import_units(engine, CLEAN)
    assert (again.changes, again.unchanged, again.written) == (0, 55, False)
    assert tree(engine) == before  # not even a new change number

    rows = clean_rows()
    for row in rows:
        if row[0] == "7405.PUPR":
            row[1], row[2] = "Dinas Pekerjaan Umum dan Penataan Ruang Kab. Konsel", "PUPR, PU"
    edited = import_units(engine, write_csv(tmp_path / "v2.csv", rows))
    assert (edited.updated, edited.created, edited.deactivated) == (("7405.PUPR",), (), ())
    after = tree(engine)
    assert after["7405.PUPR"][0] == before["7405.PUPR"][0]  # the same unit, updated in place
    assert after["7405.PUPR"][3:5] == ("Dinas Pekerjaan Umum dan Penataan Ruang Kab. Konsel",
                                       ("PUPR", "PU"))
    assert after["7405.PUPR"][6] > max(row[6] for row in before.values())  # sent again
    assert {c: r for c, r in after.items() if c != "7405.PUPR"} == {
        c: r for c, r in before.items() if c != "7405.PUPR"}


def test_units_gone_from_the_file_are_deactivated_never_deleted_and_come_back(
        engine: Engine, tmp_path: Path) -> None:
    import_units(engine, CLEAN)
    ids = {code: row[0] for code, row in tree(engine).items()}
    with transaction(engine) as session:
        users.create_user(session, username="pkm.lainea", display_name="Penghubung PKM Lainea",
                          role="liaison_officer", unit_id=int(str(ids["7405.PKM.LAINEA"])),
                          password="sandi-pkm-lainea-1")
    # Dinkes's puskesmas leave the file with it? No: Dinkes stays; two puskesmas and the
    # kecamatan Baito with its kelurahan go.
    gone = {"7405.PKM.LAINEA", "7405.PKM.KONDA", "7405.KEC.BAITO", "7405.KEC.BAITO.AMOITO"}
    rows = [r for r in clean_rows() if r[0] not in gone]
    report = import_units(engine, write_csv(tmp_path / "v2.csv", rows))
    assert set(report.deactivated) == gone
    warning = ("7405.PKM.LAINEA (UPTD Puskesmas Lainea) dinonaktifkan, tetapi 1 pengguna masih "
               "terdaftar di sana: pindahkan mereka (lapor-server move-user)")
    assert report.warnings == (warning,)
    after = tree(engine)
    assert {code: after[code][5] for code in gone} == dict.fromkeys(gone, False)
    assert {code: after[code][0] for code in gone} == {code: ids[code] for code in gone}
    with engine.connect() as connection:
        assert connection.execute(select(User.unit_id).where(
            User.username == "pkm.lainea")).scalar_one() == ids["7405.PKM.LAINEA"]
    assert import_units(engine, tmp_path / "v2.csv").changes == 0  # stays as it is

    back = import_units(engine, CLEAN)  # the old file again: the same units, active again
    assert set(back.updated) == gone and not back.created
    assert {code: tree(engine)[code][5] for code in gone} == dict.fromkeys(gone, True)


def test_export_round_trips_through_xlsx_into_a_fresh_server(
        engine: Engine, db_factory: DatabaseFactory, tmp_path: Path) -> None:
    import_units(engine, CLEAN)
    rows = [r for r in clean_rows() if r[0] != "7405.KEC.LAEYA"]
    import_units(engine, write_csv(tmp_path / "v2.csv", rows))  # one unit inactive
    assert export_units(engine, tmp_path / "konsel.xlsx") == 55
    export_units(engine, tmp_path / "konsel.csv")
    assert read_table(tmp_path / "konsel.xlsx") == read_table(tmp_path / "konsel.csv")
    assert import_units(engine, tmp_path / "konsel.xlsx").changes == 0

    url = db_factory.new_url()
    init_database(url)
    fresh = make_engine(url)
    try:
        created = import_units(fresh, tmp_path / "konsel.xlsx")
        assert len(created.created) == 55
        assert shape(tree(fresh)) == shape(tree(engine))
        assert tree(fresh)["7405.KEC.LAEYA"][5] is False
    finally:
        fresh.dispose()


def test_xlsx_as_a_spreadsheet_writes_it(engine: Engine, tmp_path: Path) -> None:
    """Columns in another order, header in capitals, a code typed as a number, blank lines."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nama", "KODE", "Induk", "Singkatan"])
    sheet.append(["Pemerintah Kabupaten Konawe Selatan", 7405, None, "Pemkab Konsel"])
    sheet.append([None, None, None, None])
    sheet.append(["Dinas Kesehatan", "7405.DINKES", 7405, "Dinkes"])
    sheet.append(["UPTD Puskesmas Andoolo", "7405.PKM.ANDOOLO", "7405.DINKES", "PKM Andoolo"])
    book.save(tmp_path / "opd.xlsx")
    report = import_units(engine, tmp_path / "opd.xlsx")
    assert report.created == ("7405", "7405.DINKES", "7405.PKM.ANDOOLO")
    assert tree(engine)["7405.PKM.ANDOOLO"][1] == "7405.DINKES"


def test_structure_checks(engine: Engine, tmp_path: Path) -> None:
    import_units(engine, CLEAN)
    ids = {code: row[0] for code, row in tree(engine).items()}
    cases = {
        "loop": [["A", "Unit A", "", "B"], ["B", "Unit B", "", "A"]],
        "agency under a unit": [["X", "Instansi X", "", "7405.DINKES", "instansi", "ya"]],
        "active under inactive": [["P", "Induk", "", "7405", "unit", "tidak"],
                                  ["C", "Anak", "", "P", "unit", "ya"]],
        "root's code": [["NASIONAL", "Lain", "", ""]],
        "bad values": [["kode spasi", "Unit", "", "7405", "lantai", "mungkin"]],
    }
    expected = {
        "loop": "induk membentuk lingkaran",
        "agency under a unit": "instansi tidak bisa berada di bawah unit 7405.DINKES",
        "active under inactive": "unit aktif di bawah induk P yang tidak aktif",
        "root's code": "kode NASIONAL milik akar nasional",
        "bad values": "kode hanya boleh berisi",
    }
    for name, rows in cases.items():
        path = write_csv(tmp_path / "case.csv",
                         [["kode", "nama", "singkatan", "induk", "tingkat", "aktif"], *rows])
        with pytest.raises(ImportRejected) as rejected:
            import_units(engine, path)
        assert any(expected[name] in e.message for e in rejected.value.errors), (
            name, rejected.value.errors)
    bad = write_csv(tmp_path / "bad.csv",
                    [["kode", "nama", "singkatan", "induk", "tingkat", "aktif"],
                     ["kode spasi", "Unit", "", "7405", "lantai", "mungkin"]])
    with pytest.raises(ImportRejected) as rejected:
        import_units(engine, bad)
    assert len(rejected.value.errors) == 3  # code, level and active: each said
    with pytest.raises(TableError, match="kolom induk tidak ada"):
        import_units(engine, write_csv(tmp_path / "nohead.csv", [["kode", "nama", "singkatan"]]))

    # A move: an unused unit may go under another parent (its subtree's paths follow); a unit
    # with a user in it may not.
    rows = clean_rows()
    for row in rows:
        if row[0] == "7405.KEC.BAITO":
            row[3] = "7405.SETDA"
    moved = import_units(engine, write_csv(tmp_path / "move.csv", rows))
    assert moved.moved == ("7405.KEC.BAITO",)
    with engine.connect() as connection:
        paths = {str(c): str(p) for c, p in connection.execute(select(Agency.code, Agency.path))}
    assert paths["7405.KEC.BAITO.AMOITO"] == (
        f"{paths['7405.SETDA']}{ids['7405.KEC.BAITO']}/{ids['7405.KEC.BAITO.AMOITO']}/")
    with transaction(engine) as session:
        users.create_user(session, username="camat.baito", display_name="Camat Baito",
                          role="liaison_officer", unit_id=int(str(ids["7405.KEC.BAITO.AMOITO"])),
                          password="sandi-camat-baito-1")
    with pytest.raises(ImportRejected) as rejected:
        import_units(engine, CLEAN)  # back under 7405: someone works in it now
    [error] = rejected.value.errors
    assert error.kode == "7405.KEC.BAITO" and "0 pengaduan, 1 pengguna" in error.message


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lapor_desk.server.cli", "--log-level",
                           "WARNING", *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_cli(engine: Engine, db_factory: DatabaseFactory, tmp_path: Path) -> None:
    bare = _cli("org", "import", str(CLEAN), "--db", db_factory.new_url())
    assert bare.returncode == 1
    assert "basis data belum disiapkan: jalankan dulu lapor-server init-db" in bare.stderr
    url = engine.url.render_as_string(hide_password=False)
    missing = _cli("org", "import", str(tmp_path / "tidak-ada.csv"), "--db", url)
    assert missing.returncode == 1 and "tidak ditemukan" in missing.stderr
    done = _cli("org", "import", str(MESSY), "--db", url)
    assert done.returncode == 1
    assert ("error: baris 19 (7405.PKM.LAINEA): induk 7405.DINKS tidak ada di berkas maupun di "
            "server (mungkin maksudnya 7405.DINKES?)") in done.stderr.splitlines()
    assert "5 kesalahan; tidak ada yang diimpor" in done.stderr
    done = _cli("org", "import", str(CLEAN), "--db", url, "--dry-run")
    assert done.returncode == 0 and "baru: 55" in done.stdout
    assert tree(engine) == {}
    assert _cli("org", "import", str(CLEAN), "--db", url).returncode == 0
    assert len(tree(engine)) == 56
    assert _cli("org", "template", str(tmp_path / "contoh.csv")).returncode == 0
    assert (tmp_path / "contoh.csv").read_text(encoding="utf-8") == template_text()
    done = _cli("org", "import", str(tmp_path / "contoh.csv"), "--db", url, "--dry-run")
    assert done.returncode == 0 and "baru: 5" in done.stdout, done.stderr
    assert _cli("org", "export", str(tmp_path / "out.csv"), "--db", url).returncode == 0
    assert len(read_table(tmp_path / "out.csv")) == 55


def test_a_province_file_leaves_the_kabupaten_files_alone(engine: Engine, tmp_path: Path) -> None:
    """On a province's server the province imports its OPDs and each kabupaten its own file,
    below the province: the province's file speaks for its OPDs, not for the kabupaten's."""
    header = ["kode", "nama", "singkatan", "induk", "tingkat"]
    province = write_csv(tmp_path / "sultra.csv", [
        header, ["74", "Pemerintah Provinsi Sulawesi Tenggara", "Pemprov Sultra", "", ""],
        ["74.DINKES", "Dinas Kesehatan Provinsi", "Dinkes Provinsi", "74", ""],
        ["74.BAPPEDA", "Bappeda Provinsi", "", "74", ""]])
    import_units(engine, province)
    kabupaten = [[*row, ""] for row in clean_rows()]
    kabupaten[0][4] = "tingkat"
    # Pemkab Konawe Selatan under the province, on the same server: an instansi of its own
    kabupaten[1][3:5] = ["74", "instansi"]
    report = import_units(engine, write_csv(tmp_path / "konsel.csv", kabupaten))
    assert len(report.created) == 55
    assert tree(engine)["7405"][1:3] == ("74", str(AgencyLevel.AGENCY))

    again = import_units(engine, province)
    assert again.changes == 0  # the kabupaten's 55 units stay as they are
    smaller = write_csv(tmp_path / "sultra-2.csv", [
        header, ["74", "Pemerintah Provinsi Sulawesi Tenggara", "Pemprov Sultra", "", ""],
        ["74.DINKES", "Dinas Kesehatan Provinsi", "Dinkes Provinsi", "74", ""]])
    assert import_units(engine, smaller).deactivated == ("74.BAPPEDA",)
    gone = [r for r in kabupaten if r[0] != "7405.KEC.LAEYA"]  # its own file still speaks
    assert import_units(engine, write_csv(tmp_path / "konsel-2.csv", gone)).deactivated == (
        "7405.KEC.LAEYA",)
