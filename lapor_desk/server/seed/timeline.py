"""One complaint's timeline: its mutable state and the lifecycle's state changes on it.

The transitions are those of ``lapor_desk.models.lifecycle.decide``, reimplemented on integer
UTC timestamps for speed; ``tests/server/test_seed.py`` replays every seeded history through
``decide`` and checks each step. Who does what, and when, is decided in :mod:`.simulation`.
Every child row (event, disposition, follow-up, attachment) is recorded on the complaint in
the order it happened, as a tagged tuple that :mod:`.rows` turns into table rows.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import AgencyLevel, FollowUpKind, Status
from lapor_desk.models.ids import format_uuid, uuid7_int
from lapor_desk.server.seed import topics
from lapor_desk.server.seed.attachment_files import BlobFile
from lapor_desk.server.seed.directory import Directory, Node, SeededUser
from lapor_desk.server.seed.topics import Topic
from lapor_desk.server.seed.workdays import DAY, FastCalendar, day_date

#: The seed's "now" unless the caller gives one (a Monday, 09:00 WITA).
DEFAULT_NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
HISTORY_DAYS = 365
WITA = 8 * 3600  # Sulawesi Tenggara's offices keep WITA hours
OFFICE_START = 8 * 3600
OFFICE_END = 16 * 3600 + 1800

S = Status

Weighted = tuple[list[Any], list[float]]


def weighted(pairs: Any) -> Weighted:
    """A table for :func:`pick` from ``(item, weight)`` pairs."""
    items = [p[0] for p in pairs]
    cum = list(accumulate(p[1] for p in pairs))
    return items, cum


def pick(rng: random.Random, table: Weighted) -> Any:
    items, cum = table
    return items[bisect_right(cum, rng.random() * cum[-1])]


def tanggal(ts: int) -> str:
    """The WITA date of ``ts`` as Indonesians write it ("5 Maret 2026")."""
    d = day_date((ts + WITA) // DAY)
    return f"{d.day} {topics.MONTHS_ID[d.month - 1]} {d.year}"


class SimulatedComplaint:
    """The mutable state of one complaint while it is simulated (times: UTC epoch seconds)."""

    __slots__ = (
        "auto_close_due", "children", "closed_at", "created", "ctype", "dups", "fill",
        "first_fu", "forwarded_at", "handlers", "handling", "id", "last", "last_fu",
        "misconduct", "paused_at", "res_days", "resolution_due", "responsible", "right_agency",
        "right_unit", "status", "substantive", "topic", "tv", "updates", "verify_due",
        "version", "wrong_unit_done",
    )
    id: str
    status: str
    responsible: int
    handling: int | None
    version: int
    tv: int
    created: int
    last: int
    verify_due: int | None
    resolution_due: int | None
    auto_close_due: int | None
    paused_at: int | None
    forwarded_at: int | None
    first_fu: int | None
    last_fu: int | None
    closed_at: int | None
    handlers: list[int]
    dups: list[str]
    #: ("e"|"d"|"f"|"a", ...) records in the order they happened
    children: list[tuple[Any, ...]]
    ctype: str
    misconduct: bool
    right_agency: Node
    right_unit: Node
    topic: Topic
    fill: dict[str, Any]
    wrong_unit_done: bool
    res_days: int
    substantive: bool
    #: progress replies sent before the substantive answer
    updates: int


class Timeline:
    """Ids, office/citizen clocks and the lifecycle's transitions, all from one seeded ``rng``."""

    def __init__(self, *, rng: random.Random, now: datetime, config: DomainConfig,
                 directory: Directory, users: list[SeededUser]) -> None:
        self.rng = rng
        self.now = int(now.timestamp())
        self.sla = config.sla
        first = (now - timedelta(days=HISTORY_DAYS + 30)).date()
        last = (now + timedelta(days=400)).date()
        self.cal = FastCalendar(config.calendar, first, last)
        self.d = directory
        self.user_unit: dict[int, int] = {u.id: u.unit_id for u in users}
        self.used_blobs: dict[str, BlobFile] = {}

    # --- ids and times -----------------------------------------------------------------------

    def uid(self, ts: int) -> str:
        """The UUIDv7 a server makes for a row created at ``ts`` (epoch seconds): the
        simulated clock has whole seconds, so the millisecond is drawn like the random bits,
        all from the seeded generator (see :mod:`lapor_desk.models.ids`)."""
        rng = self.rng
        return format_uuid(uuid7_int(ts * 1000 + rng.randrange(1000), rng.getrandbits(74)))

    def office_time(self, after: int, wd: int) -> int:
        """A moment in office hours (WITA) ``wd`` working days after ``after`` (0 = same day if
        still possible), strictly after ``after``."""
        rng, cal = self.rng, self.cal
        day = (after + WITA) // DAY
        if wd <= 0:
            tod_after = (after + WITA) % DAY
            if cal.is_working(day) and tod_after < OFFICE_END - 1800:
                lo = max(OFFICE_START, tod_after + 300)
                span = min(OFFICE_END - lo, 3 * 3600)
                return day * DAY - WITA + lo + rng.randrange(max(span, 60))
            day = cal.next_working_day(day, 1)
        else:
            day = cal.next_working_day(day, wd)
        ts = day * DAY - WITA + OFFICE_START + rng.randrange(OFFICE_END - OFFICE_START)
        return ts if ts > after else after + 300 + rng.randrange(3600)

    def citizen_time(self, after: int, days: float) -> int:
        """Any hour of the day, ``days`` (calendar) later, between 06:00 and 23:00 WITA."""
        rng = self.rng
        day = (after + WITA) // DAY + int(days)
        ts = day * DAY - WITA + 6 * 3600 + rng.randrange(17 * 3600)
        return ts if ts > after else after + 600 + rng.randrange(4 * 3600)

    # --- child records ---------------------------------------------------------------------------

    def _event(self, c: SimulatedComplaint, kind: str, ts: int, actor: int | None,
               new_status: str, exclusive: bool, detail: dict[str, Any]) -> None:
        c.version += 1
        if exclusive:
            c.tv = c.version
        c.children.append(("e", kind, c.status, new_status, actor, ts, detail))
        c.status = new_status
        c.last = ts

    def _disposition(self, c: SimulatedComplaint, ts: int, from_id: int, to_id: int, kind: str,
                     note: str, actor: int) -> None:
        c.children.append(("d", self.uid(ts), from_id, to_id, kind, note, actor, ts))

    def _follow_up(self, c: SimulatedComplaint, ts: int, kind: str, body: str,
                   author: int | None, unit: int | None, attach: BlobFile | None = None) -> None:
        ident = self.uid(ts)
        c.children.append(("f", ident, kind, body, author, unit, ts))
        if attach is not None:
            self.attachment(c, ts, attach, ident)

    def attachment(self, c: SimulatedComplaint, ts: int, blob: BlobFile,
                   follow_up_id: str | None) -> None:
        self.used_blobs[blob.sha256] = blob
        name = f"{blob.stem}_{self.rng.randrange(1, 9999):04d}.{blob.ext}"
        c.children.append(("a", self.uid(ts), follow_up_id, blob, name, ts))

    def location(self, c: SimulatedComplaint) -> int:
        return c.handling if c.handling is not None else c.responsible

    def _resume(self, c: SimulatedComplaint, ts: int) -> None:
        if c.status == S.POSTPONED and c.paused_at is not None:
            paused = self.cal.between(c.paused_at, ts)
            if c.verify_due is not None and paused:
                c.verify_due = self.cal.add(c.verify_due, paused)
            c.paused_at = None

    def _handlers(self, c: SimulatedComplaint, *units: int) -> None:
        for unit in units:
            if unit not in c.handlers:
                c.handlers.append(unit)

    # --- state changes (the lifecycle's transitions) ---------------------------------------------

    def forward(self, c: SimulatedComplaint, ts: int, actor: int, target: Node, note: str) -> None:
        self._resume(c, ts)
        from_id = self.location(c)
        if target.level == AgencyLevel.UNIT:
            c.responsible = target.agency_id
            c.handling = target.id
            c.forwarded_at = ts
            c.resolution_due = self.cal.add(ts, c.res_days)
            self._handlers(c, self.user_unit[actor], target.id)
            new_status = S.FORWARDED
        else:
            c.responsible = target.id
            c.handling = None
            c.verify_due = self.cal.add(ts, self.sla.verify)
            self._handlers(c, self.user_unit[actor])
            new_status = S.UNVERIFIED
        self._event(c, "forward", ts, actor, new_status, True, {"to_id": target.id})
        self._disposition(c, ts, from_id, target.id, "forward", note, actor)

    def handle(self, c: SimulatedComplaint, ts: int, actor: int, note: str) -> None:
        self._resume(c, ts)
        from_id = self.location(c)
        unit = self.d.by_id[self.user_unit[actor]]
        c.handling = unit.id
        c.responsible = unit.agency_id
        c.forwarded_at = ts
        c.resolution_due = self.cal.add(ts, c.res_days)
        self._handlers(c, unit.id)
        self._event(c, "handle", ts, actor, S.FORWARDED, True, {})
        self._disposition(c, ts, from_id, unit.id, "handle", note, actor)

    def postpone(self, c: SimulatedComplaint, ts: int, actor: int, reason: str) -> None:
        c.paused_at = ts
        self._event(c, "postpone", ts, actor, S.POSTPONED, True, {"reason": reason})

    def not_our_authority(self, c: SimulatedComplaint, ts: int, actor: int, reason: str) -> None:
        self._resume(c, ts)
        location = self.d.by_id[self.location(c)]
        if location.level == AgencyLevel.UNIT:
            up = self.d.owning_agency(location)
        else:
            up = self.d.up_from_agency(location)
        c.responsible = up.id
        c.handling = None
        c.verify_due = self.cal.add(ts, self.sla.verify)
        c.resolution_due = None
        self._event(c, "not_our_authority", ts, actor, S.UNVERIFIED, True, {"reason": reason})
        self._disposition(c, ts, location.id, up.id, "not_our_authority", reason, actor)

    def archive(self, c: SimulatedComplaint, ts: int, actor: int, code: str, note: str) -> None:
        self._resume(c, ts)
        c.closed_at = ts
        self._event(c, "archive", ts, actor, S.ARCHIVED, True, {"reason_code": code, "note": note})

    def reroute(self, c: SimulatedComplaint, ts: int, actor: int, target: Node, note: str) -> None:
        self._resume(c, ts)
        from_id = self.location(c)
        c.responsible = target.id
        c.handling = None
        c.verify_due = self.cal.add(ts, self.sla.verify)
        c.resolution_due = None
        self._event(c, "reroute", ts, actor, S.UNVERIFIED, True, {"to_id": target.id})
        self._disposition(c, ts, from_id, target.id, "reroute", note, actor)

    def reply(self, c: SimulatedComplaint, ts: int, actor: int, body: str,
              attach: BlobFile | None = None) -> None:
        c.first_fu = c.first_fu or ts
        c.last_fu = ts
        c.auto_close_due = self.cal.add(ts, self.sla.auto_close)
        self._event(c, "follow_up", ts, actor, S.IN_PROGRESS, False, {})
        self._follow_up(c, ts, FollowUpKind.REPLY, body, actor, self.user_unit[actor], attach)

    def note(self, c: SimulatedComplaint, ts: int, actor: int, body: str) -> None:
        self._event(c, "internal_note", ts, actor, c.status, False, {})
        self._follow_up(c, ts, FollowUpKind.INTERNAL_NOTE, body, actor, self.user_unit[actor])

    def close(self, c: SimulatedComplaint, ts: int, actor: int, note: str) -> None:
        c.closed_at = ts
        c.auto_close_due = None
        self._event(c, "close", ts, actor, S.DONE, True, {"note": note})

    def reporter_response(self, c: SimulatedComplaint, ts: int, body: str) -> None:
        c.auto_close_due = None
        self._event(c, "reporter_response", ts, None, S.REPORTER_RESPONDED, False, {})
        self._follow_up(c, ts, FollowUpKind.REPORTER_RESPONSE, body, None, None)

    def auto_close(self, c: SimulatedComplaint, ts: int) -> None:
        c.closed_at = ts
        c.auto_close_due = None
        self._event(c, "auto_close", ts, None, S.DONE, True, {})

    def link_duplicate(self, c: SimulatedComplaint, ts: int, actor: int, other: str) -> None:
        if other not in c.dups:
            c.dups = sorted([*c.dups, other])
        self._event(c, "link_duplicate", ts, actor, c.status, False, {"other_id": other})
