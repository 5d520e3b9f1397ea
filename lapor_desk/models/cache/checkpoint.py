"""A bulk load's WAL checkpoints on a thread of their own.

In WAL mode every commit appends the transaction's pages to the ``-wal`` file, and the commit
that takes the WAL past ``wal_autocheckpoint`` pages (1,000 by default) also *checkpoints*: it
copies the WAL's pages into the database file and syncs it, before the commit returns. During a
bulk load (an initial sync: 63 pages of 20,000 rows, each page its own transaction) that copy is
about half of what a commit costs, on the thread that applies the pages.

:func:`checkpoints_elsewhere` turns the automatic checkpoint off on the connection that applies
the pages and has :class:`BackgroundCheckpoints` run a ``PASSIVE`` checkpoint on a connection of
its own after each commit, while the next page is checked and applied. A passive checkpoint
never waits for a reader or the writer and never blocks them: it copies what was committed and
can be copied; SQLite starts the WAL over from the beginning once everything in it has been
copied. Durability is unchanged (each commit is in the synced WAL before it returns, as with
``synchronous=FULL`` always); a checkpoint that fails or is cut short leaves the WAL as it was,
and the next checkpoint (here or any connection's automatic one) copies it. When the load ends
the connection gets its automatic checkpoint back, so the next commit on it copies the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine

log = logging.getLogger("lapor_desk.cache.checkpoint")


class BackgroundCheckpoints:
    """A thread that runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own pooled connection each
    time :meth:`request` is called (requests made while one runs are merged into the next)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wake = threading.Event()
        self._requested = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Checkpoints run so far, and the WAL pages they copied.
        self.runs = 0
        self.copied = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="lapor-wal-checkpoint",
                                        daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._requested.set()
        self._wake.set()

    def close(self) -> None:
        """Stop the thread once the checkpoint running or asked for has run (a checkpoint is
        never cut off)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        raw = self._engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._requested.is_set():
                    self._requested.clear()
                    self._checkpoint(driver)
                if self._stop.is_set():
                    return
        finally:
            raw.close()

    def _checkpoint(self, driver: Any) -> None:
        try:
            _busy, _in_wal, copied = driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except Exception as error:  # noqa: BLE001 - the next checkpoint copies what is left
            log.warning("event=checkpoint_failed error=%s", error)
            return
        self.runs += 1
        self.copied += max(int(copied), 0)


@contextmanager
def checkpoints_elsewhere(connection: Connection) -> Iterator[BackgroundCheckpoints]:
    """While inside, ``connection`` (held by the caller and not in a transaction) leaves its
    checkpoints to a :class:`BackgroundCheckpoints`, which the caller wakes after each commit;
    on the way out the thread is stopped and the connection's automatic checkpoint restored."""
    driver = connection.connection.driver_connection
    assert driver is not None
    before = int(driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    driver.execute("PRAGMA wal_autocheckpoint=0")
    worker = BackgroundCheckpoints(connection.engine)
    worker.start()
    try:
        yield worker
    finally:
        worker.close()
        try:
            driver.execute(f"PRAGMA wal_autocheckpoint={before}")
        except Exception as error:  # noqa: BLE001 - a closed connection is not given out again
            log.warning("event=autocheckpoint_not_restored error=%s", error)
