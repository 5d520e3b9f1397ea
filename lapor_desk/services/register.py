"""Importing a register file (CSV/XLSX) of offline complaints, with a preview first.

:meth:`Register.preview` is a dry run: it reads the file as the core importer does
(:func:`lapor_desk.sync.importer.read_register`: the header row found below any title rows, each
column's field guessed from its name or chosen, values the file leaves out given once), validates
every row with the intake rules and says which rows were imported before; it writes nothing.
:meth:`Register.run` imports in ONE transaction: every row, or (``skip_invalid``) the valid rows
while the bad ones are written to a rejects file to fix and import again. A row imported before
is never recorded twice (``sync/importer.py``: its fingerprint).

A person's choices (columns and shared values) are kept as named presets in the profile folder
(:mod:`lapor_desk.sync.register_presets`); an empty template with drop-down lists can be saved
(:mod:`lapor_desk.sync.register_files`). The format: docs/import-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lapor_desk.models.cache.schema import ImportedRow
from lapor_desk.models.calendar import UTC
from lapor_desk.models.text import clean_line
from lapor_desk.services.errors import ServiceError, translate
from lapor_desk.services.intake import FieldProblem
from lapor_desk.sync import importer, national_rows
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import ImportFailed, SyncError
from lapor_desk.sync.importer import RegisterTable
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.register_files import Describe, write_rejects, write_template
from lapor_desk.sync.register_layout import (
    DEFAULTABLE,
    FIELDS,
    REQUIRED,
    check_default,
    normalise_header,
)
from lapor_desk.sync.register_presets import Preset, PresetStore

__all__ = ["DEFAULTABLE", "FIELDS", "REQUIRED", "ColumnChoice", "ImportOutcome", "Preset",
           "PreviewRow", "Register", "RegisterPreview", "RegisterSettings", "preview_register"]

#: The intake fields a preview shows, in order (codes; the UI words the headings).
PREVIEW_FIELDS: tuple[str, ...] = (
    "title", "received_at", "reporter.name", "body", "complaint_type", "channel", "category",
    "regency", "incident_date",
)


@dataclass(frozen=True)
class RegisterSettings:
    """What a person chose for a file: fields by column name (normalised; None: not imported)
    and values the whole file shares (fields that the file leaves empty)."""

    columns: Mapping[str, str | None] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, preset: Preset | None) -> RegisterSettings:
        return cls() if preset is None else cls(dict(preset.columns), dict(preset.defaults))


@dataclass(frozen=True)
class ColumnChoice:
    header: str                       # as the file writes it
    field: str | None                 # the intake field it holds, or None: not imported
    chosen: bool                      # from a preset or a person, not guessed

    @property
    def key(self) -> str:
        return normalise_header(self.header)


@dataclass(frozen=True)
class PreviewRow:
    row: int                          # as the spreadsheet shows it
    values: tuple[str, ...]           # one text per PREVIEW_FIELDS entry (cleaned as stored)
    problems: tuple[FieldProblem, ...]
    cleaned: bool = False             # invisible characters (NUL, controls...) were removed
    already_imported: bool = False    # this profile imported the row before: left out
    same_as: int | None = None        # the same row is already in the file (this row): left out
    #: A national record (its SP4N-LAPOR! number given): ``new``, ``update`` of a complaint
    #: held here, ``unchanged``; None for any other row (sync/national_rows.py).
    national: str | None = None
    status_to: str | None = None      # the status an update reaches
    follow_ups_added: int = 0         # the national follow-ups an update adds

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RegisterPreview:
    path: str
    rows: tuple[PreviewRow, ...]
    ignored_columns: tuple[str, ...] = ()
    file_error: str | None = None     # a file-level ImportFailed code (empty, bad_encoding...)
    fields: tuple[str, ...] = PREVIEW_FIELDS
    columns: tuple[ColumnChoice, ...] = ()
    header_row: int = 1               # as the spreadsheet numbers it
    missing: tuple[str, ...] = ()     # required fields no column and no shared value give
    settings: RegisterSettings = field(default_factory=RegisterSettings)

    @property
    def bad_rows(self) -> int:
        return sum(1 for r in self.rows if not r.ok)

    @property
    def already_imported(self) -> int:
        return sum(1 for r in self.rows if r.ok and r.already_imported)

    @property
    def repeated(self) -> int:
        """Rows left out as the same as a row above; a later row of a national record is not
        one (its follow-ups and status are taken with the record)."""
        return sum(1 for r in self.rows if r.ok and r.same_as is not None
                   and r.national != national_rows.PART)

    @property
    def new_rows(self) -> int:
        """Valid rows not imported before nor repeated: what an import records."""
        return sum(1 for r in self.rows if r.ok and not r.already_imported
                   and r.same_as is None and r.national in (None, national_rows.NEW))

    @property
    def updates(self) -> int:
        """Rows whose national record updates a complaint held here."""
        return sum(1 for r in self.rows if r.ok and r.national == national_rows.UPDATE)

    @property
    def unchanged(self) -> int:
        """Rows whose national record changes nothing of the complaint held here."""
        return sum(1 for r in self.rows if r.ok and r.national == national_rows.UNCHANGED)

    @property
    def cleaned_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if r.cleaned)

    @property
    def importable(self) -> bool:
        """Every row valid, and some not imported before."""
        return self.file_error is None and self.work > 0 and self.bad_rows == 0

    @property
    def partly_importable(self) -> bool:
        """Some valid rows to import while the bad ones go to a rejects file."""
        return self.file_error is None and self.work > 0 and self.bad_rows > 0

    @property
    def work(self) -> int:
        """What an import writes: complaints recorded and complaints updated."""
        return self.new_rows + self.updates


@dataclass(frozen=True)
class ImportOutcome:
    count: int
    complaint_ids: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    cleaned_rows: tuple[int, ...] = ()
    rejected_rows: tuple[int, ...] = ()
    rejects_path: str | None = None
    already_imported: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()     # rows whose national record updated a complaint
    unchanged: tuple[int, ...] = ()   # rows whose national record changed nothing


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return clean_line(str(value))


def _shown(raw: dict[str, Any]) -> tuple[str, ...]:
    reporter = raw.get("reporter") or {}
    return tuple(_text(reporter.get(f.split(".", 1)[1]) if f.startswith("reporter.")
                       else raw.get(f)) for f in PREVIEW_FIELDS)


def bad_defaults(defaults: Mapping[str, str]) -> dict[str, str]:
    """The shared values that cannot be used, with the problem's code."""
    found = {}
    for name, value in defaults.items():
        problem = check_default(name, value, importer.CHANNEL_WORDS, importer.TYPE_WORDS)
        if problem is not None:
            found[name] = problem
    return found


def preview_register(path: Path | str, now: datetime, zone: tzinfo = UTC,
                     settings: RegisterSettings | None = None,
                     imported: Callable[[set[str]], set[str]] | None = None,
                     judge: Callable[[RegisterTable], RegisterTable] | None = None,
                     ) -> RegisterPreview:
    """Read and validate every row of ``path`` without writing anything (``zone``: of the times
    the register writes without one; ``imported``: which of these fingerprints were imported
    before; ``judge``: the national records judged against the cache)."""
    name = str(path)
    settings = settings or RegisterSettings()
    try:
        table = importer.read_register(path, now, zone, columns=dict(settings.columns),
                                       defaults=dict(settings.defaults))
    except ImportFailed as exc:
        return RegisterPreview(name, (), (), exc.code, settings=settings)
    if judge is not None:
        table = judge(table)
    layout = table.layout
    columns = tuple(ColumnChoice(h, f, c) for h, f, c in
                    zip(layout.headers, layout.fields, layout.chosen))
    before = imported({r.fingerprint for r in table.rows if r.ok}) if imported else set()
    first: dict[str, int] = {}
    rows = []
    for r in table.rows:
        seen = first.get(r.fingerprint) if r.ok else None
        if r.ok and seen is None:
            first[r.fingerprint] = r.row
        known = r.verdict in (national_rows.UPDATE, national_rows.UNCHANGED)
        rows.append(PreviewRow(r.row, _shown(r.raw),
                               tuple(FieldProblem(e.field, e.code) for e in r.errors),
                               r.cleaned, r.ok and r.fingerprint in before and not known,
                               None if r.fingerprint in before else seen,
                               r.verdict or None, r.status_to, r.follow_ups_added))
    error = None if rows else "empty"
    return RegisterPreview(name, tuple(rows), layout.ignored, error, PREVIEW_FIELDS, columns,
                           layout.header_row + 1, layout.missing_required, settings)


class Register:
    def __init__(self, outbox: Outbox, clock: Callable[[], datetime],
                 profile_dir: Path | None = None) -> None:
        self.outbox = outbox
        self.clock = clock
        self.presets = PresetStore(profile_dir or outbox.cache.profile_dir)

    def _imported(self, keys: set[str]) -> set[str]:
        if not keys:
            return set()
        with self.outbox.cache.engine.connect() as connection:
            found = set(connection.execute(select(ImportedRow.fingerprint)).scalars())
        return keys & found

    def _judge(self, table: RegisterTable) -> RegisterTable:
        with self.outbox.cache.engine.connect() as connection:
            return national_rows.judge(connection, table, lv.load_actor(connection),
                                       self.outbox.config, self.clock())

    def preview(self, path: Path | str,
                settings: RegisterSettings | None = None) -> RegisterPreview:
        return preview_register(path, self.clock(), self.outbox.config.calendar.tz, settings,
                                self._imported, self._judge)

    def run(self, path: Path | str, settings: RegisterSettings | None = None, *,
            skip_invalid: bool = False, rejects: Path | str | None = None,
            describe: Describe | None = None) -> ImportOutcome:
        """Import in one transaction (raises a ServiceError whose code is the importer's:
        ``invalid_rows``, ``empty``, ``bad_encoding``...). With ``skip_invalid`` the valid rows
        are imported and the bad ones written to ``rejects`` first (nothing is imported when
        that file cannot be written)."""
        settings = settings or RegisterSettings()
        problems = bad_defaults(settings.defaults)
        if problems:
            raise ServiceError(f"shared values not usable: {problems}", code="bad_defaults")
        try:
            if skip_invalid and rejects is not None:
                table = importer.read_register(
                    path, self.outbox.clock(), self.outbox.config.calendar.tz,
                    columns=dict(settings.columns), defaults=dict(settings.defaults))
                bad = [r for r in self._judge(table).rows if not r.ok]
                if bad:
                    try:
                        write_rejects(Path(rejects), table.layout, bad, describe)
                    except OSError as exc:
                        raise ServiceError(f"nothing was imported: the rejects file {rejects} "
                                           f"cannot be written ({exc})",
                                           code="rejects_unwritable") from exc
            result = importer.import_register(
                self.outbox, path, columns=dict(settings.columns),
                defaults=dict(settings.defaults), skip_invalid=skip_invalid)
        except SyncError as exc:
            raise translate(exc) from exc
        except OSError as exc:
            raise ServiceError(str(exc), code="unreadable") from exc
        written = str(rejects) if rejects is not None and result.rejected else None
        return ImportOutcome(result.count, tuple(r.complaint_id for r in result.receipts),
                             result.ignored_columns, result.cleaned_rows,
                             tuple(r.row for r in result.rejected), written,
                             result.already_imported, result.updated, result.unchanged)

    def save_preset(self, name: str, settings: RegisterSettings) -> Preset:
        return self.presets.save(Preset(name, dict(settings.columns), dict(settings.defaults)))

    def preset_names(self) -> list[str]:
        return list(self.presets.all())

    def preset(self, name: str) -> RegisterSettings | None:
        found = self.presets.get(name)
        return None if found is None else RegisterSettings.of(found)

    @staticmethod
    def save_template(path: Path | str) -> str:
        return str(write_template(Path(path)))
