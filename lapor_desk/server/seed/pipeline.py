"""Where the chunks come from: this process, or a second one that generates while we write.

:func:`stream_chunks` yields the complaints' rows in chunks of :data:`CHUNK`. From
:data:`PARALLEL_FROM` complaints on, :class:`ChunkProducer` runs the same stream in a child
process (``worker.py``) and unpickles its chunks from a pipe; the rows are identical.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from lapor_desk.models.calendar import default_config
from lapor_desk.server.seed.complaints import ComplaintFactory, creation_times
from lapor_desk.server.seed.directory import Directory, SeededUser, build_users
from lapor_desk.server.seed.rows import Chunk, RowEncoder, encode_chunk
from lapor_desk.server.seed.timeline import HISTORY_DAYS

#: Complaints per chunk: memory stays bounded by one chunk's rows.
CHUNK = 5000
#: From this many complaints on, generation runs in a second process (when there are 2+ CPUs).
PARALLEL_FROM = 20_000


def new_factory(seed: int, now: datetime
                ) -> tuple[ComplaintFactory, Directory, list[dict[str, Any]], list[SeededUser]]:
    """The region, its users (rows without a password hash) and the complaint factory."""
    directory = Directory()
    user_rows, users = build_users(directory, now - timedelta(days=HISTORY_DAYS + 30), "")
    factory = ComplaintFactory(seed=seed, now=now, config=default_config(), directory=directory,
                               users=users)
    return factory, directory, user_rows, users


def stream_chunks(factory: ComplaintFactory, rows: RowEncoder, complaints: int) -> Iterator[Chunk]:
    times = creation_times(factory.rng, complaints, factory.now)
    factory.plan(complaints)
    for start in range(0, complaints, CHUNK):
        yield encode_chunk(factory, rows, times[start:start + CHUNK])


class ChunkProducer:
    """Chunks from a second process (``worker.py``): it generates on one core while this one
    writes. The pipe's buffer is the only queue, so memory stays bounded."""

    def __init__(self, seed: int, now: datetime, complaints: int, first_seq: int,
                 flavour: str) -> None:
        args = json.dumps({"seed": seed, "now": now.isoformat(), "complaints": complaints,
                           "first_seq": first_seq, "flavour": flavour})
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lapor_desk.server.seed.worker", args],
            stdout=subprocess.PIPE, stderr=self.stderr, env=env,
        )
        self.used: list[str] = []
        self.next_seq = first_seq

    def __iter__(self) -> Iterator[Chunk]:
        assert self.process.stdout is not None
        while True:
            try:
                kind, value = pickle.load(self.process.stdout)
            except EOFError:
                self.process.wait(timeout=30)
                self.stderr.seek(0)
                detail = self.stderr.read().decode("utf-8", "replace")[-4000:]
                raise RuntimeError(
                    f"seed generator process failed (exit {self.process.returncode}):\n{detail}"
                ) from None
            if kind == "chunk":
                yield value
            else:
                self.used, self.next_seq = value
                return

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.stderr.close()
