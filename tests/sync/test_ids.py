"""Records made on this desktop get UUIDv7 ids (time-ordered), like the server's."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.models.cache import Cache, FollowUp, OutboxEntry, open_cache
from lapor_desk.models.enums import Role
from lapor_desk.models.ids import format_uuid, uuid7, uuid7_int, uuid7_ms
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from tests.sync.fakes import FakeTransport, sign_in
from tests.sync.wire import complaint, page, uid

A = uid("a")


def test_uuid7_layout_and_order() -> None:
    value = uuid.UUID(uuid7(1_795_000_000_123))
    assert value.version == 7 and value.variant == uuid.RFC_4122
    assert uuid7_ms(str(value)) == 1_795_000_000_123
    # later milliseconds sort later, whatever the random bits
    assert uuid7(1_795_000_000_124, lambda _n: 0) > uuid7(1_795_000_000_123, lambda n: (1 << n) - 1)
    assert format_uuid(uuid7_int(0, 0)) == "00000000-0000-7000-8000-000000000000"
    assert len({uuid7(5) for _ in range(1000)}) == 1000  # same millisecond, still distinct
    assert uuid7_ms(str(uuid.uuid4())) is None and uuid7_ms("not-an-id") is None
    with pytest.raises(ValueError):
        uuid7_int(1 << 48, 0)


def test_records_made_offline_get_uuid7_ids(tmp_path: Path) -> None:
    cache: Cache = open_cache(tmp_path / "profile")
    try:
        sign_in(cache, Role.LIAISON_OFFICER, unit_id=11, scope_root_id=11)
        fake = FakeTransport()
        fake.pages = [page("c1", agencies=True, complaints=[complaint(
            A, status="forwarded", handling_unit_id=11, version=3, transition_version=3)])]
        SyncEngine(cache, fake).pull()  # type: ignore[arg-type]
        box = Outbox(cache)
        for i in range(3):
            box.follow_up(A, f"balasan {i}")
        with cache.engine.connect() as c:
            payloads = [orjson.loads(p) for p in c.execute(
                select(OutboxEntry.payload).order_by(OutboxEntry.mutation_id)).scalars()]
            shown = set(c.execute(select(FollowUp.id)).scalars())
        ids = [p["follow_up_id"] for p in payloads]
        assert set(ids) == shown
        assert all(uuid.UUID(i).version == 7 and uuid7_ms(i) is not None for i in ids)
        assert ids == sorted(ids)  # made one after the other: time order is id order
    finally:
        cache.close()


def test_ids_from_the_clock_increase_strictly_within_a_process() -> None:
    made = [uuid7() for _ in range(5000)]  # many share a millisecond
    assert made == sorted(made) and len(set(made)) == len(made)
    assert all(uuid.UUID(i).version == 7 for i in made)
