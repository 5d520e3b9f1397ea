"""The server's epoch (server/epoch.py): migration 0008 gives an older database one; a cursor made
before epochs existed holds until the database is first restored; a restore's epoch voids it."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.server.database import init_database, make_engine, transaction
from lapor_desk.server.db import ServerMeta
from lapor_desk.server.epoch import read_epoch, record_backup, start_new_epoch
from lapor_desk.server.pull import Cursor
from tests.server.test_migrations import _migrate
from tests.support.live_server import DatabaseFactory
from tests.support.restorable import Restorable

pytestmark = pytest.mark.timeout(120)


def test_migration_0008_gives_an_older_database_its_first_epoch(
        db_factory: DatabaseFactory) -> None:
    url = db_factory.new_url()
    _migrate(url, "0005")
    _migrate(url, "0008")
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            first = read_epoch(session)
            assert first.id and first.backup_seq is None and not first.restored
        init_database(url)  # idempotent: the epoch stays
        with transaction(engine) as session:
            assert read_epoch(session).id == first.id
            assert record_backup(session, first.id, 40) and record_backup(session, first.id, 7)
            assert read_epoch(session).backup_seq == 40  # never backwards
            assert not record_backup(session, "another epoch", 99)
        _migrate(url, "0005", down=True)
        with engine.connect() as connection:
            assert connection.execute(select(ServerMeta.key).where(
                ServerMeta.key == "epoch")).first() is None
    finally:
        engine.dispose()


def _v1(cursor: str) -> str:
    """The same cursor as a server before epochs wrote it (version 1: no epoch)."""
    parsed = Cursor.decode(cursor)
    raw = orjson.dumps([1, parsed.instance_id, parsed.user_id, parsed.scope_epoch, parsed.seq,
                        parsed.width])
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def test_a_cursor_from_before_epochs_holds_until_the_first_restore(
        db_factory: DatabaseFactory, seeded_template: tuple[str, Any], tmp_path: Path) -> None:
    server = Restorable.start(db_factory, seeded_template, tmp_path / "blobs")
    try:
        api = server.login("admin.kendari")
        view, _ = api.pull_all()
        old = _v1(view["cursor"])
        assert Cursor.decode(old).epoch is None
        page = api.pull(old)
        assert not page["reset"] and page["changes"] == {}
        assert Cursor.decode(page["cursor"]).epoch == server.epoch()

        engine = make_engine(server.settings.database_url)
        try:
            with transaction(engine) as session:
                start_new_epoch(session, restored_from="test", position=1,
                                now=datetime.now(UTC))
        finally:
            engine.dispose()
        for cursor in (old, page["cursor"]):
            voided = api.pull(cursor)
            assert voided["reset"] and voided["epoch"] == server.epoch()
            assert voided["backup_seq"] == 1
    finally:
        server.stop()
