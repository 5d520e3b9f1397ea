"""What a session says of itself, read from its cache (never the network): the status the
window's status bar shows, the unsynced work signing out would throw away, a running sync's
progress and its outcome. :class:`~lapor_desk.services.session.Session` keeps what only it knows
(whether the server answered, the last error) and hands it in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from lapor_desk.models.cache.store import Cache
from lapor_desk.services import errors
from lapor_desk.services.profile_copy import UnsyncedWork
from lapor_desk.services.types import StatusSummary, SyncOutcome, SyncProgress
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.report import Progress, SyncReport
from lapor_desk.sync.status import CacheStatus, read_status


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)


def read_cache_status(cache: Cache) -> CacheStatus:
    """The cache's status; a failing disk is the service layer's storage error."""
    try:
        return read_status(cache)
    except sync_errors.StorageError as exc:
        raise errors.translate(exc) from exc


def unsynced_work(cache: Cache | None) -> UnsyncedWork:
    """Counts the sign-out confirmation shows (database worker)."""
    if cache is None:
        return UnsyncedWork(0, 0, 0)
    status = read_cache_status(cache)
    return UnsyncedWork(status.outbox_pending, status.outbox_rejected, status.conflicts)


def status_summary(cache: Cache | None, online: bool | None,
                   last_error: str | None) -> StatusSummary:
    if cache is None:
        return StatusSummary(None, None, 0, 0, 0, 0, None)
    status = read_cache_status(cache)
    return StatusSummary(online, parse_time(status.last_sync_at),
                         status.outbox_pending, status.outbox_rejected, status.conflicts,
                         status.complaints, last_error)


def progress_reporter(progress: Callable[[SyncProgress], None] | None,
                      cache: Cache) -> Callable[[Progress], None]:
    """What the sync engine calls at each step of a sync starting now: ``progress`` told the
    step with a total when one is known."""
    started = time.monotonic()

    # The push knows its total (the outbox); the pull estimates one from how far its cursor
    # has come through the server's change sequence (protocol.pull_fraction).
    to_send = read_cache_status(cache).outbox_pending if progress is not None else 0

    def report(step: Progress) -> None:
        if progress is None:
            return
        total: int | None = None
        if step.phase == "push":
            total = to_send
        elif step.phase == "pull" and step.fraction:
            total = max(step.records, round(step.records / step.fraction))
        progress(SyncProgress(step.phase, step.records, step.bytes,
                              time.monotonic() - started, total=total))

    return report


def sync_outcome(result: SyncReport) -> SyncOutcome:
    return SyncOutcome(result.pushed, result.applied, result.rejected, result.conflicts,
                       result.rows, parse_time(result.finished_at), result.pages,
                       result.resets, result.server_restored, result.resent)
