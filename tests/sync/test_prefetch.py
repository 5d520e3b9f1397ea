"""The pull's one-page-ahead fetcher: overlap, order, errors, cancel (unit tests, fake transport)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.models.cache import Cache, Complaint, SyncState, open_cache
from lapor_desk.sync.engine import Progress, SyncEngine
from lapor_desk.sync.errors import CancelledError, ProtocolError
from tests.sync.fakes import FakeTransport, sign_in
from tests.sync.wire import complaint, follow_up, page, uid

A, B, C, F1 = (uid(label) for label in ("a", "b", "c", "f1"))


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = open_cache(tmp_path / "profile")
    sign_in(c)
    yield c
    c.close()


class ThreadedFake(FakeTransport):
    """Records which thread asked for which cursor, and when."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.calls: list[tuple[str | None, str]] = []
        self.fetching: dict[str | None, threading.Event] = {}

    def started(self, cursor: str | None) -> threading.Event:
        with self.lock:
            return self.fetching.setdefault(cursor, threading.Event())

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        cursor = (params or {}).get("cursor")
        with self.lock:
            self.calls.append((cursor, threading.current_thread().name))
        self.started(cursor).set()
        return super().get_json(path, params)


def state(cache: Cache) -> tuple[str | None, set[str]]:
    with cache.engine.connect() as c:
        cursor = c.execute(select(SyncState.cursor)).scalar_one()
        return cursor, {r.id for r in c.execute(select(Complaint.id))}


def engine_for(cache: Cache, fake: FakeTransport, **kw: Any) -> SyncEngine:
    return SyncEngine(cache, fake, prefetch_min_rows=0, **kw)  # type: ignore[arg-type]


def test_next_page_is_fetched_while_a_page_is_applied_and_applied_in_order(cache: Cache) -> None:
    fake = ThreadedFake()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  page("c2", has_more=True, complaints=[complaint(A, version=2, title="Dua")],
                       follow_ups=[follow_up(F1, A)]),
                  page("c3", complaints=[complaint(B)])]
    overlapped: list[bool] = []
    committed: list[str | None] = []

    def progress(p: Progress) -> None:
        if p.phase == "pull" and not overlapped:
            # Page 1 is committed but its report not yet out: page 2 is (being) fetched already.
            overlapped.append(fake.started("c1").wait(5))
        committed.append(state(cache)[0])

    report = engine_for(cache, fake, progress=progress).pull()
    assert overlapped == [True]
    assert [c for c, _ in fake.calls] == [None, "c1", "c2"]
    assert all(name.startswith("lapor-sync-prefetch") for c, name in fake.calls if c), fake.calls
    assert committed[:3] == ["c1", "c2", "c3"] and report.pages == 3
    cursor, ids = state(cache)
    assert cursor == "c3" and ids == {A, B}
    with cache.engine.connect() as c:
        assert c.execute(select(Complaint.title).where(Complaint.id == A)).scalar_one() == "Dua"
    assert not [t for t in threading.enumerate() if t.name.startswith("lapor-sync-prefetch")]


def test_the_next_page_is_asked_for_before_the_last_one_is_checked(cache: Cache) -> None:
    fake = ThreadedFake()
    fake.pages = [page(f"c{n}", has_more=n < 4, complaints=[complaint(uid(f"k{n}"))])
                  for n in range(1, 5)]
    eng = engine_for(cache, fake)
    check = eng._check_page
    asked_while_checking: list[bool] = []

    def slow_check(fetched: Any) -> Any:
        if fetched[0]["cursor"] == "c2":  # page 2: is page 3 (after cursor c2) asked for meanwhile?
            asked_while_checking.append(fake.started("c2").wait(5))
        return check(fetched)

    eng._check_page = slow_check  # type: ignore[method-assign]
    eng.pull()
    assert asked_while_checking == [True]
    assert state(cache) == ("c4", {uid("k1"), uid("k2"), uid("k3"), uid("k4")})
    assert [c for c, _ in fake.calls] == [None, "c1", "c2", "c3"]


def test_a_failed_fetch_surfaces_after_the_pages_before_it_are_committed(cache: Cache) -> None:
    fake = ThreadedFake()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  page("c2", has_more=True, complaints=[complaint(B)]),
                  ConnectionAbortedError("link down")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(cache, fake).pull()
    assert state(cache) == ("c2", {A, B})
    fake.pages = [page("c3", complaints=[complaint(C)])]
    engine_for(cache, fake).pull()
    assert fake.calls[-1][0] == "c2" and state(cache) == ("c3", {A, B, C})


def test_a_bad_prefetched_page_changes_nothing(cache: Cache) -> None:
    fake = ThreadedFake()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  {**page("c2", complaints=[complaint(B)]), "schema_version": 9}]
    with pytest.raises(ProtocolError):
        engine_for(cache, fake).pull()
    assert state(cache) == ("c1", {A})


def test_cancel_stops_before_the_prefetched_page_is_applied(cache: Cache) -> None:
    fake = ThreadedFake()
    cancel = threading.Event()
    fake.pages = [page(f"c{n}", has_more=n < 5, complaints=[complaint(uid(f"k{n}"))])
                  for n in range(1, 6)]

    def progress(p: Progress) -> None:
        cancel.set()

    with pytest.raises(CancelledError):
        engine_for(cache, fake, progress=progress, cancel=cancel).pull()
    assert state(cache) == ("c1", {uid("k1")})
    # at most two pages fetched ahead of the one applied, never further
    assert [c for c, _ in fake.calls] in ([None, "c1"], [None, "c1", "c2"])
    assert not [t for t in threading.enumerate() if t.name.startswith("lapor-sync-prefetch")]
    fake.pages = [page("c2", complaints=[complaint("k2")])]
    engine_for(cache, fake).pull()
    assert fake.calls[-1][0] == "c1" and state(cache) == ("c2", {uid("k1"), uid("k2")})


def test_small_pages_are_not_fetched_ahead(cache: Cache) -> None:
    fake = ThreadedFake()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  page("c2", complaints=[complaint(B)])]
    SyncEngine(cache, fake).pull()  # type: ignore[arg-type]
    assert [name for _, name in fake.calls] == [threading.current_thread().name] * 2
