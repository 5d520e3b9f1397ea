"""``lapor-server user import`` and ``user reset-password``: every row checked before any is
written, the same file twice changes nothing, an edited file updates in place, new accounts'
one-time passwords go to an owner-only file and must be replaced at the first sign-in, every
change audited as the shell's (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from lapor_desk.server.cli import main
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import User, UserAudit
from lapor_desk.server.services import tokens
from lapor_desk.server.services.people_import import parse_rows, read_table
from lapor_desk.server.services.tokens import PasswordChangeRequired
from tests.server.builder import build_world
from tests.support.live_server import DatabaseFactory

HEADER = ["username", "nama", "peran", "unit", "aktif"]
ROWS = [
    ["lo_pupr_1", "La Ode Muhammad Rusli", "petugas_penghubung", "T-prov_works", "ya"],
    ["admin_dinkes", "Wa Ode Nurhayati, S.KM", "Admin Instansi", "T-prov_health", ""],
    ["lo_kab_dinkes", "Andi Baso", "liaison_officer", "T-kab_health", "tidak"],
]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([HEADER, *rows])
    return path


def _state(url: str) -> tuple[dict[str, tuple[str, str, int, bool, bool]], int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            users = {r.username: (r.display_name, r.role, r.unit_id, r.disabled,
                                  r.must_change_password)
                     for r in conn.execute(select(User))}
            audit = conn.execute(select(func.count(UserAudit.id))).scalar_one()
    finally:
        engine.dispose()
    return users, int(audit)


@pytest.fixture
def url(db_factory: DatabaseFactory) -> str:
    url = db_factory.new_url()
    build_world(url)
    return url


def test_import_is_all_or_nothing_idempotent_and_updates_in_place(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _state(url)
    bad = _write(tmp_path / "salah.csv", [
        *ROWS, ["lo_pupr_1", "Dobel", "petugas_penghubung", "T-prov_works", "ya"],
        ["tanpa peran", "", "kepala", "", "mungkin"],
        ["lo_x", "Unit Hilang", "petugas_penghubung", "T-tidak-ada", "ya"]])
    assert main(["user", "import", str(bad), "--db", url,
                 "--passwords-out", str(tmp_path / "p0.csv")]) == 1
    said = capsys.readouterr().err
    assert "baris 5: username sama dengan baris 2" in said
    assert "baris 6:" in said and "peran 'kepala' tidak dikenal" in said and "aktif" in said
    assert _state(url) == before and not (tmp_path / "p0.csv").exists()
    missing_unit = _write(tmp_path / "unit.csv", [
        *ROWS, ["lo_x", "Unit Hilang", "petugas_penghubung", "T-tidak-ada", "ya"]])
    assert main(["user", "import", str(missing_unit), "--db", url,
                 "--passwords-out", str(tmp_path / "p1.csv")]) == 1
    assert "baris 5: unit dengan kode 'T-tidak-ada' tidak ada" in capsys.readouterr().err
    assert _state(url) == before and not (tmp_path / "p1.csv").exists()

    good = _write(tmp_path / "pengguna.csv", ROWS, delimiter=";")
    assert main(["user", "import", str(good), "--db", url]) == 1  # passwords need a place
    assert _state(url) == before
    assert main(["user", "import", str(good), "--db", url, "--dry-run"]) == 0
    assert "baru: 3" in capsys.readouterr().out and _state(url) == before
    out = tmp_path / "sandi.csv"
    assert main(["user", "import", str(good), "--db", url, "--passwords-out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    passwords = dict(list(csv.reader(out.open(encoding="utf-8")))[1:])
    assert set(passwords) == {"lo_pupr_1", "admin_dinkes", "lo_kab_dinkes"}
    users, audit = _state(url)
    assert users["admin_dinkes"][1:] == ("agency_admin", users["admin_dinkes"][2], False, True)
    assert users["lo_kab_dinkes"][3] is True  # aktif: tidak
    assert audit == before[1] + 4  # three created, one disabled

    again = tmp_path / "lagi.csv"
    assert main(["user", "import", str(good), "--db", url, "--passwords-out", str(again)]) == 0
    assert "baru: 0, diubah: 0, tetap: 3" in capsys.readouterr().out
    assert _state(url) == (users, audit) and not again.exists()

    edited = [["lo_pupr_1", "La Ode M. Rusli", "petugas_penghubung", "T-prov_health", "ya"],
              *ROWS[1:2], ["lo_kab_dinkes", "Andi Baso", "liaison_officer", "T-kab_health", "ya"]]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *edited]:
        sheet.append(row)
    book.save(tmp_path / "pengguna.xlsx")
    assert main(["user", "import", str(tmp_path / "pengguna.xlsx"), "--db", url]) == 0
    assert "baru: 0, diubah: 2, tetap: 1" in capsys.readouterr().out
    after, audit_after = _state(url)
    assert after["lo_pupr_1"][0] == "La Ode M. Rusli" and after["lo_kab_dinkes"][3] is False
    assert after["lo_pupr_1"][2] != users["lo_pupr_1"][2]  # moved to another unit
    assert audit_after == audit + 3  # updated (name), moved, enabled
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            actors = set(conn.execute(select(UserAudit.actor_username)).scalars())
    finally:
        engine.dispose()
    assert actors == {"shell"}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_template_reads_back_as_its_example_rows(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"templat{suffix}"
    assert main(["user", "template", str(path)]) == 0
    rows, problems = parse_rows(read_table(path))
    assert problems == [] and [r.username for r in rows] == ["lo.dinkes", "admin.kominfo"]
    assert main(["user", "template", str(path)]) == 1  # never over an existing file


def test_reset_password_from_the_shell(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["user", "reset-password", "lo_kab_health", "--db", url]) == 0
    password = capsys.readouterr().out.split(": ", 1)[1].split()[0]
    engine = make_engine(url)
    try:
        from sqlalchemy.orm import Session

        with Session(engine) as session, pytest.raises(PasswordChangeRequired):
            tokens.login(session, "lo_kab_health", password)
    finally:
        engine.dispose()
    users, _ = _state(url)
    assert users["lo_kab_health"][4] is True
    assert main(["user", "reset-password", "tidak_ada", "--db", url]) == 1


def test_the_older_account_commands_are_audited_as_the_shells(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("sandi-dari-shell\n"))
    assert main(["create-user", "--db", url, "--username", "lo_shell", "--display-name",
                 "Petugas Shell", "--role", "liaison_officer", "--unit", "T-prov_works",
                 "--password", "sandi-awal-1"]) == 0
    assert main(["move-user", "--db", url, "--username", "lo_shell", "--unit",
                 "T-prov_health"]) == 0
    assert main(["move-user", "--db", url, "--username", "lo_shell", "--unit",
                 "T-prov_health"]) == 0  # already there: nothing to record
    assert main(["disable-user", "--db", url, "--username", "lo_shell"]) == 0
    assert main(["disable-user", "--db", url, "--username", "lo_shell", "--enable"]) == 0
    assert main(["set-password", "lo_shell", "--db", url, "--password-stdin"]) == 0
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(UserAudit.actor_username, UserAudit.action,
                                       UserAudit.from_unit_path, UserAudit.unit_path)
                                .order_by(UserAudit.id)).all()
    finally:
        engine.dispose()
    assert [(r[0], r[1]) for r in rows] == [
        ("shell", "created"), ("shell", "moved"), ("shell", "disabled"), ("shell", "enabled"),
        ("shell", "password_reset")]
    assert rows[1][2] is not None and rows[1][2] != rows[1][3]  # from where, to where
