"""Shared by the fault and crash tests: a desk (cache, transport, engine, outbox) that talks to
the real server through the fault proxy, queued actions, and the checks that nothing was lost,
nothing was applied twice and the cache is sound and equal to the server's view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from lapor_desk.models.cache import fts
from lapor_desk.models.cache.schema import Complaint, OutboxEntry, SyncState
from lapor_desk.models.cache.store import Cache, open_cache
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.support import compare
from tests.support.cache_db import connect_cache
from tests.support.live_server import LiveServer

#: Retries as in production, but with tiny back-off so a test does not wait for them.
FAST_RETRY = RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05, max_retry_after=5.0)
REPLICATED_TABLES = ("agency", "complaint", "disposition", "follow_up", "attachment", "event")
LOCAL_COLUMNS = frozenset({"local_mutation_id", "local_path"})


@dataclass
class Desk:
    """One desktop profile, synced in-process."""

    cache: Cache
    transport: Transport
    engine: SyncEngine
    outbox: Outbox
    sleeps: list[float] = field(default_factory=list)

    def close(self) -> None:
        self.transport.close()
        self.cache.close()

    @property
    def client_id(self) -> str:
        return client_id_of(self.cache)


def open_desk(
    profile: Path,
    url: str,
    *,
    timeout: tuple[float, float] = (2.0, 2.0),
    retry: RetryPolicy = FAST_RETRY,
    page_limit: int = 5000,
    batch_size: int = 500,
) -> Desk:
    cache = open_cache(profile)
    sleeps: list[float] = []
    transport = Transport(url, timeout=timeout, retry=retry, sleep=sleeps.append)
    engine = SyncEngine(cache, transport, page_limit=page_limit, batch_size=batch_size)
    return Desk(cache, transport, engine, Outbox(cache), sleeps)


def client_id_of(cache: Cache) -> str:
    with cache.engine.connect() as connection:
        return str(
            connection.execute(select(SyncState.client_id).where(SyncState.id == 1)).scalar_one()
        )


def complaint_ids(cache: Cache, count: int, offset: int = 0) -> list[str]:
    with cache.engine.connect() as connection:
        rows = connection.execute(
            select(Complaint.id).order_by(Complaint.id).offset(offset).limit(count)
        )
        return [row[0] for row in rows]


def queue_notes(desk: Desk, count: int, *, offset: int = 0, label: str = "note") -> list[int]:
    """Queue ``count`` internal notes (allowed for every role in every status)."""
    targets = complaint_ids(desk.cache, count, offset)
    assert len(targets) == count, "the seeded scope has too few complaints"
    return [
        desk.outbox.internal_note(cid, f"{label} {index}: catatan uji").mutation_id
        for index, cid in enumerate(targets)
    ]


def outbox_states(cache: Cache) -> dict[int, str]:
    with cache.engine.connect() as connection:
        rows = connection.execute(select(OutboxEntry.mutation_id, OutboxEntry.state))
        return {int(m): str(s) for m, s in rows}


def server_results(server: LiveServer, client_id: str) -> dict[int, str]:
    """The outcome the server stored for each mutation of ``client_id``."""
    with server.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT mutation_id, outcome FROM mutation_results WHERE client_id = :c"),
            {"c": client_id},
        )
        return {int(m): str(o) for m, o in rows}


def server_events(server: LiveServer, client_id: str) -> Counter[int]:
    """How many audit events each mutation of ``client_id`` produced on the server."""
    with server.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT mutation_id FROM complaint_events WHERE client_id = :c"), {"c": client_id}
        )
        return Counter(int(row[0]) for row in rows)


def assert_integrity(cache_path: Path) -> None:
    """``PRAGMA integrity_check`` is ok, and the full-text indexes hold exactly their tables'
    rows and ``follow_up_owner`` each follow-up's complaint, unless a bulk load is unfinished
    (it indexes the rest when it completes)."""
    connection = connect_cache(cache_path)  # encrypted or not
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        triggers = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join(repr(n) for n in fts.TRIGGER_NAMES)})").fetchone()[0]
        if triggers == len(fts.TRIGGER_NAMES):
            for table in ("complaint_fts", "follow_up_fts"):
                connection.execute(  # raises when the index disagrees with its table
                    f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            assert connection.execute(  # each follow-up's complaint, as rowids
                f"SELECT count(*) FROM ({fts.OWNERS_SQL} EXCEPT SELECT * FROM follow_up_owner)"
            ).fetchone()[0] == 0
            assert connection.execute(
                f"SELECT count(*) FROM (SELECT * FROM follow_up_owner EXCEPT {fts.OWNERS_SQL})"
            ).fetchone()[0] == 0
    finally:
        connection.close()


def assert_exactly_once(server: LiveServer, cache: Cache, queued: Sequence[int]) -> None:
    """Every queued action reached the server and was answered; each applied one left exactly
    one audit event, the others none; the desk holds the server's answers."""
    client_id = client_id_of(cache)
    states = outbox_states(cache)
    results = server_results(server, client_id)
    events = server_events(server, client_id)
    assert set(queued) <= set(states)
    pending = sorted(m for m, s in states.items() if s == "pending")
    assert not pending, f"actions never answered: {pending}"
    missing = sorted(set(states) - set(results))
    assert not missing, f"actions the server never stored: {missing}"
    assert {m: results[m] for m in states} == states, "the desk and server disagree on outcomes"
    applied = {m for m, outcome in results.items() if outcome == "applied"}
    twice = {m: n for m, n in events.items() if n != 1}
    assert not twice, f"audit events per mutation other than one: {twice}"
    assert set(events) == applied, "applied actions without an event, or events without one"


def _rows(path: Path, table: str) -> set[tuple[Any, ...]]:
    connection = connect_cache(path)  # encrypted or not
    try:
        columns = [
            row[1]
            for row in connection.execute(f"PRAGMA table_info({table})")
            if row[1] not in LOCAL_COLUMNS
        ]
        query = f"SELECT {', '.join(columns)} FROM {table}"
        return {tuple(zip(columns, row, strict=True)) for row in connection.execute(query)}
    finally:
        connection.close()


def assert_cache_matches_server(
    server: LiveServer, cache: Cache, username: str, password: str, scratch: Path
) -> None:
    """The cache holds what the server shows ``username``: the client's own check
    (``tests/support/compare.py``: ids and versions), then every column of every replicated
    table against a fresh profile pulled straight from the server."""
    compare.assert_cache_matches_server(cache, server, username, password)
    fresh = open_desk(scratch, server.url)
    try:
        fresh.engine.login(username, password, "fault-test-reference")
        fresh.engine.sync()
        for table in REPLICATED_TABLES:
            ours, theirs = _rows(cache.path, table), _rows(fresh.cache.path, table)
            assert ours == theirs, (
                f"{table}: {len(ours - theirs)} rows only in the cache, "
                f"{len(theirs - ours)} only on the server; e.g. "
                f"{sorted(ours - theirs)[:1]} / {sorted(theirs - ours)[:1]}"
            )
    finally:
        fresh.close()
