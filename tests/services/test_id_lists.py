"""A queue's id list read before is given again without a query while nothing was written to the
cache, and read afresh as soon as anything commits: from this process or from another one."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, update

from lapor_desk.models.cache import Complaint, open_cache
from lapor_desk.models.cache.store import CacheClosed
from lapor_desk.models.calendar import default_config
from lapor_desk.services.queues import QueueQueries, _IdLists, _Listed
from lapor_desk.services.types import ComplaintFilter
from tests.sync.wire import complaint


def _row(n: int, status: str, channel: str) -> dict[str, Any]:
    row = complaint(f"c{n:03d}", status=status, channel=channel,
                    verify_due=f"2026-03-{1 + n % 28:02d}T02:00:00.000000Z")
    for key in ("handler_unit_ids", "duplicate_ids", "tags"):
        row[key] = "[]"
    row["server_version"] = row["version"]
    return row


@pytest.fixture
def queries(tmp_path: Path) -> Iterator[QueueQueries]:
    cache = open_cache(tmp_path)
    with cache.writer.begin() as connection:
        connection.execute(insert(Complaint), [
            _row(n, "unverified", "web" if n % 3 else "sms") for n in range(40)])
    yield QueueQueries(cache, lambda: "national_admin", default_config(),
                       lambda: datetime(2026, 3, 1, tzinfo=UTC))
    cache.close()


def _counting(queries: QueueQueries) -> list[str]:
    """The SELECTs on complaints that SQLite runs from now on (traced on the driver's
    connection: some lists are read on its own cursor, past SQLAlchemy's events)."""
    seen: list[str] = []

    def count(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "complaint" in statement:
            seen.append(statement)

    def trace(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(count)

    event.listen(queries.cache.engine, "checkout", trace)
    return seen


def test_a_list_read_before_comes_back_without_a_query(queries: QueueQueries) -> None:
    sms = ComplaintFilter(channel="sms")
    first_all = queries.complaint_ids("needs_verification")
    first_sms = queries.complaint_ids("needs_verification", sms)
    assert len(first_all) == 40 and len(first_sms) == 14
    seen = _counting(queries)
    assert queries.complaint_ids("needs_verification") == first_all
    assert queries.complaint_ids("needs_verification", sms) == first_sms
    assert seen == []
    # a copy each time: whoever changes the list it got changes nothing here
    queries.complaint_ids("needs_verification").clear()
    assert queries.complaint_ids("needs_verification") == first_all


def test_a_write_in_this_process_is_seen_at_once(queries: QueueQueries) -> None:
    before = queries.complaint_ids("needs_verification")
    with queries.cache.writer.begin() as connection:
        connection.execute(update(Complaint).where(Complaint.id == before[0])
                           .values(status="forwarded"))
    seen = _counting(queries)
    after = queries.complaint_ids("needs_verification")
    assert after == before[1:] and seen


def test_a_write_by_another_process_is_seen_at_once(queries: QueueQueries) -> None:
    before = queries.complaint_ids("needs_verification")
    other = sqlite3.connect(queries.cache.path)  # another program on the same file
    with other:
        other.execute("UPDATE complaint SET status = 'archived' WHERE id = ?", (before[-1],))
    other.close()
    assert queries.complaint_ids("needs_verification") == before[:-1]


def test_memory_is_bounded() -> None:
    lists = _IdLists()
    lists.MAX_IDS = 100
    version = 1
    assert lists.get(("a", ComplaintFilter()), version) is None
    for n in range(5):
        lists.put((f"q{n}", ComplaintFilter()), version, _Listed([str(i) for i in range(30)]))
    held = sum(map(len, lists.lists.values()))
    assert held <= 100 and lists.get(("q4", ComplaintFilter()), version) is not None
    assert lists.get(("q0", ComplaintFilter()), version) is None  # the oldest went first
    lists.put(("big", ComplaintFilter()), version, _Listed(["x"] * 101))  # too big to keep at all
    assert lists.get(("big", ComplaintFilter()), version) is None
    assert lists.get(("q4", ComplaintFilter()), version + 1) is None  # a new version: all gone
    assert lists.lists == {}


def test_the_watcher_closes_with_the_cache(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    first = cache.data_version()
    assert cache.data_version() == first
    cache.close()
    with pytest.raises(CacheClosed):
        cache.data_version()


def test_a_queue_read_ahead_opens_without_a_query(queries: QueueQueries) -> None:
    assert queries.remember("needs_verification") is True
    assert queries.remember("needs_verification") is False  # already in memory
    seen = _counting(queries)
    assert len(queries.complaint_ids("needs_verification")) == 40
    assert seen == []
    with queries.cache.writer.begin() as connection:  # a change: read ahead again
        connection.execute(update(Complaint).values(channel="email"))
    assert queries.remember("needs_verification") is True
