"""The FastAPI application of the reference server (``create_app``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from lapor_desk import __version__ as package_version
from lapor_desk.models import wire
from lapor_desk.server import (
    errors,
    openapi,
    routes_auth,
    routes_blobs,
    routes_channels,
    routes_directory,
    routes_ops,
    routes_people,
    routes_sync,
)
from lapor_desk.server.addresses import parse_networks
from lapor_desk.server.blobs import BlobStore
from lapor_desk.server.body_limit import BodyLimitMiddleware, BodyLimits
from lapor_desk.server.housekeeping import housekeeping_loop
from lapor_desk.server.logs import event
from lapor_desk.server.metrics import RouteNames, ServerMetrics
from lapor_desk.server.middleware import RequestContextMiddleware
from lapor_desk.server.notify.loop import notify_loop
from lapor_desk.server.notify.send import Notifier
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.sp4n.loop import link_of, sp4n_loop
from lapor_desk.server.state import ServerState

log = logging.getLogger(__name__)


def create_app(settings: ServerSettings,
               clock: Callable[[], datetime] | None = None) -> FastAPI:
    """The server for ``settings``; the database must have been initialised (init_database).
    ``clock``: the server's time (tests move it)."""
    state = ServerState.open(settings, clock)
    if settings.training:
        from lapor_desk.server.training import TrainingHook
        from lapor_desk.server.training.clock import TrainingClock, world_time

        if clock is None:
            state.clock = TrainingClock(world_time(state.engine))
        state.before_action = TrainingHook()
    blob_dir = Path(settings.resolved_blob_dir())
    blob_dir.mkdir(parents=True, exist_ok=True)
    blobs = BlobStore(blob_dir, settings.max_blob_bytes)
    # Messages to reporters (server/notify/): none from a training world.
    notifier = (Notifier.from_settings(settings)
                if settings.notify_interval > 0 and not settings.training else None)
    # The SP4N round (server/sp4n/loop.py): none until [sp4n] url is set, none in training.
    sp4n_link = link_of(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = None
        tasks: list[asyncio.Task[None]] = []
        if settings.auto_close_interval > 0:
            task = asyncio.create_task(
                housekeeping_loop(state, blobs, settings.auto_close_interval,
                                  app.state.metrics.mail_taken))
        if notifier is not None:
            tasks.append(asyncio.create_task(
                notify_loop(state, notifier, settings.notify_interval)))
        if sp4n_link is not None:
            tasks.append(asyncio.create_task(
                sp4n_loop(state, sp4n_link, app.state.metrics.sp4n_round)))
        event(log, "server_start", backend=state.dialect, instance_id=state.instance_id)
        try:
            yield
        finally:
            for running in [task, *tasks]:
                if running is None:
                    continue
                running.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await running
            await run_in_threadpool(state.read_ahead.close)
            state.engine.dispose()

    app = FastAPI(title="LAPOR Desk reference server", version=str(package_version),
                  lifespan=lifespan)
    app.state.server = state
    app.state.blobs = blobs
    app.state.metrics = metrics = ServerMetrics()
    if notifier is not None:
        notifier.observe = metrics.notification
    app.state.metrics_allow = parse_networks(settings.metrics_allow)
    app.state.schema_heads, app.state.readiness = routes_ops.readiness_probe(
        state.engine, settings.database_url)
    errors.install(app)
    app.include_router(routes_auth.router)
    app.include_router(routes_sync.router)
    app.include_router(routes_blobs.router)
    app.include_router(routes_directory.router)
    app.include_router(routes_ops.router)
    app.include_router(routes_people.router)
    app.include_router(routes_channels.router)
    public_limits: dict[tuple[str, str], int] = {}
    public_pages: dict[tuple[str, str], bytes] = {}
    if settings.public_agency:  # the public pages are off until an agency is named
        from lapor_desk.server.public import routes as public_routes

        app.include_router(public_routes.router)
        public_limits = public_routes.body_limits(settings)
        public_pages = public_routes.too_large_pages(public_limits)
    body_limits = BodyLimits({
        **public_limits,
        wire.LOGIN.route: routes_auth.LOGIN_BODY_BYTES,
        wire.CHANGE_PASSWORD.route: 2 * routes_auth.LOGIN_BODY_BYTES,
        wire.PUSH.route: settings.max_push_bytes,
        wire.UPLOAD_CHUNK.route: min(settings.max_chunk_bytes, settings.max_blob_bytes),
        ("POST", routes_channels.WHATSAPP): routes_channels.WHATSAPP_BODY_BYTES,
        ("POST", routes_channels.SMS): routes_channels.SMS_BODY_BYTES,
    }, pages=public_pages)
    openapi.install(app, openapi.Limits(
        body_limits,
        parameter_maximums={(*wire.UPLOAD_CHUNK.route, "total"): settings.max_blob_bytes},
        max_items={("PushIn", "actions"): settings.max_push_actions},
    ), models=(routes_sync.PushIn,))
    # Innermost first: bodies are bounded inside the request context (a 413 gets its id and
    # log line) and before anything reads them.
    app.add_middleware(BodyLimitMiddleware, limits=body_limits)
    route_names = RouteNames([e.path for e in wire.ENDPOINTS] + list(routes_ops.PATHS))
    app.add_middleware(RequestContextMiddleware, metrics=metrics, route_names=route_names)
    if settings.training:  # the desktops learn the training world's time from ``Date``
        from lapor_desk.server.training.clock import ServerDateMiddleware

        app.add_middleware(ServerDateMiddleware, now=state.now)
    return app
