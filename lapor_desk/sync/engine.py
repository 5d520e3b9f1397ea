"""The headless sync engine: push the outbox, pull pages, keep blobs.

One :meth:`SyncEngine.sync` is: push (upload blobs first, then actions in batches of at most
500, storing every answer; :mod:`lapor_desk.sync.pushing`) and then pull (each page and its
cursor in ONE transaction, so an interruption resumes from the last committed page: never from
zero, never skipping). Pending actions are replayed over pulled rows (see
:mod:`lapor_desk.sync.localview`). A server that went back to a backup (a new epoch,
:mod:`lapor_desk.sync.epoch`) is noticed at a push or a pull: what it no longer holds is sent
again and everything pulled again from the start.

The service layer runs the engine on its network worker, passes a ``progress`` callback and sets
``cancel`` (checked between pages and batches) to stop it. The only threads the engine starts
are the pull's pipeline (fetching the next pages) and, during a bulk load, the WAL checkpoints'
(:mod:`lapor_desk.models.cache.checkpoint`); both live inside :meth:`SyncEngine.pull`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import select, update

from lapor_desk.models.cache import fts
from lapor_desk.models.cache.checkpoint import BackgroundCheckpoints, checkpoints_elsewhere
from lapor_desk.models.cache.schema import SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.models.gc_pause import gc_paused
from lapor_desk.sync import epoch as server_epoch
from lapor_desk.sync import localview as lv
from lapor_desk.sync.api import Api
from lapor_desk.sync.apply import apply_page, reset_cache
from lapor_desk.sync.blobs import download_attachment
from lapor_desk.sync.errors import CancelledError, ProtocolError, storage_guard
from lapor_desk.sync.log import event
from lapor_desk.sync.pipeline import PagePipeline, next_cursor
from lapor_desk.sync.protocol import (
    Health,
    Login,
    Page,
    ServerEpoch,
    UserInfo,
    parse_page,
    pull_fraction,
)
from lapor_desk.sync.pushing import MAX_BATCH, MAX_RESETS, PushSide
from lapor_desk.sync.report import Progress, SyncReport
from lapor_desk.sync.transport import Transport, never

log = logging.getLogger("lapor_desk.sync.engine")

PREFETCH_MIN_ROWS = 1000
PAGE_LIMIT = 10_000
PAGE_MAX_BYTES = 8 * 1024 * 1024
#: Pages of a bulk load (empty cache, indexes suspended): as big as the server allows, so
#: there are half as many commits (each rewrites the id indexes' pages it touched).
BULK_PAGE_LIMIT = 20_000
BULK_PAGE_MAX_BYTES = 16 * 1024 * 1024
#: Pages in the packed layout (schema version 3, docs/sync-protocol.md): fewer bytes on the
#: wire than the columnar layout (version 2; bench/pull_bench.py). Every layout a server
#: answers in (rows, columns, packed) is read.
PAGE_LAYOUT = "packed"


class SyncEngine(PushSide):
    def __init__(
        self,
        cache: Cache,
        transport: Transport,
        *,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        clock: Callable[[], datetime] = utcnow,
        config: DomainConfig | None = None,
        page_limit: int | None = None,
        page_max_bytes: int | None = None,
        batch_size: int = MAX_BATCH,
        prefetch_min_rows: int = PREFETCH_MIN_ROWS,
        page_layout: str = PAGE_LAYOUT,
    ) -> None:
        self.cache = cache
        self.transport = transport
        #: Every endpoint, called through ``transport``.
        self.api = Api(transport)
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.clock = clock
        self.config = config or default_config()
        self.page_limit = PAGE_LIMIT if page_limit is None else page_limit
        self.page_max_bytes = PAGE_MAX_BYTES if page_max_bytes is None else page_max_bytes
        #: Page size of a bulk load; a caller that chose a page size gets it there too.
        self.bulk_page_limit = BULK_PAGE_LIMIT if page_limit is None else page_limit
        self.bulk_page_max_bytes = (BULK_PAGE_MAX_BYTES if page_max_bytes is None
                                    else page_max_bytes)
        self.batch_size = min(batch_size, MAX_BATCH)
        #: Fetch the next page while applying one of at least this many rows (small pages are
        #: cheap to apply: no thread is worth it).
        self.prefetch_min_rows = prefetch_min_rows
        #: The agency directory, read again only when a pull may have changed it.
        self._directories = lv.DirectoryCache()
        #: ``packed`` (schema version 3, the default), ``columns`` (version 2) or ``rows``
        #: (version 1), e.g. to compare them.
        self.page_layout = page_layout

    # --- account ------------------------------------------------------------------------------

    def health(self) -> Health:
        return self.api.health()

    def login(self, username: str, password: str, device: str) -> Login:
        """Sign in; the token is set on the transport and the user stored in the cache."""
        login = self.api.login(username, password, device)
        self.transport.token = login.token
        self.remember_user(login.user)
        return login

    def me(self) -> UserInfo:
        user = self.api.me()
        self.remember_user(user)
        return user

    def remember_user(self, user: UserInfo) -> None:
        with storage_guard(self.cache.profile_dir), self.cache.writer.begin() as connection:
            connection.execute(update(SyncState).where(SyncState.id == 1).values(
                server_url=self.transport.base_url, user_id=user.id, username=user.username,
                display_name=user.display_name, role=str(user.role), unit_id=user.unit_id,
                scope_root_id=user.scope_root_id,
            ))

    # --- one round --------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """One round. A failing disk stops it with :class:`StorageError`: the page or answer
        being written is rolled back, what was committed stays, and the next round resumes."""
        report = SyncReport()
        self.transport.should_stop = self.cancel.is_set  # no retries once cancelled
        try:
            with storage_guard(self.cache.profile_dir):
                self.push(report)
                resent = report.resent
                self.pull(report)
                if report.resent > resent:  # the pull found the server restored: send again
                    self.push(report)
                    self.pull(report)
                now = lv.wire_time(self.clock())
                with self.cache.writer.begin() as connection:
                    connection.execute(update(SyncState).where(SyncState.id == 1).values(
                        last_sync_at=now))
        finally:
            self.transport.should_stop = never
        report.finished_at = now
        self._progress("done", report.rows, report.uploaded_bytes)
        event(log, "sync.done", pushed=report.pushed, applied=report.applied,
              rejected=report.rejected, conflicts=report.conflicts, pages=report.pages,
              rows=report.rows, resets=report.resets)
        return report

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise CancelledError("sync cancelled")

    def _progress(self, phase: str, records: int, moved: int,
                  fraction: float | None = None) -> None:
        if self.progress is not None:
            self.progress(Progress(phase, records, moved, fraction))

    # --- pull -------------------------------------------------------------------------------------

    def _fetch_body(self, cursor: str | None, bulk: bool = False) -> tuple[Any, int]:
        """GET one pull page: its JSON (not yet checked) and the bytes it took on the wire."""
        params: dict[str, Any] = (
            {"limit": self.bulk_page_limit, "max_bytes": self.bulk_page_max_bytes} if bulk
            else {"limit": self.page_limit, "max_bytes": self.page_max_bytes})
        params["layout"] = self.page_layout
        if cursor:
            params["cursor"] = cursor
        with gc_paused():
            body = self.api.pull_answer(params)
        return body, getattr(self.transport, "last_wire_bytes", 0)

    @staticmethod
    def _check_page(fetched: tuple[Any, int]) -> Page:
        """Check and decode a fetched page."""
        body, wire_bytes = fetched
        try:
            with gc_paused():
                page = parse_page(body)
        except ProtocolError as exc:  # nothing of the page was applied
            event(log, "sync.page_refused", logging.WARNING, code=exc.code, error=str(exc))
            raise
        return replace(page, wire_bytes=wire_bytes)

    def _fetch_page(self, cursor: str | None, bulk: bool = False) -> Page:
        return self._check_page(self._fetch_body(cursor, bulk))

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        """Pull pages until the server has no more, each applied with its cursor in one
        transaction.

        From the first big page on, the next pages are fetched ahead on the pipeline's thread
        (:mod:`lapor_desk.sync.pipeline`): page N+1 is asked for as soon as page N's JSON has
        arrived, while page N is checked and applied here. At most two pages are fetched ahead
        of the one being applied, so memory stays flat; pages are still applied and their
        cursors committed strictly in order, an error surfaces after the pages before it are
        committed, and cancel is honoured before every page (the request in flight, if any, is
        waited for and dropped, so the transport is never used by two threads at once). Small
        pages are fetched inline: no thread is worth it.
        """
        report = report or SyncReport()
        with self.cache.engine.connect() as connection:
            actor = lv.load_actor(connection)
            directory = self._directories.get(connection)
        resets = 0
        received = 0
        first_progress: tuple[int, int, int] | None = None
        with self.cache.engine.connect() as connection:
            known_epoch = server_epoch.known_epoch(connection)
        heard: ServerEpoch | None = None
        with self.cache.engine.connect() as connection:
            # A bulk load cut short (cancel, crash, network) carries on as a bulk load.
            bulk = not fts.triggers_present(connection)
        ahead: PagePipeline | None = None
        # The pages are applied on one connection held for the pull; during a bulk load its
        # WAL checkpoints run on a thread of their own (cache/checkpoint.py).
        page_writer = self.cache.writer.connect()
        stack = ExitStack()
        checkpoints: BackgroundCheckpoints | None = None
        try:
            while True:
                self._check_cancel()
                page: Page | None = None
                if ahead is not None:
                    fetched = ahead.next()
                    self._check_cancel()
                    if fetched is None:  # the pipeline ended without the last page: go inline
                        ahead.close()
                        ahead = None
                    else:
                        page = self._check_page(fetched)
                        del fetched
                if page is None:
                    with self.cache.engine.connect() as connection:
                        cursor = connection.execute(select(SyncState.cursor).where(
                            SyncState.id == 1)).scalar_one_or_none()
                    if not cursor and not bulk:
                        # Loading from scratch: index in bulk (cache/fts.py), not row by row.
                        with self.cache.writer.begin() as connection:
                            fts.suspend(connection)
                        bulk = True
                    page = self._fetch_page(cursor, bulk)
                heard = page.epoch or heard
                if page.epoch is not None and known_epoch not in (None, page.epoch.id):
                    # The server went back to a backup: send again what it no longer holds,
                    # and pull from the start (its cursor is void).
                    if ahead is not None:
                        ahead.close()
                        ahead = None
                    resets += 1
                    if resets > MAX_RESETS:
                        raise ProtocolError("server keeps changing its epoch", code="reset_loop")
                    self._went_back(page.epoch, report)
                    report.resets += 1
                    known_epoch = page.epoch.id
                    directory = lv.load_directory_empty()
                    with self.cache.engine.connect() as connection:
                        actor = lv.load_actor(connection)
                    continue
                if page.reset:
                    if ahead is not None:  # nothing follows a reset page
                        ahead.close()
                        ahead = None
                    resets += 1
                    if resets > MAX_RESETS:
                        raise ProtocolError("server keeps resetting the cursor",
                                            code="reset_loop")
                    with self.cache.writer.begin() as connection:
                        reset_cache(connection)
                    directory = lv.load_directory_empty()
                    # Our scope changed (or the server did): learn who we are now.
                    self.me()
                    with self.cache.engine.connect() as connection:
                        actor = lv.load_actor(connection)
                    report.resets += 1
                    event(log, "sync.reset", had_cursor=report.pages > 0 or bool(cursor))
                    continue
                if (ahead is None and page.has_more and page.cursor
                        and page.row_count >= self.prefetch_min_rows):
                    ahead = PagePipeline(partial(self._fetch_body, bulk=bulk), page.cursor,
                                         follow=lambda fetched: next_cursor(fetched[0]))
                if bulk and checkpoints is None:
                    checkpoints = stack.enter_context(checkpoints_elsewhere(page_writer))
                with page_writer.begin():
                    if known_epoch is None and page.epoch is not None:
                        server_epoch.remember(page_writer, page.epoch)
                        known_epoch = page.epoch.id
                    directory = apply_page(page_writer, page, actor, directory, self.config)
                    if bulk and (ahead is None or not ahead.ready()):
                        # Nothing to apply yet: make the rows so far searchable meanwhile
                        # (cache/fts.py); when pages come faster, the end does it at once.
                        fts.index_new_rows(page_writer)
                if checkpoints is not None:
                    checkpoints.request()
                report.pages += 1
                report.rows += page.row_count
                received += page.wire_bytes
                first_progress = first_progress or page.progress
                self._progress("pull", report.rows, received,
                               pull_fraction(first_progress, page.progress))
                event(log, "sync.page", rows=page.row_count, has_more=page.has_more)
                if not page.has_more:
                    break
                del page  # only the pages in the pipeline stay in memory
        finally:
            if ahead is not None:
                ahead.close()  # never leave the transport to a thread we no longer watch
            try:
                stack.close()  # the checkpoints' thread stopped, the automatic ones back
            finally:
                page_writer.close()
        with self.cache.writer.begin() as connection:
            if bulk:
                fts.resume(connection)
            # The directory as the pages left it (apply_page reads it again when one carries
            # agencies; a reset starts it empty).
            lv.rebuild(connection, lv.snapshot_ids(connection), actor, directory, self.config)
            server_epoch.let_go(connection, heard)
        return report

    # --- blobs ------------------------------------------------------------------------------------

    def download_attachment(self, attachment_id: str) -> Any:
        total = 0

        def moved(count: int) -> None:
            nonlocal total
            total += count
            self._progress("download", 0, total)

        return download_attachment(self.cache, self.transport, attachment_id, moved)


__all__ = ["MAX_BATCH", "MAX_RESETS", "Progress", "SyncEngine", "SyncReport"]
