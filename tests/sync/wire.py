"""Builders of wire-format pages and rows for the sync unit tests (no server involved)."""

from __future__ import annotations

import uuid
from typing import Any

from lapor_desk.models.shapes import is_record_id
from lapor_desk.sync.protocol import COLUMNS

T0 = "2026-03-02T02:00:00.000000Z"
_LABELS = uuid.UUID("6f0e4a52-4d1c-4f0b-9a57-1b9f1f0c2a11")


def uid(label: str) -> str:
    """The record id a test calls ``label`` (``"a"``, ``"f1"``): a UUID, as every record id
    on the wire is; a label that already is one stays as it is."""
    return label if is_record_id(label) else str(uuid.uuid5(_LABELS, label))

AGENCIES = [
    # id, parent, level, path, name
    (1, None, "national", "/1/", "KemenPANRB"),
    (10, 1, "agency", "/1/10/", "Pemprov Jawa Timur"),
    (11, 10, "unit", "/1/10/11/", "Dinas Kesehatan"),
    (12, 10, "unit", "/1/10/12/", "Dinas Pendidikan"),
    (20, 1, "agency", "/1/20/", "Pemkab Konawe"),
]


def agency_rows() -> dict[str, Any]:
    columns = list(COLUMNS["agency"])
    rows = [[a[0], a[1], a[2], a[3], a[4], f"K{a[0]}", None, [], True] for a in AGENCIES]
    return {"columns": columns, "rows": rows}


def complaint(cid: str, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in COLUMNS["complaint"]}
    row.update(
        id=cid, tracking_number=1000000 + abs(hash(cid)) % 100000, complaint_type="pengaduan",
        misconduct=False, title=f"Jalan rusak {cid}", body=f"Jalan berlubang di desa {cid}",
        redacted=False, province="Jawa Timur", regency="Surabaya", category="Infrastruktur",
        channel="web", anonymous=False, confidential=False, reporter_name="Budi",
        reporter_contact="0812345678", status="unverified", responsible_id=10,
        handling_unit_id=None, version=1, transition_version=1, created_at=T0, updated_at=T0,
        verify_due="2026-03-05T02:00:00.000000Z", handler_unit_ids=[], duplicate_ids=[],
        tags=[], recorded_by=None,
    )
    row.update(over)
    return row


#: The record-id columns of each entity (their labels become UUIDs in a page).
RECORD_IDS = {"complaint": ("id",), "disposition": ("id", "complaint_id"),
              "follow_up": ("id", "complaint_id"),
              "attachment": ("id", "complaint_id", "follow_up_id"), "event": ("complaint_id",)}


def wire_row(entity: str, row: dict[str, Any]) -> dict[str, Any]:
    """A test's row as it crosses the wire: its record-id labels made record ids."""
    names = RECORD_IDS.get(entity, ())
    return {name: uid(value) if name in names and isinstance(value, str) else value
            for name, value in row.items()}


def block(entity: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    columns = list(COLUMNS[entity])
    return {"columns": columns,
            "rows": [[wire_row(entity, r).get(c) for c in columns] for r in rows]}


def follow_up(fid: str, cid: str, body: str = "Sedang ditangani", **over: Any) -> dict[str, Any]:
    row = {"id": fid, "complaint_id": cid, "kind": "reply", "body": body, "redacted": False,
           "author_id": 5, "author_name": "Sari", "unit_id": 11, "at": T0}
    row.update(over)
    return row


def attachment(aid: str, cid: str, sha256: str, **over: Any) -> dict[str, Any]:
    row = {"id": aid, "complaint_id": cid, "follow_up_id": None, "sha256": sha256, "size": 12,
           "mime_type": "application/pdf", "filename": "surat.pdf", "created_at": T0}
    row.update(over)
    return row


def page(cursor: str | None, *, has_more: bool = False, reset: bool = False,
         agencies: bool = False, complaints: list[dict[str, Any]] | None = None,
         follow_ups: list[dict[str, Any]] | None = None,
         attachments: list[dict[str, Any]] | None = None,
         tombstones: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if agencies:
        changes["agency"] = agency_rows()
    if complaints:
        changes["complaint"] = block("complaint", complaints)
    if follow_ups:
        changes["follow_up"] = block("follow_up", follow_ups)
    if attachments:
        changes["attachment"] = block("attachment", attachments)
    return {"schema_version": 1, "cursor": cursor, "has_more": has_more, "reset": reset,
            "server_time": T0, "changes": changes,
            "tombstones": [_tombstone(t) for t in tombstones or []]}


def _tombstone(tomb: dict[str, Any]) -> dict[str, Any]:
    """A test's tombstone with its record id label made a record id."""
    if tomb["entity"] in ("agency", "event") or not isinstance(tomb["id"], str):
        return tomb
    return {**tomb, "id": uid(tomb["id"])}


#: Columns sent as references into a columnar page's ``ids`` (as the reference server does).
REFS = {"complaint": {"id"}, "disposition": {"id", "complaint_id"},
        "follow_up": {"id", "complaint_id"},
        "attachment": {"id", "complaint_id", "follow_up_id"}, "event": {"complaint_id"}}


def columnar(body: dict[str, Any]) -> dict[str, Any]:
    """The same page in the columnar layout (schema version 2)."""
    ids: dict[Any, int] = {}
    changes: dict[str, Any] = {}
    for entity, block in body.get("changes", {}).items():
        columns: dict[str, Any] = {}
        for index, name in enumerate(block["columns"]):
            values = [row[index] for row in block["rows"]]
            if name in REFS.get(entity, ()):
                refs: list[int | None] = []
                previous = 0
                for value in values:
                    if value is None:
                        refs.append(None)
                        continue
                    at = ids.setdefault(value, len(ids))
                    refs.append(at - previous)
                    previous = at
                columns[name] = {"ref": refs}
            else:
                columns[name] = values
        changes[entity] = {"count": len(block["rows"]), "columns": columns}
    return {**body, "schema_version": 2, "ids": list(ids), "changes": changes}


def mutate(body: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """``body`` with the value at ``path`` replaced by ``value`` (removed when ``KeyError``)."""
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return body
