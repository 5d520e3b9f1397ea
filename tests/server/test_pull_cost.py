"""What a sync with nothing new costs the server: one connection, and no scan of the agencies.

A desktop at the head syncs every few minutes; at a province's scale those no-op pulls are most
of the server's work (docs/benchmarks.md, "The server under a province's load"). They are
counted here at the engine: one checkout, one statement (the caller, the directory's key, the
epoch and the change counter together) and its rollback; no ping before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from tests.server.builder import new_id
from tests.server.client import WorldServer
from tests.support.live_server import DatabaseFactory


@contextmanager
def counted(engine: Engine) -> Iterator[dict[str, Any]]:
    seen: dict[str, Any] = {"checkouts": 0, "statements": []}

    def checkout(*_args: Any) -> None:
        seen["checkouts"] += 1

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        seen["statements"].append(" ".join(sql.split()).lower())

    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine.pool, "checkout", checkout)
        event.remove(engine, "before_cursor_execute", statement)


def test_a_sync_at_the_head_takes_one_connection(server: WorldServer) -> None:
    admin = server.login("admin_prov")
    page, _ = admin.pull_all()
    cursor = page["cursor"]
    assert admin.pull(cursor)["cursor"] == cursor  # at the head; its token's use written
    engine = server.live.app.state.server.engine
    with counted(engine) as seen:
        again = admin.pull(cursor)
    assert again["cursor"] == cursor and not again["changes"] and not again["has_more"]
    assert seen["checkouts"] == 1, seen
    assert not any("count(" in sql for sql in seen["statements"]), seen["statements"]
    assert len(seen["statements"]) <= 4, seen["statements"]


def test_a_sync_at_the_head_is_one_statement(server: WorldServer) -> None:
    admin = server.login("admin_prov")
    page, _ = admin.pull_all()
    cursor = page["cursor"]
    admin.pull(cursor)
    engine = server.live.app.state.server.engine
    with counted(engine) as seen:
        assert admin.pull(cursor)["cursor"] == cursor
    reads = [sql for sql in seen["statements"] if not sql.startswith("begin")]  # SQLite's BEGIN
    assert len(reads) == 1, seen["statements"]
    assert not engine.pool._pre_ping  # no round trip before the statement either


def test_a_sync_at_the_head_is_one_round_trip_on_postgresql(server: WorldServer) -> None:
    """No transaction around the one statement (psycopg would send ``BEGIN`` before it and the
    session ``ROLLBACK`` after it: two more round trips); a page with changes reads them in a
    snapshot as before."""
    if server.live.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's BEGIN and ROLLBACK are no round trips")
    admin = server.login("admin_prov")
    page, _ = admin.pull_all()
    cursor = page["cursor"]
    admin.pull(cursor)
    engine = server.live.app.state.server.engine
    modes: list[tuple[bool, Any]] = []

    def statement(conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        driver = conn.connection.driver_connection
        modes.append((driver.autocommit, driver.isolation_level))

    event.listen(engine, "before_cursor_execute", statement)
    try:
        assert admin.pull(cursor)["cursor"] == cursor
        at_head = list(modes)
        modes.clear()
        elsewhere = server.login("admin_kab")
        assert elsewhere.do("internal_note", server.cid("kab_plain"), None, follow_up_id=new_id(),
                            body="catatan", attachments=[])["outcome"] == "applied"
        modes.clear()
        behind = admin.pull(cursor)
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    assert at_head == [(True, None)], at_head
    snapshot = (False, psycopg.IsolationLevel.REPEATABLE_READ)
    assert behind["changes"] and modes[1:] == [snapshot], modes


@pytest.mark.parametrize("username", ["admin_kab", "lo_kab_health", "nasional"])
def test_a_sync_behind_the_head_reads_its_window_in_one_statement(server: WorldServer,
                                                                 username: str) -> None:
    """Others' actions moved the change counter: the window since the cursor is read for the
    viewer's scope in one statement (every source together), whether it holds something of the
    scope or nothing (most syncs in a living province: actions elsewhere)."""
    viewer = server.login(username)
    page, _ = viewer.pull_all()
    cursor = page["cursor"]
    viewer.pull(cursor)  # its token's use written
    elsewhere = server.login("admin_menkes")
    note = {"follow_up_id": new_id(), "body": "di kementerian", "attachments": []}
    assert elsewhere.do("internal_note", server.cid("ministry_plain"), None,
                        **note)["outcome"] == "applied"
    engine = server.live.app.state.server.engine
    with counted(engine) as seen:
        behind = viewer.pull(cursor)
    assert behind["cursor"] != cursor and not behind["has_more"]
    reads = [sql for sql in seen["statements"] if not sql.startswith("begin")]
    assert len(reads) == 2, seen["statements"]  # the caller and the head; the window
    assert bool(behind["changes"]) == (username == "nasional")


def test_a_pull_on_connections_the_database_closed(server: WorldServer,
                                                   db_factory: DatabaseFactory) -> None:
    """Without the ping at checkout, the pool's connections may be dead (a restart of
    PostgreSQL, a failover): the pull that meets one reads again on a new connection."""
    url = make_url(server.live.database_url)
    if url.get_backend_name() == "sqlite":
        pytest.skip("a SQLite file has no server to close its connections")
    admin = server.login("admin_prov")
    page, _ = admin.pull_all()
    cursor = page["cursor"]
    assert admin.pull(cursor)["cursor"] == cursor  # the server's pool holds its connection
    assert db_factory.pg_admin_url is not None
    pg_admin = create_engine(db_factory.pg_admin_url, isolation_level="AUTOCOMMIT")
    with pg_admin.connect() as connection:
        closed = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": url.database}).scalar()
    pg_admin.dispose()
    server.live.engine.dispose()  # the test's own connections were closed too
    assert closed
    again = admin.pull(cursor)  # asserts 200
    assert again["cursor"] == cursor and not again["changes"]
