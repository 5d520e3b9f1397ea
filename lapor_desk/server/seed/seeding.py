"""``seed_database``: a deterministic region with N complaints and believable histories.

Rows are generated in chunks (:mod:`.pipeline`) and written straight to the driver
(:mod:`.writer`) in ONE transaction, so a failed seed leaves nothing behind; every replicated
row gets a unique ``seq`` from one block of the change counter (read ``FOR UPDATE`` once, set to
the last seq used).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from lapor_desk.models.enums import Status
from lapor_desk.server.db import Agency, Counter, User
from lapor_desk.server.seed.directory import SeededUser
from lapor_desk.server.seed.pipeline import PARALLEL_FROM, ChunkProducer, new_factory, stream_chunks
from lapor_desk.server.seed.rows import Chunk, RowEncoder
from lapor_desk.server.seed.timeline import DEFAULT_NOW
from lapor_desk.server.seed.writer import BulkWriter, check_empty, write_blobs


@dataclass
class SeedReport:
    users: list[SeededUser]
    counts: dict[str, int]
    seed: int = 0
    now: str = ""
    seconds: float = 0.0
    first_seq: int = 0
    last_seq: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "now": self.now,
            "seconds": round(self.seconds, 2),
            "seq_range": [self.first_seq, self.last_seq],
            "timings": dict(self.timings),
            "counts": dict(self.counts),
            "users": [
                {"username": u.username, "role": u.role, "unit_id": u.unit_id,
                 "unit_name": u.unit_name, "display_name": u.display_name}
                for u in self.users
            ],
        }


def _password_hash(password: str, seed: int) -> str:
    """Hashed once for every user. The salt comes from the seed, so the same seed gives the same
    database byte for byte (a demo/training password, not a real account's)."""
    from lapor_desk.server.services.passwords import hash_password

    salt = hashlib.sha256(f"lapor-desk-seed:{seed}".encode()).digest()[:16]
    return hash_password(password, salt=salt)


def seed_database(
    url: str,
    *,
    complaints: int,
    seed: int,
    password: str,
    now: datetime | None = None,
    blob_dir: Path | None = None,
    parallel: bool | None = None,
) -> SeedReport:
    """Fill an initialised, empty database with a region and ``complaints`` complaints.

    Deterministic: the same arguments give the same rows (ids, texts, times, seqs), on SQLite and
    PostgreSQL alike. With ``blob_dir`` the attachments' (small, real) files are written there
    and registered as complete blobs. ``parallel`` (default: from 20,000 complaints on a
    multi-core machine) generates in a child process while this one writes; the rows are the
    same. Everything is one transaction. The engine is disposed before returning, so the
    database file can be copied at once.
    """
    from lapor_desk.server.database import make_engine

    if complaints < 0:
        raise ValueError("complaints must not be negative")
    started = time.perf_counter()
    now = (now or DEFAULT_NOW).astimezone(UTC)
    if parallel is None:
        parallel = (complaints >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2
                    and not getattr(sys, "frozen", False))  # a frozen app has no ``python -m``
    password_hash = _password_hash(password, seed)
    factory, directory, user_rows, users = new_factory(seed, now)
    for row in user_rows:
        row["password_hash"] = password_hash
    counts: dict[str, int] = {
        "agencies": len(directory.nodes), "users": len(user_rows), "complaints": 0,
        "reporters": 0, "follow_ups": 0, "dispositions": 0, "attachments": 0, "events": 0,
        "ratings": 0,
        **{f"status_{s}": 0 for s in Status},
    }
    timings = {"generate_wait": 0.0, "write": 0.0}
    engine = make_engine(url)
    producer: ChunkProducer | None = None
    try:
        with engine.begin() as conn:
            check_empty(conn)
            counter = conn.execute(
                select(Counter.value).where(Counter.name == "change_seq").with_for_update()
            ).scalar_one_or_none()
            if counter is None:
                conn.execute(insert(Counter), [{"name": "change_seq", "value": 0}])
                counter = 0
            writer = BulkWriter(conn)
            if writer.sqlite:  # random UUID keys: keep the B-trees in memory while loading
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            rows = RowEncoder(writer.flavour, int(counter) + 1)
            first_seq = rows.seq
            writer.insert(Agency, [n.row(rows.next()) for n in directory.nodes])
            writer.insert(User, user_rows)
            if parallel:
                producer = ChunkProducer(seed, now, complaints, rows.seq, writer.flavour)
                chunks: Iterator[Chunk] = iter(producer)
            else:
                chunks = stream_chunks(factory, rows, complaints)
            while True:
                mark = time.perf_counter()
                chunk = next(chunks, None)
                timings["generate_wait"] += time.perf_counter() - mark
                if chunk is None:
                    break
                mark = time.perf_counter()
                tables, chunk_counts = chunk
                for table, columns, table_rows in tables:
                    writer.bulk(table, columns, table_rows)
                for key, value in chunk_counts.items():
                    counts[key] += value
                timings["write"] += time.perf_counter() - mark
            if producer is not None:
                used = producer.used
                rows.seq = producer.next_seq
            else:
                used = sorted(factory.used_blobs)
            last_seq = rows.seq - 1
            conn.execute(update(Counter).where(Counter.name == "change_seq").values(value=last_seq))
            if blob_dir is not None:
                write_blobs(conn, seed, used, blob_dir, now)
            writer.move_id_sequences()
            mark = time.perf_counter()
        timings["commit"] = time.perf_counter() - mark
    finally:
        if producer is not None:
            producer.close()
        engine.dispose()
    counts["seqs"] = last_seq - first_seq + 1
    return SeedReport(users=users, counts=counts, seed=seed,
                      now=now.isoformat().replace("+00:00", "Z"),
                      seconds=time.perf_counter() - started, first_seq=first_seq,
                      last_seq=last_seq,
                      timings={k: round(v, 2) for k, v in timings.items()})


__all__ = ["DEFAULT_NOW", "SeedReport", "SeededUser", "seed_database"]
