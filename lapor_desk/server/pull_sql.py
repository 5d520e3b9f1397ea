"""The SELECTs behind a pull: one per replicated entity and tombstone source.

Each row select gives ``(seq, row_json)``: the database builds the row's wire form, a JSON array in
the contract's column order (SQLite ``json_array``, PostgreSQL ``json_build_array``), so a row
costs Python almost nothing. Datetimes are formatted as ``2026-11-23T04:05:06.123456Z``; scope and
the rahasia rule are SQL clauses from :class:`scope.Viewer`; anonymous reporters' identity is
nulled here; actor names come from a join on ``users``.

Rahasia: every layout, every page made ahead and a push's conflict row are made from these rows,
so this is where a complaint's words are withheld from a user who may not read it
(``Viewer.readable_clause``; docs/sync-protocol.md, "Scope"). Such a user receives the complaint's
routing facts and none of its words: its title is ``""``; its body, reporter and reporter's
contact are null; its tags empty; its dispositions' notes null; its follow-ups' bodies null; its
events' details only the keys in ``EVENT_DETAIL_CODES``; no attachment rows. Each of these is a
``CASE`` whose first test is ``confidential = false``, so an ordinary complaint costs one
comparison per column; a child row finds its complaint as ``_reading`` says.

Events: the pull sends the part of the audit trail a desktop timeline needs (``sent_event_clause``):
every status change, and every action that wrote no other row. An action that wrote a follow-up or
a disposition and left the status as it was is told completely by that row, so its event stays on
the server (docs/sync-protocol.md, "Events on the wire").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    not_,
    null,
    or_,
    select,
    true,
)

from lapor_desk.models import wire
from lapor_desk.server.db import (
    Agency,
    Attachment,
    ComplaintEvent,
    Deletion,
    Disposition,
    FollowUp,
    PublicAccess,
    Reporter,
    ScopeExit,
    User,
)
from lapor_desk.server.scope import COMPLAINTS, Viewer

#: Each entity's wire columns in order (the description both sides read: models/wire.py).
COLUMNS: dict[str, list[str]] = {entity: list(wire.names(entity)) for entity in wire.ENTITIES}

#: Event kinds whose action always writes a follow-up or a disposition row (same actor, same
#: time, same target or text): without a status change, such an event is not sent.
EVENTS_TOLD_BY_A_ROW = ("follow_up", "internal_note", "reporter_response", "forward", "handle",
                        "not_our_authority", "reroute")


#: The event detail keys that hold a code, an id or a date, never words a person wrote: all a user
#: who may not read a rahasia complaint receives of its events' details (a reason or note is left
#: out). ``until``: the day a postponement runs to.
EVENT_DETAIL_CODES = ("to_id", "other_id", "reason_code", "channel", "until")


def sent_event_clause(events: Any) -> ColumnElement[bool]:
    """SQL: the events the pull sends (status changes, and actions with no other row)."""
    # Literal constants (no bind parameters): the pull's statements are compiled once, unexpanded.
    kinds: list[Any] = [literal_column(f"'{kind}'") for kind in EVENTS_TOLD_BY_A_ROW]
    return or_(events.c.kind.not_in(kinds),
               events.c.from_status.is_distinct_from(events.c.to_status))


_PG_TS = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
USERS = User.__table__


class Selects:
    """Builds the selects for one viewer on one dialect."""

    def __init__(self, viewer: Viewer, epoch: bool = False) -> None:
        self.viewer = viewer
        self.pg = viewer.dialect == "postgresql"
        #: Timestamps as microseconds since 1970 (whole numbers) instead of ISO text: what the
        #: packed layout sends, made by the database rather than parsed back in Python.
        self.epoch = epoch

    # --- value formatting inside the row array ------------------------------------------------

    def ts(self, column: Any) -> Any:
        if self.epoch:
            return self._epoch_us(column)
        if self.pg:
            return func.to_char(func.timezone("UTC", column), _PG_TS, type_=Text)
        return func.replace(cast(column, Text), " ", "T", type_=Text).concat("Z")

    def _epoch_us(self, column: Any) -> Any:
        if self.pg:  # EXTRACT gives an exact numeric (PostgreSQL 14+)
            return cast(func.extract("epoch", column) * 1_000_000, BigInteger)
        # SQLite keeps `YYYY-MM-DD HH:MM:SS.ffffff`: whole seconds, then the six digits. The
        # seconds from the first 19 characters only: strftime rounds a fraction to milliseconds
        # first, so 58.9996 would count as second 59.
        return (cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger) * 1_000_000
                + cast(func.substr(column, 21, 6), BigInteger))

    def date(self, column: Any) -> Any:
        if self.pg:
            return func.to_char(column, "YYYY-MM-DD", type_=Text)
        return cast(column, Text)

    def flag(self, condition: Any) -> Any:
        """A JSON boolean (SQLite stores booleans as 0/1)."""
        if self.pg:
            return condition
        return func.json(case((condition, "true"), else_="false"))

    def json(self, column: Any, empty: str = "[]") -> Any:
        if self.pg:
            return func.coalesce(column, cast(literal(empty), column.type))
        return func.json(func.coalesce(column, empty))

    def array(self, *values: Any) -> Any:
        if self.pg:
            return cast(func.json_build_array(*values), Text)
        return func.json_array(*values, type_=Text)

    def row(self, entity: str, values: dict[str, Any]) -> Any:
        """An entity's row as the JSON array of its wire columns (``wire.ENTITIES``), in their
        order, each written as its kind says: timestamps by :meth:`ts`, booleans by
        :meth:`flag`, JSON values by :meth:`json`. ``values`` names every column once."""
        columns = wire.ENTITIES[entity]
        if set(values) != {column.name for column in columns}:
            raise ValueError(f"{entity}: the row's columns are not the wire's")
        out: list[Any] = []
        for column in columns:
            value = values[column.name]
            if column.kind == wire.TIME:
                value = self.ts(value)
            elif column.kind == wire.BOOL:
                value = self.flag(value)
            elif column.kind in wire.JSON_KINDS:
                value = self.json(value, "{}" if column.kind == wire.OBJECT else "[]")
            out.append(value)
        return self.array(*out)

    def codes_only(self, detail: Any) -> Any:
        """An event detail with only its ``EVENT_DETAIL_CODES`` keys (the others left out)."""
        pairs: list[Any] = []
        for key in EVENT_DETAIL_CODES:
            value = (detail.op("->")(literal_column(f"'{key}'")) if self.pg
                     else func.json_extract(detail, literal_column(f"'$.{key}'")))
            pairs += [literal_column(f"'{key}'"), value]
        if self.pg:
            return func.json_strip_nulls(func.json_build_object(*pairs), type_=detail.type)
        # json_patch onto {} drops the keys whose value is null (RFC 7396): the absent ones
        return func.json_patch(literal_column("'{}'"), func.json_object(*pairs),
                               type_=detail.type)

    def _scoped(self, stmt: Select[Any], table: Any) -> Select[Any]:
        """Children: join their complaint when scope needs it."""
        if self.viewer.sees_everything:
            return stmt
        return stmt.join(COMPLAINTS, COMPLAINTS.c.id == table.c.complaint_id).where(
            self.viewer.complaint_clause()
        )

    def _reading(self, table: Any) -> tuple[Any, Callable[[Select[Any]], Select[Any]]]:
        """What the rahasia rule reads of a child row's complaint: the SQL for "the caller may
        read it", and how to join the complaint (and scope) to the row's statement.

        A scoped viewer's statement joins the complaint for scope anyway. For a viewer who sees
        everything PostgreSQL looks the complaint up by its key in a LATERAL subquery: its LIMIT
        keeps the planner from making it a hash join, which reads the whole complaints table for
        every page, and consecutive rows of one complaint share one lookup. SQLite joins by key.
        """
        if not self.viewer.sees_everything:
            return self.viewer.readable_clause(), lambda stmt: self._scoped(stmt, table)
        if not self.pg:
            return self.viewer.readable_clause(), lambda stmt: stmt.join(
                COMPLAINTS, COMPLAINTS.c.id == table.c.complaint_id)
        owner = COMPLAINTS.alias("owner")
        reading = (select(self.viewer.readable_clause(owner).label("readable"))
                   .where(owner.c.id == table.c.complaint_id).limit(1).lateral("reading"))
        return reading.c.readable, lambda stmt: stmt.join(reading, true())

    # --- one select per source: (seq) or (seq, row_json) --------------------------------------

    def agency(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        a = Agency.__table__
        if seq_only:
            return a.c.seq, select(a.c.seq)
        return a.c.seq, select(a.c.seq, self.row("agency", {
            name: a.c[name] for name in wire.names("agency")}))

    def complaint(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        c, r, pa = COMPLAINTS.c, Reporter.__table__, PublicAccess.__table__
        if seq_only:
            return c.seq, select(c.seq).where(self.viewer.complaint_clause())
        readable = self.viewer.readable_clause()
        named = and_(c.anonymous == false(), readable)
        # the columns stored as they are sent, then those the viewer or the sending changes
        row = self.row("complaint", {
            **{name: c[name] for name in wire.names("complaint") if name in c},
            "title": case((readable, c.title), else_=literal_column("''")),
            "body": case((readable, c.body), else_=null()), "redacted": not_(readable),
            "incident_date": self.date(c.incident_date),
            "reporter_name": case((named, r.c.name), else_=null()),
            "reporter_contact": case((named, func.coalesce(r.c.phone, r.c.email)),
                                     else_=null()),
            "tags": case((readable, c.tags), else_=null()),
            # the reporter's rating of the handling (the public page): its note is their words
            "rating": pa.c.rating, "rating_note": case((readable, pa.c.rating_note), else_=null()),
            "rated_at": pa.c.rated_at,
        })
        stmt = select(c.seq, row).select_from(
            COMPLAINTS.outerjoin(r, r.c.id == c.reporter_id)
            .outerjoin(pa, pa.c.complaint_id == c.id))
        return c.seq, stmt.where(self.viewer.complaint_clause())

    def disposition(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        d = Disposition.__table__
        if seq_only:
            return d.c.seq, self._scoped(select(d.c.seq), d)
        actor = USERS.alias("actor")
        readable, with_complaint = self._reading(d)
        row = self.row("disposition", {
            "id": d.c.id, "complaint_id": d.c.complaint_id, "from_id": d.c.from_id,
            "to_id": d.c.to_id, "kind": d.c.kind, "note": case((readable, d.c.note), else_=null()),
            "actor_id": d.c.actor_id, "actor_name": actor.c.display_name, "at": d.c.at})
        stmt = select(d.c.seq, row).select_from(d.outerjoin(actor, actor.c.id == d.c.actor_id))
        return d.c.seq, with_complaint(stmt)

    def follow_up(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        f = FollowUp.__table__
        if seq_only:
            return f.c.seq, self._scoped(select(f.c.seq), f)
        readable, with_complaint = self._reading(f)
        author = USERS.alias("author")
        row = self.row("follow_up", {
            "id": f.c.id, "complaint_id": f.c.complaint_id, "kind": f.c.kind,
            "body": case((readable, f.c.body), else_=null()), "redacted": not_(readable),
            "author_id": f.c.author_id, "author_name": author.c.display_name,
            "unit_id": f.c.unit_id, "at": f.c.at})
        stmt = select(f.c.seq, row).select_from(
            f.outerjoin(author, author.c.id == f.c.author_id))
        return f.c.seq, with_complaint(stmt)

    def attachment(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        a = Attachment.__table__
        columns: list[Any] = [a.c.seq]
        if not seq_only:
            columns.append(self.row("attachment", {
                name: a.c[name] for name in wire.names("attachment")}))
        readable, with_complaint = self._reading(a)
        return a.c.seq, with_complaint(select(*columns).select_from(a)).where(readable)

    def event(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        e = ComplaintEvent.__table__
        if seq_only:
            return e.c.seq, self._scoped(select(e.c.seq).where(sent_event_clause(e)), e)
        actor = USERS.alias("actor")
        readable, with_complaint = self._reading(e)
        detail = case((readable, e.c.detail), else_=self.codes_only(e.c.detail))
        row = self.row("event", {
            "id": e.c.id, "complaint_id": e.c.complaint_id, "kind": e.c.kind,
            "from_status": e.c.from_status, "to_status": e.c.to_status,
            "actor_id": e.c.actor_id, "actor_name": actor.c.display_name, "at": e.c.at,
            "detail": detail})
        stmt = select(e.c.seq, row).select_from(e.outerjoin(actor, actor.c.id == e.c.actor_id))
        return e.c.seq, with_complaint(stmt.where(sent_event_clause(e)))

    def scope_exit(self, seq_only: bool = False) -> tuple[Any, Select[Any]] | None:
        """Complaints that left a node in scope and are not visible now (none for national)."""
        s = ScopeExit.__table__
        clause = self.viewer.path_clause(s.c.old_location_path)
        if clause is None:
            return None
        still_visible = select(literal(1)).where(
            COMPLAINTS.c.id == s.c.complaint_id, self.viewer.complaint_clause()
        ).exists()
        stmt = select(s.c.seq, literal_column("'complaint'").label("entity"), s.c.complaint_id).where(
            clause, not_(still_visible)
        )
        return s.c.seq, stmt.with_only_columns(s.c.seq) if seq_only else stmt

    def deletion(self, seq_only: bool = False) -> tuple[Any, Select[Any]]:
        d = Deletion.__table__
        stmt = select(d.c.seq) if seq_only else select(d.c.seq, d.c.entity, d.c.entity_id)
        clause = self.viewer.path_clause(d.c.location_path)
        return d.c.seq, stmt if clause is None else stmt.where(clause)

    def complaint_by_id(self, complaint_id: str) -> Select[Any]:
        """One complaint row as the viewer receives it (for a conflict's ``current``)."""
        _, stmt = self.complaint()
        return stmt.where(COMPLAINTS.c.id == complaint_id)
