"""The bulk load (initial sync or after a reset): full-text triggers and secondary indexes
suspended, the biggest pages the server allows, each page committed with its cursor; records that
change or go away during the load, and an interrupted load."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from lapor_desk.models.cache import (
    Cache,
    Complaint,
    FollowUp,
    checkpoint,
    fts,
    open_cache,
    search_complaint_ids,
)
from lapor_desk.models.cache.schema import ComplaintSnapshot, FtsBulk, SyncState
from lapor_desk.models.cache.search import integrity_check, search_matches
from lapor_desk.sync import engine as engine_module
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from tests.sync.fakes import FakeTransport, sign_in
from tests.sync.wire import columnar, complaint, follow_up, page, uid

A, B, C, X, F1, F2, F3, F4 = (uid(label)
                                for label in ("a", "b", "c", "x", "f1", "f2", "f3", "f4"))


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = open_cache(tmp_path / "profile")
    sign_in(c)
    yield c  # type: ignore[misc]
    c.close()


def engine_for(cache: Cache, fake: FakeTransport, **kw: Any) -> SyncEngine:
    return SyncEngine(cache, fake, **kw)  # type: ignore[arg-type]


def complaints(cache: Cache) -> dict[str, Any]:
    with cache.engine.connect() as c:
        return {r.id: r for r in c.execute(select(Complaint))}


def follow_ups(cache: Cache) -> dict[str, Any]:
    with cache.engine.connect() as c:
        return {r.id: r for r in c.execute(select(FollowUp))}


def cursor(cache: Cache) -> str | None:
    with cache.engine.connect() as c:
        return c.execute(select(SyncState.cursor)).scalar_one()


def bulk(cache: Cache) -> bool:
    with cache.engine.connect() as c:
        return not fts.triggers_present(c)


def test_initial_load_uses_big_pages_and_indexes_at_the_end(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  page("c2", complaints=[complaint(B)], follow_ups=[follow_up(F1, A)])]
    eng = engine_for(cache, fake)
    eng.pull()
    assert fake.pulls[0]["limit"] == 20_000 and fake.pulls[0]["max_bytes"] == 16 * 1024 * 1024
    assert not bulk(cache) and cursor(cache) == "c2"
    assert set(complaints(cache)) == {A, B} and set(follow_ups(cache)) == {F1}
    assert complaints(cache)[A].server_version == 1
    with cache.engine.connect() as c:
        assert fts.triggers_present(c)
        assert sorted(search_complaint_ids(c, "rusak")) == sorted([A, B])
        # each follow-up's complaint, written after the load (its triggers were off)
        assert fts.owners_differ(c) == 0
        a_rowid = c.exec_driver_sql("SELECT rowid FROM complaint WHERE id = ?",
                                    (A,)).scalar_one()
        assert search_matches(c, "ditangani").rowids == {a_rowid}
    # The next (incremental) pull is applied in place with the ordinary page size.
    fake.pages = [page("c3", complaints=[complaint(C)])]
    eng.pull()
    assert fake.pulls[-1]["limit"] == 10_000 and not bulk(cache)
    assert set(complaints(cache)) == {A, B, C}


def test_interrupted_bulk_load_resumes_in_bulk_from_the_last_cursor(tmp_path: Path) -> None:
    first = open_cache(tmp_path / "p")
    sign_in(first)
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  page("c2", has_more=True, complaints=[complaint(B)],
                       follow_ups=[follow_up(F1, A)]),
                  ConnectionAbortedError("power cut")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(first, fake).pull()
    assert cursor(first) == "c2" and bulk(first)
    assert set(complaints(first)) == {A, B}
    first.close()
    again = open_cache(tmp_path / "p")
    fake.pages = [page("c3", complaints=[complaint(C)])]
    engine_for(again, fake).pull()
    assert fake.pulls[-1]["cursor"] == "c2"  # never from zero, never skipping
    assert fake.pulls[-1]["limit"] == 20_000  # in the same (bulk) mode
    assert not bulk(again) and set(complaints(again)) == {A, B, C}
    assert set(follow_ups(again)) == {F1}
    with again.engine.connect() as c:
        assert fts.triggers_present(c)
        assert sorted(search_complaint_ids(c, "rusak")) == sorted([A, B, C])
    again.close()


def test_a_record_arriving_twice_keeps_the_newest(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [
        page("c1", has_more=True, agencies=True,
             complaints=[complaint(A), complaint(B, version=4, title="Tetap")],
             follow_ups=[follow_up(F1, A, "lama")]),
        page("c2", has_more=True, complaints=[complaint(A, version=3, title="Baru")]),
        page("c3", follow_ups=[follow_up(F1, A, "baru sekali")]),
    ]
    engine_for(cache, fake).pull()
    rows = complaints(cache)
    assert (rows[A].version, rows[A].server_version, rows[A].title) == (3, 3, "Baru")
    assert rows[B].title == "Tetap" and follow_ups(cache)[F1].body == "baru sekali"
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "baru") == [A]
        assert search_complaint_ids(c, "tetap") == [B]


def test_tombstones_during_the_load(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [
        page("c1", has_more=True, agencies=True,
             complaints=[complaint(A), complaint(B), complaint(C)],
             follow_ups=[follow_up(F1, A), follow_up(F2, B), follow_up(F3, C)]),
        page("c2", has_more=True, tombstones=[
            {"entity": "complaint", "id": A}, {"entity": "follow_up", "id": F2},
            {"entity": "complaint", "id": C}]),
        # c comes back (visible again) after its tombstone, with a new follow-up.
        page("c3", complaints=[complaint(C, version=5)], follow_ups=[follow_up(F4, C)],
             tombstones=[{"entity": "follow_up", "id": uid("nie-gesehen")}]),
    ]
    engine_for(cache, fake).pull()
    assert set(complaints(cache)) == {B, C} and complaints(cache)[C].version == 5
    assert set(follow_ups(cache)) == {F4}  # f1, f3 went with their complaint; f2 deleted


def test_reset_with_pending_actions_loads_in_bulk_and_replays_them(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A), complaint(B)])]
    eng = engine_for(cache, fake)
    eng.pull()
    Outbox(cache).internal_note(A, "catatan internal")
    fake.pages = [{"schema_version": 1, "cursor": None, "has_more": False, "reset": True},
                  page("n1", has_more=True, agencies=True,
                       complaints=[complaint(A, version=2, title="Dari server")]),
                  page("n2", complaints=[complaint(X)])]
    eng.pull()
    assert not bulk(cache) and cursor(cache) == "n2"
    rows = complaints(cache)
    assert set(rows) == {A, X} and rows[A].title == "Dari server"
    assert rows[A].server_version == 2
    notes = [f for f in follow_ups(cache).values() if f.local_mutation_id is not None]
    assert [n.body for n in notes] == ["catatan internal"]  # the pending note is still shown
    with cache.engine.connect() as c:
        snapshot = c.execute(select(ComplaintSnapshot.row).where(
            ComplaintSnapshot.complaint_id == A)).scalar_one()
    assert '"version":2' in snapshot and '"misconduct":false' in snapshot


def test_pages_are_asked_for_packed_and_a_server_answering_in_rows_or_columns_still_works(
        cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [
        columnar(page("c1", has_more=True, agencies=True, complaints=[complaint(A)],
                      follow_ups=[follow_up(F1, A), follow_up(F2, B)])),
        page("c2", has_more=True, complaints=[complaint(B, title="Lampu jalan padam")]),
        columnar(page("c3", follow_ups=[follow_up(F3, B, "sudah diganti")],
                      tombstones=[{"entity": "follow_up", "id": F1}])),
    ]
    engine_for(cache, fake).pull()
    assert [p["layout"] for p in fake.pulls] == ["packed"] * 3
    assert set(complaints(cache)) == {A, B} and set(follow_ups(cache)) == {F2, F3}
    assert follow_ups(cache)[F3].complaint_id == B and cursor(cache) == "c3"
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "lampu") == [B]
        assert search_complaint_ids(c, "diganti") == [B]


def fts_consistent(cache: Cache) -> None:
    """Both full-text indexes hold exactly their tables' rows (raises otherwise)."""
    with cache.engine.connect() as c:
        integrity_check(c)


def marks(cache: Cache) -> dict[str, int]:
    with cache.engine.connect() as c:
        return {name: upto for name, upto in c.execute(select(FtsBulk.name, FtsBulk.indexed_to))}


def test_each_page_is_indexed_for_search_with_the_page(tmp_path: Path) -> None:
    first = open_cache(tmp_path / "p")
    sign_in(first)
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True,
                       complaints=[complaint(A, title="Jembatan ambruk")],
                       follow_ups=[follow_up(F1, A, "tim sudah meninjau")]),
                  ConnectionAbortedError("power cut")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(first, fake).pull()
    assert bulk(first)  # unfinished: the secondary indexes wait for the end, the text does not
    with first.engine.connect() as c:
        assert search_complaint_ids(c, "jembatan") == [A]
        assert search_complaint_ids(c, "meninjau") == [A]
        last = {t: c.exec_driver_sql(f"SELECT max(rowid) FROM {t}").scalar_one()
                for t in ("complaint", "follow_up")}
    assert marks(first) == last
    first.close()
    again = open_cache(tmp_path / "p")
    fake.pages = [page("c2", complaints=[complaint(B, title="Jembatan retak")])]
    engine_for(again, fake).pull()
    assert not bulk(again) and marks(again) == {}
    with again.engine.connect() as c:
        assert sorted(search_complaint_ids(c, "jembatan")) == sorted([A, B])
        left = c.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%bulk%'").scalar_one()
    assert left == 0  # the bulk triggers are gone with the load
    fts_consistent(again)
    again.close()


def test_the_index_stays_exact_through_changes_during_the_load(cache: Cache) -> None:
    def note_before_the_answer() -> dict[str, Any]:
        # taken meanwhile; f2 had the last rowid, so the note gets it again (below the mark)
        Outbox(cache).internal_note(B, "catatan internal soal kabel")
        return page("c3", follow_ups=[follow_up(F3, B, "tiang baru dipasang")])

    fake = FakeTransport()
    fake.pages = [
        page("c1", has_more=True, agencies=True,
             complaints=[complaint(A, title="Jalan rusak", body="Aspal terkelupas"),
                         complaint(B, title="Lampu padam", body="Gelap sejak Senin")],
             follow_ups=[follow_up(F1, A, "sudah diperbaiki"),
                         follow_up(F2, B, "menunggu tiang")]),
        # an update and a delete of indexed rows
        page("c2", has_more=True,
             complaints=[complaint(A, version=2, title="Jalan berlubang",
                                   body="Aspal terkelupas")],
             tombstones=[{"entity": "follow_up", "id": F2}]),
        note_before_the_answer,
    ]
    engine_for(cache, fake).pull()
    assert not bulk(cache) and set(follow_ups(cache)) >= {F1, F3}
    fts_consistent(cache)
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "berlubang") == [A]
        assert search_complaint_ids(c, "rusak") == []
        assert search_complaint_ids(c, "menunggu") == []
        assert search_complaint_ids(c, "dipasang") == [B]
        assert search_complaint_ids(c, "kabel") == [B]
    # and the ordinary triggers keep it exact from here on
    Outbox(cache).internal_note(A, "material datang besok")
    fts_consistent(cache)
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "datang") == [A]


def test_a_load_begun_without_marks_rebuilds_the_text_index_at_the_end(tmp_path: Path) -> None:
    first = open_cache(tmp_path / "p")
    sign_in(first)
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True,
                       complaints=[complaint(A, title="Sumur kering")]),
                  ConnectionAbortedError("power cut")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(first, fake).pull()
    with first.writer.begin() as c:  # as a version that indexed at the end left it
        for name in fts.BULK_TRIGGER_NAMES:
            c.exec_driver_sql(f"DROP TRIGGER {name}")
        c.execute(delete(FtsBulk))
        c.exec_driver_sql("INSERT INTO complaint_fts(complaint_fts) VALUES ('delete-all')")
    first.close()
    again = open_cache(tmp_path / "p")
    fake.pages = [page("c2", complaints=[complaint(B, title="Sumur tercemar")])]
    engine_for(again, fake).pull()
    assert not bulk(again)
    with again.engine.connect() as c:
        assert sorted(search_complaint_ids(c, "sumur")) == sorted([A, B])
    fts_consistent(again)
    again.close()


def autocheckpoints(cache: Cache) -> list[int]:
    """``wal_autocheckpoint`` of every connection the pool holds (and of new ones)."""
    held = [cache.engine.connect() for _ in range(8)]  # the pool's 4 and its 4 overflow
    try:
        return [int(c.connection.driver_connection.execute(  # type: ignore[union-attr]
            "PRAGMA wal_autocheckpoint").fetchone()[0]) for c in held]
    finally:
        for c in held:
            c.close()


def checkpoint_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "lapor-wal-checkpoint"]


def test_a_bulk_load_checkpoints_beside_the_pages(cache: Cache,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    workers: list[checkpoint.BackgroundCheckpoints] = []
    real = checkpoint.checkpoints_elsewhere

    @contextmanager
    def spied(connection: Any) -> Iterator[checkpoint.BackgroundCheckpoints]:
        with real(connection) as worker:
            workers.append(worker)
            yield worker

    monkeypatch.setattr(engine_module, "checkpoints_elsewhere", spied)
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  page("c2", complaints=[complaint(B)], follow_ups=[follow_up(F1, A)])]
    engine_for(cache, fake).pull()
    assert len(workers) == 1 and workers[0].runs >= 1 and workers[0].copied > 0
    assert not checkpoint_threads() and set(autocheckpoints(cache)) == {1000}
    # An incremental pull commits as usual, its checkpoints inline.
    fake.pages = [page("c3", complaints=[complaint(C)])]
    engine_for(cache, fake).pull()
    assert len(workers) == 1 and set(complaints(cache)) == {A, B, C}
    with cache.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_a_bulk_load_cut_short_stops_its_checkpoints(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  ConnectionAbortedError("link lost")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(cache, fake).pull()
    assert cursor(cache) == "c1" and bulk(cache)
    assert not checkpoint_threads() and set(autocheckpoints(cache)) == {1000}


def test_a_bulk_load_builds_the_text_indexes_in_bigger_segments(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A), complaint(B)],
                       follow_ups=[follow_up(F1, A)])]
    engine_for(cache, fake).pull()
    with cache.engine.connect() as c:
        for name in ("complaint_fts", "follow_up_fts"):
            assert c.exec_driver_sql(
                f"SELECT v FROM {name}_config WHERE k = 'hashsize'").scalar_one() == fts.HASH_SIZE
        integrity_check(c)
        assert sorted(search_complaint_ids(c, "rusak")) == sorted([A, B])
