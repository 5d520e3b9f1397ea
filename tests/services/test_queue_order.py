"""A queue's list comes in the same order as the general running-deadline rule gives, read from
the order indexes without a sort (EXPLAIN shows no temporary B-tree)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, literal_column, select
from sqlalchemy.dialects import sqlite

from lapor_desk.models.cache import Complaint, open_cache
from lapor_desk.models.calendar import default_config
from lapor_desk.services.deadlines import DEADLINE_SQL
from lapor_desk.services.queues import (
    QUEUES,
    QueueQueries,
    _narrow,
    _order,
    _queue_conditions,
    _running_deadline,
)
from lapor_desk.services.types import ComplaintFilter
from tests.sync.wire import complaint

STATUSES = ["unverified", "forwarded", "in_progress", "reporter_responded", "postponed", "done",
            "archived"]


def _when(pick: random.Random) -> str | None:
    if pick.random() < 0.1:
        return None
    return f"2026-{pick.randint(1, 12):02d}-{pick.randint(1, 28):02d}T0{pick.randint(0, 9)}:00:00.000000Z"


@pytest.fixture
def queries(tmp_path: Path) -> QueueQueries:
    pick = random.Random(7)
    rows = []
    for n in range(600):
        row = complaint(f"c{n:04d}", status=pick.choice(STATUSES), verify_due=_when(pick),
                        resolution_due=_when(pick), closed_at=_when(pick),
                        created_at=_when(pick) or "2026-01-01T00:00:00.000000Z",
                        channel=pick.choice(["web", "sms", "whatsapp"]),
                        complaint_type=pick.choice(["pengaduan", "aspirasi"]),
                        regency=pick.choice(["Surabaya", "Kota Kendari"]),
                        anonymous=pick.random() < 0.3, confidential=pick.random() < 0.2,
                        responsible_id=pick.choice([10, 20]),
                        handling_unit_id=pick.choice([None, 10, 11]))
        for key in ("handler_unit_ids", "duplicate_ids", "tags"):
            row[key] = "[]"
        row["server_version"] = row["version"]
        rows.append(row)
    cache = open_cache(tmp_path)
    with cache.writer.begin() as connection:
        connection.execute(insert(Complaint), rows)
    return QueueQueries(cache, lambda: "national_admin", default_config(),
                        lambda: datetime(2026, 6, 15, tzinfo=UTC))


@pytest.mark.parametrize("queue", [q.key for q in QUEUES if q.statuses])
def test_each_status_queue_keeps_the_general_order_and_reads_it_from_an_index(
        queries: QueueQueries, queue: str) -> None:
    general = literal_column(f"({DEADLINE_SQL})")
    query = select(Complaint.id).where(*_queue_conditions(queue))
    with queries.cache.engine.connect() as connection:
        expected = [row[0] for row in connection.execute(query.order_by(
            general.is_(None), general,
            func.coalesce(Complaint.closed_at, Complaint.created_at).desc(), Complaint.id))]
        fast = query.order_by(*_order("", _running_deadline(queue)))
        sql = str(fast.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert expected and queries.complaint_ids(queue) == expected
    assert "USING INDEX ix_complaint_" in plan and "TEMP B-TREE" not in plan, plan


def test_queue_counts_match_a_count_row_by_row(queries: QueueQueries) -> None:
    now = "2026-06-15T00:00:00.000000Z"
    with queries.cache.engine.connect() as connection:
        rows = list(connection.execute(select(Complaint.status, Complaint.verify_due,
                                              Complaint.resolution_due)))
    for info in queries.queues():
        queue = next(q for q in QUEUES if q.key == info.key)
        if not queue.statuses:
            continue
        mine = [r for r in rows if r.status in queue.statuses]
        due = [r.verify_due if r.status == "unverified" else r.resolution_due
               if r.status in ("forwarded", "in_progress", "reporter_responded") else None
               for r in mine]
        assert info.count == len(mine)
        assert info.attention == sum(1 for d in due if d is not None and d < now), info.key


FILTERS = [
    ComplaintFilter(channel="web"), ComplaintFilter(channel="sms"),
    ComplaintFilter(complaint_type="pengaduan"), ComplaintFilter(regency="Surabaya"),
    ComplaintFilter(anonymous=False, confidential=False), ComplaintFilter(unit_id=10),
    ComplaintFilter(received_from=date(2026, 3, 1), received_to=date(2026, 8, 31)),
    ComplaintFilter(channel="web", received_from=date(2026, 5, 1)),
    ComplaintFilter(channel="nowhere"),
]


@pytest.mark.parametrize("where", FILTERS, ids=str)
@pytest.mark.parametrize("queue", ["needs_verification", "in_progress", "done", "archived"])
def test_a_filtered_list_is_the_sorted_filter_and_found_in_the_filter_index(
        queries: QueueQueries, queue: str, where: ComplaintFilter) -> None:
    """Found in ix_complaint_filters alone and put in the queue's order: the same list the
    general ORDER BY gives on the filtered rows."""
    general = literal_column(f"({DEADLINE_SQL})")
    query = _narrow(select(Complaint.id).where(*_queue_conditions(queue)), where, UTC)
    with queries.cache.engine.connect() as connection:
        expected = [row[0] for row in connection.execute(query.order_by(
            *_order("", general if queue != "archived" else None)))]
        sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert queries.complaint_ids(queue, where) == expected
    assert "COVERING INDEX ix_complaint_filters" in plan, plan
    if where.channel != "nowhere":
        assert expected, where  # every other filter keeps some of each queue's rows
