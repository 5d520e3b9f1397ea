"""A queue's list comes in the same order as the general running-deadline rule gives, read from
the order indexes without a sort (EXPLAIN shows no temporary B-tree)."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, literal_column, select
from sqlalchemy.dialects import sqlite

from lapor_desk.models.cache import Complaint, FollowUp, open_cache
from lapor_desk.models.calendar import default_config
from lapor_desk.services.deadlines import DEADLINE_SQL
from lapor_desk.services.queues import (
    QUEUES,
    QueueQueries,
    _narrow,
    _order,
    _queue_conditions,
)
from lapor_desk.services.types import ComplaintFilter
from tests.sync.wire import complaint, follow_up

#: What titles, bodies and replies are made of (some words begin others: a search is by prefix).
WORDS = ["jalan", "jalanan", "rusak", "lampu", "padam", "pompa", "air", "sampah", "sekolah",
         "seragam", "banjir", "puskesmas", "obat", "ktp", "akta", "bansos"]
STATUSES = ["unverified", "forwarded", "in_progress", "reporter_responded", "postponed", "done",
            "archived"]


def _when(pick: random.Random) -> str | None:
    if pick.random() < 0.1:
        return None
    return f"2026-{pick.randint(1, 12):02d}-{pick.randint(1, 28):02d}T0{pick.randint(0, 9)}:00:00.000000Z"


@pytest.fixture
def queries(tmp_path: Path) -> QueueQueries:
    pick = random.Random(7)
    rows, replies = [], []
    for n in range(600):
        title = " ".join(pick.sample(WORDS, 3))
        if pick.random() < 0.3:
            replies.append(follow_up(f"f{n:04d}", f"c{n:04d}", " ".join(pick.sample(WORDS, 4))))
        row = complaint(f"c{n:04d}", status=pick.choice(STATUSES), verify_due=_when(pick),
                        title=title.capitalize(), body=" ".join(pick.sample(WORDS, 5)),
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
        connection.execute(insert(FollowUp), replies)
    return QueueQueries(cache, lambda: "national_admin", default_config(),
                        lambda: datetime(2026, 6, 15, tzinfo=UTC))


#: "all" (every complaint, what the search looks in) and "not_in_sp4n" (every one SP4N-LAPOR!
#: has no record of) mix the running deadlines: they are sorted when opened, never read ahead,
#: and a search in them sorts only what it found.
@pytest.mark.parametrize("queue", [q.key for q in QUEUES
                                   if q.statuses and q.key not in ("all", "not_in_sp4n")])
def test_each_status_queue_keeps_the_general_order_and_reads_it_from_an_index(
        queries: QueueQueries, queue: str) -> None:
    general = literal_column(f"({DEADLINE_SQL})")
    query = select(Complaint.id).where(*_queue_conditions(queue))
    with queries.cache.engine.connect() as connection:
        expected = [row[0] for row in connection.execute(query.order_by(
            general.is_(None), general,
            func.coalesce(Complaint.closed_at, Complaint.created_at).desc(), Complaint.id))]
    assert expected and queries.complaint_ids(queue) == expected
    sql = queries._order_sql[queue]  # what the list was read with (ids and rowids)
    assert "rowid" in sql
    with queries.cache.engine.connect() as connection:
        plan = " ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    # (a covering index with SQLCipher's SQLite, which reads indexed expressions; the system's
    # older one may not count them)
    assert "INDEX ix_complaint_" in plan and "TEMP B-TREE" not in plan, plan


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


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _matches(text: str | None, search: str) -> bool:
    """What the full-text index finds, said in Python: every word typed begins a word."""
    words = _words(text)
    wanted = _words(search)
    return bool(wanted) and all(any(w.startswith(x) for w in words) for x in wanted)


SEARCHES = ["jalan", "jalan rusak", "LAMPU padam", "se", "pompa air", "obat ktp akta",
            "nothing", "  ", "!!!", 'lampu" OR *']


@pytest.mark.parametrize("queue", ["needs_verification", "done", "archived"])
def test_a_search_keeps_every_match_of_the_queue_in_the_lists_order(
        queries: QueueQueries, queue: str) -> None:
    """A complaint stays when its title and body, or one of its replies, hold every word
    typed; the list keeps its order (the default one, or the one a header click chose),
    filtered or not."""
    with queries.cache.engine.connect() as connection:
        texts = {row.id: f"{row.title} {row.body}" for row in connection.execute(
            select(Complaint.id, Complaint.title, Complaint.body))}
        replies = list(connection.execute(select(FollowUp.complaint_id, FollowUp.body)))
    for search in SEARCHES:
        found = {i for i, t in texts.items() if _matches(t, search)}
        found |= {r.complaint_id for r in replies if _matches(r.body, search)}
        for order in ("", "-deadline", "title"):
            for where in (ComplaintFilter(order=order),
                          ComplaintFilter(order=order, channel="web")):
                listed = queries.complaint_ids(queue, where)
                # nothing typed is no search; typed without a word ("!!!") finds nothing
                expected = [i for i in listed if i in found] if search.strip() else listed
                searched = queries.complaint_ids(queue, replace(where, search=search))
                assert searched == expected, (search, where)
                if search in ("jalan", "se"):
                    assert expected  # the common words are found in every queue


def test_a_reply_alone_can_match(queries: QueueQueries) -> None:
    with queries.cache.writer.begin() as connection:
        connection.execute(insert(FollowUp), [follow_up("f-x", "c0001", "Kerusakan dermaga")])
    status = queries.cache.engine.connect().execute(
        select(Complaint.status).where(Complaint.id == "c0001")).scalar_one()
    queue = next(q.key for q in QUEUES if status in q.statuses)
    assert queries.complaint_ids(queue, ComplaintFilter(search="dermaga")) == ["c0001"]
    assert queries.complaint_ids(queue, ComplaintFilter(search="derm kerus")) == ["c0001"]
    assert queries.complaint_ids(queue, ComplaintFilter(search="dermaga", order="title")) == [
        "c0001"]
