"""The effective local view: the server's rows with the user's pending actions replayed on top.

The same pure function the server uses, :func:`lapor_desk.models.lifecycle.decide`, judges each
pending action against the server's snapshot of the complaint, so what the desktop shows is what
the server will most likely do. Everything here works on an open connection inside the caller's
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from lapor_desk.models.agencies import Actor, AgencyNode, DictDirectory
from lapor_desk.models.cache.schema import (
    Agency,
    Attachment,
    Complaint,
    ComplaintSnapshot,
    Disposition,
    Event,
    FollowUp,
    OutboxEntry,
    SyncState,
)
from lapor_desk.models.calendar import UTC, DomainConfig
from lapor_desk.models.enums import ActionKind, AgencyLevel, Role, Status
from lapor_desk.models.lifecycle import ComplaintState, Transition, decide
from lapor_desk.models.national import check_national, plan_update

PENDING = "pending"
APPLIED = "applied"
REJECTED = "rejected"
CONFLICT = "conflict"

_DATETIME_FIELDS = (
    "created_at", "verify_due", "resolution_due", "auto_close_due", "paused_at",
    "forwarded_at", "first_follow_up_at", "last_follow_up_at", "closed_at",
)
COMPLAINT_COLUMNS = tuple(c.name for c in Complaint.__table__.columns)


def wire_time(moment: datetime) -> str:
    """A datetime in the wire spelling (UTC, microseconds, ``Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def load_actor(connection: Connection) -> Actor | None:
    state = connection.execute(select(SyncState).where(SyncState.id == 1)).first()
    if state is None or state.user_id is None or state.role is None:
        return None
    if state.unit_id is None or state.scope_root_id is None:
        return None
    return Actor(state.user_id, Role(state.role), state.unit_id, state.scope_root_id,
                 state.display_name or "")


class DirectoryCache:
    """The agency directory of one cache, reloaded only when a pull may have changed it (the
    cursor moved) or the number of agencies differs."""

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._directory = DictDirectory()

    def get(self, connection: Connection) -> DictDirectory:
        key = tuple(connection.exec_driver_sql(
            "SELECT (SELECT cursor FROM sync_state WHERE id = 1), count(*) FROM agency"
        ).one())
        if key != self._key:
            self._directory = load_directory(connection)
            self._key = key
        return self._directory


def load_directory(connection: Connection) -> DictDirectory:
    directory = DictDirectory()
    for row in connection.execute(select(Agency)):
        directory.add(AgencyNode(row.id, row.parent_id, AgencyLevel(row.level), row.path,
                                 row.name, row.code or "", row.region_code,
                                 bool(row.active)))
    return directory


def state_from_row(row: dict[str, Any]) -> ComplaintState:
    created = parse_time(row["created_at"])
    assert created is not None
    return ComplaintState(
        id=row["id"],
        status=Status(row["status"]),
        responsible_id=row["responsible_id"],
        handling_unit_id=row["handling_unit_id"],
        complaint_type=row["complaint_type"],
        misconduct=bool(row["misconduct"]),
        version=row["version"],
        transition_version=row["transition_version"],
        created_at=created,
        verify_due=parse_time(row["verify_due"]),
        resolution_due=parse_time(row["resolution_due"]),
        auto_close_due=parse_time(row["auto_close_due"]),
        paused_at=parse_time(row["paused_at"]),
        forwarded_at=parse_time(row["forwarded_at"]),
        first_follow_up_at=parse_time(row["first_follow_up_at"]),
        last_follow_up_at=parse_time(row["last_follow_up_at"]),
        closed_at=parse_time(row["closed_at"]),
        handler_unit_ids=tuple(orjson.loads(row["handler_unit_ids"] or "[]")),
        duplicate_ids=tuple(orjson.loads(row["duplicate_ids"] or "[]")),
    )


def row_with_state(row: dict[str, Any], state: ComplaintState) -> dict[str, Any]:
    out = dict(row)
    out.update(
        status=str(state.status), responsible_id=state.responsible_id,
        handling_unit_id=state.handling_unit_id, version=state.version,
        transition_version=state.transition_version,
        handler_unit_ids=orjson.dumps(list(state.handler_unit_ids)).decode(),
        duplicate_ids=orjson.dumps(list(state.duplicate_ids)).decode(),
    )
    for name in _DATETIME_FIELDS:
        value = getattr(state, name)
        out[name] = wire_time(value) if value is not None else None
    return out


def complaint_row(connection: Connection, complaint_id: str) -> dict[str, Any] | None:
    found = connection.execute(
        select(Complaint.__table__).where(Complaint.id == complaint_id)
    ).mappings().first()
    return dict(found) if found is not None else None


def local_record_row(complaint_id: str, payload: dict[str, Any], actor: Actor,
                     created_at: str) -> dict[str, Any]:
    """How a complaint recorded on this desktop looks until the server sends its own row."""
    data = payload.get("complaint") or {}
    reporter = data.get("reporter") or {}
    anonymous = bool(data.get("anonymous"))
    row: dict[str, Any] = {name: None for name in COMPLAINT_COLUMNS}
    row.update(
        id=complaint_id, complaint_type=data.get("complaint_type") or "pengaduan",
        misconduct=bool(data.get("misconduct")), title=data.get("title") or "",
        body=data.get("body"), redacted=False, incident_date=data.get("incident_date"),
        province=data.get("province"), regency=data.get("regency"),
        district=data.get("district"), village=data.get("village"),
        category=data.get("category"), subcategory=data.get("subcategory"),
        channel=data.get("channel"), anonymous=anonymous,
        confidential=bool(data.get("confidential")),
        reporter_name=None if anonymous else reporter.get("name"),
        reporter_contact=None if anonymous else (reporter.get("phone") or reporter.get("email")),
        status=str(Status.UNVERIFIED), responsible_id=actor.scope_root_id,
        handling_unit_id=None, version=0, transition_version=0,
        created_at=data.get("received_at") or created_at, updated_at=created_at,
        handler_unit_ids="[]", duplicate_ids="[]",
        tags=orjson.dumps(list(data.get("tags") or [])).decode(), recorded_by=actor.user_id,
        server_version=None,
    )
    return row


_INSERT_DISPOSITION = sqlite_insert(Disposition).on_conflict_do_nothing()
_INSERT_FOLLOW_UP = sqlite_insert(FollowUp).on_conflict_do_nothing()
_INSERT_ATTACHMENT = sqlite_insert(Attachment).on_conflict_do_nothing()
_INSERT_EVENT = sqlite_insert(Event).on_conflict_do_nothing()
_UPSERT_COMPLAINT = (
    f"INSERT INTO complaint ({', '.join(COMPLAINT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COMPLAINT_COLUMNS)}) ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in COMPLAINT_COLUMNS if c != "id")
)


def write_transition(connection: Connection, complaint_id: str, mutation_id: int,
                     transition: Transition, actor: Actor, payload: dict[str, Any]) -> None:
    """Insert the records a locally applied action makes (server copies, same ids, win)."""
    at = wire_time(transition.event.at)
    if transition.disposition is not None:
        d = transition.disposition
        connection.execute(_INSERT_DISPOSITION, [{
            "id": d.id, "complaint_id": complaint_id, "from_id": d.from_id, "to_id": d.to_id,
            "kind": str(d.kind), "note": d.note, "actor_id": d.actor_id, "actor_name": actor.display_name,
            "at": wire_time(d.at), "local_mutation_id": mutation_id,
        }])
    if transition.follow_up is not None:
        f = transition.follow_up
        connection.execute(_INSERT_FOLLOW_UP, [{
            "id": f.id, "complaint_id": complaint_id, "kind": str(f.kind), "body": f.body, "redacted": False,
            "author_id": f.author_id, "author_name": actor.display_name, "unit_id": f.unit_id,
            "at": wire_time(f.at), "local_mutation_id": mutation_id,
        }])
        write_attachments(connection, complaint_id, f.id, mutation_id, payload, at)
    e = transition.event
    connection.execute(_INSERT_EVENT, [{
        "id": f"local:{mutation_id}", "complaint_id": complaint_id, "kind": e.kind,
        "from_status": str(e.from_status) if e.from_status else None,
        "to_status": str(e.to_status) if e.to_status else None, "actor_id": e.actor_id,
        "actor_name": actor.display_name, "at": at, "detail": orjson.dumps(e.detail).decode(),
        "local_mutation_id": mutation_id,
    }])


def national_steps(connection: Connection, state: ComplaintState, payload: dict[str, Any],
                   actor: Actor, config: DomainConfig, now: datetime) -> list[Transition]:
    """What a queued ``national_update`` shows here (models/national.py; none for a record
    recorded in the same import: the server's answer says what it became)."""
    update = check_national(payload)
    if update.new:
        return []

    def known(ids: list[str]) -> set[str]:
        return set(connection.execute(select(FollowUp.id).where(FollowUp.id.in_(ids))).scalars())

    return plan_update(state, update.number, update.follow_ups, update.status, known=known,
                       config=config, now=now, actor_id=actor.user_id).transitions


def write_attachments(connection: Connection, complaint_id: str, follow_up_id: str | None,
                      mutation_id: int, payload: dict[str, Any], at: str) -> None:
    from lapor_desk.models.cache.schema import Blob

    for ref in payload.get("attachments") or []:
        blob = connection.execute(
            select(Blob.local_path).where(Blob.sha256 == ref["sha256"])
        ).scalar_one_or_none()
        connection.execute(_INSERT_ATTACHMENT, [{
            "id": ref["id"], "complaint_id": complaint_id, "follow_up_id": follow_up_id,
            "sha256": ref["sha256"], "size": ref["size"], "mime_type": ref.get("mime_type"),
            "filename": ref.get("filename"), "created_at": at, "local_mutation_id": mutation_id,
            "local_path": blob,
        }])


def delete_local_children(connection: Connection, complaint_ids: Iterable[str]) -> None:
    ids = list(complaint_ids)
    for table in (Disposition, FollowUp, Attachment, Event):
        for start in range(0, len(ids), 500):
            connection.execute(delete(table).where(
                table.complaint_id.in_(ids[start:start + 500]),
                table.local_mutation_id.is_not(None),
            ))


def delete_complaints(connection: Connection, complaint_ids: Iterable[str]) -> None:
    """Drop complaints and everything that belongs to them (a complaint tombstone)."""
    ids = list(complaint_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for table in (Disposition, FollowUp, Attachment, Event):
            connection.execute(delete(table).where(table.complaint_id.in_(chunk)))
        connection.execute(delete(Complaint).where(Complaint.id.in_(chunk)))


def upsert_complaint_row(connection: Connection, row: dict[str, Any]) -> None:
    connection.exec_driver_sql(_UPSERT_COMPLAINT,
                               tuple(row.get(name) for name in COMPLAINT_COLUMNS))


def pending_entries(connection: Connection, complaint_id: str) -> list[Any]:
    return list(connection.execute(
        select(OutboxEntry).where(
            OutboxEntry.complaint_id == complaint_id, OutboxEntry.state == PENDING
        ).order_by(OutboxEntry.mutation_id)
    ))


def rebuild(connection: Connection, complaint_ids: Iterable[str], actor: Actor | None,
            directory: DictDirectory, config: DomainConfig) -> None:
    """Recompute the effective rows of ``complaint_ids`` that have local activity: the server's
    snapshot plus every still-pending action, judged by ``decide`` in mutation order."""
    for complaint_id in complaint_ids:
        snap = connection.execute(
            select(ComplaintSnapshot.row).where(ComplaintSnapshot.complaint_id == complaint_id)
        ).first()
        if snap is None:
            continue
        entries = pending_entries(connection, complaint_id)
        delete_local_children(connection, [complaint_id])
        current = complaint_row(connection, complaint_id)
        if snap.row is None:
            record = next((e for e in entries if e.kind == ActionKind.RECORD_COMPLAINT), None)
            if record is None or actor is None:
                # Never accepted, or accepted but not (yet) visible to us: the server's pull
                # is the truth from here on.
                if record is None:
                    delete_complaints(connection, [complaint_id])
                    connection.execute(delete(ComplaintSnapshot).where(
                        ComplaintSnapshot.complaint_id == complaint_id))
                continue
            payload = orjson.loads(record.payload)
            row = local_record_row(complaint_id, payload, actor, record.created_at)
            write_attachments(connection, complaint_id, None, record.mutation_id, payload,
                              record.created_at)
            entries = [e for e in entries if e.mutation_id != record.mutation_id]
        else:
            row = orjson.loads(snap.row)
            row["server_version"] = max(
                row["version"], (current or {}).get("server_version") or 0
            )
        if actor is not None and entries:
            state = state_from_row(row)
            for entry in entries:
                payload = orjson.loads(entry.payload)
                if entry.kind == ActionKind.NATIONAL_UPDATE:
                    for step in national_steps(connection, state, payload, actor, config,
                                               parse_time(entry.created_at) or datetime.now(UTC)):
                        state = step.state
                        write_transition(connection, complaint_id, entry.mutation_id, step,
                                         actor, payload)
                    continue
                decision = decide(
                    state, ActionKind(entry.kind), payload, actor, directory, config,
                    parse_time(entry.created_at) or datetime.now(UTC), entry.base_version,
                )
                if isinstance(decision, Transition):
                    state = decision.state
                    write_transition(connection, complaint_id, entry.mutation_id, decision,
                                     actor, payload)
            row = row_with_state(row, state)
        upsert_complaint_row(connection, row)
        if not entries and snap.row is not None:
            connection.execute(delete(ComplaintSnapshot).where(
                ComplaintSnapshot.complaint_id == complaint_id))


def snapshot_ids(connection: Connection) -> list[str]:
    return [str(r[0]) for r in connection.execute(select(ComplaintSnapshot.complaint_id))]


def ensure_snapshot(connection: Connection, complaint_id: str,
                    row: dict[str, Any] | None) -> None:
    """Keep the server's row of a complaint before local actions change the effective view."""
    exists = connection.execute(select(ComplaintSnapshot.complaint_id).where(
        ComplaintSnapshot.complaint_id == complaint_id)).first()
    if exists is None:
        text = None
        if row is not None:
            server_row = {k: v for k, v in row.items() if k != "server_version"}
            text = orjson.dumps(server_row).decode()
        connection.execute(insert(ComplaintSnapshot).values(complaint_id=complaint_id, row=text))


def set_snapshot(connection: Connection, complaint_id: str, row: dict[str, Any]) -> None:
    text = orjson.dumps({k: v for k, v in row.items() if k != "server_version"}).decode()
    stmt = sqlite_insert(ComplaintSnapshot).values(complaint_id=complaint_id, row=text)
    connection.execute(stmt.on_conflict_do_update(
        index_elements=["complaint_id"], set_={"row": stmt.excluded.row}))


def mark_server_version(connection: Connection, complaint_id: str, version: int) -> None:
    connection.execute(update(Complaint).where(
        Complaint.id == complaint_id,
        (Complaint.server_version.is_(None)) | (Complaint.server_version < version),
    ).values(server_version=version))



def load_directory_empty() -> DictDirectory:
    return DictDirectory()


#: The key of a refused entry's payload that keeps its complaint as this computer knew it when
#: the refusal came (tracking number and title): the pull that follows may take the complaint
#: off this computer (moved out of the user's area), and the person must still see which
#: complaint their refused words were for. Local only: a refused entry is never sent again.
KNOWN_COMPLAINT = "known_complaint"


def with_known_complaint(connection: Connection, payload: dict[str, Any],
                         complaint_id: str) -> dict[str, Any]:
    """``payload`` with :data:`KNOWN_COMPLAINT` set from the complaint's row (unchanged when
    the complaint is not on this computer)."""
    row = connection.execute(select(Complaint.tracking_number, Complaint.title).where(
        Complaint.id == complaint_id)).first()
    if row is None:
        return payload
    return {**payload, KNOWN_COMPLAINT: {"tracking_number": row.tracking_number,
                                         "title": row.title or ""}}
