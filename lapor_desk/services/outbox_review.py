"""Kotak Keluar and Konflik: the user's actions that wait, were refused, or met a newer state.

* ``items`` lists pending, rejected and conflicting outbox entries (rejected and conflicts until
  a person dismisses them), each with what the person asked for (:class:`ActionFields`, the
  prefill for the dialog) and, for a conflict, what the server now holds.
* ``resend`` writes a corrected action for a rejected one (a reply or note with its files: those
  kept from the refused one and those picked again) and dismisses the old entry in the same
  transaction.
* ``recorded_form`` gives back a refused recorded complaint as it was typed (with its files and
  the server's reasons), to open in its form again; ``resend_recorded`` records the corrected
  complaint and resolves the refused one in ONE transaction, under the same complaint id, so
  the server holds it once whatever happens (a second resend is refused).
* ``reapply`` submits a conflicting action again (with its files) on the state the server now
  holds.
* ``discard`` dismisses a rejection or drops a conflicting action ("Buang milik saya").

For a refused or conflicting action, an item names who changed the complaint meanwhile and when,
with the status before and after (from the complaint's events that came from the server: the
latest change by someone else), and why the action cannot be made again when it cannot
(``blocked``): the complaint left this computer, its status no longer allows it, or the role
may not. A refused action keeps its complaint's number and title as this computer knew them
when the refusal came (``KNOWN_COMPLAINT``), so the words it carried are never anonymous.

A resend or re-apply is ONE transaction: the new action, judged by the lifecycle against the
complaint as it is now, and the dismissal of the old entry. When the new action is refused
nothing is written and the old entry stays for the person to decide; a second resend of the
same entry is refused (``invalid_transition``), so the action is never made twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency, Complaint, Event, OutboxEntry, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import UTC
from lapor_desk.models.enums import ActionKind, RejectReason, Status
from lapor_desk.services.actions import DIALOG_KINDS, REPLY_KINDS, ActionFields, Actions
from lapor_desk.services.attach import StoredAttachment, stored_files
from lapor_desk.services.complaints import allowed_actions
from lapor_desk.services.errors import ActionNotAllowed, NotFound
from lapor_desk.services.intake import FieldProblem, Intake, RecordedComplaint
from lapor_desk.services.session_status import parse_time
from lapor_desk.services.types import ActionResult, Capabilities
from lapor_desk.sync.clock import ServerClock
from lapor_desk.sync.localview import KNOWN_COMPLAINT

PENDING, REJECTED, CONFLICT = "pending", "rejected", "conflict"
REVIEW_STATES = (PENDING, REJECTED, CONFLICT)
RECORD = str(ActionKind.RECORD_COMPLAINT)
NATIONAL = str(ActionKind.NATIONAL_UPDATE)
#: ``field:code`` pairs in the detail of an ``invalid_payload`` refusal of a recorded complaint
#: (the server's :class:`~lapor_desk.models.intake.IntakeError`).
_FIELD_CODE = re.compile(r"(?<![\w.])([a-z_]+(?:\.[a-z_]+)?):([a-z_]+)\b")


@dataclass(frozen=True)
class ServerSide:
    """What the server holds now (from the conflict answer)."""

    status: str
    responsible_name: str
    handling_unit_name: str
    version: int


@dataclass(frozen=True)
class Change:
    """The latest change of a complaint by someone else, from its events."""

    by: str                     # the person's name as the server gave it ("" when unknown)
    at: datetime
    kind: str                   # the event's kind (forward, postpone, ...)
    before: str | None          # the status before it (None: it did not change the status)
    after: str | None           # the status after it


#: Refusals that come from the complaint's state: someone else's change is named with them.
STATE_REASONS = frozenset({RejectReason.OUT_OF_SCOPE, RejectReason.INVALID_TRANSITION})
#: Why an action cannot be made again (``ReviewItem.blocked``).
GONE, STATUS, ROLE = "gone", "status", "role"


@dataclass(frozen=True)
class ReviewItem:
    mutation_id: int
    kind: str                   # ActionKind value
    state: str                  # pending / rejected / conflict
    complaint_id: str
    tracking_number: int | None
    title: str                  # "" when the complaint is no longer in the cache
    created_at: datetime
    answered_at: datetime | None
    attempts: int
    reason: str | None          # RejectReason code (rejected)
    detail: str | None
    base_version: int | None    # the server version the action was made on
    fields: ActionFields        # what the person asked for
    here_status: str | None     # the complaint's status in this cache now (None: gone)
    server: ServerSide | None   # conflicts: what the server holds
    can_redo: bool              # the same kind of action is allowed on the complaint now
    #: why not (GONE, STATUS, ROLE), None when it can be made again (or is only waiting)
    blocked: str | None = None
    #: the latest change by someone else (refused and conflicting actions), if the events say
    changed: Change | None = None

    @property
    def in_cache(self) -> bool:
        return self.here_status is not None


@dataclass(frozen=True)
class RecordedForm:
    """A refused recorded complaint as it was typed, to open in its form again."""

    mutation_id: int
    raw: dict[str, Any]          # the form's values (``received_at`` as suggested below)
    attachments: tuple[StoredAttachment, ...]
    reason: str | None           # RejectReason code
    problems: tuple[FieldProblem, ...]  # the server's field problems, if it named any
    received_at: datetime        # when it was received, by the server's clock
    #: The time recorded was ahead of the server's (this PC's clock was fast): ``received_at``
    #: is it corrected by the clock difference known now.
    received_corrected: bool


def field_problems(reason: str | None, detail: str | None) -> tuple[FieldProblem, ...]:
    """The fields the server named when it refused a recorded complaint as invalid."""
    if reason != RejectReason.INVALID_PAYLOAD or not detail:
        return ()
    return tuple(FieldProblem(f, c) for f, c in _FIELD_CODE.findall(detail))


def fields_of(kind: str, payload: dict[str, Any], names: dict[int, str]) -> ActionFields:
    to_id = payload.get("to_id")
    to_id = to_id if isinstance(to_id, int) and not isinstance(to_id, bool) else None

    def text(key: str) -> str:
        value = payload.get(key)
        return value if isinstance(value, str) else ""

    return ActionFields(to_id=to_id, to_name=names.get(to_id, "") if to_id is not None else "",
                        reason=text("reason"), reason_code=text("reason_code"),
                        note=text("note"), body=text("body"),
                        files=stored_files(payload) if kind in REPLY_KINDS else (),
                        until=_day(text("until")))


def _day(text: str) -> date | None:
    """A postponement's day as it was queued (``YYYY-MM-DD``), or None."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class OutboxReview:
    def __init__(self, cache: Cache, actions: Actions, intake: Intake,
                 clock: ServerClock) -> None:
        self.cache = cache
        self.actions = actions
        self.intake = intake
        self.clock = clock

    # --- reading ------------------------------------------------------------------------------

    def items(self, states: Iterable[str] = REVIEW_STATES,
              complaint_id: str | None = None) -> list[ReviewItem]:
        """Entries in ``states`` (dismissed ones left out), oldest first."""
        wanted = sorted(set(states) & set(REVIEW_STATES))
        query = select(OutboxEntry).where(OutboxEntry.state.in_(wanted),
                                          OutboxEntry.dismissed.is_(False))
        if complaint_id is not None:
            query = query.where(OutboxEntry.complaint_id == complaint_id)
        with self.cache.engine.connect() as connection:
            entries = list(connection.execute(query.order_by(OutboxEntry.mutation_id)))
            me = connection.execute(select(SyncState.role, SyncState.user_id)).first()
            role, my_id = (me.role or "", me.user_id) if me is not None else ("", None)
            ids = sorted({e.complaint_id for e in entries})
            here = {r.id: r for r in connection.execute(
                select(Complaint.id, Complaint.tracking_number, Complaint.title,
                       Complaint.status).where(Complaint.id.in_(ids)))}
            payloads = {e.mutation_id: _json(e.payload) for e in entries}
            currents = {e.mutation_id: _json(e.current) for e in entries if e.current}
            agency_ids: set[int] = set()
            for data in (*payloads.values(), *currents.values()):
                for key in ("to_id", "responsible_id", "handling_unit_id"):
                    if isinstance(data.get(key), int):
                        agency_ids.add(data[key])
            names = {int(r.id): r.name for r in connection.execute(
                select(Agency.id, Agency.name).where(Agency.id.in_(sorted(agency_ids))))}
            moved = [e for e in entries if e.state == CONFLICT
                     or (e.state == REJECTED and e.reason in STATE_REASONS)]
            changes = _latest_changes(connection, sorted({e.complaint_id for e in moved}),
                                      my_id)
        return [self._item(e, here.get(e.complaint_id), payloads[e.mutation_id],
                           currents.get(e.mutation_id), names, role,
                           changes.get(e.complaint_id) if e in moved else None)
                for e in entries]

    def item(self, mutation_id: int) -> ReviewItem:
        found = [i for i in self.items() if i.mutation_id == mutation_id]
        if not found:
            raise NotFound(f"outbox entry {mutation_id}", code="not_found")
        return found[0]

    @staticmethod
    def _item(e: Any, here: Any, payload: dict[str, Any], current: dict[str, Any] | None,
              names: dict[int, str], role: str, changed: Change | None) -> ReviewItem:
        server = None
        if current:
            unit = current.get("handling_unit_id")
            server = ServerSide(
                status=str(current.get("status") or ""),
                responsible_name=names.get(current.get("responsible_id") or -1, ""),
                handling_unit_name=names.get(unit, "") if isinstance(unit, int) else "",
                version=int(current.get("version") or 0))
        status = here.status if here is not None else None
        can_redo = (status is not None and e.kind in DIALOG_KINDS
                    and e.kind in allowed_actions(role, status))
        blocked = (None if can_redo or e.state == PENDING else GONE if status is None
                   else STATUS if e.kind in _any_status(role) else ROLE)
        title = here.title if here is not None else ""
        tracking = here.tracking_number if here is not None else None
        known = payload.get(KNOWN_COMPLAINT)
        if here is None and isinstance(known, dict):  # it left this computer after the refusal
            title = str(known.get("title") or "")
            number = known.get("tracking_number")
            tracking = number if isinstance(number, int) else None
        if e.kind == NATIONAL:  # sent again by importing its file again (the refusal says)
            can_redo, blocked = False, None
        if e.kind == RECORD:  # reopened in its form; it was never on the server
            can_redo = e.state == REJECTED and Capabilities.of(role).record_complaints
            blocked = None if can_redo or e.state == PENDING else ROLE
            complaint = payload.get("complaint")
            if not title and isinstance(complaint, dict):
                title = str(complaint.get("title") or "")
        created = parse_time(e.created_at)
        assert created is not None
        return ReviewItem(
            mutation_id=e.mutation_id, kind=e.kind, state=e.state, complaint_id=e.complaint_id,
            tracking_number=tracking, title=title, created_at=created,
            answered_at=parse_time(e.answered_at), attempts=int(e.attempts or 0),
            reason=e.reason, detail=e.detail, base_version=e.base_version,
            fields=fields_of(e.kind, payload, names), here_status=status, server=server,
            can_redo=can_redo, blocked=blocked, changed=changed)

    # --- deciding -----------------------------------------------------------------------------

    def resend(self, mutation_id: int, fields: ActionFields) -> ActionResult:
        """"Perbaiki & kirim ulang": a new action of the same kind with the corrected
        ``fields`` (a reply or note with ``fields.files``: the files kept from the refused one
        and those picked again); the rejected entry is dismissed in the same transaction."""
        old = self._answered(mutation_id, REJECTED)
        if old.kind == RECORD:
            raise ActionNotAllowed("invalid_transition", "a recorded complaint reopens its form")
        return self._write(old, fields)

    def recorded_form(self, mutation_id: int) -> RecordedForm:
        """A refused recorded complaint as it was typed: every field, its files (still in the
        profile), the server's reasons, and when it was received by the server's clock."""
        old = self._answered(mutation_id, REJECTED)
        if old.kind != RECORD:
            raise ActionNotAllowed("invalid_transition", f"entry is a {old.kind}")
        with self.cache.engine.connect() as connection:
            payload = _json(connection.execute(select(OutboxEntry.payload).where(
                OutboxEntry.mutation_id == mutation_id)).scalar_one())
        raw = dict(payload.get("complaint") or {})
        files = stored_files(payload)
        problems = field_problems(old.reason, old.detail)
        now = self.clock.now()
        typed = parse_time(str(raw.get("received_at") or "").replace("Z", "+00:00"))
        received = typed or old.created_at
        if received.tzinfo is None:
            received = received.replace(tzinfo=UTC)
        corrected = False
        if received > now or FieldProblem("received_at", "future") in problems:
            # Recorded by a clock ahead of the server's: put it on the server's clock.
            shifted = min(received + (self.clock.offset() or timedelta(0)), now)
            received, corrected = shifted, shifted != received
        raw["received_at"] = received.isoformat()
        return RecordedForm(mutation_id, raw, files, old.reason, problems, received, corrected)

    def resend_recorded(self, mutation_id: int, raw: dict[str, Any],
                        files: Sequence[str | Path | StoredAttachment]) -> RecordedComplaint:
        """"Perbaiki & kirim ulang" of a recorded complaint: the corrected form is recorded
        and the refused entry resolved in ONE transaction (nothing changes when the form is
        refused; a second resend of the same entry is refused)."""
        old = self._answered(mutation_id, REJECTED)
        if old.kind != RECORD:
            raise ActionNotAllowed("invalid_transition", f"entry is a {old.kind}")
        return self.intake.record(raw, files, replaces=mutation_id)

    def reapply(self, mutation_id: int) -> ActionResult:
        """"Terapkan ulang pada keadaan baru": the same action again, made on the version the
        server holds now; the conflict is dismissed once the new action is written."""
        old = self._answered(mutation_id, CONFLICT)
        if old.server is not None:
            with self.cache.engine.connect() as connection:
                known = connection.execute(select(Complaint.server_version).where(
                    Complaint.id == old.complaint_id)).scalar_one_or_none()
            if known is None or known < old.server.version:
                # Not yet pulled: the action would be judged on an old state. Sync first.
                raise ActionNotAllowed("stale_state", "sync to fetch the server's state first")
        return self._write(old, old.fields)

    def discard(self, mutation_id: int) -> None:
        """"Buang": a person has read a rejection, or drops their conflicting action."""
        self._answered(mutation_id, REJECTED, CONFLICT)
        self.actions.dismiss(mutation_id)

    def _write(self, old: ReviewItem, fields: ActionFields) -> ActionResult:
        """The new action of ``old``'s kind, written with the dismissal of ``old`` (one
        transaction); a reply or note with its files."""
        return self.actions.submit(old.kind, old.complaint_id, fields, replaces=old.mutation_id)

    def _answered(self, mutation_id: int, *states: str) -> ReviewItem:
        found = self.item(mutation_id)
        if found.state not in states:
            raise ActionNotAllowed("invalid_transition", f"entry is {found.state}")
        return found


def _any_status(role: str) -> frozenset[str]:
    """The action kinds ``role`` may make on a complaint in some status."""
    kinds: set[str] = set()
    for status in Status:
        kinds |= allowed_actions(role, str(status))
    return frozenset(kinds)


def _latest_changes(connection: Any, complaint_ids: Sequence[str],
                    my_id: int | None) -> dict[str, Change]:
    """Per complaint, its latest event by someone else (one that changed its status first)."""
    found: dict[str, Change] = {}
    if not complaint_ids:
        return found
    rows = connection.execute(
        select(Event.complaint_id, Event.kind, Event.from_status, Event.to_status,
               Event.actor_id, Event.actor_name, Event.at)
        .where(Event.complaint_id.in_(list(complaint_ids)), Event.local_mutation_id.is_(None))
        .order_by(Event.at.desc()))
    for row in rows:
        if my_id is not None and row.actor_id == my_id:
            continue
        moved = row.to_status is not None and row.to_status != row.from_status
        held = found.get(row.complaint_id)
        if held is not None and (held.after is not None or not moved):
            continue  # the latest status change wins over a later event that changed none
        at = parse_time(str(row.at).replace("Z", "+00:00"))
        if at is None:
            continue
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        found[row.complaint_id] = Change(
            by=row.actor_name or "", at=at, kind=row.kind,
            before=row.from_status if moved else None, after=row.to_status if moved else None)
    return found


def _json(text: str | None) -> dict[str, Any]:
    data = orjson.loads(text or "{}")
    return data if isinstance(data, dict) else {}
