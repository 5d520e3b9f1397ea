"""The login throttle: failed-login counts in the database, per username and per client address.

Every server process (and a restarted one) sees the same counts. An attempt is counted
*before* its password is checked, in one short write transaction that checks and counts both
keys at once (SQLite: the write lock of ``BEGIN IMMEDIATE``; PostgreSQL: the rows locked
``FOR UPDATE`` in key order), so a burst of concurrent guesses gets exactly the allowed number
of password checks. A login that succeeds clears its username's count and gives its address's
attempt back (an office behind one address is not slowed by its own people signing in).

Throttling with expiry, never a permanent lockout (OWASP Authentication Cheat Sheet):

- ``limit`` attempts are allowed per window of :data:`WINDOW` (5 per username, 30 per address by
  default: ``ServerSettings.login_failures_per_*``); the count starts afresh when the window
  ends;
- the attempt that reaches the limit locks the key for :data:`FIRST_LOCK`, the next lock lasts
  twice as long, and so on up to :data:`MAX_LOCK`; while a key is locked every login for it is
  refused with 429 and ``Retry-After``, the right password too;
- a lock ends by itself, so the owner of a username under attack waits at most :data:`MAX_LOCK`
  once the attack stops; entries untouched for :data:`FORGET` are deleted (at most every
  :data:`PRUNE_EVERY`), so the table stays as small as the recent attempts.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.server.database import transaction
from lapor_desk.server.db import LoginThrottleEntry

WINDOW = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(minutes=30)
FORGET = timedelta(hours=24)
PRUNE_EVERY = timedelta(minutes=5)


def user_key(username: str) -> str:
    return ("u:" + username.casefold())[:200]


def address_key(address: str) -> str:
    return ("a:" + address)[:200]


@dataclass(frozen=True)
class Attempt:
    """A login attempt the throttle let through (and counted)."""

    user_key: str
    address_key: str
    #: The lock this attempt put on its address by reaching the limit (lifted if it succeeds).
    address_lock: datetime | None


@dataclass(frozen=True)
class Refused:
    retry_after: int  # whole seconds, at least 1
    by: str  # "user" or "address"


def lock_length(strikes: int) -> timedelta:
    return min(MAX_LOCK, FIRST_LOCK * (1 << min(strikes, 20)))


class LoginThrottle:
    def __init__(self, per_user: int = 5, per_address: int = 30) -> None:
        self.limits = {"u": per_user, "a": per_address}
        self._pruned_at: datetime | None = None
        self._prune_lock = threading.Lock()

    def attempt(self, engine: Engine, username: str, address: str,
                now: datetime) -> Attempt | Refused:
        """Count one login attempt for ``username`` from ``address``, or refuse it."""
        keys = sorted({user_key(username), address_key(address)})  # one lock order everywhere
        with transaction(engine) as session:
            self._prune(session, now)
            insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
            session.execute(insert(LoginThrottleEntry).values([
                {"key": key, "failures": 0, "window_start": now, "strikes": 0,
                 "locked_until": None, "updated_at": now} for key in keys
            ]).on_conflict_do_nothing(index_elements=["key"]))
            entries = session.scalars(
                select(LoginThrottleEntry).where(LoginThrottleEntry.key.in_(keys))
                .order_by(LoginThrottleEntry.key).with_for_update()
            ).all()
            waits = [(wait, entry.key[0]) for entry in entries
                     if (wait := _locked_for(entry, now)) is not None]
            if waits:
                wait, kind = max(waits)
                for entry in entries:  # keep no empty entry for a refused attempt
                    if entry.failures == 0 and entry.strikes == 0 and entry.locked_until is None:
                        session.delete(entry)
                return Refused(max(1, math.ceil(wait.total_seconds())),
                               "user" if kind == "u" else "address")
            address_lock = None
            for entry in entries:
                entry.failures += 1
                entry.updated_at = now
                if entry.failures >= self.limits[entry.key[0]]:
                    entry.locked_until = now + lock_length(entry.strikes)
                    entry.strikes += 1
                    if entry.key[0] == "a":
                        address_lock = entry.locked_until
            return Attempt(user_key(username), address_key(address), address_lock)

    def succeeded(self, session: Session, attempt: Attempt) -> None:
        """In the login's transaction: the username starts afresh, the address gets its
        attempt back."""
        entry = session.scalars(select(LoginThrottleEntry).where(
            LoginThrottleEntry.key == attempt.address_key).with_for_update()).first()
        if entry is not None:
            entry.failures = max(0, entry.failures - 1)
            if attempt.address_lock is not None and entry.locked_until == attempt.address_lock:
                entry.locked_until = None
                entry.strikes = max(0, entry.strikes - 1)
        session.execute(delete(LoginThrottleEntry).where(
            LoginThrottleEntry.key == attempt.user_key))

    def _prune(self, session: Session, now: datetime) -> None:
        with self._prune_lock:
            if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
                return
            self._pruned_at = now
        session.execute(delete(LoginThrottleEntry).where(
            LoginThrottleEntry.updated_at < now - FORGET,
            or_(LoginThrottleEntry.locked_until.is_(None), LoginThrottleEntry.locked_until < now),
        ))


def forget_user(session: Session, username: str) -> None:
    """Lift any count and lock on ``username`` (an administrator set a new password)."""
    session.execute(delete(LoginThrottleEntry).where(LoginThrottleEntry.key == user_key(username)))


def _locked_for(entry: LoginThrottleEntry, now: datetime) -> timedelta | None:
    """How long ``entry`` stays locked; starts a fresh window when the last one is over."""
    if entry.locked_until is not None:
        if entry.locked_until > now:
            return entry.locked_until - now
        entry.locked_until = None
        entry.failures, entry.window_start = 0, now
    elif now - entry.window_start >= WINDOW:
        entry.failures, entry.window_start = 0, now
    return None
