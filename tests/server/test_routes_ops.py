"""``/healthz`` and ``/readyz`` over loopback: ready only while the database answers and its
schema is at this build's head (503 with the reason otherwise, 200 again once it is back)."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lapor_desk.server.routes_ops import Readiness, ReadinessProbe, schema_heads
from tests.server.client import WorldServer
from tests.support.live_server import DatabaseFactory


def ready(root: str) -> tuple[int, dict[str, Any]]:
    answer = requests.get(root + "/readyz", timeout=30)
    return answer.status_code, answer.json()


def test_healthz_answers_while_the_process_runs(serve_world: Callable[..., WorldServer]) -> None:
    answer = requests.get(serve_world().live.url + "/healthz", timeout=30)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


def test_readyz_needs_the_schema_at_head(serve_world: Callable[..., WorldServer]) -> None:
    server = serve_world()
    root = server.live.url
    [head] = schema_heads(server.live.database_url)
    assert ready(root) == (200, {"status": "ready", "reason": "ok", "schema": head,
                                 "head": head})
    with server.live.engine.begin() as connection:  # as if a new build ran before init-db
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert ready(root) == (503, {"status": "not_ready", "reason": "schema_not_at_head",
                                 "schema": "0001", "head": head})
    with server.live.engine.begin() as connection:
        connection.execute(text("ALTER TABLE alembic_version RENAME TO alembic_version_away"))
    assert ready(root)[1]["reason"] == "schema_missing"
    with server.live.engine.begin() as connection:
        connection.execute(text("ALTER TABLE alembic_version_away RENAME TO alembic_version"))
        connection.execute(text("UPDATE alembic_version SET version_num = :head"),
                           {"head": head})
    assert ready(root)[0] == 200


@contextmanager
def database_away(server: WorldServer, db_factory: DatabaseFactory) -> Iterator[None]:
    """The server's database refuses new connections (PostgreSQL) or its file is gone (SQLite)
    for the block; the server's open connections are closed."""
    url = make_url(server.live.database_url)
    server.live.app.state.server.engine.dispose()
    server.live.engine.dispose()
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        aside = path.with_suffix(".away")
        shutil.move(path, aside)
        path.mkdir()  # a directory where the file was: sqlite cannot open it
        try:
            yield
        finally:
            path.rmdir()
            shutil.move(aside, path)
        return
    assert db_factory.pg_admin_url is not None
    admin = create_engine(db_factory.pg_admin_url, isolation_level="AUTOCOMMIT")
    name = url.database
    try:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name"), {"name": name})
        yield
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def test_readyz_says_when_the_database_is_unreachable(
        serve_world: Callable[..., WorldServer], db_factory: DatabaseFactory) -> None:
    server = serve_world()
    root = server.live.url
    assert ready(root)[0] == 200
    with database_away(server, db_factory):
        status, body = ready(root)
        assert (status, body["status"], body["reason"]) == (
            503, "not_ready", "database_unreachable")
        assert requests.get(root + "/healthz", timeout=30).status_code == 200  # still alive
    assert ready(root)[0] == 200


def test_one_readiness_check_at_a_time_while_the_database_hangs() -> None:
    """A check stuck on a database that does not answer holds one thread: the requests that
    come meanwhile answer 503 after the timeout without starting checks of their own."""
    release = threading.Event()
    calls = []

    def hanging_check() -> Readiness:
        calls.append(threading.get_ident())
        release.wait(30)
        return Readiness(True, "ok", "0005")

    probe = ReadinessProbe(hanging_check, timeout=0.2)

    async def scenario() -> tuple[list[Readiness], Readiness]:
        waiting = await asyncio.gather(*(probe() for _ in range(5)))
        again = await probe()  # still the same check
        release.set()
        await asyncio.sleep(0.1)
        return list(waiting) + [again], await probe()

    stuck, after = asyncio.run(scenario())
    assert {(r.ready, r.reason) for r in stuck} == {(False, "database_unreachable")}
    assert len(calls) == 2 and after == Readiness(True, "ok", "0005")  # the hung one, then one
