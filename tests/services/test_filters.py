"""Every field of ComplaintFilter narrows a queue in SQL exactly as a plain reading of the cache
says it should, and the filter bar's choices are only what the queue's complaints carry."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency, Complaint, SyncState
from lapor_desk.services import Workstation
from lapor_desk.services.queues import QUEUE_BY_KEY
from lapor_desk.services.session_status import parse_time
from lapor_desk.services.types import ComplaintFilter
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)
QUEUE = "done"  # the biggest queue in the seed: every filter has something to find


@pytest.fixture
def national(workstation: Workstation, live_server: LiveServer, password: str) -> Workstation:
    """The national admin sees every seeded complaint: many channels, regions and units."""
    workstation.sign_in(live_server.url, "nasional1", password)
    workstation.sync()
    return workstation


def cache_rows(station: Workstation, queue: str = QUEUE) -> list[Any]:
    statuses = sorted(str(s) for s in QUEUE_BY_KEY[queue].statuses)
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        return list(c.execute(select(Complaint).where(Complaint.status.in_(statuses))))


def ids(station: Workstation, **fields: Any) -> set[str]:
    found = station.complaint_ids(QUEUE, ComplaintFilter(**fields))
    assert len(found) == len(set(found))
    return set(found)


def most_common(values: list[Any]) -> Any:
    value, count = Counter(v for v in values if v not in (None, "")).most_common(1)[0]
    assert count > 1
    return value


def test_each_filter_narrows_exactly(national: Workstation) -> None:
    rows = cache_rows(national)
    everything = {r.id for r in rows}
    assert ids(national) == everything and len(everything) > 50

    channel = most_common([r.channel for r in rows])
    assert ids(national, channel=channel) == {r.id for r in rows if r.channel == channel}
    category = most_common([r.category for r in rows])
    in_category = {r.id for r in rows if r.category == category}
    assert ids(national, category=category) == in_category < everything
    sub = most_common([r.subcategory for r in rows if r.category == category])
    in_sub = {r.id for r in rows if r.category == category and r.subcategory == sub}
    assert ids(national, category=category, subcategory=sub) == in_sub
    regency = most_common([r.regency for r in rows])
    assert ids(national, regency=regency) == {r.id for r in rows if r.regency == regency}
    unit = most_common([r.handling_unit_id for r in rows])
    assert ids(national, unit_id=unit) == {r.id for r in rows if unit in
                                            (r.handling_unit_id, r.responsible_id)}
    for anonymous in (True, False):
        assert ids(national, anonymous=anonymous) == {r.id for r in rows
                                                       if bool(r.anonymous) is anonymous}
    for confidential in (True, False):
        assert ids(national, confidential=confidential) == {
            r.id for r in rows if bool(r.confidential) is confidential}
    neither = ids(national, anonymous=False, confidential=False)
    assert neither == {r.id for r in rows if not r.anonymous and not r.confidential}
    assert 0 < len(neither) < len(everything)

    # dates are local calendar days (WIB), both ends included
    zone = national.config.calendar.tz
    days = sorted({parse_time(r.created_at).astimezone(zone).date() for r in rows})
    first, last = days[len(days) // 3], days[2 * len(days) // 3]

    def received(r: Any) -> date:
        moment = parse_time(r.created_at)
        assert isinstance(moment, datetime)
        return moment.astimezone(zone).date()

    expected = {r.id for r in rows if first <= received(r) <= last}
    assert ids(national, received_from=first, received_to=last) == expected
    assert 0 < len(expected) < len(everything)
    assert ids(national, received_from=last + timedelta(days=1)) == {
        r.id for r in rows if received(r) > last}
    assert ids(national, received_to=first) == {r.id for r in rows if received(r) <= first}

    # filters combine with AND
    both = ids(national, channel=channel, category=category)
    assert both == ids(national, channel=channel) & in_category


def test_choices_are_what_the_queue_holds(national: Workstation) -> None:
    rows = cache_rows(national)
    options = national.filter_options(QUEUE)
    assert {c.value: c.count for c in options.channels} == dict(
        Counter(r.channel for r in rows if r.channel))
    assert {c.value: c.count for c in options.regencies} == dict(
        Counter(r.regency for r in rows if r.regency))
    categories = Counter(r.category for r in rows if r.category)
    assert {c.name: c.count for c in options.categories} == dict(categories)
    for choice in options.categories:
        assert {s.value: s.count for s in choice.subcategories} == dict(Counter(
            r.subcategory for r in rows if r.category == choice.name and r.subcategory))
    assert [c.name for c in options.categories] == sorted((c.name for c in options.categories),
                                                          key=str.casefold)

    cache = national.session.require_cache()
    with cache.engine.connect() as c:
        root = c.execute(select(SyncState.scope_root_id)).scalar_one()
        root_path = c.execute(select(Agency.path).where(Agency.id == root)).scalar_one()
        paths = dict(c.execute(select(Agency.id, Agency.path)).all())
    places: Counter[int] = Counter()
    for r in rows:
        for unit in {r.responsible_id, r.handling_unit_id} - {None}:
            if paths[unit].startswith(root_path):
                places[unit] += 1
    assert {u.id: u.count for u in options.units} == dict(places)
    assert options.units and all(u.name for u in options.units)
    # each offered unit finds exactly its count
    for unit in options.units[:3]:
        assert len(ids(national, unit_id=unit.id)) == unit.count

    # another queue offers another set (only what it holds)
    fresh = national.filter_options("needs_verification")
    fresh_rows = cache_rows(national, "needs_verification")
    assert sum(c.count for c in fresh.channels) == sum(1 for r in fresh_rows if r.channel)


def test_unknown_queue_is_not_found(national: Workstation) -> None:
    from lapor_desk.services.errors import NotFound

    with pytest.raises(NotFound):
        national.filter_options("no_such_queue")


def test_lists_order_by_a_column_either_way(national: Workstation) -> None:
    rows = cache_rows(national)
    by_id = {r.id: r for r in rows}

    def ascii_lower(text: str) -> str:  # SQLite's lower() folds ASCII only
        return "".join(c.lower() if c.isascii() else c for c in text)

    keys = {"number": lambda r: r.tracking_number, "title": lambda r: ascii_lower(r.title),
            "status": lambda r: r.status, "type": lambda r: r.complaint_type,
            "received": lambda r: r.created_at}
    for code, key in keys.items():
        for descending in (False, True):
            found = national.complaint_ids(QUEUE, ComplaintFilter(
                order=("-" if descending else "") + code))
            assert sorted(found) == sorted(by_id)
            values = [key(by_id[i]) for i in found]
            present = [v for v in values if v is not None]
            assert present == sorted(present, reverse=descending), code
            assert all(v is None for v in values[len(present):]), code  # none last
    default = national.complaint_ids(QUEUE)
    assert national.complaint_ids(QUEUE, ComplaintFilter(order="deadline")) == default
    assert national.complaint_ids(QUEUE, ComplaintFilter(order="no_such")) == default
    received = national.complaint_ids(QUEUE, ComplaintFilter(order="received"))
    assert received != default  # the order really changed
    # the running deadline reversed: latest first, complaints without one still last
    due = {r.id: r.verify_due for r in cache_rows(national, "needs_verification")}
    latest = national.complaint_ids("needs_verification", ComplaintFilter(order="-deadline"))
    assert sorted(latest) == sorted(due) and len(latest) > 5
    values = [due[i] for i in latest]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True) and present[0] > present[-1]
    assert all(v is None for v in values[len(present):])
