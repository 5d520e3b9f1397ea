"""The real reference server on loopback, for tests: SQLite or PostgreSQL, seeded once per
session and copied per test (SQLite: a file copy; PostgreSQL: CREATE DATABASE ... TEMPLATE).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formatdate
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from lapor_desk.server.app import create_app
from lapor_desk.server.settings import ServerSettings

PASSWORD = "rahasia-uji-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    settings: ServerSettings
    engine: Engine
    seed: Any = None  # the seed report: users and counts
    app: Any = None  # the FastAPI app (its state: app.state.server)
    _server: uvicorn.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    #: The module's server it is, if so (tests/support/shared_server.py); None: the test's own.
    shared: Any = field(default=None, repr=False)

    @property
    def database_url(self) -> str:
        return self.settings.database_url

    def session(self) -> Session:
        return Session(self.engine)

    def user(self, role: str, index: int = 0) -> Any:
        """The ``index``-th seeded user with ``role``."""
        users = [u for u in self.seed.users if u.role == role]
        return users[index]

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.engine.dispose()


class DatedBy:
    """The answers' ``Date`` by the server's own clock when a test gives it one (uvicorn dates
    them by the real time): a server whose clock is elsewhere says so, as a real one does."""

    def __init__(self, app: Any, clock: Callable[[], datetime]) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def dated(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                stamp = formatdate(self.clock().timestamp(), usegmt=True).encode()
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"date"]
                message = {**message, "headers": [*headers, (b"date", stamp)]}
            await send(message)

        await self.app(scope, receive, dated if scope["type"] == "http" else send)


def start_server(settings: ServerSettings, seed: Any = None, port: int | None = None,
                 clock: Callable[[], datetime] | None = None) -> LiveServer:
    port = port or free_port()
    app = create_app(settings, clock)
    # As ``lapor-server serve`` runs it: the server reads X-Forwarded-For itself.
    config = uvicorn.Config(
        app if clock is None else DatedBy(app, clock), host="127.0.0.1", port=port,
        log_level="warning", lifespan="on", access_log=False, proxy_headers=False,
        date_header=clock is None,
        # A test's plain client keeps its connection while a module's tests share the server:
        # uvicorn's 5 s would close it just as the client reuses it, a reset the test client
        # (no retries, unlike the desktop's transport) reports as a failure.
        timeout_keep_alive=120,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"lapor-server-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/api/v1/health", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            pass
        time.sleep(0.05)
    else:
        server.should_exit = True
        raise RuntimeError("reference server did not start")
    engine = create_engine(settings.database_url)
    return LiveServer(url, settings, engine, seed, app, server, thread)


class DatabaseFactory:
    """Makes fresh databases of one backend, and copies of a seeded template."""

    def __init__(self, backend: str, workdir: Path, pg_admin_url: str | None) -> None:
        self.backend = backend
        self.workdir = workdir
        self.pg_admin_url = pg_admin_url
        self._created: list[str] = []
        #: Databases that outlive :meth:`drop_copies` (the templates).
        self._kept: set[str] = set()

    def _pg_admin(self) -> Engine:
        assert self.pg_admin_url is not None
        return create_engine(self.pg_admin_url, isolation_level="AUTOCOMMIT")

    def new_url(self, name: str | None = None) -> str:
        name = name or f"lapor_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / (name + '.sqlite3')}"
        engine = self._pg_admin()
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        self._created.append(name)
        return make_url(self.pg_admin_url).set(database=name).render_as_string(hide_password=False)

    def copy_of(self, template_url: str) -> str:
        name = f"lapor_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            source = Path(make_url(template_url).database or "")
            target = self.workdir / (name + ".sqlite3")
            shutil.copyfile(source, target)
            return f"sqlite:///{target}"
        template = make_url(template_url).database
        engine = self._pg_admin()
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        engine.dispose()
        self._created.append(name)
        return make_url(self.pg_admin_url).set(database=name).render_as_string(hide_password=False)

    def keep(self, url: str) -> None:
        """Keep the database at ``url`` (a template) until :meth:`drop_all`."""
        self._kept.add(make_url(url).database or "")

    def drop_copies(self) -> None:
        """Drop the PostgreSQL databases made so far, but the kept ones."""
        self._drop([name for name in self._created if name not in self._kept])

    def drop_all(self) -> None:
        self._drop(list(self._created))

    def _drop(self, names: list[str]) -> None:
        if self.backend != "postgresql" or not names:
            return
        engine = self._pg_admin()
        with engine.connect() as conn:
            for name in reversed(names):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
        self._created = [name for name in self._created if name not in names]


@contextmanager
def running_server(settings: ServerSettings, seed: Any = None) -> Iterator[LiveServer]:
    server = start_server(settings, seed)
    try:
        yield server
    finally:
        server.stop()
