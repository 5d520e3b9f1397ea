"""Accounts from a file (``lapor-server user import FILE``): CSV or XLSX, one account a row.

Columns (first row, any case, any order): ``username``, ``nama``, ``peran``, ``unit`` (the
unit's ``kode``), and optionally ``aktif`` (``ya``/``tidak``). ``peran`` is
``petugas_penghubung``/``liaison_officer``, ``admin_instansi``/``agency_admin`` or
``admin_nasional``/``national_admin``.

Every row is checked before anything is written; a file with a wrong row changes nothing and
each wrong row is named (its number, what is wrong, in Indonesian). A username already in the
database is updated in place (name, unit and role, active or not); a row that matches its
account changes nothing, so importing the same file again changes nothing. New accounts get a
one-time password each (returned, for the operator to hand over) and must choose their own at
their first sign-in. Every change is audited as the shell's (services/people.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.enums import Role
from lapor_desk.models.people import AccountChange
from lapor_desk.models.shapes import showable
from lapor_desk.models.text import clean_line
from lapor_desk.server.db import Agency, User
from lapor_desk.server.services import people

COLUMNS = ("username", "nama", "peran", "unit")
ROLE_WORDS = {
    "petugas_penghubung": Role.LIAISON_OFFICER, "penghubung": Role.LIAISON_OFFICER,
    "liaison_officer": Role.LIAISON_OFFICER,
    "admin_instansi": Role.AGENCY_ADMIN, "agency_admin": Role.AGENCY_ADMIN,
    "admin_nasional": Role.NATIONAL_ADMIN, "national_admin": Role.NATIONAL_ADMIN,
}
YES, NO = frozenset({"ya", "y", "1", "true", "aktif", ""}), frozenset(
    {"tidak", "t", "0", "false", "nonaktif"})


#: The template's example rows (``lapor-server user template FILE``).
EXAMPLE_ROWS = (
    ("lo.dinkes", "Wa Ode Nurhayati, S.KM", "petugas_penghubung", "DINKES", "ya"),
    ("admin.kominfo", "La Ode Muhammad Rusli", "admin_instansi", "DISKOMINFO", "ya"),
)


def write_template(path: Path) -> None:
    """An import file to fill in: the columns and two example rows (XLSX by the suffix, else
    CSV); never over an existing file."""
    if path.exists():
        raise FileExistsError(str(path))
    header = (*COLUMNS, "aktif")
    if path.suffix.casefold() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in (header, *EXAMPLE_ROWS):
            sheet.append(list(row))
        book.save(path)
        return
    with path.open("x", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *EXAMPLE_ROWS])


class ImportRefused(Exception):
    """The file cannot be imported; ``problems`` names every wrong row (Indonesian)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet numbers it (the header is row 1)
    username: str
    name: str
    role: Role
    unit_code: str
    active: bool


@dataclass
class ImportReport:
    created: list[tuple[str, str]] = field(default_factory=list)  # username, one-time password
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def read_table(path: Path) -> list[list[str]]:
    """The file's rows as texts (XLSX by its suffix, else CSV: comma or semicolon, UTF-8)."""
    if path.suffix.casefold() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [["" if cell is None else str(cell).strip() for cell in row]
                    for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    text = path.read_bytes().decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;") if text else "excel"
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def parse_rows(table: Sequence[Sequence[str]]) -> tuple[list[Row], list[str]]:
    """The rows, and what is wrong with the file (empty when nothing is)."""
    if not table:
        return [], ["berkas kosong: baris pertama harus berisi kolom " + ", ".join(COLUMNS)]
    header = [cell.strip().casefold() for cell in table[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return [], ["kolom tidak ada: " + ", ".join(missing)]
    at = {name: header.index(name) for name in (*COLUMNS, "aktif") if name in header}
    rows, problems = [], []
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        def cell(name: str, cells: Sequence[str] = cells) -> str:
            index = at.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        if not any(c.strip() for c in cells):
            continue
        wrong = []
        username, name = cell("username"), clean_line(cell("nama"))
        if not username or len(username) > 64 or not showable(username) or " " in username:
            wrong.append("username kosong, terlalu panjang, atau berisi spasi")
        elif username.casefold() in seen:
            wrong.append(f"username sama dengan baris {seen[username.casefold()]}")
        else:
            seen[username.casefold()] = number
        if not name or len(name) > 120:
            wrong.append("nama kosong atau lebih dari 120 huruf")
        role = ROLE_WORDS.get(cell("peran").casefold().replace(" ", "_"))
        if role is None:
            wrong.append(f"peran {cell('peran')!r} tidak dikenal (petugas_penghubung, "
                         "admin_instansi, admin_nasional)")
        active_word = cell("aktif").casefold()
        if active_word not in YES | NO:
            wrong.append(f"aktif {cell('aktif')!r}: isi ya atau tidak")
        if not cell("unit"):
            wrong.append("kode unit kosong")
        if wrong:
            problems.append(f"baris {number}: " + "; ".join(wrong))
            continue
        assert role is not None
        rows.append(Row(number, username, name, role, cell("unit"), active_word not in NO))
    return rows, problems


def import_people(session: Session, rows: Iterable[Row], now: datetime) -> ImportReport:
    """Write ``rows`` (already parsed) in the caller's transaction; raises
    :class:`ImportRefused` before writing anything when a unit code is unknown."""
    rows = list(rows)
    codes = {row.unit_code for row in rows}
    found = session.execute(select(Agency.code, Agency.id, Agency.path, Agency.active)
                            .where(Agency.code.in_(codes))).all()
    units = {code: (unit_id, path) for code, unit_id, path, _active in found}
    inactive = {code for code, _id, _path, active in found if not active}
    unknown = [f"baris {row.number}: unit dengan kode {row.unit_code!r} tidak ada"
               for row in rows if row.unit_code not in units]
    unknown += [f"baris {row.number}: unit {row.unit_code!r} sudah tidak aktif; pilih unit yang "
                f"mengambil alih tugasnya" for row in rows if row.unit_code in inactive]
    if unknown:
        raise ImportRefused(unknown)
    existing = {user.username: user for user in session.scalars(
        select(User).where(User.username.in_([row.username for row in rows])))}
    report = ImportReport()
    for row in rows:
        unit_id, path = units[row.unit_code]
        user = existing.get(row.username)
        if user is None:
            person, password = people.create_person(
                session, people.SHELL, username=row.username, display_name=row.name,
                role=str(row.role), unit_id=unit_id, now=now)
            if not row.active:
                people.set_disabled(session, people.SHELL, person.id, True, now)
            report.created.append((row.username, password))
            continue
        changed = False
        if user.display_name != row.name:
            people.record(session, people.SHELL, AccountChange.UPDATED, user, path, now,
                          display_name=row.name, from_display_name=user.display_name)
            user.display_name = row.name
            changed = True
        if user.unit_id != unit_id or user.role != row.role:
            people.move_person(session, people.SHELL, user.id, unit_id, str(row.role), now)
            changed = True
        if bool(user.disabled) == row.active:
            people.set_disabled(session, people.SHELL, user.id, not row.active, now)
            changed = True
        if changed:
            report.updated.append(row.username)
        else:
            report.unchanged += 1
    return report
