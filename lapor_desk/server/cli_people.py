"""``lapor-server user ...``: accounts from the shell, audited as the shell's.

    lapor-server user import FILE [--db URL] [--passwords-out FILE] [--dry-run]
    lapor-server user template FILE          an import file to fill in (CSV or XLSX)
    lapor-server user reset-password USERNAME [--db URL]

``import`` reads CSV or XLSX (``services/people_import.py``: ``username``, ``nama``, ``peran``,
``unit``, optionally ``aktif``), checks every row before writing any, and writes all or nothing.
New accounts get one-time passwords, written to ``--passwords-out`` (readable by its owner only;
required when the file makes new accounts). ``reset-password`` prints a one-time password; the
user's sessions end and their next sign-in must choose a new password. The database is ``--db``,
else ``LAPOR_DATABASE_URL``.

The older account commands of cli.py (``create-user``, ``set-password``, ``move-user``,
``disable-user``) are audited here too (:func:`account_before`, :func:`audit_account_command`).
"""

from __future__ import annotations

import argparse
import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.people import AccountChange
from lapor_desk.server.cli_serve import add_config_argument
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Agency, User
from lapor_desk.server.services import people, throttle, users
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.services.people_import import (
    ImportRefused,
    import_people,
    parse_rows,
    read_table,
    write_template,
)


class _DryRun(Exception):
    """Ends a ``--dry-run`` import's transaction without writing."""


def add_commands(sub: Any) -> None:
    """The ``user`` command and its own commands, on ``lapor-server``'s sub-parsers."""
    user = sub.add_parser("user", help="manage accounts from a file or reset a password")
    commands = user.add_subparsers(dest="user_command", required=True)
    p = commands.add_parser("import", help="create or update accounts from a CSV or XLSX file")
    p.add_argument("file", type=Path)
    p.add_argument("--db", default=None,
                   help="SQLAlchemy URL (else LAPOR_DATABASE_URL or the configuration file)")
    add_config_argument(p)
    p.add_argument("--passwords-out", type=Path, default=None,
                   help="where the new accounts' one-time passwords go (CSV, owner-only)")
    p.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
    p = commands.add_parser("template", help="write an import file to fill in (CSV or XLSX)")
    p.add_argument("file", type=Path)
    p = commands.add_parser("reset-password",
                            help="a one-time password; the next sign-in sets a new one")
    p.add_argument("username")
    p.add_argument("--db", default=None,
                   help="SQLAlchemy URL (else LAPOR_DATABASE_URL or the configuration file)")
    add_config_argument(p)


def _database(args: argparse.Namespace) -> str:
    url = args.db or os.environ.get("LAPOR_DATABASE_URL")
    if not url:
        raise ServiceError("no database: give --db URL or set LAPOR_DATABASE_URL",
                           code="invalid_input")
    return str(url)


def _write_passwords(path: Path, created: list[tuple[str, str]]) -> None:
    """Owner-only from its first byte; never over an existing file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", "kata_sandi_sekali_pakai"])
        writer.writerows(created)


#: ``lapor-server`` commands of cli.py that change an account: audited as the shell's.
ACCOUNT_COMMANDS = frozenset({"create-user", "set-password", "move-user", "disable-user"})


@dataclass(frozen=True)
class AccountBefore:
    unit_id: int
    unit_path: str
    role: str
    disabled: bool


def account_before(session: Session, args: argparse.Namespace) -> AccountBefore | None:
    """The account an account command of cli.py is about to change, as it is (None: another
    command, or no such account yet)."""
    if args.command not in ACCOUNT_COMMANDS:
        return None
    row = session.execute(select(User, Agency.path).join(Agency, Agency.id == User.unit_id)
                          .where(User.username == args.username)).first()
    if row is None:
        return None
    return AccountBefore(row[0].unit_id, row[1], row[0].role, bool(row[0].disabled))


def audit_account_command(session: Session, args: argparse.Namespace,
                          before: AccountBefore | None) -> None:
    """The audit row of an account command of cli.py, in its transaction (after the change)."""
    if args.command not in ACCOUNT_COMMANDS:
        return
    user = users.get_user(session, args.username)
    path = session.scalars(select(Agency.path).where(Agency.id == user.unit_id)).one()
    now = utcnow()
    if args.command == "create-user":
        people.record(session, people.SHELL, AccountChange.CREATED, user, path, now,
                      role=user.role, unit_id=user.unit_id)
    elif args.command == "set-password":
        people.record(session, people.SHELL, AccountChange.PASSWORD_RESET, user, path, now)
    elif args.command == "move-user" and before is not None and (
            before.unit_id, before.role) != (user.unit_id, user.role):
        people.record(session, people.SHELL, AccountChange.MOVED, user, path, now,
                      from_unit_path=before.unit_path, from_unit_id=before.unit_id,
                      unit_id=user.unit_id, from_role=before.role, role=user.role)
    elif args.command == "disable-user" and before is not None and (
            before.disabled != bool(user.disabled)):
        people.record(session, people.SHELL, AccountChange.DISABLED if user.disabled
                      else AccountChange.ENABLED, user, path, now)


def run(args: argparse.Namespace) -> int:
    if args.user_command == "import":
        return _import(args)
    if args.user_command == "template":
        try:
            write_template(args.file)
        except FileExistsError:
            raise ServiceError(f"{args.file} sudah ada; sebutkan berkas baru",
                               code="invalid_input") from None
        print(f"templat ditulis: {args.file} (kolom: username, nama, peran, unit, aktif)")
        return 0
    return _reset(args)


def _import(args: argparse.Namespace) -> int:
    try:
        rows, problems = parse_rows(read_table(args.file))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        raise ServiceError(f"berkas tidak dapat dibaca: {error}", code="invalid_input") from None
    if problems:
        raise ServiceError("tidak ada yang diimpor; perbaiki baris berikut lalu ulangi:\n"
                           + "\n".join(problems), code="invalid_input")
    if args.passwords_out is not None and args.passwords_out.exists():
        raise ServiceError(f"{args.passwords_out} sudah ada; sebutkan berkas baru",
                           code="invalid_input")
    engine = make_engine(_database(args))
    report = None
    try:
        with transaction(engine) as session:
            try:
                report = import_people(session, rows, utcnow())
            except ImportRefused as refused:
                raise ServiceError("tidak ada yang diimpor; perbaiki baris berikut lalu ulangi:\n"
                                   + "\n".join(refused.problems), code="invalid_input") from None
            if report.created and args.passwords_out is None and not args.dry_run:
                raise ServiceError(
                    f"{len(report.created)} akun baru perlu kata sandi sekali pakai: sebutkan "
                    "berkasnya dengan --passwords-out; tidak ada yang diimpor",
                    code="invalid_input")
            if args.dry_run:
                raise _DryRun  # rolls the transaction back
            if report.created:
                assert args.passwords_out is not None
                _write_passwords(args.passwords_out, report.created)  # before the commit
    except _DryRun:
        pass
    finally:
        engine.dispose()
    assert report is not None
    prefix = "(uji, tidak ditulis) " if args.dry_run else ""
    print(f"{prefix}baru: {len(report.created)}, diubah: {len(report.updated)}, "
          f"tetap: {report.unchanged}")
    return 0


def _reset(args: argparse.Namespace) -> int:
    engine = make_engine(_database(args))
    try:
        with transaction(engine) as session:
            user = users.get_user(session, args.username)
            _person, password = people.reset_password(session, people.SHELL, user.id, utcnow())
            throttle.forget_user(session, args.username)
    finally:
        engine.dispose()
    print(f"kata sandi sekali pakai untuk {args.username}: {password}")
    print("berikan kepada pemiliknya; saat masuk berikutnya ia harus membuat kata sandi baru")
    return 0
