from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache import (
    Cache,
    Complaint,
    Disposition,
    FollowUp,
    OutboxEntry,
    SyncState,
    open_cache,
    search_complaint_ids,
)
from lapor_desk.models.cache.schema import ComplaintSnapshot
from lapor_desk.models.enums import ActionKind, Role
from lapor_desk.sync.engine import Progress, SyncEngine
from lapor_desk.sync.errors import ActionRefused, CancelledError, ProtocolError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.status import read_status
from tests.sync.fakes import FakeTransport, sign_in
from tests.sync.wire import complaint, follow_up, page, uid

A, B, X, F1, F2 = (uid(label) for label in ("a", "b", "x", "f1", "f2"))

WALK_IN = {
    "complaint_type": "pengaduan", "channel": "walk_in", "title": "Pungutan liar di sekolah",
    "body": "Orang tua diminta membayar uang gedung tanpa dasar.", "province": "Jawa Timur",
    "regency": "Surabaya", "category": "Pendidikan dan Kebudayaan", "anonymous": True,
    "reporter": {"name": "Ani", "nik": "3578010101010001", "phone": "081234567890"},
}


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = open_cache(tmp_path / "profile")
    sign_in(c)
    yield c
    c.close()


def engine_for(cache: Cache, fake: FakeTransport, **kw: Any) -> SyncEngine:
    return SyncEngine(cache, fake, **kw)  # type: ignore[arg-type]


def complaints(cache: Cache) -> dict[str, Any]:
    with cache.engine.connect() as c:
        return {r.id: r for r in c.execute(select(Complaint))}


def cursor(cache: Cache) -> str | None:
    with cache.engine.connect() as c:
        return c.execute(select(SyncState.cursor)).scalar_one()


def test_pull_applies_pages_and_cursor(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, agencies=True, complaints=[complaint(A)]),
                  page("c2", complaints=[complaint(B), complaint(A, version=2,
                                                               title="Baru")],
                       follow_ups=[follow_up(F1, A, "Pompa diperbaiki")])]
    seen: list[Progress] = []
    report = engine_for(cache, fake, progress=seen.append).pull()
    assert report.pages == 2 and cursor(cache) == "c2"
    assert "cursor" not in fake.pulls[0] and fake.pulls[1]["cursor"] == "c1"
    rows = complaints(cache)
    assert rows[A].title == "Baru" and rows[A].server_version == 2
    assert seen[-1].phase == "pull" and seen[-1].records == report.rows
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "pompa") == [A]


def test_a_bad_page_changes_nothing(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  {**page("c2", complaints=[complaint(B)]), "schema_version": 9}]
    with pytest.raises(ProtocolError):
        engine_for(cache, fake).pull()
    assert cursor(cache) == "c1" and set(complaints(cache)) == {A}


def test_resume_after_interruption_uses_last_committed_cursor(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  ConnectionAbortedError("boom")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(cache, fake).pull()
    fake.pages = [page("c2", complaints=[complaint(B)])]
    engine_for(cache, fake).pull()
    assert fake.pulls[-1]["cursor"] == "c1" and set(complaints(cache)) == {A, B}


def test_cancel_is_checked_between_pages(cache: Cache) -> None:
    fake = FakeTransport()
    cancel = threading.Event()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A)]),
                  page("c2", complaints=[complaint(B)])]

    def progress(p: Progress) -> None:
        cancel.set()

    with pytest.raises(CancelledError):
        engine_for(cache, fake, progress=progress, cancel=cancel).pull()
    assert cursor(cache) == "c1" and len(fake.pulls) == 1


def test_tombstones_and_reset(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A), complaint(B)],
                       follow_ups=[follow_up(F1, A), follow_up(F2, B)])]
    eng = engine_for(cache, fake)
    eng.pull()
    Outbox(cache).internal_note(A, "catatan internal")
    fake.pages = [page("c2", tombstones=[{"entity": "complaint", "id": B},
                                         {"entity": "follow_up", "id": F1}])]
    eng.pull()
    assert set(complaints(cache)) == {A}
    with cache.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(FollowUp)).scalar_one() == 1  # note
    fake.pages = [{"schema_version": 1, "cursor": None, "has_more": False, "reset": True},
                  page("n1", agencies=True, complaints=[complaint(X)])]
    eng.pull()
    assert set(complaints(cache)) == {X} and cursor(cache) == "n1"
    assert read_status(cache).outbox_pending == 1  # the outbox survives a reset
    assert "cursor" not in fake.pulls[-1]


def test_local_action_shows_at_once_and_is_replayed_over_newer_rows(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A)])]
    eng = engine_for(cache, fake)
    eng.pull()
    receipt = Outbox(cache).forward(A, 11, "tolong ditangani")
    row = complaints(cache)[A]
    assert row.status == "forwarded" and row.handling_unit_id == 11 and row.version == 2
    with cache.engine.connect() as c:
        entry = c.execute(select(OutboxEntry)).one()
        assert entry.base_version == 1 and entry.state == "pending"
        disp = c.execute(select(Disposition)).one()
        assert disp.id == receipt.record_id and disp.local_mutation_id == receipt.mutation_id
    # Someone else edits the title (non-exclusive): our forward is replayed on top.
    fake.pages = [page("c2", complaints=[complaint(A, version=2, title="Judul baru")])]
    eng.pull()
    row = complaints(cache)[A]
    assert row.title == "Judul baru" and row.status == "forwarded" and row.version == 3
    # Someone else forwards first (exclusive): locally it now looks like the server's state.
    fake.pages = [page("c3", complaints=[complaint(A, version=3, transition_version=3,
                                                   status="forwarded", handling_unit_id=12)])]
    eng.pull()
    row = complaints(cache)[A]
    assert row.handling_unit_id == 12
    with cache.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Disposition)).scalar_one() == 0


def test_refused_action_writes_nothing(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A)])]
    engine_for(cache, fake).pull()
    with pytest.raises(ActionRefused) as info:
        Outbox(cache).close(A)
    assert info.value.reason == "invalid_transition"
    with pytest.raises(ActionRefused):
        Outbox(cache).postpone(A, "  ")
    assert read_status(cache).outbox_pending == 0


def test_push_stores_answers_and_rebases(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A), complaint(B)])]
    eng = engine_for(cache, fake)
    eng.pull()
    box = Outbox(cache)
    box.handle(A)
    box.follow_up(A, "Sudah kami tindak lanjuti")
    box.close(A)  # exclusive after our own exclusive: waits for a new base version
    box.postpone(B, "data pelapor kurang")

    def answer(body: dict[str, Any]) -> Any:
        results = []
        for action in body["actions"]:
            fake.version += 1
            if action["kind"] == "postpone":
                results.append({"mutation_id": action["mutation_id"], "outcome": "conflict",
                                "current": complaint(B, version=4, transition_version=4,
                                                     status="archived")})
            else:
                results.append({"mutation_id": action["mutation_id"], "outcome": "applied",
                                "version": fake.version})
        return {"results": results}

    fake.push_handler = answer
    report = eng.push()
    assert [len(p["actions"]) for p in fake.pushes] == [2, 2]
    assert fake.pushes[1]["actions"][0]["kind"] == "close"
    assert fake.pushes[1]["actions"][0]["base_version"] == 101  # rebased on our handle
    assert report.applied == 3 and report.conflicts == 1
    status = read_status(cache)
    assert status.conflicts == 1 and status.outbox_pending == 0
    with cache.engine.connect() as c:
        conflict = c.execute(select(OutboxEntry).where(OutboxEntry.state == "conflict")).one()
        assert orjson.loads(conflict.current)["status"] == "archived"
    assert all(p["client_id"] == status.client_id for p in fake.pushes)


def test_rejection_is_kept_with_reason_and_view_recomputed(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(A)])]
    eng = engine_for(cache, fake)
    eng.pull()
    Outbox(cache).postpone(A, "tunggu data")
    fake.push_handler = lambda body: {"results": [
        {"mutation_id": a["mutation_id"], "outcome": "rejected", "reason": "role_not_allowed",
         "detail": "x"} for a in body["actions"]]}
    fake.pages = [page("c1")]
    report = eng.sync()
    assert report.rejected == 1
    assert complaints(cache)[A].status == "unverified"
    with cache.engine.connect() as c:
        assert c.execute(select(OutboxEntry.reason)).scalar_one() == "role_not_allowed"
        assert c.execute(select(func.count()).select_from(ComplaintSnapshot)).scalar_one() == 0
    assert read_status(cache).outbox_rejected == 1
    Outbox(cache).dismiss(1)
    assert read_status(cache).outbox_rejected == 0


def test_recorded_complaint_round_trip_scrubs_anonymous_reporter(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True)]
    eng = engine_for(cache, fake)
    eng.pull()
    box = Outbox(cache)
    receipt = box.record_complaint(WALK_IN)
    box.internal_note(receipt.complaint_id, "Dicatat di loket")
    row = complaints(cache)[receipt.complaint_id]
    assert row.status == "unverified" and row.reporter_name is None and row.tracking_number is None
    fake.pages = [page("c2", complaints=[complaint(receipt.complaint_id, anonymous=True,
                                                   reporter_name=None, version=2)])]
    eng.sync()
    assert fake.pushes[0]["actions"][0]["base_version"] is None
    assert fake.pushes[0]["actions"][0]["payload"]["complaint"]["reporter"]["nik"]
    with cache.engine.connect() as c:
        entry = c.execute(select(OutboxEntry).where(
            OutboxEntry.kind == ActionKind.RECORD_COMPLAINT)).one()
        payload = orjson.loads(entry.payload)
        assert payload["complaint"]["reporter"] == {"name": None, "nik": None, "phone": None,
                                                    "email": None}
        assert c.execute(select(func.count()).select_from(ComplaintSnapshot)).scalar_one() == 0
    assert complaints(cache)[receipt.complaint_id].version == 2


def test_recorded_complaint_not_visible_after_push_is_pruned(cache: Cache) -> None:
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True)]
    eng = engine_for(cache, fake)
    eng.pull()
    receipt = Outbox(cache).record_complaint({**WALK_IN, "anonymous": False})
    fake.pages = [page("c2")]
    eng.sync()
    assert receipt.complaint_id not in complaints(cache)


def test_actions_need_a_signed_in_profile(tmp_path: Path) -> None:
    from lapor_desk.sync.errors import NotSignedInError

    fresh = open_cache(tmp_path)
    with pytest.raises(NotSignedInError):
        Outbox(fresh).record_complaint(WALK_IN)
    fresh.close()


def test_liaison_follow_up_and_mutation_ids_increase(cache: Cache) -> None:
    sign_in(cache, Role.LIAISON_OFFICER, unit_id=11, scope_root_id=11)
    fake = FakeTransport()
    fake.pages = [page("c1", agencies=True, complaints=[complaint(
        A, status="forwarded", handling_unit_id=11, version=3, transition_version=3)])]
    engine_for(cache, fake).pull()
    box = Outbox(cache)
    ids = [box.follow_up(A, f"balasan {i}").mutation_id for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert complaints(cache)[A].status == "in_progress"
    with cache.engine.connect() as c:
        assert search_complaint_ids(c, "balasan") == [A]


def test_interrupted_bulk_load_carries_on_and_repairs_its_indexes(tmp_path: Path) -> None:
    from lapor_desk.models.cache import fts

    first = open_cache(tmp_path / "p")
    sign_in(first)
    fake = FakeTransport()
    fake.pages = [page("c1", has_more=True, complaints=[complaint(A, title="Sumur kering")]),
                  ConnectionAbortedError("power cut")]
    with pytest.raises(ConnectionAbortedError):
        engine_for(first, fake).pull()
    with first.engine.connect() as c:
        assert not fts.triggers_present(c)  # the bulk load did not finish
    first.close()
    again = open_cache(tmp_path / "p")
    fake.pages = [page("c2", complaints=[complaint(B, title="Sumur tercemar")])]
    engine_for(again, fake).pull()
    assert fake.pulls[-1]["cursor"] == "c1"
    with again.engine.connect() as c:
        assert fts.triggers_present(c)
        assert sorted(search_complaint_ids(c, "sumur")) == sorted([A, B])
        names = {r[0] for r in c.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='index' AND name LIKE 'ix_%'")}
        assert {"ix_follow_up_complaint", "ix_complaint_status"} <= names
    with again.writer.begin() as c:
        assert not fts.ensure_fresh(c)
        fts.suspend(c)
        assert fts.ensure_fresh(c)
        assert search_complaint_ids(c, "tercemar") == [B]
    again.close()
