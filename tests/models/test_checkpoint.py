"""A bulk load's WAL checkpoints on a thread of their own (cache/checkpoint.py), on a real cache
file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.models.cache import Cache, open_cache
from lapor_desk.models.cache.checkpoint import checkpoints_elsewhere


def autocheckpoint(driver: object) -> int:
    return int(driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0])  # type: ignore[attr-defined]


def write_a_lot(connection: object, rows: int = 4000) -> None:
    with connection.begin():  # type: ignore[attr-defined]
        connection.exec_driver_sql(  # type: ignore[attr-defined]
            "INSERT INTO scratch (body) SELECT printf('%.2000c', 'x') "
            f"FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            f"WHERE i < {rows}) SELECT i FROM n)")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = open_cache(tmp_path / "p")
    yield opened
    opened.close()


def checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "lapor-wal-checkpoint"]


def test_commits_leave_the_copy_to_the_thread_and_the_setting_comes_back(cache: Cache) -> None:
    with cache.writer.begin() as c:
        c.exec_driver_sql("CREATE TABLE scratch (body TEXT)")
    file = cache.path
    with cache.writer.connect() as connection:
        driver = connection.connection.driver_connection
        assert autocheckpoint(driver) == 1000
        with checkpoints_elsewhere(connection) as worker:
            assert autocheckpoint(driver) == 0
            size = file.stat().st_size
            write_a_lot(connection)  # about 8 MB: 2,000 WAL pages, past the automatic 1,000
            # the commit did not copy anything into the database file itself
            assert file.stat().st_size == size
            worker.request()
            write_a_lot(connection)
            worker.request()
        assert not checkpoint_threads()
        assert worker.runs >= 1 and worker.copied >= 2000
        assert file.stat().st_size > size + 8_000_000
        assert autocheckpoint(driver) == 1000
    with cache.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM scratch").scalar_one() == 8000
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_the_setting_comes_back_when_the_load_fails(cache: Cache) -> None:
    with cache.writer.connect() as connection:
        driver = connection.connection.driver_connection
        with pytest.raises(ConnectionAbortedError), checkpoints_elsewhere(connection) as worker:
            worker.request()
            raise ConnectionAbortedError("link lost")
        assert autocheckpoint(driver) == 1000
        assert not checkpoint_threads()


def test_a_connection_closed_under_the_load_does_not_hide_what_went_wrong(cache: Cache) -> None:
    with cache.writer.connect() as connection:
        # the load's own error, not the failed restore, reaches the caller
        with pytest.raises(ConnectionAbortedError), checkpoints_elsewhere(connection):
            connection.connection.driver_connection.close()  # type: ignore[union-attr]
            raise ConnectionAbortedError("link lost")
        connection.invalidate()
