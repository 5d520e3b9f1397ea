"""New work to tell the user about after a sync: complaints newly forwarded to a liaison
officer's unit, new complaints waiting for an admin's verification.

The check compares the watched queue after a sync with the one seen after the previous sync.
What was seen is kept in the profile's directory (``notified.json``: complaint ids only, no
personal data), so a restart does not announce the whole queue again; the first check of a
profile only records the queue (a first sync brings everything, and none of it is news).
Complaints this desktop acted on itself (anything in its outbox) are never announced.

Run :func:`check_new_work` on the database worker after a sync finished; it returns a plain
:class:`NewWork` or ``None``. Wording belongs to the UI.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from lapor_desk.models.cache.schema import Complaint, OutboxEntry
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import Role, Status
from lapor_desk.paths import NOTIFIED_FILE as STATE_FILE
from lapor_desk.services.types import SessionInfo
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.notifications")

STATE_VERSION = 1
#: How many tracking numbers a notice names (the rest is a count).
SAMPLE = 5


@dataclass(frozen=True)
class Watch:
    kind: str                       # "forwarded" or "needs_verification"
    statuses: frozenset[Status]
    own_unit_only: bool             # only complaints handled by the user's unit


#: Which queue is news for which role (data: change it here, not in widgets).
WATCHES: dict[Role, Watch] = {
    Role.LIAISON_OFFICER: Watch("forwarded", frozenset({Status.FORWARDED}), True),
    Role.AGENCY_ADMIN: Watch("needs_verification", frozenset({Status.UNVERIFIED}), False),
    Role.NATIONAL_ADMIN: Watch("needs_verification", frozenset({Status.UNVERIFIED}), False),
}


@dataclass(frozen=True)
class NewWork:
    kind: str                           # Watch.kind
    count: int
    tracking_numbers: tuple[int, ...]   # up to SAMPLE, lowest first
    complaint_ids: tuple[str, ...]


def watch_for(role: str) -> Watch | None:
    try:
        return WATCHES.get(Role(role))
    except ValueError:
        return None


class WorkWatcher:
    """Compares a profile's watched queue with what was seen last time."""

    def __init__(self, cache: Cache, info: SessionInfo, directory: Path | None = None) -> None:
        self.cache = cache
        self.info = info
        self.path = Path(directory or info.profile_dir) / STATE_FILE

    def current(self, watch: Watch) -> dict[str, int | None]:
        """Ids (with tracking numbers) now in the watched queue, minus our own work."""
        own = select(OutboxEntry.complaint_id)
        query = (select(Complaint.id, Complaint.tracking_number)
                 .where(Complaint.status.in_(sorted(str(s) for s in watch.statuses)))
                 .where(Complaint.id.not_in(own)))
        if watch.own_unit_only:
            query = query.where(Complaint.handling_unit_id == self.info.unit_id)
        with self.cache.engine.connect() as connection:
            return {str(row[0]): row[1] for row in connection.execute(query)}

    def seen(self, kind: str) -> set[str] | None:
        """What the last check saw, or None when there was no check for this watch yet."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(data, dict) or data.get("version") != STATE_VERSION
                or data.get("kind") != kind or not isinstance(data.get("ids"), list)):
            return None
        return {str(i) for i in data["ids"]}

    def remember(self, kind: str, ids: Iterable[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps({"version": STATE_VERSION, "kind": kind,
                                       "ids": sorted(ids)}), "utf-8")
        os.replace(partial, self.path)  # a crash never leaves half a file

    def check(self) -> NewWork | None:
        watch = watch_for(self.info.role)
        if watch is None:
            return None
        now = self.current(watch)
        before = self.seen(watch.kind)
        if before is None or before != now.keys():
            self.remember(watch.kind, now)
        if before is None:
            event(log, "notify.baseline", kind=watch.kind, ids=len(now))
            return None
        new = [i for i in now if i not in before]
        if not new:
            return None
        new.sort(key=lambda i: (now[i] is None, now[i] or 0, i))
        numbers = tuple(n for n in (now[i] for i in new) if n is not None)[:SAMPLE]
        event(log, "notify.new_work", kind=watch.kind, count=len(new))
        return NewWork(watch.kind, len(new), numbers, tuple(new))


def check_new_work(cache: Cache | None, info: SessionInfo | None) -> NewWork | None:
    """New work since the last check (database worker), or None (nothing new, first check of
    this profile, not signed in, or a role without a watched queue)."""
    if cache is None or info is None:
        return None
    return WorkWatcher(cache, info).check()
