"""What the machine's operators ask: ``/healthz``, ``/readyz`` and ``/metrics``.

Not part of the sync wire (docs/sync-protocol.md, models/wire.py), nor of the API document:

    GET /healthz   200 while the process answers (liveness)
    GET /readyz    200 when the database answers and its schema is at this build's head;
                   503 otherwise, with the reason (readiness: a proxy or orchestrator sends
                   no traffic to it meanwhile)
    GET /metrics   Prometheus' text format (server/metrics.py), only to clients in
                   ``ServerSettings.metrics_allow`` (default this machine), 403 to others

The client of ``/metrics`` is the address ``server/addresses.py`` finds (through trusted
proxies only). A request that carries proxy headers from a peer that is not a trusted proxy came
through a proxy the server does not know: its peer address says nothing about the client, so it
is refused too (a proxy on the same machine would otherwise make every client look local).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from lapor_desk.server.addresses import Network, client_address
from lapor_desk.server.auth import server_state
from lapor_desk.server.database import alembic_config
from lapor_desk.server.errors import error_response
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import ServerMetrics
from lapor_desk.server.responses import json_response

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

HEALTHZ = "/healthz"
READYZ = "/readyz"
METRICS = "/metrics"
PATHS = (HEALTHZ, READYZ, METRICS)
#: Seconds ``/readyz`` waits for the database before it answers 503.
READY_TIMEOUT = 5.0
_PROXY_HEADERS = (b"x-forwarded-for", b"forwarded", b"x-real-ip")


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reason: str  # "ok", "database_unreachable", "schema_missing", "schema_not_at_head"
    schema: str | None = None

    def as_json(self, head: tuple[str, ...]) -> dict[str, Any]:
        return {"status": "ready" if self.ready else "not_ready", "reason": self.reason,
                "schema": self.schema, "head": ",".join(head)}


def readiness_probe(engine: Engine, url: str) -> tuple[tuple[str, ...], ReadinessProbe]:
    """This build's schema heads, and the probe of ``/readyz`` against them (server/app.py)."""
    heads = schema_heads(url)
    return heads, ReadinessProbe(partial(check_ready, engine, heads))


def schema_heads(url: str) -> tuple[str, ...]:
    """The schema revisions this build migrates to (``init-db``)."""
    return tuple(sorted(ScriptDirectory.from_config(alembic_config(url)).get_heads()))


def check_ready(engine: Engine, heads: tuple[str, ...]) -> Readiness:
    try:
        with engine.connect() as connection:
            try:
                rows = connection.execute(text("SELECT version_num FROM alembic_version"))
                found = tuple(sorted(str(row[0]) for row in rows))
            except SQLAlchemyError:
                return Readiness(False, "schema_missing")
    except SQLAlchemyError as error:
        event(log, "not_ready", logging.WARNING, reason="database_unreachable",
              error=type(error).__name__, message=str(error)[:200])
        return Readiness(False, "database_unreachable")
    schema = ",".join(found) or None
    if found != heads:
        return Readiness(False, "schema_not_at_head", schema)
    return Readiness(True, "ok", schema)


@router.get(HEALTHZ)
def healthz(request: Request) -> Response:
    return json_response(request, {"status": "ok"})


class ReadinessProbe:
    """One check of the database at a time. A database that does not answer can hold the
    check's thread until the connection gives up (minutes, for a host that is gone); while one
    check runs, later requests wait for that same one instead of each taking another thread of
    the pool the API's requests need. ``check`` is :func:`check_ready` bound to the engine."""

    def __init__(self, check: Callable[[], Readiness], timeout: float = READY_TIMEOUT) -> None:
        self._check = check
        self._timeout = timeout
        self._running: asyncio.Future[Readiness] | None = None

    async def __call__(self) -> Readiness:
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(run_in_threadpool(self._check))
        try:
            return await asyncio.wait_for(asyncio.shield(self._running), self._timeout)
        except TimeoutError:
            event(log, "not_ready", logging.WARNING, reason="database_unreachable",
                  error="timeout", seconds=self._timeout)
            return Readiness(False, "database_unreachable")


@router.get(READYZ)
async def readyz(request: Request) -> Response:
    heads: tuple[str, ...] = request.app.state.schema_heads
    probe: ReadinessProbe = request.app.state.readiness
    found = await probe()
    return json_response(request, found.as_json(heads), status=200 if found.ready else 503)


def _within(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        found = ipaddress.ip_address(address)
    except ValueError:  # "unknown": no peer address
        return False
    return any(found in network for network in networks)


def _through_unknown_proxy(request: Request, trusted: tuple[Network, ...]) -> bool:
    """Proxy headers from a peer that is not a trusted proxy."""
    if not any(name in _PROXY_HEADERS for name, _ in request.scope.get("headers", [])):
        return False
    return not _within(client_address(request.scope, ()).address, trusted)


@router.get(METRICS)
def metrics(request: Request) -> Response:
    state = server_state(request)
    allowed: tuple[Network, ...] = request.app.state.metrics_allow
    client = client_address(request.scope, state.trusted_proxies)
    if _through_unknown_proxy(request, state.trusted_proxies) or not _within(
            client.address, allowed):
        event(log, "metrics_refused", logging.WARNING, addr=client.address)
        return error_response(request, 403, "forbidden",
                              "metrics are served only to the networks in metrics_allow")
    server_metrics: ServerMetrics = request.app.state.metrics
    body, content_type = server_metrics.render()
    return Response(body, media_type=content_type)
