"""Closing, reopening and postponing until a day, and the reminder when that day comes.

Close ("Selesaikan laporan") and reopen ("Buka kembali", a reason required) are actions like any
other: :meth:`Lifecycle.close` and :meth:`Lifecycle.reopen` go through :meth:`Actions.submit`
(the one check, one transaction with the outbox entry, shown at once, sent at the next sync) and
the server's status machine has the last word (``models/lifecycle.py``). A postponement names
the day it is to be looked at again (``ActionFields.until``, written by the verification
dialog); :meth:`Lifecycle.postpone_days` gives that dialog the days it may offer.

The reminder: :meth:`Lifecycle.due_postponements` lists the postponed complaints whose day has
come (the latest postponement's ``until`` in its event, from the server or made here offline),
and :meth:`Lifecycle.new_reminders` those of them not announced yet for that day. What was
announced is kept in the profile (``reminded.json``: complaint ids and days, no personal data),
so a restart or the next check does not announce it again. "Today" is the working-day zone's
date by the server's clock (``sync/clock.py``), the day the server judges ``until`` by.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint, Event
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import ActionKind, Status
from lapor_desk.paths import REMINDED_FILE
from lapor_desk.services.actions import ActionFields, Actions
from lapor_desk.services.types import ActionResult, ComplaintDetail
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.lifecycle")

#: The day a postponement dialog suggests, in working days from today.
SUGGESTED_DAYS = 5
STATE_VERSION = 1


@dataclass(frozen=True)
class PostponeDays:
    """The days a postponement may name, as the server will judge them."""

    today: date
    earliest: date                 # tomorrow
    latest: date                   # ``sla.postpone_max`` working days ahead
    suggested: date
    days_off: frozenset[date]      # weekends and holidays from ``earliest`` to ``latest``

    def kept(self, asked: date) -> date:
        """The day the server keeps for ``asked``: it, or the next working day."""
        day = asked
        while day in self.days_off:
            day += timedelta(days=1)
        return day


@dataclass(frozen=True)
class PostponedDue:
    complaint_id: str
    tracking_number: int | None
    until: date


class Lifecycle:
    def __init__(self, cache: Cache, actions: Actions, config: DomainConfig,
                 now: Callable[[], datetime], profile_dir: Path | str) -> None:
        self.cache = cache
        self.actions = actions
        self.config = config
        self.now = now
        self.path = Path(profile_dir) / REMINDED_FILE

    # --- actions ------------------------------------------------------------------------------

    def close(self, complaint_id: str, note: str = "") -> ActionResult:
        """Selesaikan laporan (:meth:`Actions.submit`)."""
        return self.actions.submit(ActionKind.CLOSE, complaint_id, ActionFields(note=note))

    def reopen(self, complaint_id: str, reason: str) -> ActionResult:
        """Buka kembali, with the reason kept in the complaint's history."""
        return self.actions.submit(ActionKind.REOPEN, complaint_id, ActionFields(reason=reason))

    def today(self) -> date:
        return self.config.calendar.local_date(self.now())

    def postpone_days(self) -> PostponeDays:
        calendar, today = self.config.calendar, self.today()
        latest = calendar.working_days_ahead(today, self.config.sla.postpone_max)
        earliest = today + timedelta(days=1)
        days_off = frozenset(earliest + timedelta(days=n)
                             for n in range((latest - earliest).days + 8)
                             if not calendar.is_working_day(earliest + timedelta(days=n)))
        suggested = calendar.working_days_ahead(today, min(SUGGESTED_DAYS,
                                                           self.config.sla.postpone_max))
        return PostponeDays(today, earliest, latest, suggested, days_off)

    # --- the reminder -------------------------------------------------------------------------

    def with_reminder(self, detail: ComplaintDetail) -> ComplaintDetail:
        """``detail`` saying whether its postponement's day has come."""
        due = detail.postponed_until is not None and detail.postponed_until <= self.today()
        return replace(detail, postponement_due=due) if due != detail.postponement_due \
            else detail

    def due_postponements(self) -> list[PostponedDue]:
        """Postponed complaints whose day has come, the longest waiting first."""
        today = self.today()
        with self.cache.engine.connect() as connection:
            postponed = {r.id: r.tracking_number for r in connection.execute(
                select(Complaint.id, Complaint.tracking_number).where(
                    Complaint.status == str(Status.POSTPONED)))}
            if not postponed:
                return []
            latest: dict[str, tuple[str, str]] = {}
            for complaint_id, at, detail in connection.execute(
                    select(Event.complaint_id, Event.at, Event.detail).where(
                        Event.kind == str(ActionKind.POSTPONE),
                        Event.complaint_id.in_(list(postponed)))):
                if complaint_id not in latest or at > latest[complaint_id][0]:
                    latest[complaint_id] = (at, detail)
        due = []
        for complaint_id, (_at, detail) in latest.items():
            until = until_of(detail)
            if until is not None and until <= today:
                due.append(PostponedDue(complaint_id, postponed[complaint_id], until))
        due.sort(key=lambda d: (d.until, d.tracking_number or 0, d.complaint_id))
        return due

    def new_reminders(self) -> list[PostponedDue]:
        """The due postponements not announced yet for their day; remembered as announced."""
        due = self.due_postponements()
        told = self._told()
        new = [d for d in due if told.get(d.complaint_id) != d.until.isoformat()]
        if new or set(told) - {d.complaint_id for d in due}:
            self._remember({d.complaint_id: d.until.isoformat() for d in due})
        if new:
            event(log, "reminder.postponed_due", count=len(new))
        return new

    def _told(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return {}
        told = data.get("told")
        return {str(k): str(v) for k, v in told.items()} if isinstance(told, dict) else {}

    def _remember(self, told: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps({"version": STATE_VERSION, "told": told}), "utf-8")
        os.replace(partial, self.path)  # a crash never leaves half a file


def until_of(detail: str | None) -> date | None:
    """The day of a postpone event's detail, or None (an older postponement names none)."""
    try:
        data = orjson.loads(detail or "{}")
        value = data.get("until") if isinstance(data, dict) else None
        return date.fromisoformat(value) if isinstance(value, str) else None
    except (orjson.JSONDecodeError, ValueError):
        return None
