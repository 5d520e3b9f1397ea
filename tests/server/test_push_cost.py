"""What a pushed action costs the server, counted in SQL statements at the engine.

A desktop's push is a few actions, each in its own transaction (server/push.py). Every
statement is a round trip, and those after the change numbers are reserved (``db.next_seqs``)
run under the change counter's lock, which every writer waits for until the transaction
commits: so a change that adds statements back, above all under the lock, fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from tests.server.builder import new_id
from tests.server.client import WorldServer


@contextmanager
def transactions(engine: Engine) -> Iterator[list[list[str]]]:
    """The statements the engine runs, one list per committed transaction (SQLite's BEGIN and
    other transaction control left out)."""
    seen: list[list[str]] = [[]]

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        sql = " ".join(sql.split()).lower()
        if not sql.startswith(("begin", "savepoint", "release")):
            seen[-1].append(sql)

    def commit(_conn: Any) -> None:
        seen.append([])

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


def _reserves(sql: str) -> bool:
    return sql.startswith(("update counters", "with reserved as (update counters"))


def _under_lock(statements: list[str]) -> int:
    """How many statements of one transaction run after it reserved change numbers."""
    at = next((i for i, sql in enumerate(statements) if _reserves(sql)), None)
    return 0 if at is None else len(statements) - at - 1


def test_a_pushed_note_costs_few_statements(server: WorldServer) -> None:
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    assert admin.do("internal_note", cid, None, follow_up_id=new_id(), body="pertama",
                    attachments=[])["outcome"] == "applied"  # the client's row exists
    engine = server.live.app.state.server.engine
    pg = engine.dialect.name == "postgresql"
    with transactions(engine) as seen:
        answers = admin.push(*(admin.action("internal_note", cid, None, follow_up_id=new_id(),
                                            body=f"catatan {n}", attachments=[])
                               for n in range(3)))
    assert [a["outcome"] for a in answers] == ["applied"] * 3
    writing = [t for t in seen if any(_reserves(sql) for sql in t)]
    assert len(writing) == 3, seen
    for statements in writing:
        # the client's row with any earlier answer, the complaint, the ids' check, the answer
        # and the client's mark; then the change numbers with the complaint's UPDATE, the note
        # and its event (on PostgreSQL one statement; SQLite has one writer at a time anyway)
        assert len(statements) <= (6 if pg else 9), statements
        assert _under_lock(statements) <= (0 if pg else 3), statements
    # the batch's start (the caller, the directory key and epoch, the client) and its end
    assert sum(len(t) for t in seen) - sum(len(t) for t in writing) <= 4, seen


def test_an_actions_change_numbers_follow_its_rows(server: WorldServer) -> None:
    """The complaint, the follow-up, its attachments and the event get consecutive change
    numbers in that order, the event's the counter's newest (on PostgreSQL all are written by
    one statement, counted back from the counter)."""
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    refs = []
    for n in range(2):
        data = f"lampiran {n} ".encode() * 500
        refs.append({"id": new_id(), "sha256": admin.upload(data), "size": len(data),
                     "mime_type": "application/pdf", "filename": f"lampiran-{n}.pdf"})
    note_id = new_id()
    assert admin.do("internal_note", cid, None, follow_up_id=note_id, body="dua lampiran",
                    attachments=refs)["outcome"] == "applied"
    with server.live.engine.connect() as connection:
        def seq(sql: str, **values: Any) -> int:
            return int(connection.execute(text(sql), values).scalar_one())

        complaint = seq("SELECT seq FROM complaints WHERE id = :id", id=cid)
        note = seq("SELECT seq FROM follow_ups WHERE id = :id", id=note_id)
        files = [seq("SELECT seq FROM attachments WHERE id = :id", id=r["id"]) for r in refs]
        event = seq("SELECT max(seq) FROM complaint_events WHERE complaint_id = :id", id=cid)
        counter = seq("SELECT value FROM counters WHERE name = 'change_seq'")
        version = seq("SELECT version FROM complaints WHERE id = :id", id=cid)
    assert [complaint, note, *files, event] == list(range(complaint, complaint + 5))
    assert event == counter
    page, _ = admin.pull_all()
    assert page["state"]["follow_up"][note_id]["body"] == "dua lampiran"
    assert {r["id"] for r in refs} <= set(page["state"]["attachment"])
    assert page["state"]["complaint"][cid]["version"] == version


def test_a_replayed_push_writes_nothing(server: WorldServer) -> None:
    """An action answered before is answered again from its stored result, in one statement
    (the client's row and the answer read together), and nothing is written."""
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    action = admin.action("internal_note", cid, None, follow_up_id=new_id(), body="sekali",
                          attachments=[])
    first = admin.push(action)
    engine = server.live.app.state.server.engine
    with transactions(engine) as seen:
        again = admin.push(action)
    assert again == first and first[0]["outcome"] == "applied"
    statements = [sql for t in seen for sql in t]
    assert not any(sql.startswith(("insert", "update", "with")) for sql in statements), statements
    reads = [sql for sql in statements if "mutation_results" in sql]
    assert len(reads) == 1 and "sync_clients" in reads[0], statements


def test_a_push_reads_its_caller_outside_a_transaction(server: WorldServer) -> None:
    """On PostgreSQL the caller's one statement runs without ``BEGIN`` and ``ROLLBACK`` around
    it (two round trips fewer per request); the actions keep their transactions."""
    if server.live.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's BEGIN and ROLLBACK are no round trips")
    admin = server.login("admin_prov")
    cid = server.cid("prov_plain")
    admin.do("internal_note", cid, None, follow_up_id=new_id(), body="pertama", attachments=[])
    engine = server.live.app.state.server.engine
    modes: list[tuple[str, bool]] = []

    def statement(conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        modes.append((sql.split()[0].lower() + " " + sql.split()[-1].lower()[:40],
                      conn.connection.driver_connection.autocommit))

    event.listen(engine, "before_cursor_execute", statement)
    try:
        assert admin.do("internal_note", cid, None, follow_up_id=new_id(), body="kedua",
                        attachments=[])["outcome"] == "applied"
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    assert modes[0][1] is True, modes  # the caller
    assert not any(autocommit for _, autocommit in modes[1:]), modes
