"""Simulated complaints -> plain tuples in each table's column order, ready for the driver.

Values are made exactly as the SQLAlchemy column types would bind them (UTC datetimes as text on
SQLite, JSON as compact text, booleans as 0/1 on SQLite; checked by the tests), and every
replicated row gets the next ``seq`` of one block of the change counter.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import orjson

from lapor_desk.models.enums import Status
from lapor_desk.server.db import (
    Attachment,
    Complaint,
    ComplaintEvent,
    Disposition,
    FollowUp,
    PublicAccess,
    Reporter,
)
from lapor_desk.server.seed.complaints import ComplaintFactory
from lapor_desk.server.seed.ratings import NO_CODE
from lapor_desk.server.seed.workdays import DAY

COMPLAINT_COLUMNS = (
    "id", "tracking_number", "complaint_type", "misconduct", "title", "body", "incident_date",
    "province", "regency", "district", "village", "category", "subcategory", "channel",
    "anonymous", "confidential", "reporter_id", "status", "responsible_id", "handling_unit_id",
    "location_path", "version", "transition_version", "created_at", "updated_at", "verify_due",
    "resolution_due", "auto_close_due", "paused_at", "forwarded_at", "first_follow_up_at",
    "last_follow_up_at", "closed_at", "handler_unit_ids", "duplicate_ids", "tags", "recorded_by",
    "national_tracking_number", "national_link", "seq",
)
_COMPLAINT_TIMES = frozenset({
    "created_at", "updated_at", "verify_due", "resolution_due", "auto_close_due", "paused_at",
    "forwarded_at", "first_follow_up_at", "last_follow_up_at", "closed_at",
})
_COMPLAINT_JSON = frozenset({"handler_unit_ids", "duplicate_ids", "tags"})
_COMPLAINT_BOOL = frozenset({"misconduct", "anonymous", "confidential"})
REPORTER_COLUMNS = ("id", "name", "nik", "phone", "email", "created_at")
DISPOSITION_COLUMNS = ("id", "complaint_id", "from_id", "to_id", "kind", "note", "actor_id", "at",
                       "seq")
FOLLOW_UP_COLUMNS = ("id", "complaint_id", "kind", "body", "author_id", "unit_id", "at", "seq")
ATTACHMENT_COLUMNS = ("id", "complaint_id", "follow_up_id", "sha256", "size", "mime_type",
                      "filename", "created_at", "seq")
PUBLIC_ACCESS_COLUMNS = ("complaint_id", "code_hash", "form_key", "rating", "rating_note",
                         "rated_at", "created_at")
EVENT_COLUMNS = ("complaint_id", "kind", "from_status", "to_status", "actor_id", "at", "detail",
                 "client_id", "mutation_id", "seq")

#: (table name, column names, rows) for one table
TableRows = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]
#: the tables of one chunk of complaints and their counts
Chunk = tuple[list[TableRows], dict[str, int]]

_DAY_TEXT: dict[int, str] = {}


def sqlite_time(ts: int | None) -> str | None:
    """What SQLAlchemy stores for a UTC datetime on SQLite (checked by the tests)."""
    if ts is None:
        return None
    day, rest = divmod(ts, DAY)
    prefix = _DAY_TEXT.get(day)
    if prefix is None:
        prefix = _DAY_TEXT[day] = time.strftime("%Y-%m-%d ", time.gmtime(day * DAY))
    return f"{prefix}{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}.000000"


def utc_datetime(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def orjson_dumps(value: Any) -> str:
    """JSON text (compact; SQLAlchemy's JSON type reads it back the same)."""
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return orjson.dumps(value).decode()


class RowEncoder:
    """Change numbers and value conversion for one backend ("sqlite", "postgresql" or another):
    values are made exactly as the SQLAlchemy column types would bind them."""

    def __init__(self, flavour: str, first_seq: int) -> None:
        self.flavour = flavour
        self.seq = first_seq
        self.sqlite = flavour == "sqlite"
        self.time = sqlite_time if self.sqlite else utc_datetime
        self.bool = int if self.sqlite else bool
        self.json = orjson_dumps

    def next(self) -> int:
        value = self.seq
        self.seq += 1
        return value


def encode_chunk(factory: ComplaintFactory, rows: RowEncoder, times: list[int]) -> Chunk:
    """The rows of the complaints submitted at ``times``, ready for the driver."""
    complaint_rows, reporter_rows = [], []
    disp, fups, atts, events, access = [], [], [], [], []
    counts = {f"status_{s}": 0 for s in Status}
    dt, as_bool, as_json, nxt = rows.time, rows.bool, rows.json, rows.next
    sqlite = rows.sqlite
    for created in times:
        row, reporter, c = factory.complaint(created)
        row["seq"] = nxt()
        counts["status_" + row["status"]] += 1
        for name in _COMPLAINT_TIMES:
            row[name] = dt(row[name])
        for name in _COMPLAINT_JSON:
            row[name] = as_json(row[name])
        for name in _COMPLAINT_BOOL:
            row[name] = as_bool(row[name])
        if sqlite:
            row["incident_date"] = row["incident_date"].isoformat()
        complaint_rows.append(tuple([row[name] for name in COMPLAINT_COLUMNS]))
        rated = row["rating"]
        if rated is not None:  # sent from the public page and rated there
            access.append((row["id"], NO_CODE, f"seed-{row['id']}", rated.rating, rated.note,
                           dt(rated.rated_at), row["created_at"]))
        if reporter is not None:
            reporter_rows.append((reporter["id"], reporter["name"], reporter["nik"],
                                  reporter["phone"], reporter["email"],
                                  dt(reporter["created_at"])))
        cid = c.id
        for child in c.children:
            tag = child[0]
            if tag == "e":
                _, kind, from_status, to_status, actor, ts, detail = child
                events.append((cid, kind, None if from_status is None else str(from_status),
                               None if to_status is None else str(to_status), actor, dt(ts),
                               as_json(detail), None, None, nxt()))
            elif tag == "d":
                _, ident, from_id, to_id, kind, note, actor, ts = child
                disp.append((ident, cid, from_id, to_id, kind, note, actor, dt(ts), nxt()))
            elif tag == "f":
                _, ident, kind, body, author, unit, ts = child
                fups.append((ident, cid, str(kind), body, author, unit, dt(ts), nxt()))
            else:
                _, ident, follow_up_id, blob, name, ts = child
                atts.append((ident, cid, follow_up_id, blob.sha256, blob.size, blob.mime_type,
                             name, dt(ts), nxt()))
    counts.update(complaints=len(complaint_rows), reporters=len(reporter_rows),
                  dispositions=len(disp), follow_ups=len(fups), attachments=len(atts),
                  events=len(events), ratings=len(access))
    tables: list[TableRows] = [
        (Reporter.__tablename__, REPORTER_COLUMNS, reporter_rows),
        (Complaint.__tablename__, COMPLAINT_COLUMNS, complaint_rows),
        (Disposition.__tablename__, DISPOSITION_COLUMNS, disp),
        (FollowUp.__tablename__, FOLLOW_UP_COLUMNS, fups),
        (Attachment.__tablename__, ATTACHMENT_COLUMNS, atts),
        (ComplaintEvent.__tablename__, EVENT_COLUMNS, events),
        (PublicAccess.__tablename__, PUBLIC_ACCESS_COLUMNS, access),
    ]
    return tables, counts
