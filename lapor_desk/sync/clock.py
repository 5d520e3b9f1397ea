"""The server's clock as this desktop knows it, learned from the ``Date`` header of its answers.

A PC's clock can be off by seconds, by an hour (a wrong time zone) or by years (a flat CMOS
battery). The server refuses a client's time too far ahead of its own
(:data:`lapor_desk.models.intake.CLOCK_SKEW_TOLERANCE`) and counts deadlines from it, so the
times this desktop records and sends are in the server's time whenever it knows the difference
(:meth:`ServerClock.now`).

How the difference is estimated:

* Every answer carries ``Date`` (RFC 9110 section 6.6.1): the second in which the server made
  it. Servers may refresh that value once a second (uvicorn does), so the server's moment lies
  in ``[Date, Date + DATE_SPAN]``.
* The answer was made between sending the request and receiving its headers, so one exchange
  bounds the server's clock to an interval whose width is ``DATE_SPAN`` plus the round trip.
* The estimate is the middle of the intersection of the last few intervals and its
  uncertainty half the intersection's width: a slow request widens only its own interval and
  never moves the estimate; quick ones narrow it to about a second.
* Intervals are kept against an elapsed-time clock that setting the PC's clock does not move
  (``CLOCK_BOOTTIME`` on Linux, which counts suspend too; ``time.monotonic`` elsewhere, which on
  Windows counts sleep). So when somebody sets the PC's clock right, the difference follows at
  once, without waiting for the server.

The last estimate is written to the profile (``server_clock.json``: the difference in seconds
and when it was learned, nothing personal), so a desktop started offline knows it too. It is
taken to hold until the server answers again; the first answer replaces it.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import orjson

from lapor_desk.models.calendar import UTC, utcnow
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.sync.clock")

#: Seconds after its ``Date`` stamp within which the server made an answer (whole seconds,
#: refreshed once a second by some servers).
DATE_SPAN = 2.0
#: Exchanges whose intervals are intersected.
KEEP = 8
#: An exchange older than this (elapsed seconds) before the newest one no longer counts: the
#: two clocks drift apart by a few parts per million.
MAX_AGE = 3600.0
#: The saved difference is rewritten when the estimate moves by more than this (seconds).
SAVE_STEP = 1.0
#: A difference the person is told about (the status bar's warning): beyond it, and beyond the
#: estimate's own uncertainty, the PC's clock is certainly off by minutes.
NOTICEABLE = timedelta(minutes=2)


def elapsed_seconds() -> float:
    """Seconds on a clock that setting the PC's clock does not move and that counts suspend."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


@dataclass(frozen=True)
class ClockReading:
    """The server's clock against this PC's, as known now."""

    #: Server time minus PC time: negative when the PC's clock is ahead.
    offset: timedelta
    #: How far the true difference may lie from ``offset`` either way.
    uncertainty: timedelta
    #: When it was last learned, in the server's time.
    learned_at: datetime
    #: True when it comes from the profile's file (an earlier run), not yet confirmed by the
    #: server in this one.
    saved: bool

    @property
    def noticeable(self) -> bool:
        """The PC's clock is off by more than :data:`NOTICEABLE`, whatever the noise."""
        return abs(self.offset) - self.uncertainty > NOTICEABLE


@dataclass(frozen=True)
class _Bounds:
    """What one exchange says of ``server time - elapsed`` (seconds), observed at ``at``."""

    low: float
    high: float
    at: float


def _parse_date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    stamp = moment.timestamp()
    return stamp if math.isfinite(stamp) and stamp > 0 else None


class ServerClock:
    """Learns the server's clock from answers (:meth:`observe`, called by the transport) and
    tells the time in it (:meth:`now`). Thread-safe: the transport may be used by the sync's
    page pipeline while the database worker asks for the time."""

    def __init__(self, *, wall: Callable[[], datetime] = utcnow,
                 elapsed: Callable[[], float] = elapsed_seconds,
                 store: Path | None = None) -> None:
        self.wall = wall
        self.elapsed = elapsed
        self._lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._bounds: deque[_Bounds] = deque(maxlen=KEEP)
        self._saved: _Bounds | None = None
        self._saved_learned_at: datetime | None = None
        self._learned_at: datetime | None = None
        self._written: float | None = None
        self.store: Path | None = None
        self.load(store)

    # --- learning -------------------------------------------------------------------------

    def load(self, store: Path | None) -> None:
        """Forget what was learned and use ``store`` (a profile's
        :data:`~lapor_desk.paths.SERVER_CLOCK_FILE`, or None): the difference saved there holds
        until the server answers."""
        with self._lock:
            self._bounds.clear()
            self._saved = self._saved_learned_at = self._learned_at = None
            self._written = None
            self.store = store
            if store is None:
                return
            try:
                data = orjson.loads(store.read_bytes())
                offset = float(data["offset_seconds"])
                spread = float(data["uncertainty_seconds"])
                learned = datetime.fromisoformat(str(data["learned_at"]))
            except FileNotFoundError:
                return
            except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError) as exc:
                event(log, "clock.saved_unreadable", logging.WARNING, error=type(exc).__name__)
                return
            if not (math.isfinite(offset) and math.isfinite(spread) and spread >= 0):
                return
            anchor = offset + self.wall().timestamp() - self.elapsed()
            self._saved = _Bounds(anchor - spread, anchor + spread, self.elapsed())
            self._saved_learned_at = learned if learned.tzinfo else learned.replace(tzinfo=UTC)
            self._written = offset

    def observe(self, date: str | None, sent: float, received: float) -> None:
        """One answer: its ``Date`` header, and :attr:`elapsed` when the request was sent and
        when the answer's headers arrived. An answer without a usable ``Date`` teaches
        nothing."""
        stamp = _parse_date(date)
        if stamp is None or not received >= sent:
            return
        bounds = _Bounds(stamp - received, stamp + DATE_SPAN - sent, received)
        with self._lock:
            if self._bounds and received < self._bounds[-1].at:
                return  # answers are observed in the order they arrive; this one is stale
            self._bounds.append(bounds)
            self._saved = None
            self._learned_at = datetime.fromtimestamp(stamp, UTC)
        self.persist()

    def persist(self) -> None:
        """Write the difference to the profile when it moved since last written (after an
        answer, or when the PC's clock was set meanwhile)."""
        with self._save_lock:  # one writer at a time, in the order the estimates were made
            with self._lock:
                estimate = self._estimate()
                learned = self._learned_at or self._saved_learned_at
                store = self.store
                if estimate is None or learned is None or store is None:
                    return
                offset = (estimate.low + estimate.high) / 2 + self.elapsed() - self.wall().timestamp()
                if self._written is not None and abs(offset - self._written) <= SAVE_STEP:
                    return
                self._written = offset
            self._save(store, offset, (estimate.high - estimate.low) / 2, learned)

    def _estimate(self) -> _Bounds | None:
        """The intersection of the newest exchanges that agree (caller holds the lock)."""
        if not self._bounds:
            return self._saved
        newest = self._bounds[-1]
        low, high = newest.low, newest.high
        for older in reversed(list(self._bounds)[:-1]):
            if newest.at - older.at > MAX_AGE:
                break
            both_low, both_high = max(low, older.low), min(high, older.high)
            if both_low > both_high:
                break  # disagrees (the server's clock was set, or drift): the newer ones win
            low, high = both_low, both_high
        return _Bounds(low, high, newest.at)

    def _save(self, store: Path, offset: float, spread: float, learned_at: datetime) -> None:
        body = orjson.dumps({"offset_seconds": round(offset, 3),
                             "uncertainty_seconds": round(spread, 3),
                             "learned_at": learned_at.isoformat()})
        partial = store.with_name(store.name + ".part")
        try:
            if not store.parent.is_dir():
                return  # the profile is gone (signed out meanwhile)
            partial.write_bytes(body)
            os.replace(partial, store)
        except OSError as exc:  # a full disk must not stop a sync for this
            event(log, "clock.not_saved", logging.WARNING, error=type(exc).__name__)
            return
        event(log, "clock.learned", offset=round(offset, 1), uncertainty=round(spread, 1))

    # --- telling the time -----------------------------------------------------------------

    def reading(self) -> ClockReading | None:
        """The difference as known now, or None when the server never told its time."""
        with self._lock:
            estimate = self._estimate()
            saved = not self._bounds
            learned = self._saved_learned_at if saved else self._learned_at
        if estimate is None or learned is None:
            return None
        wall = self.wall()
        middle = (estimate.low + estimate.high) / 2
        return ClockReading(
            offset=timedelta(seconds=middle + self.elapsed() - wall.timestamp()),
            uncertainty=timedelta(seconds=(estimate.high - estimate.low) / 2),
            learned_at=learned, saved=saved)

    def offset(self) -> timedelta | None:
        """Server time minus PC time (None: not known)."""
        reading = self.reading()
        return reading.offset if reading is not None else None

    def now(self) -> datetime:
        """The time by the server's clock when known, else by the PC's (aware, UTC)."""
        with self._lock:
            estimate = self._estimate()
        wall = self.wall()
        if estimate is None:
            return wall
        seconds = (estimate.low + estimate.high) / 2 + self.elapsed()
        return datetime.fromtimestamp(seconds, UTC)
