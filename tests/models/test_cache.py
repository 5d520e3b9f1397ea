from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import DatabaseError

from lapor_desk.models.cache import Complaint, FollowUp, SyncState, fts, open_cache
from lapor_desk.models.cache.fts import owners_differ
from lapor_desk.models.cache.search import (
    OwnersDiffer,
    integrity_check,
    search_complaint_ids,
    search_matches,
)
from lapor_desk.models.cache.store import (
    SCHEMA_HEAD,
    at_head,
    current_revision,
    head_revision,
    upgrade,
)
from tests.sync.wire import complaint


def _row(cid: str, **over: object) -> dict[str, object]:
    row = complaint(cid, **over)
    for key in ("handler_unit_ids", "duplicate_ids", "tags"):
        row[key] = "[]"
    row["server_version"] = row["version"]
    return row


def _before_0010(row: dict[str, object]) -> dict[str, object]:
    """A row as revisions before 0010 held it (without the national tracking number and link,
    and the reporter's rating of 0012)."""
    return {k: v for k, v in row.items()
            if not k.startswith("national_") and k not in ("rating", "rating_note", "rated_at")}


def test_open_creates_wal_cache_with_sync_state(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "p")
    assert cache.path.exists() and cache.blob_dir.is_dir()
    with cache.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        state = c.execute(select(SyncState)).one()
    assert state.next_mutation_id == 1 and len(state.client_id) == 36
    assert current_revision(cache.engine) == head_revision()
    cache.close()


def test_schema_head_is_alembics_head_and_a_cache_there_skips_alembic(tmp_path: Path) -> None:
    assert SCHEMA_HEAD == head_revision()  # bump SCHEMA_HEAD with every new migration
    cache = open_cache(tmp_path, migrate=False)
    assert not at_head(cache.engine)  # a new file: no revision yet
    upgrade(cache.engine)
    assert at_head(cache.engine)
    cache.close()
    code = ("import sys; from lapor_desk.models.cache import open_cache; "
            f"open_cache({str(tmp_path)!r}).close(); "
            "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "False"  # opening a cache at head never loads Alembic


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_closed_cache_refuses_connections_and_makes_no_files(tmp_path: Path,
                                                               encrypted: bool) -> None:
    import shutil

    from lapor_desk.models.cache import crypto
    from lapor_desk.models.cache.store import CacheClosed

    cache = open_cache(tmp_path / "p", key=crypto.new_key() if encrypted else None)
    cache.close()
    shutil.rmtree(tmp_path / "p")  # signing out deletes the profile
    with pytest.raises(CacheClosed), cache.engine.connect():
        pass
    assert not (tmp_path / "p").exists()


def test_reopen_keeps_client_id_and_rows(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        c.execute(insert(Complaint), [_row("a"), _row("b")])
        client_id = c.execute(select(SyncState.client_id)).scalar_one()
    cache.close()
    again = open_cache(tmp_path)
    with again.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Complaint)).scalar_one() == 2
        assert c.execute(select(SyncState.client_id)).scalar_one() == client_id
    again.close()


def test_upgrade_from_older_revision_keeps_data(tmp_path: Path) -> None:
    """A cache made at revision 0001 and populated upgrades to head keeping every row."""
    cache = open_cache(tmp_path, migrate=False)
    upgrade(cache.engine, "0001")
    with cache.engine.begin() as c:
        c.execute(insert(SyncState).values(id=1, client_id="c-1", next_mutation_id=7))
        c.execute(insert(Complaint), [_before_0010(_row(f"c{i}")) for i in range(20)])
        c.execute(insert(FollowUp), [_follow_up(f"f{i}", f"c{i % 25}", "Puskesmas tutup")
                                     for i in range(30)])  # 5 whose complaint is not here
    cache.close()
    cache = open_cache(tmp_path)  # runs upgrade head
    assert current_revision(cache.engine) == head_revision()
    with cache.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Complaint)).scalar_one() == 20
        assert c.execute(select(SyncState.next_mutation_id)).scalar_one() == 7
        # 0005 gave every follow-up its complaint's rowid (null for the 5 without one)
        assert owners_differ(c) == 0
        assert c.exec_driver_sql("SELECT count(*) FROM follow_up_owner "
                                 "WHERE complaint_rowid IS NULL").scalar_one() == 5
        assert len(search_matches(c, "puskesmas").rowids) == 20
        assert search_complaint_ids(c, "berlubang c3") == ["c3"]
    upgrade(cache.engine)  # a no-op at head
    cache.close()


def test_fts_follows_upsert_update_and_delete(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        c.execute(insert(Complaint), [_row("a", title="Lampu jalan padam"), _row("b")])
        c.execute(insert(FollowUp).values(id="f1", complaint_id="b", kind="reply",
                                          body="Petugas sudah memperbaiki pompa air", at="x"))
    with cache.engine.begin() as c:
        assert search_complaint_ids(c, "lampu") == ["a"]
        assert search_complaint_ids(c, "pompa") == ["b"]
        assert search_complaint_ids(c, "") == []
        assert search_complaint_ids(c, 'lampu" OR *') == []  # hostile input is just words
        c.execute(update(Complaint).where(Complaint.id == "a").values(title="Trotoar retak"))
        c.execute(update(Complaint).where(Complaint.id == "a").values(status="done"))
        assert search_complaint_ids(c, "lampu") == []
        assert search_complaint_ids(c, "trotoar") == ["a"]
        c.execute(text("DELETE FROM follow_up WHERE id='f1'"))
        assert search_complaint_ids(c, "pompa") == []
        c.execute(text("DELETE FROM complaint WHERE id='a'"))
        assert search_complaint_ids(c, "trotoar") == []
        integrity_check(c)


def _follow_up(fid: str, cid: str, body: str) -> dict[str, object]:
    return {"id": fid, "complaint_id": cid, "kind": "reply", "body": body, "at": "x"}


def _owners(c: Any) -> dict[str, str | None]:
    """Each follow-up's id and the id of the complaint ``follow_up_owner`` gives for it."""
    return {str(r[0]): r[1] for r in c.exec_driver_sql(
        "SELECT f.id, c.id FROM follow_up_owner o JOIN follow_up f ON f.rowid = o.follow_up_rowid "
        "LEFT JOIN complaint c ON c.rowid = o.complaint_rowid")}


def _found(c: Any, words: str) -> set[str]:
    rowids = search_matches(c, words).rowids
    return {str(r[0]) for r in c.execute(select(Complaint.id).where(
        text("complaint.rowid IN (SELECT value FROM json_each(:ids))")),
        {"ids": json.dumps(sorted(rowids))})}


def test_follow_up_owner_keeps_each_follow_ups_complaint(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        c.execute(insert(Complaint), [_row("a"), _row("b")])
        c.execute(insert(FollowUp), [_follow_up("f1", "a", "Pompa air diganti"),
                                     _follow_up("f2", "z", "Pompa air baru")])
        assert _owners(c) == {"f1": "a", "f2": None}  # z is not in the cache yet
        assert _found(c, "pompa") == {"a"}
        c.execute(insert(Complaint), [_row("z")])  # ... now it is
        assert _owners(c) == {"f1": "a", "f2": "z"} and _found(c, "pompa") == {"a", "z"}
        c.execute(text("DELETE FROM complaint WHERE id = 'a'"))  # left the scope
        assert _owners(c) == {"f1": None, "f2": "z"} and _found(c, "pompa") == {"z"}
        c.execute(insert(Complaint), [_row("a")])  # back, under another rowid
        assert _owners(c) == {"f1": "a", "f2": "z"} and _found(c, "pompa") == {"a", "z"}
        c.execute(update(FollowUp).where(FollowUp.id == "f2").values(complaint_id="b"))
        assert _owners(c) == {"f1": "a", "f2": "b"} and _found(c, "pompa") == {"a", "b"}
        c.execute(update(Complaint).where(Complaint.id == "b").values(title="Pasar"))  # upsert
        assert _found(c, "pompa") == {"a", "b"}
        c.execute(text("DELETE FROM follow_up WHERE id = 'f1'"))
        assert _owners(c) == {"f2": "b"} and _found(c, "pompa") == {"b"}
        integrity_check(c)
        # A wrong row is caught.
        c.exec_driver_sql("UPDATE follow_up_owner SET complaint_rowid = 999")
        with pytest.raises(OwnersDiffer):
            integrity_check(c)
    cache.close()


def test_upgrade_in_the_middle_of_a_bulk_load_leaves_the_new_lookups_to_its_end(
        tmp_path: Path) -> None:
    """A cache at 0004 whose first sync was cut short opens at 0005: ``follow_up_owner`` and
    the duplicate-links index are made when the load completes, like the other indexes."""
    cache = open_cache(tmp_path, migrate=False)
    upgrade(cache.engine, "0004")
    with cache.engine.begin() as c:
        c.execute(insert(SyncState).values(id=1, client_id="c-1", next_mutation_id=1))
        fts.suspend(c)
        c.execute(insert(Complaint), [_before_0010(_row("a", duplicate_ids='["b"]')),
                                     _before_0010(_row("b"))])
        c.execute(insert(FollowUp), [_follow_up("f1", "a", "Puskesmas tutup")])
    cache.close()
    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        names = {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "follow_up_owner" in names and "ix_complaint_duplicate_links" not in names
        assert not names & set(fts.OWNER_TRIGGER_NAMES) and not fts.triggers_present(c)
        fts.resume(c)  # the load completes
        names = {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert {"ix_complaint_duplicate_links", *fts.OWNER_TRIGGER_NAMES} <= names
        assert owners_differ(c) == 0 and _found(c, "puskesmas") == {"a"}
        integrity_check(c)
    cache.close()


def test_fts_integrity_check_detects_damage(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        c.execute(insert(Complaint), [_row("a")])
        c.exec_driver_sql("INSERT INTO complaint_fts(rowid, title, body) VALUES (999, 'x', 'y')")
    with pytest.raises(DatabaseError), cache.engine.begin() as c:
        integrity_check(c)


def test_writers_take_the_write_lock_up_front(tmp_path: Path) -> None:
    """A read-then-write transaction waits for another writer instead of failing."""
    import threading
    import time

    cache = open_cache(tmp_path)
    with cache.engine.begin() as c:
        c.execute(insert(Complaint), [_row("a")])
    holding = threading.Event()

    def other_writer() -> None:
        with cache.writer.begin() as c:
            c.execute(update(Complaint).values(title="Judul lain"))
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=other_writer)
    thread.start()
    holding.wait(5)
    with cache.writer.begin() as c:  # BEGIN IMMEDIATE: waits for the lock, then reads fresh
        title = c.execute(select(Complaint.title)).scalar_one()
        c.execute(update(Complaint).values(title=title + " (2)"))
    thread.join()
    with cache.engine.connect() as c:
        assert c.execute(select(Complaint.title)).scalar_one() == "Judul lain (2)"
    cache.close()
