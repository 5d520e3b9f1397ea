"""One upload in progress written through two workers at once: the upload's row lock, not the
worker's own lock, keeps its bytes whole (server/blobs.py; SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from sqlalchemy.engine import Engine

from lapor_desk.server.blobs import BlobError, BlobStore, UploadState
from lapor_desk.server.database import make_engine
from tests.server.builder import NOW, build_world
from tests.support.live_server import DatabaseFactory

DATA = bytes(range(256)) * (16 << 10)  # 4 MiB
SHA = hashlib.sha256(DATA).hexdigest()


def _at_once(workers: list[tuple[Engine, BlobStore]], user: int, offset: int,
             ends: tuple[int, int]) -> list[UploadState | BlobError]:
    """Worker i sends ``DATA[offset:ends[i]]``, both at the same moment."""
    start = threading.Barrier(2)
    answers: list[UploadState | BlobError] = []

    def send(index: int) -> None:
        engine, store = workers[index]
        chunk = DATA[offset:ends[index]]
        start.wait()
        try:
            answers.append(store.put_chunk(engine, SHA, offset, len(DATA), chunk, user, NOW))
        except BlobError as error:
            answers.append(error)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_two_workers_writing_one_upload_take_turns(db_factory: DatabaseFactory,
                                                   tmp_path: Path) -> None:
    url = db_factory.new_url()
    user = build_world(url).user("lo_kab_health").id
    # two workers: each its own engine and store (and so its own in-process locks), one disk
    workers = [(make_engine(url), BlobStore(tmp_path, 25 << 20)) for _ in range(2)]
    try:
        held = 0
        for step in range(5):  # the first makes the upload's row, the others find it
            ends = (held + (64 << 10) * (step + 1), held + (96 << 10) * (step + 1))
            answers = _at_once(workers, user, held, ends)
            taken = [a for a in answers if isinstance(a, UploadState)]
            refused = [a for a in answers if isinstance(a, BlobError)]
            # one chunk is written; the other finds the upload moved on and is told where to
            assert len(taken) == 1 and not taken[0].complete, answers
            held = taken[0].offset
            assert held in ends
            assert [(e.status, e.code, e.offset) for e in refused] == [
                (409, "upload_offset_mismatch", held)]
            partial = workers[0][1].partial_path(SHA, user)
            assert partial.read_bytes() == DATA[:held]
        engine, store = workers[1]
        assert store.put_chunk(engine, SHA, held, len(DATA), DATA[held:], user, NOW) == (
            UploadState(len(DATA), True))
        assert store.path(SHA).read_bytes() == DATA
    finally:
        for engine, _ in workers:
            engine.dispose()
