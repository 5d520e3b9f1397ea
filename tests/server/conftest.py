"""Server-test fixtures: the hand-made world (tests/server/builder.py) served on loopback, built
once per backend; one server per module and backend, its data put back before each test that
writes (or left as it is for read-only tests); a server of its own for a test that needs one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lapor_desk.server.settings import ServerSettings
from tests.server.builder import World, build_world
from tests.server.client import WorldServer
from tests.support.live_server import DatabaseFactory, start_server
from tests.support.shared_server import SharedServer
from tests.support.templates import SessionDatabases


@pytest.fixture(scope="session")
def world_template(db_factory: DatabaseFactory,
                   session_databases: SessionDatabases) -> tuple[str, World]:
    """The hand-made world, built once per backend and test process; tests get copies."""
    return session_databases.template(db_factory, "world", build_world)


def _serve(db_factory: DatabaseFactory, template: tuple[str, World], blob_dir: Path,
           clock: Callable[[], datetime] | None = None, **settings: Any) -> WorldServer:
    template_url, world = template
    url = settings.pop("database_url", None) or db_factory.copy_of(template_url)
    server_settings = ServerSettings(database_url=url, blob_dir=blob_dir,
                                     **{"auto_close_interval": 0, **settings})
    return WorldServer(start_server(server_settings, seed=world, clock=clock), world)


@pytest.fixture(scope="module")
def module_world_server(db_factory: DatabaseFactory, world_template: tuple[str, World],
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServer]:
    template_url, world = world_template
    shared = SharedServer(db_factory, template_url, world, tmp_path_factory.mktemp("blobs"),
                          wrap=lambda live: WorldServer(live, world))
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def server(module_world_server: SharedServer) -> WorldServer:
    """The world as built, for a test that writes: the module's server with its data put back
    before this test (tests/support/shared_server.py)."""
    return module_world_server.fresh()


@pytest.fixture(scope="module")
def shared_server(db_factory: DatabaseFactory, world_template: tuple[str, World],
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorldServer]:
    """One copy per module, for tests that only read."""
    ws = _serve(db_factory, world_template, tmp_path_factory.mktemp("blobs"))
    try:
        yield ws
    finally:
        ws.live.stop()


@pytest.fixture
def serve_world(db_factory: DatabaseFactory, world_template: tuple[str, World],
                tmp_path: Path) -> Iterator[Callable[..., WorldServer]]:
    """Start copies of the world with their own settings (``trusted_proxies=...``), clock
    (``clock=MovableClock()``) or database (``database_url=`` one started before: a restart)."""
    started: list[WorldServer] = []

    def serve(clock: Callable[[], datetime] | None = None, **settings: Any) -> WorldServer:
        ws = _serve(db_factory, world_template, tmp_path / "blobs", clock, **settings)
        started.append(ws)
        return ws

    try:
        yield serve
    finally:
        for ws in started:
            ws.live.stop()


from tests.server.channel_fixtures import dovecot, mailbox, provider, smtp  # noqa: F401
