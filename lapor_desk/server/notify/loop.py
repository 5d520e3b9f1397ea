"""The housekeeping loop's sending: every ``[notify] interval_seconds``, one round in every
worker (a message is claimed by one of them; ``queue.claim``)."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from lapor_desk.server.logs import event
from lapor_desk.server.notify.send import Notifier
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)


async def notify_loop(state: ServerState, notifier: Notifier, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(notifier.run_round, state.engine, state.now)
        except Exception as error:  # noqa: BLE001 - logged; the next round retries
            event(log, "notify_round_failed", logging.ERROR, exc=error)
