"""``lapor-desk import FILE --profile DIR [--preset NAME] [--default FIELD=VALUE ...]
[--skip-invalid --rejects FILE]``: a register imported through the same register service the
desktop's import dialog uses (services/register.py; the format: docs/import-format.md)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from lapor_desk.cli import (
    EXIT_AUTH,
    EXIT_IMPORT,
    EXIT_OK,
    EXIT_STORAGE,
    EXIT_USAGE,
    _advice,
    _error,
    _open_profile,
    setup_logging,
)
from lapor_desk.paths import SERVER_CLOCK_FILE
from lapor_desk.services.register import Register, RegisterSettings
from lapor_desk.sync.errors import ImportFailed, NotSignedInError, StorageError
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.cli")


def _defaults(pairs: Sequence[str]) -> dict[str, str] | str:
    """``--default FIELD=VALUE`` as {field: value} (a field by its code or its Indonesian name:
    ``kanal=surat``, ``kategori=KESEHATAN``), or the message saying what is wrong."""
    from lapor_desk.sync.importer import HEADERS
    from lapor_desk.sync.register_layout import DEFAULTABLE, guess_field

    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        field_name = name.strip() if name.strip() in DEFAULTABLE else guess_field(name, HEADERS)
        if not sep or not value.strip():
            return f"--default {pair!r}: write it as FIELD=VALUE, e.g. --default kanal=surat."
        if field_name not in DEFAULTABLE:
            return (f"--default {pair!r}: {name!r} cannot be given for the whole file. Fields "
                    "that can: " + ", ".join(DEFAULTABLE) + ".")
        found[str(field_name)] = value.strip()
    return found


def _explain(register: Register, path: Path, settings: RegisterSettings) -> None:
    """How the file was read: where its column names are, what was left out, what is missing."""
    preview = register.preview(path, settings)
    if not preview.columns:
        return
    _error(f"column names found in row {preview.header_row}: " + ", ".join(
        f"{c.header} -> {c.field or 'not imported'}" for c in preview.columns if c.header))
    if preview.missing:
        _error("no column and no --default gives: " + ", ".join(preview.missing)
               + ". Add --default FIELD=VALUE for each (e.g. --default kanal=surat), or use a "
               "--preset saved from the desktop's import dialog.")


def run_import(args: argparse.Namespace) -> int:
    from lapor_desk.services.errors import ServiceError
    from lapor_desk.services.register import bad_defaults
    from lapor_desk.sync.clock import ServerClock
    from lapor_desk.sync.outbox import Outbox

    if args.skip_invalid != bool(args.rejects):
        _error("--skip-invalid and --rejects FILE go together: the rows left out are written "
               "to FILE, to fix and import again.")
        return EXIT_USAGE
    defaults = _defaults(args.default or [])
    if isinstance(defaults, str):
        _error(defaults)
        return EXIT_USAGE
    problems = bad_defaults(defaults)
    if problems:
        _error("these values cannot be used for the whole file: " + ", ".join(
            f"{k}={defaults[k]} ({v})" for k, v in problems.items())
            + ". Use a type, channel and category as the template lists them.")
        return EXIT_USAGE
    profile = Path(args.profile)
    setup_logging(profile, args.verbose)
    cache = _open_profile(profile)
    if isinstance(cache, int):
        return cache
    try:
        # Received "now" is by the server's clock as the last sync learned it (offline too).
        clock = ServerClock(store=profile / SERVER_CLOCK_FILE)
        register = Register(Outbox(cache, clock=clock.now), clock.now, profile)
        settings = RegisterSettings()
        if args.preset:
            found = register.preset(args.preset)
            if found is None:
                names = register.preset_names()
                _error(f"no preset {args.preset!r} in this profile. "
                       + (f"Saved presets: {', '.join(names)}." if names else
                          "Save one from the desktop's import dialog first."))
                return EXIT_USAGE
            settings = found
        settings = RegisterSettings(settings.columns, {**settings.defaults, **defaults})
        outcome = register.run(Path(args.file), settings, skip_invalid=args.skip_invalid,
                               rejects=Path(args.rejects) if args.rejects else None)
    except ServiceError as exc:
        cause = exc.__cause__
        if isinstance(cause, StorageError):  # one transaction: nothing of the file was imported
            event(log, "cli.import_storage", logging.ERROR, code=cause.code,
                  error=cause.fault.detail)
            _error("Nothing was imported. " + _advice(cause))
            return EXIT_STORAGE
        if isinstance(cause, NotSignedInError):
            _error(_advice(cause))
            return EXIT_AUTH
        _error(str(cause or exc))
        if isinstance(cause, ImportFailed):
            if cause.errors or cause.code == "no_known_columns":
                _explain(register, Path(args.file), settings)
            for row_error in cause.errors:
                print(f"  row {row_error.row}: {row_error.field}: {row_error.code}",
                      file=sys.stderr)
            if cause.errors:
                _error("Fix these rows, or import the valid rows with --skip-invalid --rejects "
                       "FILE (the bad rows go to FILE, to fix and import again).")
            if cause.code == "bad_encoding":
                _error("Save the file from Excel as 'CSV UTF-8 (Comma delimited)' and try "
                       "again.")
        return EXIT_IMPORT
    finally:
        cache.close()
    print(f"imported {outcome.count} complaint(s); they will be sent at the next sync.")
    if outcome.updated or outcome.unchanged:
        print(f"SP4N-LAPOR! records: {len(outcome.updated)} complaint(s) updated (sent at the "
              f"next sync), {len(outcome.unchanged)} unchanged.")
    if outcome.already_imported:
        print(f"left out {len(outcome.already_imported)} row(s) imported before (rows "
              + ", ".join(str(r) for r in outcome.already_imported) + ").")
    if outcome.rejected_rows:
        print(f"{len(outcome.rejected_rows)} row(s) not valid, written to {outcome.rejects_path} "
              "(column 'Masalah impor' says why): fix them there and import that file again. "
              "Rows: " + ", ".join(str(r) for r in outcome.rejected_rows))
    if outcome.ignored_columns:
        print("ignored columns: " + ", ".join(outcome.ignored_columns))
    if outcome.cleaned_rows:
        print("invisible characters (NUL, controls, text-direction marks) removed from rows: "
              + ", ".join(str(r) for r in outcome.cleaned_rows))
    return EXIT_OK
