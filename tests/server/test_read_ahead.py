"""Pull pages made before they are asked for (server/read_ahead.py): served only to the same
user, scope, cursor, page size, layout and coding; the pages are the same as without it."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from lapor_desk.server.database import transaction
from lapor_desk.server.read_ahead import PageKey, ReadAhead, ReadyPage
from lapor_desk.server.services.users import move_user
from tests.server.client import WorldServer
from tests.server.test_pull import _add_complaints


def key(**over: Any) -> PageKey:
    values: dict[str, Any] = {"user_id": 1, "scope_epoch": 0, "cursor": "c1", "limit": 100,
                              "max_bytes": 1 << 20, "layout": "packed", "coding": "zstd"}
    values.update(over)
    return PageKey(**values)


def made(ahead: ReadAhead, at: PageKey) -> None:
    """Wait until the page for ``at`` is made (a request arriving before its making begins
    makes the page itself, see the next tests)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        entry = ahead._pages.get(at)
        if entry is None or entry[1].done():
            return
        time.sleep(0.005)
    raise AssertionError("the page was not made")


def test_a_page_is_handed_out_once_and_only_for_its_own_key() -> None:
    ahead = ReadAhead()
    try:
        ahead.prepare(key(), lambda: ReadyPage(b"page 2", "zstd", "c2"))
        made(ahead, key())
        for other in (key(user_id=2), key(scope_epoch=1), key(cursor="c0"), key(limit=99),
                      key(layout="rows"), key(coding="gzip")):
            assert ahead.take(other) is None
        assert ahead.take(key()) == ReadyPage(b"page 2", "zstd", "c2")
        assert ahead.take(key()) is None  # once
    finally:
        ahead.close()


def test_a_request_waits_for_the_page_being_made_and_a_failed_one_is_made_again() -> None:
    ahead = ReadAhead()
    release = threading.Event()

    def slow() -> ReadyPage:
        release.wait(5)
        return ReadyPage(b"later", None, None)

    def broken() -> ReadyPage:
        raise RuntimeError("database went away")

    try:
        started = threading.Event()
        ahead.prepare(key(), lambda: (started.set(), slow())[1])
        assert started.wait(5)  # being made when the request comes
        threading.Timer(0.1, release.set).start()
        assert ahead.take(key()) == ReadyPage(b"later", None, None)
        ahead.prepare(key(cursor="c9"), broken)
        made(ahead, key(cursor="c9"))
        assert ahead.take(key(cursor="c9")) is None  # the request makes its page itself
    finally:
        ahead.close()


def test_a_request_does_not_wait_behind_pages_made_for_others() -> None:
    ahead = ReadAhead()
    busy = threading.Event()
    release = threading.Event()

    def long() -> ReadyPage:
        busy.set()
        release.wait(5)
        return ReadyPage(b"other desktop", None, None)

    try:
        ahead.prepare(key(user_id=7), long)
        assert busy.wait(5)
        ahead.prepare(key(), lambda: ReadyPage(b"mine", None, None))  # queued behind it
        started = time.monotonic()
        assert ahead.take(key()) is None  # not begun: the request makes it itself, at once
        assert time.monotonic() - started < 1
    finally:
        release.set()
        ahead.close()


def test_old_pages_are_dropped_and_few_are_held() -> None:
    now = [0.0]
    ahead = ReadAhead(ttl=30, max_pages=2, clock=lambda: now[0])
    try:
        for n in range(3):
            ahead.prepare(key(cursor=f"c{n}"), lambda n=n: ReadyPage(b"x", None, f"c{n + 1}"))
        assert ahead.take(key(cursor="c2")) is None  # two were held already
        now[0] = 31.0
        ahead.prepare(key(cursor="c5"), lambda: ReadyPage(b"y", None, None))
        made(ahead, key(cursor="c5"))
        assert ahead.take(key(cursor="c0")) is None  # dropped: not asked for in time
        assert ahead.take(key(cursor="c5")) == ReadyPage(b"y", None, None)
    finally:
        ahead.close()
    ahead.prepare(key(cursor="c7"), lambda: ReadyPage(b"z", None, None))
    assert ahead.take(key(cursor="c7")) is None  # closed: nothing is made any more


def spy(server: WorldServer) -> list[bool]:
    """Records, per pull request, whether its page had been made ahead."""
    ahead = server.live.app.state.server.read_ahead
    served: list[bool] = []
    take = ahead.take

    def counting(at: PageKey) -> ReadyPage | None:
        page = take(at)
        served.append(page is not None)
        return page

    prepare = ahead.prepare

    def prepared(at: PageKey, make: Any) -> None:
        prepare(at, make)
        made(ahead, at)  # the next request comes after (on loopback it may come sooner)

    ahead.take = counting
    ahead.prepare = prepared
    return served


def pages_of(api: Any, **params: Any) -> list[dict[str, Any]]:
    pages, cursor = [], None
    while True:
        page = api.pull(cursor, **params)
        pages.append(page)
        if not page["has_more"]:
            return pages
        cursor = page["cursor"]


@pytest.mark.parametrize("layout", ["rows", "packed"])
def test_the_next_pages_of_a_big_pull_are_made_ahead_and_equal_the_pages_made_on_request(
        server: WorldServer, layout: str) -> None:
    _add_complaints(server, 40)
    admin = server.login("admin_prov")
    served = spy(server)
    pages = pages_of(admin, limit=9, layout=layout)
    assert len(pages) > 4 and served == [False] + [True] * (len(pages) - 1)
    server.live.app.state.server.read_ahead.take = lambda at: None  # every page made on request
    again = pages_of(admin, limit=9, layout=layout)
    for page in pages + again:
        page.pop("server_time")  # when each was made
    assert again == pages


def test_a_page_made_ahead_is_not_handed_out_after_the_users_scope_changed(
        server: WorldServer) -> None:
    _add_complaints(server, 30, agency="prov_works")
    liaison = server.login("lo_prov_works")
    served = spy(server)
    first = liaison.pull(limit=5)
    assert first["has_more"] is True
    with transaction(server.live.engine) as session:
        move_user(session, "lo_prov_works", server.unit("prov_health"))
    page = liaison.pull(first["cursor"], limit=5)  # its page was made for the old scope
    assert served == [False, False]
    assert page["reset"] is True and page["changes"] == {}
