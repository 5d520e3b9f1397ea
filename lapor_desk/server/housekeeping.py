"""The server's housekeeping: auto-close unanswered follow-ups, remove abandoned uploads, read
the complaints mailbox (server/channels/email_in.py, when configured).

Every worker process runs the loop, and every ``interval`` seconds asks the database whether
the round is its own (:func:`claim_round`): the time of the next round is a ``server_meta`` row,
read and moved on in one write transaction (the row locked ``FOR UPDATE`` on PostgreSQL, the
write lock on SQLite), so with N workers a round runs once per interval rather than N times, and a
restarted server picks up the schedule where it was. (Two rounds at once would do no harm either:
each complaint is closed under its row lock after checking it is still due, and an upload is
removed only when it is stale; the claim keeps N workers from doing the same scans.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from lapor_desk.server.blobs import BlobStore
from lapor_desk.server.channels import email_in
from lapor_desk.server.database import transaction
from lapor_desk.server.db import ServerMeta
from lapor_desk.server.logs import event
from lapor_desk.server.services.complaints import auto_close_due
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)

NEXT_ROUND = "housekeeping_next_round"
#: A round claimed moves the next one on by this part of the interval: the workers' timers are
#: not in step, and one that is a little early must not make the round wait a whole interval.
STEP = 0.9


def claim_round(engine: Engine, now: datetime, interval: float, key: str = NEXT_ROUND) -> bool:
    """Whether the caller is to do the round ``key`` names now (and none else until the next):
    the housekeeping round, or another on its own schedule (the SP4N round: server/sp4n/loop.py)."""
    with transaction(engine) as session:
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        session.execute(insert(ServerMeta).values(key=key, value=now.isoformat())
                        .on_conflict_do_nothing(index_elements=["key"]))
        row = session.scalars(select(ServerMeta).where(ServerMeta.key == key)
                              .with_for_update()).one()
        try:
            due = datetime.fromisoformat(row.value)
        except ValueError:
            due = now
        step = timedelta(seconds=interval)
        if now < due <= now + step:  # another worker has it (a due further on: the clock went back)
            return False
        row.value = (now + step * STEP).isoformat()
        return True


def run_round(state: ServerState, blobs: BlobStore,
              mail_taken: Callable[[email_in.FetchReport], None] | None = None) -> None:
    """One round, when this worker claims it. ``mail_taken``: told what the mailbox gave (the
    server's metrics)."""
    now = state.now()
    if not claim_round(state.engine, now, state.settings.auto_close_interval):
        return
    try:
        if not state.settings.training:  # a training world's complaints never close alone
            auto_close_due(state.engine, now)
    except Exception as error:  # noqa: BLE001 - logged; the next round retries
        event(log, "auto_close_failed", logging.ERROR, exc=error)
    try:
        blobs.expire_uploads(state.engine, now)
    except Exception as error:  # noqa: BLE001 - logged; the next round retries
        event(log, "blob_uploads_expire_failed", logging.ERROR, exc=error)
    if email_in.enabled(state.settings) and not state.settings.training:
        try:
            report = email_in.fetch_mail(state.engine, blobs.root, state.settings, state.now)
            if mail_taken is not None:
                mail_taken(report)
        except Exception as error:  # noqa: BLE001 - logged; the next round retries
            event(log, "mail_fetch_failed", logging.ERROR, exc=error)


async def housekeeping_loop(state: ServerState, blobs: BlobStore, interval: float,
                            mail_taken: Callable[[email_in.FetchReport], None] | None = None
                            ) -> None:
    """Every ``interval`` seconds, a round (if this worker claims it)."""
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(run_round, state, blobs, mail_taken)
        except Exception as error:  # noqa: BLE001 - logged; the next round retries
            event(log, "housekeeping_failed", logging.ERROR, exc=error)
