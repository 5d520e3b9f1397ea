"""National records in a register: the rows that carry an SP4N-LAPOR! tracking number, with what
SP4N-LAPOR! says of them (its status, the follow-ups written there), judged against the cache.

A register row with a national number is one of:

* ``new``: no complaint here carries the number: it is recorded (``record_complaint``) as any
  row, and a ``national_update`` marked ``new`` follows it (on the server the number may be held
  already by a complaint this desktop has not pulled yet: the update then reaches that one, and
  the recorded copy is refused, never a second complaint);
* ``update``: a complaint here carries it and the record changes it (its status, follow-ups not
  yet here): a ``national_update`` action, planned with the server's own rules
  (models/national.py) and shown at once;
* ``unchanged``: a complaint here carries it and the record changes nothing;
* a bad row: the record asks what the status machine cannot do (Selesai before the complaint is
  verified and forwarded here...): its problems, nothing written.

Several rows of one number are one record: the first row stands for it, with the follow-ups of
all and the status of the last that gives one (an export of follow-ups has a row per follow-up).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, tzinfo
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lapor_desk.models.agencies import Actor
from lapor_desk.models.cache.schema import Complaint, FollowUp
from lapor_desk.models.calendar import UTC, DomainConfig
from lapor_desk.models.enums import Status
from lapor_desk.models.intake import national_number_in
from lapor_desk.models.national import (
    ROLES,
    NationalFollowUp,
    NationalPlan,
    NationalUpdate,
    national_status,
    plan_update,
)
from lapor_desk.models.text import clean_line, clean_text
from lapor_desk.sync import localview as lv
from lapor_desk.sync.errors import RowError
from lapor_desk.sync.register_layout import NATIONAL_FIELDS, read_date


class _Table(Protocol):
    """A register as read (sync/importer.py ``RegisterTable``, a dataclass of
    ``RegisterRow``)."""

    @property
    def rows(self) -> tuple[Any, ...]: ...


T = TypeVar("T", bound=_Table)
NEW = "new"
UPDATE = "update"
UNCHANGED = "unchanged"
#: A later row of a record held here (the first row stands for it).
PART = "part"
#: The verdicts of a row that is good without a complaint of its own.
HELD = frozenset({UPDATE, UNCHANGED, PART})

#: A plan's problem -> the register field and code a row shows for it.
_PROBLEM_FIELDS = {"status_not_reachable": ("national_status", "not_reachable"),
                   "unknown_status": ("national_status", "unknown"),
                   "reply_not_reachable": ("national_reply", "not_reachable"),
                   "response_not_reachable": ("national_response", "not_reachable"),
                   "role_not_allowed": ("national_tracking_number", "role_not_allowed")}


def carries(update: NationalUpdate) -> bool:
    """Whether a new record says more than a complaint recorded here holds at first (a
    follow-up, a status past Belum Terverifikasi): only then is its update queued."""
    return bool(update.follow_ups) or national_status(update.status) not in (
        None, Status.UNVERIFIED)


def take_national(raw: dict[str, Any]) -> dict[str, Any]:
    """The national fields of a row's values, taken out of them (they are not the
    complaint's)."""
    return {name: raw.pop(name) for name in NATIONAL_FIELDS if name in raw}


def _moment(value: Any, zone: tzinfo) -> datetime | None:
    value = read_date(value)
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        try:
            moment = datetime.fromisoformat(clean_line(str(value)))
        except ValueError:
            return None
    if moment.year < 2000:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def national_of(row: int, raw: dict[str, Any], extras: dict[str, Any], zone: tzinfo,
                now: datetime) -> tuple[NationalUpdate | None, tuple[RowError, ...]]:
    """The national record a row carries (None without a national number), and its problems
    (a follow-up without a usable date; the date of the row's receipt stands in when the
    follow-up's own is left empty)."""
    number = national_number_in(raw.get("national_tracking_number"))
    if number is None:
        return None, ()
    errors: list[RowError] = []
    items: list[NationalFollowUp] = []
    for text_key, at_key, reporter in (("national_reply", "national_reply_at", False),
                                       ("national_response", "national_response_at", True)):
        body = clean_text(str(extras.get(text_key) or "")).strip()
        if not body:
            continue
        given = extras.get(at_key)
        at = _moment(given if given not in (None, "") else raw.get("received_at"), zone)
        if at is None:
            errors.append(RowError(row, at_key, "required" if given in (None, "") else
                                   "invalid"))
        elif at > now:
            errors.append(RowError(row, at_key, "future"))
        else:
            items.append(NationalFollowUp(at, body, reporter))
    status = clean_line(str(extras.get("national_status") or ""))
    return NationalUpdate(number, status, tuple(items)), tuple(errors)


def _merged(rows: list[Any]) -> NationalUpdate:
    first: NationalUpdate = rows[0].national
    status, items = first.status, list(first.follow_ups)
    for later in rows[1:]:
        assert later.national is not None
        status = later.national.status or status
        items.extend(later.national.follow_ups)
    return replace(first, status=status, follow_ups=tuple(items))


def _plan(connection: Connection, found: dict[str, Any], update: NationalUpdate,
          actor: Actor | None, config: DomainConfig, now: datetime) -> NationalPlan:
    def known(ids: list[str]) -> set[str]:
        return set(connection.execute(select(FollowUp.id).where(
            FollowUp.id.in_(ids))).scalars())

    if actor is not None and actor.role not in ROLES:
        return NationalPlan(problems=["role_not_allowed"])
    return plan_update(lv.state_from_row(found), update.number, update.follow_ups,
                       update.status, known=known, config=config, now=now,
                       actor_id=actor.user_id if actor is not None else None)


def _problems(row: int, plan: NationalPlan) -> tuple[RowError, ...]:
    out = []
    for problem in plan.problems:
        field_name, code = _PROBLEM_FIELDS.get(problem.split(":", 1)[0],
                                               ("national_status", "invalid"))
        out.append(RowError(row, field_name, code))
    return tuple(dict.fromkeys(out))


def judge(connection: Connection, table: T, actor: Actor | None, config: DomainConfig,
          now: datetime) -> T:
    """``table`` with its national rows judged against the cache (see the module): each first
    row of a number gets its ``verdict`` (and, for an update, the complaint, the plan's
    follow-ups and status); one whose record cannot be applied becomes a bad row."""
    groups: dict[int, list[Any]] = {}
    for r in table.rows:  # the national record read whole (the complaint's fields aside)
        if r.national is not None and not any(e.field in NATIONAL_FIELDS for e in r.errors):
            groups.setdefault(r.national.number, []).append(r)
    if not groups:
        return table
    numbers = list(groups)
    held: dict[int, dict[str, Any]] = {}
    for start in range(0, len(numbers), 500):
        for match in connection.execute(select(Complaint.__table__).where(
                Complaint.national_tracking_number.in_(numbers[start:start + 500]))).mappings():
            held[int(match["national_tracking_number"])] = dict(match)
    judged: dict[int, Any] = {}
    for number, rows in groups.items():
        found = held.get(number)
        if found is None:  # recorded as any row: its complaint's fields must be valid
            valid = [r for r in rows if r.ok]
            if valid:
                judged[valid[0].row] = replace(
                    valid[0], national=replace(_merged(valid), new=True), verdict=NEW)
            continue
        # held here: only the record matters (a row of an update may leave the rest empty)
        first, update = rows[0], _merged(rows)
        plan = _plan(connection, found, update, actor, config, now)
        for later in rows[1:]:
            judged[later.row] = replace(later, errors=(), verdict=PART)
        if plan.problems:
            judged[first.row] = replace(first, complaint=None, verdict="",
                                        errors=_problems(first.row, plan))
            continue
        judged[first.row] = replace(
            first, national=update, verdict=UPDATE if plan.changes else UNCHANGED, errors=(),
            complaint_id=str(found["id"]), follow_ups_added=plan.follow_ups_added,
            status_to=str(plan.status) if plan.status is not None else None)
    out: Any = table
    return replace(out, rows=tuple(judged.get(r.row, r) for r in table.rows))  # type: ignore[no-any-return]
