"""Importing a register file (CSV/XLSX) of offline complaints, with a preview first.

:func:`preview_register` is a dry run: it reads the file with the core importer's own reading
and column mapping (:mod:`lapor_desk.sync.importer`), validates every row with the domain's
intake rules and returns the rows with their problems; it writes nothing. :meth:`Register.run`
then imports through the core importer, which is all-or-nothing: either every row is recorded in
ONE transaction or nothing is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from lapor_desk.models.calendar import UTC
from lapor_desk.models.intake import IntakeError, validate_new_complaint
from lapor_desk.models.text import clean_line
from lapor_desk.services.errors import ServiceError, translate
from lapor_desk.services.intake import FieldProblem
from lapor_desk.sync import importer
from lapor_desk.sync.errors import ImportFailed, SyncError
from lapor_desk.sync.outbox import Outbox

#: The intake fields a preview shows, in order (codes; the UI words the headings).
PREVIEW_FIELDS: tuple[str, ...] = (
    "title", "complaint_type", "channel", "regency", "category", "reporter.name",
    "incident_date", "anonymous", "confidential",
)


@dataclass(frozen=True)
class PreviewRow:
    row: int                          # as the spreadsheet shows it (the header is row 1)
    values: tuple[str, ...]           # one text per PREVIEW_FIELDS entry (cleaned as stored)
    problems: tuple[FieldProblem, ...]
    cleaned: bool = False             # invisible characters (NUL, controls...) were removed

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

    @property
    def bad_rows(self) -> int:
        return sum(1 for r in self.rows if not r.ok)

    @property
    def cleaned_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if r.cleaned)

    @property
    def importable(self) -> bool:
        """All or nothing: only a file whose every row is valid may be imported."""
        return self.file_error is None and bool(self.rows) and self.bad_rows == 0


@dataclass(frozen=True)
class ImportOutcome:
    count: int
    complaint_ids: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    cleaned_rows: tuple[int, ...] = ()


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


def preview_register(path: Path | str, now: datetime, zone: tzinfo = UTC) -> RegisterPreview:
    """Read and validate every row of ``path`` without writing anything (``zone``: of the times
    the register writes without one, as the importer reads them)."""
    name = str(path)
    try:
        rows = importer.read_table(Path(path))
        if not rows or not any(importer._cell(v) not in (None, "") for v in rows[0]):
            raise ImportFailed("no header row", code="empty")
        header = [str(v) if v is not None else "" for v in rows[0]]
        if len(header) > importer.MAX_COLUMNS or len(rows) - 1 > importer.MAX_ROWS:
            raise ImportFailed("too big", code="too_large")
        mapping = [importer.HEADERS.get(importer.normalise_header(h)) for h in header]
        if not any(mapping):
            raise ImportFailed("no known columns", code="no_known_columns")
    except ImportFailed as exc:
        return RegisterPreview(name, (), (), exc.code)
    ignored = tuple(h for h, f in zip(header, mapping) if f is None and h.strip())
    shown: list[PreviewRow] = []
    for offset, row in enumerate(rows[1:]):
        if not any(importer._cell(v) not in (None, "") for v in row):
            continue  # a blank line, as the importer skips it
        raw = importer._raw_complaint(mapping, row)
        try:
            validate_new_complaint(raw, now, zone)
            problems: tuple[FieldProblem, ...] = ()
        except IntakeError as exc:
            problems = tuple(FieldProblem(e.field, e.code) for e in exc.errors)
        shown.append(PreviewRow(offset + 2, _shown(raw), problems, importer.cleaned(raw)))
    if not shown:
        return RegisterPreview(name, (), ignored, "empty")
    return RegisterPreview(name, tuple(shown), ignored)


class Register:
    def __init__(self, outbox: Outbox, clock: Callable[[], datetime]) -> None:
        self.outbox = outbox
        self.clock = clock

    def preview(self, path: Path | str) -> RegisterPreview:
        return preview_register(path, self.clock(), self.outbox.config.calendar.tz)

    def run(self, path: Path | str) -> ImportOutcome:
        """Import every row in one transaction, or nothing (raises a ServiceError whose code is
        the importer's: ``invalid_rows``, ``empty``, ``bad_encoding``...)."""
        try:
            result = importer.import_register(self.outbox, path)
        except SyncError as exc:
            raise translate(exc) from exc
        except OSError as exc:
            raise ServiceError(str(exc), code="unreadable") from exc
        return ImportOutcome(result.count, tuple(r.complaint_id for r in result.receipts),
                             result.ignored_columns, result.cleaned_rows)
