"""A desktop lives through a restore of the server from an older backup (SQLite and PostgreSQL):
it notices the new epoch, keeps its outbox, pulls again from the start and sends again what the
restored server no longer has — actions it saw applied after the backup, and one whose answer
was lost in flight — each applied exactly once; what a backup held is not sent again. After it
the cache equals the server's view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from lapor_desk.models.cache import Cache, OutboxEntry, open_cache
from lapor_desk.models.cache.schema import Complaint, SyncState
from lapor_desk.server.db import Attachment, ComplaintEvent
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.errors import OfflineError
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.transport import RetryPolicy, Transport
from tests.support.compare import assert_cache_matches_server
from tests.support.live_server import PASSWORD, DatabaseFactory
from tests.support.restorable import Restorable

pytestmark = pytest.mark.timeout(240)
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
ADMIN = "admin.kendari"


class LosingTransport(Transport):
    """Loses the answer of the next push after the server applied it (``lose_next_push``)."""

    lose_next_push = False

    def post_json(self, path: str, body: Any, *, auth: bool = True,
                  retry_throttled: bool = True) -> Any:
        answer = super().post_json(path, body, auth=auth, retry_throttled=retry_throttled)
        if path.endswith("/sync/push") and self.lose_next_push:
            self.lose_next_push = False
            raise OfflineError("the answer was lost on the way", code="connection_broken")
        return answer


class Desk:
    def __init__(self, server: Restorable, profile: Path, username: str = ADMIN) -> None:
        self.cache: Cache = open_cache(profile)
        self.transport = LosingTransport(server.url, timeout=(5.0, 30.0), retry=FAST,
                                         sleep=lambda _s: None)
        self.engine = SyncEngine(self.cache, self.transport)
        self.outbox = Outbox(self.cache)
        self.username = username
        self.engine.login(username, PASSWORD, "pytest")

    def entries(self) -> dict[int, Any]:
        with self.cache.engine.connect() as c:
            return {e.mutation_id: e for e in c.execute(select(OutboxEntry))}

    def unverified_at_home(self) -> list[str]:
        with self.cache.engine.connect() as c:
            me = c.execute(select(SyncState)).one()
            return list(c.execute(select(Complaint.id).where(
                Complaint.status == "unverified", Complaint.handling_unit_id.is_(None),
                Complaint.responsible_id == me.scope_root_id).order_by(Complaint.id)).scalars())

    def client_id(self) -> str:
        with self.cache.engine.connect() as c:
            return str(c.execute(select(SyncState.client_id)).scalar_one())

    def close(self) -> None:
        self.transport.close()
        self.cache.close()


@pytest.fixture
def server(db_factory: DatabaseFactory, seeded_template: tuple[str, Any],
           tmp_path: Path) -> Iterator[Restorable]:
    restorable = Restorable.start(db_factory, seeded_template, tmp_path / "server-blobs")
    yield restorable
    restorable.stop()


@pytest.fixture
def desk(server: Restorable, tmp_path: Path) -> Iterator[Desk]:
    opened = Desk(server, tmp_path / "desk")
    opened.engine.sync()
    yield opened
    opened.close()


def _events_by_mutation(server: Restorable, client_id: str) -> dict[int, int]:
    engine = create_engine(server.settings.database_url)
    try:
        with engine.connect() as c:
            return {int(m): int(n) for m, n in c.execute(
                select(ComplaintEvent.mutation_id, func.count()).where(
                    ComplaintEvent.client_id == client_id).group_by(ComplaintEvent.mutation_id))}
    finally:
        engine.dispose()


def _attachment_held(server: Restorable, sha: str) -> bool:
    engine = create_engine(server.settings.database_url)
    try:
        with engine.connect() as c:
            named = c.execute(select(Attachment.id).where(Attachment.sha256 == sha)).first()
    finally:
        engine.dispose()
    return named is not None and (server.blob_dir / sha[:2] / sha).is_file()


def test_actions_seen_applied_and_in_flight_after_the_backup_are_sent_again_once(
        server: Restorable, desk: Desk, tmp_path: Path) -> None:
    c1, c2, c3, c4 = desk.unverified_at_home()[:4]
    desk.outbox.postpone(c1, "data pelapor belum lengkap")  # 1: held by the backup
    desk.engine.sync()
    backup = server.backup(tmp_path / "backup")
    desk.engine.sync()  # hears where the backup stands: 1 need not be kept any more
    assert desk.entries()[1].server_epoch is None

    note = tmp_path / "catatan.txt"
    note.write_bytes(b"hasil peninjauan lapangan " * 40)
    file = desk.outbox.add_file(note)
    desk.outbox.handle(c2, "dikelola sendiri")  # 2
    desk.outbox.internal_note(c3, "catatan peninjauan", [file])  # 3
    recorded = desk.outbox.record_complaint({  # 4
        "complaint_type": "aspirasi", "channel": "walk_in", "title": "Usul jalur sepeda",
        "body": "Warga mengusulkan jalur sepeda di jalan utama kota.",
        "province": "Sulawesi Tenggara", "regency": "Kota Kendari", "category": "Perhubungan",
        "reporter": {"name": "Rahmat"}})
    report = desk.engine.sync()
    assert report.applied == 3
    kept = desk.entries()
    assert {m: kept[m].state for m in (2, 3, 4)} == dict.fromkeys((2, 3, 4), "applied")
    assert all(kept[m].server_epoch == backup.position.epoch for m in (2, 3, 4))
    assert _attachment_held(server, file.sha256)

    # 5: applied by the server, its answer lost on the way: still pending here.
    desk.outbox.postpone(c4, "menunggu dokumen")
    desk.transport.lose_next_push = True
    with pytest.raises(OfflineError):
        desk.engine.sync()
    assert desk.entries()[5].state == "pending"
    assert set(_events_by_mutation(server, desk.client_id())) == {1, 2, 3, 4, 5}

    epoch = server.restore(tmp_path / "backup")
    assert set(_events_by_mutation(server, desk.client_id())) == {1}
    assert not _attachment_held(server, file.sha256)

    desk.engine.login(ADMIN, PASSWORD, "pytest")  # a restore ends every session
    report = desk.engine.sync()
    assert report.server_restored and report.resent == 3
    entries = desk.entries()
    assert {m: e.state for m, e in entries.items()} == dict.fromkeys(range(1, 6), "applied")
    assert all(e.server_epoch in (None, epoch) for e in entries.values())
    # Each action applied exactly once on the restored server (one event each), the
    # attachment uploaded again.
    assert _events_by_mutation(server, desk.client_id()) == dict.fromkeys(range(1, 6), 1)
    assert _attachment_held(server, file.sha256)
    with desk.cache.engine.connect() as c:
        assert c.execute(select(Complaint.tracking_number).where(
            Complaint.id == recorded.complaint_id)).scalar_one()
    assert_cache_matches_server(desk.cache, server.live, desk.username)

    # Nothing more to send, and nothing sent twice on the next rounds.
    again = desk.engine.sync()
    assert again.pushed == 0 and not again.server_restored
    assert _events_by_mutation(server, desk.client_id()) == dict.fromkeys(range(1, 6), 1)


def test_a_desktop_with_nothing_to_send_notices_the_restore_at_its_pull(
        server: Restorable, desk: Desk, tmp_path: Path) -> None:
    server.backup(tmp_path / "backup")
    c1 = desk.unverified_at_home()[0]
    desk.outbox.postpone(c1, "data pelapor belum lengkap")
    desk.engine.sync()
    epoch = server.restore(tmp_path / "backup")
    assert _events_by_mutation(server, desk.client_id()) == {}

    desk.engine.login(ADMIN, PASSWORD, "pytest")
    report = desk.engine.sync()  # the outbox is empty: the pull hears the new epoch
    assert report.server_restored and report.resent == 1 and report.resets >= 1
    assert desk.entries()[1].state == "applied" and desk.entries()[1].server_epoch == epoch
    assert _events_by_mutation(server, desk.client_id()) == {1: 1}
    assert_cache_matches_server(desk.cache, server.live, desk.username)


def test_an_action_in_flight_that_the_backup_holds_is_answered_as_then_and_not_applied_twice(
        server: Restorable, desk: Desk, tmp_path: Path) -> None:
    c1 = desk.unverified_at_home()[0]
    desk.outbox.postpone(c1, "data pelapor belum lengkap")
    desk.transport.lose_next_push = True
    with pytest.raises(OfflineError):
        desk.engine.sync()
    server.backup(tmp_path / "backup")  # holds the action and its answer
    server.restore(tmp_path / "backup")

    desk.engine.login(ADMIN, PASSWORD, "pytest")
    report = desk.engine.sync()  # its push meets the new epoch first: 409, then sent again
    assert report.server_restored and report.resent == 0 and report.applied == 1
    assert desk.entries()[1].state == "applied"
    assert _events_by_mutation(server, desk.client_id()) == {1: 1}
    assert_cache_matches_server(desk.cache, server.live, desk.username)
