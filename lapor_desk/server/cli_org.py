"""``lapor-server org``: the pemda's organisation from and to a CSV/XLSX file.

    lapor-server org import FILE --db URL [--dry-run] [--json]
    lapor-server org export FILE --db URL
    lapor-server org template FILE

``import`` checks every row first and writes nothing when one is wrong (each error on its own
line, with its line number, in Indonesian); ``--dry-run`` only checks and says what would change.
``--db`` may be left out when ``LAPOR_DATABASE_URL`` names the database. The file's format:
``server/org/table.py`` and docs/organisation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from lapor_desk.server.cli_serve import add_config_argument
from lapor_desk.server.database import make_engine
from lapor_desk.server.org import (
    ImportRejected,
    ImportReport,
    TableError,
    export_units,
    import_units,
    write_template,
)

#: How many codes of each kind of change the summary names.
SHOWN = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``org`` and its commands to ``lapor-server``'s command parsers."""
    org = sub.add_parser("org", help="the pemda's units: import, export, template")
    commands = org.add_subparsers(dest="org_command", required=True)

    def command(name: str, help_text: str, database: bool = True) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text)
        parser.add_argument("file", type=Path)
        if database:
            parser.add_argument("--db", default=None,
                                help="SQLAlchemy URL (default: $LAPOR_DATABASE_URL or the "
                                     "configuration file's [database] url)")
            add_config_argument(parser)
        return parser

    p = command("import", "create or update units from a CSV/XLSX file (all or nothing)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    command("export", "write every unit to a CSV/XLSX file in the import's format")
    command("template", "write an example file to start from", database=False)


def _database(args: argparse.Namespace) -> str:
    url = args.db or os.environ.get("LAPOR_DATABASE_URL")
    if not url:
        print("error: basis data tidak disebut: beri --db URL atau LAPOR_DATABASE_URL",
              file=sys.stderr)
        raise SystemExit(2)
    return str(url)


def _print_report(report: ImportReport, dry_run: bool) -> None:
    head = "Pemeriksaan saja, tidak ada yang ditulis." if dry_run else (
        "Impor selesai." if report.written else "Impor selesai: tidak ada yang berubah.")
    print(head)
    for label, codes in (("baru", report.created), ("diubah", report.updated),
                         ("dipindah", report.moved), ("dinonaktifkan", report.deactivated)):
        named = ", ".join(codes[:SHOWN]) + (", …" if len(codes) > SHOWN else "")
        print(f"  {label}: {len(codes)}" + (f" ({named})" if codes else ""))
    print(f"  tetap: {report.unchanged}")
    for warning in report.warnings:
        print(f"peringatan: {warning}")


def run(args: argparse.Namespace) -> int:
    if args.org_command == "template":
        write_template(args.file)
        print(f"contoh berkas ditulis ke {args.file}")
        return 0
    engine = make_engine(_database(args))
    try:
        return _with_database(args, engine)
    except DBAPIError as error:
        print(f"error: basis data tidak bisa dipakai ({error.orig}); periksa --db, lalu jalankan "
              f"lapor-server init-db bila belum", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _with_database(args: argparse.Namespace, engine: Engine) -> int:
    if not inspect(engine).has_table("agencies"):
        print("error: basis data belum disiapkan: jalankan dulu lapor-server init-db",
              file=sys.stderr)
        return 1
    if args.org_command == "export":
        count = export_units(engine, args.file)
        print(f"{count} unit ditulis ke {args.file}")
        return 0
    try:
        report = import_units(engine, args.file, dry_run=args.dry_run)
    except TableError as error:
        print(f"error: {error}", file=sys.stderr)
        print("Tidak ada yang diimpor.", file=sys.stderr)
        return 1
    except ImportRejected as rejected:
        for row_error in rejected.errors:
            print(f"error: {row_error}", file=sys.stderr)
        print(f"{len(rejected.errors)} kesalahan; tidak ada yang diimpor. Perbaiki berkasnya "
              f"lalu jalankan lagi.", file=sys.stderr)
        if args.json:
            print(json.dumps({"errors": [
                {"line": e.line, "kode": e.kode, "message": e.message}
                for e in rejected.errors]}, ensure_ascii=False))
        return 1
    if args.json:
        print(json.dumps({
            "created": report.created, "updated": report.updated, "moved": report.moved,
            "deactivated": report.deactivated, "unchanged": report.unchanged,
            "warnings": report.warnings, "written": report.written}, ensure_ascii=False))
    else:
        _print_report(report, args.dry_run)
    return 0
