"""One reference server per test module and backend, its data put back before every test.

Starting a server and copying its database for every test cost more than most tests do. Here a
module's tests share one server on one copy of the template; before each test
:meth:`SharedServer.fresh` makes it as a server of its own would be:

- the rows as in the template (tests/support/db_reset.py), so logins, tokens, throttle rows,
  uploads and pushed actions of the test before are gone;
- the blob folder emptied (stored files and unfinished uploads);
- the server's in-memory state made anew (``ServerState.open``: caches, pages read ahead, the
  login throttle's bookkeeping, the clock) and a new blob store on the emptied folder.

A test that stops the server (it goes offline) leaves it stopped; the next test gets a server
started again on the same data. Tests that need a server of their own (other settings, a clock,
a process to kill) still start one (``start_server``, ``serve_world``, ``ServerProcess``).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from lapor_desk.server.blobs import BlobStore
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.state import ServerState
from tests.support.db_reset import DatabaseSnapshot
from tests.support.live_server import DatabaseFactory, LiveServer, start_server


class SharedServer:
    def __init__(self, db_factory: DatabaseFactory, template_url: str, seed: Any,
                 blob_dir: Path, wrap: Callable[[LiveServer], Any] = lambda live: live) -> None:
        self.db_factory = db_factory
        self.template_url = template_url
        self.seed = seed
        self.blob_dir = blob_dir
        self.wrap = wrap
        self.url = db_factory.copy_of(template_url)
        self.snapshot = DatabaseSnapshot(self.url, template_url)
        self.settings = ServerSettings(database_url=self.url, blob_dir=blob_dir,
                                       auto_close_interval=0)
        self.live: LiveServer | None = None
        self.used = False
        #: SQLite: a connection of our own that tells whether anyone else wrote since the data
        #: was last put back (``PRAGMA data_version``).
        self._watch: sqlite3.Connection | None = None
        self._version: int | None = None
        if self.snapshot.dialect == "sqlite":
            self._watch = sqlite3.connect(make_url(self.url).database or "", timeout=30,
                                          check_same_thread=False)
        #: Later states of the data, taken by :meth:`keep` (tests/support/synced_profile.py).
        self.kept: dict[str, DatabaseSnapshot] = {}
        #: Bumped whenever a server starts anew (on another port): what was kept for the old
        #: address (a profile is named after it) no longer fits.
        self.generation = 0
        from tests.support.synced_profile import SyncedProfiles

        #: Signed-in, synced profiles of this server, copied per test.
        self.profiles = SyncedProfiles(self, blob_dir.with_name(blob_dir.name + "-profiles"))

    def _running(self) -> bool:
        live = self.live
        return (live is not None and live._thread is not None and live._thread.is_alive()
                and not (live._server is not None and live._server.should_exit))

    def fresh(self) -> Any:
        """The server with the template's data, for the next test (``wrap``-ped)."""
        if self.used or not self._running():
            self._reset()
        self.used = True
        assert self.live is not None
        return self.wrap(self.live)

    def _reset(self) -> None:
        running = self._running()
        if not running and self.live is not None:
            self.live.stop()  # its engine; a restarted copy may still hold the port: a new one
            self.live = None
        if running:
            assert self.live is not None
            old: ServerState = self.live.app.state.server
            old.read_ahead.close()
            old.engine.dispose()
        if self.used:
            self.snapshot.restore()
        shutil.rmtree(self.blob_dir, ignore_errors=True)
        self.blob_dir.mkdir(parents=True)
        if running:
            assert self.live is not None
            app = self.live.app
            app.state.server = ServerState.open(self.settings)
            app.state.blobs = BlobStore(Path(self.settings.resolved_blob_dir()),
                                        self.settings.max_blob_bytes)
            self.live.engine.dispose()
        else:
            self.live = start_server(self.settings, seed=self.seed)
            self.live.shared = self
            self.generation += 1
            for kept in self.kept.values():
                kept.close()
            self.kept.clear()
        self._version = self._data_version()

    def _data_version(self) -> int | None:
        if self._watch is None:
            return None
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def untouched(self) -> bool:
        """Nothing was written to the data since it was last put back (SQLite only: on
        PostgreSQL this is never known, and False)."""
        return self._watch is not None and self._data_version() == self._version

    def keep(self, name: str) -> None:
        """Keep the data as it is now under ``name`` (after a sign-in and sync, say)."""
        self.kept[name] = DatabaseSnapshot(self.url, name=name)
        self._version = self._data_version()

    def restore(self, name: str) -> None:
        """Put back the data kept under ``name``; the server's in-memory state is made anew."""
        assert self.live is not None and self._running()
        state: ServerState = self.live.app.state.server
        state.read_ahead.close()
        state.engine.dispose()
        self.kept[name].restore()
        self.live.app.state.server = ServerState.open(self.settings)
        self.live.engine.dispose()
        self._version = self._data_version()

    def close(self) -> None:
        if self.live is not None:
            if self._running():
                state: ServerState = self.live.app.state.server
                self.live.stop()  # the lifespan closes the state it started with
                state.read_ahead.close()
                state.engine.dispose()
            else:
                self.live.stop()
        for kept in self.kept.values():
            kept.close()
        if self._watch is not None:
            self._watch.close()
        self.snapshot.close()
