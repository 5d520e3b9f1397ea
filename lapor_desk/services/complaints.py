"""Rows for a page of ids, a complaint's detail with its whole timeline, forward targets.

Every call is one read on its own connection; everything returned is a frozen value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import (
    Agency,
    Attachment,
    Complaint,
    Disposition,
    Event,
    FollowUp,
    OutboxEntry,
    SyncState,
)
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import ActionKind, AgencyLevel, Role, Status
from lapor_desk.models.lifecycle import RULES
from lapor_desk.models.shapes import shown_text
from lapor_desk.services.deadlines import deadline_of, running_due
from lapor_desk.services.errors import NotFound
from lapor_desk.services.lifecycle import until_of
from lapor_desk.services.queues import QUEUE_OF_STATUS
from lapor_desk.services.session_status import parse_time
from lapor_desk.services.types import (
    AgencyItem,
    ComplaintDetail,
    ComplaintRow,
    OutboxMark,
    OutboxNote,
    TimelineEntry,
)
from lapor_desk.services.unit_directory import agency_items

#: Events whose detail can carry words a person wrote (a reason, a note): on a complaint the user
#: may not read the server leaves those words out (docs/sync-protocol.md, "Scope").
_EVENTS_WITH_TEXT = frozenset({"postpone", "archive", "close", "reopen", "not_our_authority"})
#: Events already shown by the disposition or follow-up record they made.
_SHOWN_BY_RECORD = frozenset({"forward", "handle", "not_our_authority", "reroute", "follow_up",
                              "internal_note", "reporter_response"})
_MARK_ORDER = {OutboxMark.CONFLICT: 3, OutboxMark.REJECTED: 2, OutboxMark.PENDING: 1}
_ROW_COLUMNS = (Complaint.id, Complaint.tracking_number, Complaint.title,
                Complaint.complaint_type, Complaint.status, Complaint.channel,
                Complaint.responsible_id, Complaint.handling_unit_id, Complaint.created_at,
                Complaint.verify_due, Complaint.resolution_due, Complaint.anonymous,
                Complaint.confidential, Complaint.redacted)


def _time(text: str | None) -> datetime:
    moment = parse_time(text)
    assert moment is not None
    return moment


def allowed_actions(role: str, status: str) -> frozenset[str]:
    """Action kinds the role may start from ``status`` (the lifecycle's own table)."""
    try:
        who, where = Role(role), Status(status)
    except ValueError:
        return frozenset()
    return frozenset(str(kind) for kind, (roles, statuses) in RULES.items()
                     if who in roles and where in statuses)


def agency_names(connection: Connection, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {int(r.id): r.name for r in connection.execute(
        select(Agency.id, Agency.name).where(Agency.id.in_(wanted)))}


def outbox_marks(connection: Connection, ids: Sequence[str]) -> dict[str, OutboxMark]:
    marks: dict[str, OutboxMark] = {}
    rows = connection.execute(select(OutboxEntry.complaint_id, OutboxEntry.state).where(
        OutboxEntry.complaint_id.in_(list(ids)),
        (OutboxEntry.state == "pending") | ((OutboxEntry.state.in_(["rejected", "conflict"]))
                                            & OutboxEntry.dismissed.is_(False))))
    for complaint_id, state in rows:
        mark = OutboxMark(state)
        if _MARK_ORDER[mark] > _MARK_ORDER.get(marks.get(complaint_id, OutboxMark.NONE), 0):
            marks[complaint_id] = mark
    return marks


class ComplaintQueries:
    def __init__(self, cache: Cache, config: DomainConfig,
                 clock: Callable[[], datetime]) -> None:
        self.cache = cache
        self.config = config
        self.clock = clock

    def rows(self, ids: Sequence[str]) -> list[ComplaintRow]:
        """Rows for ``ids`` in the same order (ids no longer in the cache are left out)."""
        if not ids:
            return []
        now = self.clock()
        with self.cache.engine.connect() as connection:
            found = {r.id: r for r in connection.execute(
                select(*_ROW_COLUMNS).where(Complaint.id.in_(list(ids))))}
            names = agency_names(connection, (r.handling_unit_id or r.responsible_id
                                              for r in found.values()))
            marks = outbox_marks(connection, list(found))
        return [self._row(found[i], names, marks, now) for i in ids if i in found]

    def _row(self, r: Any, names: dict[int, str], marks: dict[str, OutboxMark],
             now: datetime) -> ComplaintRow:
        due = running_due(r.status, parse_time(r.verify_due), parse_time(r.resolution_due))
        location = r.handling_unit_id or r.responsible_id
        return ComplaintRow(
            id=r.id, tracking_number=r.tracking_number, title=r.title,
            complaint_type=r.complaint_type, status=r.status, channel=r.channel,
            location_name=names.get(location, ""), created_at=_time(r.created_at),
            deadline=deadline_of(due, now, self.config), anonymous=bool(r.anonymous),
            confidential=bool(r.confidential), redacted=bool(r.redacted),
            outbox=marks.get(r.id, OutboxMark.NONE), queue=QUEUE_OF_STATUS.get(r.status, ""))

    def detail(self, complaint_id: str) -> ComplaintDetail:
        """Everything about one complaint, with its timeline oldest first."""
        with self.cache.engine.connect() as connection:
            c = connection.execute(select(Complaint).where(
                Complaint.id == complaint_id)).first()
            if c is None:
                raise NotFound(f"complaint {complaint_id}", code="not_found")
            role = connection.execute(select(SyncState.role)).scalar_one_or_none() or ""
            dispositions = list(connection.execute(select(Disposition).where(
                Disposition.complaint_id == complaint_id)))
            follow_ups = list(connection.execute(select(FollowUp).where(
                FollowUp.complaint_id == complaint_id)))
            events = list(connection.execute(select(Event).where(
                Event.complaint_id == complaint_id)))
            files: dict[str | None, list[str]] = {}
            for a in connection.execute(select(Attachment).where(
                    Attachment.complaint_id == complaint_id).order_by(Attachment.created_at)):
                files.setdefault(a.follow_up_id, []).append(shown_text(a.filename)
                                                              or a.sha256[:12])
            entries = list(connection.execute(select(OutboxEntry).where(
                OutboxEntry.complaint_id == complaint_id).order_by(OutboxEntry.mutation_id)))
            names = agency_names(connection, [c.responsible_id, c.handling_unit_id]
                                 + [d.from_id for d in dispositions]
                                 + [d.to_id for d in dispositions])
            marks = outbox_marks(connection, [complaint_id])
        row = self._row(c, names, marks, self.clock())
        timeline = self._timeline(dispositions, follow_ups, events, files, names,
                                  hidden=bool(c.redacted))
        until = None
        if c.status == Status.POSTPONED:
            postponements = [t for t in timeline if t.kind == "event" and t.code == "postpone"]
            until = postponements[-1].until if postponements else None
        return ComplaintDetail(
            row=row, body=c.body, incident_date=c.incident_date, province=c.province,
            regency=c.regency, district=c.district, village=c.village, category=c.category,
            subcategory=c.subcategory, misconduct=bool(c.misconduct),
            reporter_name=None if c.anonymous else c.reporter_name,
            reporter_contact=None if c.anonymous else c.reporter_contact,
            responsible_name=names.get(c.responsible_id, ""),
            handling_unit_name=names.get(c.handling_unit_id) if c.handling_unit_id else None,
            tags=tuple(orjson.loads(c.tags or "[]")), timeline=timeline,
            outbox=tuple(OutboxNote(e.mutation_id, e.kind, e.state, e.reason, e.detail,
                                    _time(e.created_at)) for e in entries
                         if e.state != "applied" and not e.dismissed),
            allowed_actions=allowed_actions(role, c.status) - {str(ActionKind.RECORD_COMPLAINT)},
            postponed_until=until,
            national_tracking_number=c.national_tracking_number, national_link=c.national_link,
            rating=c.rating, rating_note=c.rating_note,
            rated_at=_time(c.rated_at) if c.rated_at else None,
        )

    @staticmethod
    def _timeline(dispositions: list[Any], follow_ups: list[Any], events: list[Any],
                  files: dict[str | None, list[str]], names: dict[int, str],
                  hidden: bool = False) -> tuple[TimelineEntry, ...]:
        """``hidden``: the complaint is rahasia and the user may not read it, so the server sent
        its records without their words; the entries say so (those made here keep theirs)."""
        entries = [TimelineEntry(
            at=_time(e.at), kind="event", code=e.kind, actor_name=e.actor_name or "",
            text=_event_text(e.detail), from_status=e.from_status, to_status=e.to_status,
            pending=e.local_mutation_id is not None, attachments=tuple(files.get(None, ()))
            if e.kind in ("submitted", "record_complaint") else (),
            redacted=hidden and e.local_mutation_id is None and e.kind in _EVENTS_WITH_TEXT,
            until=until_of(e.detail) if e.kind == "postpone" else None)
            for e in events if e.kind not in _SHOWN_BY_RECORD]
        entries += [TimelineEntry(
            at=_time(d.at), kind="disposition", code=d.kind, actor_name=d.actor_name or "",
            text=d.note or None, from_name=names.get(d.from_id or -1, ""),
            to_name=names.get(d.to_id or -1, ""), pending=d.local_mutation_id is not None,
            redacted=hidden and d.local_mutation_id is None)
            for d in dispositions]
        entries += [TimelineEntry(
            at=_time(f.at), kind="follow_up", code=f.kind, actor_name=f.author_name or "",
            text=None if f.redacted else f.body, pending=f.local_mutation_id is not None,
            redacted=bool(f.redacted), attachments=tuple(files.get(f.id, ())))
            for f in follow_ups]
        order = {"event": 0, "disposition": 1, "follow_up": 2}
        return tuple(sorted(entries, key=lambda t: (t.at, order[t.kind])))

    def forward_targets(self, complaint_id: str) -> list[AgencyItem]:
        """The agency tree under the user's scope, parents before children; the complaint's
        current place and the national root are shown but not selectable."""
        with self.cache.engine.connect() as connection:
            state = connection.execute(select(SyncState)).first()
            c = connection.execute(select(Complaint.responsible_id, Complaint.handling_unit_id)
                                   .where(Complaint.id == complaint_id)).first()
            if state is None or state.scope_root_id is None or c is None:
                raise NotFound("no complaint or no scope", code="not_found")
            root = connection.execute(select(Agency.path).where(
                Agency.id == state.scope_root_id)).scalar_one_or_none()
            if root is None:
                return []
            nodes = list(connection.execute(select(Agency).where(
                Agency.path.startswith(root)).order_by(Agency.path)))
            here = c.handling_unit_id or c.responsible_id
            return agency_items(connection, nodes, str(ActionKind.FORWARD),
                                lambda n: n.level != AgencyLevel.NATIONAL and n.id != here)


def _event_text(detail: str | None) -> str | None:
    data = orjson.loads(detail or "{}")
    if not isinstance(data, dict):
        return None
    for key in ("reason", "note", "reason_code"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return None
