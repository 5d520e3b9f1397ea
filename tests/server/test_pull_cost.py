"""What a sync with nothing new costs the server: one connection, and no scan of the agencies.

A desktop at the head syncs every few minutes; at a province's scale those no-op pulls are most
of the server's work (docs/benchmarks.md, "The server under a province's load"). They are
counted here at the engine: each pool checkout is a ping and a rollback too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.server.client import WorldServer


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
