"""The SP4N round in the server's housekeeping (docs/sp4n.md "The SP4N round").

When the link is configured (``[sp4n] url``) and ``[sp4n] interval_seconds`` is above 0, every
worker process runs :func:`sp4n_loop`, and every interval asks the database whether the round
is its own: the time of the next round is its own ``server_meta`` row (:data:`NEXT_ROUND`),
claimed as the housekeeping round is (``housekeeping.claim_round``), so with N workers the
round runs once per interval. The round itself loses and doubles nothing however many run at
once (server/sp4n/round.py); the claim keeps N workers from calling the national system N
times. Never in a training world: its complaints are exercises.

A round that fails (the national system down, the token refused, ``[sp4n] agency`` naming no
unit, anything else) is logged (``event=sp4n_round_failed``, or the parts' own events) and the
next round tries again; a push that failed waits its backoff (server/sp4n/push.py). The command
``lapor-server sp4n-round`` does the same round at any time, beside the loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.concurrency import run_in_threadpool

from lapor_desk.server.housekeeping import claim_round
from lapor_desk.server.logs import event
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.sp4n.connector import Connector
from lapor_desk.server.sp4n.link import agency_of, configured, connector_of, since_of
from lapor_desk.server.sp4n.round import FullRound, run_round
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)

#: The ``server_meta`` row holding the time of the next SP4N round.
NEXT_ROUND = "sp4n_next_round"

#: Told how each round went: what it did, or None when it failed as a whole.
Observer = Callable[[FullRound | None], None]


@dataclass(frozen=True)
class Sp4nLink:
    connector: Connector
    since: datetime
    interval: float


def link_of(settings: ServerSettings) -> Sp4nLink | None:
    """The round's connector and schedule; None when the server runs no round (the link not
    configured, ``interval_seconds = 0``, a training world). ConfigError when configured
    wrongly (no token, no ``since``, an unknown connector): ``serve`` stops with the message."""
    if not configured(settings) or settings.sp4n_interval <= 0 or settings.training:
        return None
    return Sp4nLink(connector_of(settings), since_of(settings), settings.sp4n_interval)


def round_once(state: ServerState, link: Sp4nLink,
               observe: Observer | None = None) -> FullRound | None:
    """One SP4N round, when this worker claims it (never in a training world)."""
    if state.settings.training:
        return None
    now = state.now()
    if not claim_round(state.engine, now, link.interval, key=NEXT_ROUND):
        return None
    try:
        done = run_round(state.engine, link.connector, since=link.since,
                         agency_id=agency_of(state.engine, state.settings), now=now,
                         blob_root=state.settings.resolved_blob_dir())
    except Exception as error:  # noqa: BLE001 - logged; the next round tries again
        event(log, "sp4n_round_failed", logging.ERROR, connector=link.connector.name, exc=error)
        if observe is not None:
            observe(None)
        return None
    if observe is not None:
        observe(done)
    return done


async def sp4n_loop(state: ServerState, link: Sp4nLink,
                    observe: Observer | None = None) -> None:
    """Every ``link.interval`` seconds, a round (if this worker claims it)."""
    while True:
        await asyncio.sleep(link.interval)
        try:
            await run_in_threadpool(round_once, state, link, observe)
        except Exception as error:  # noqa: BLE001 - logged; the next round tries again
            event(log, "sp4n_round_failed", logging.ERROR, exc=error)
