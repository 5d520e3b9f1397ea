"""Pull pages made before they are asked for.

A desktop that pulls many pages (an initial sync) asks for page N+1 with the cursor of page N. So
when the server answers a page that has more after it, it starts making the next page at once, on
a thread of its own, while page N travels to the desktop and is checked and applied there; when
the request for it arrives, the page is ready (or nearly). On a kabupaten office's link the
server's work on a page then hides under the transfer of the one before it instead of adding to
it.

A page made ahead is exactly the page a request at that moment would have got (one snapshot,
docs/sync-protocol.md), and it is handed out only to the same user, with the same scope epoch,
cursor, page size, layout and content coding; authentication runs on the request as always.
Pages not asked for within :data:`TTL` seconds are dropped; at most :data:`MAX_PAGES` are held
(a few hundred kilobytes each, compressed). :meth:`ReadAhead.close` waits for the page being
made.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from lapor_desk.server.logs import event

log = logging.getLogger(__name__)

#: Seconds a page made ahead waits to be asked for.
TTL = 30.0
#: Pages made ahead held at once (one per desktop in the middle of a big pull).
MAX_PAGES = 8


@dataclass(frozen=True)
class PageKey:
    user_id: int
    scope_epoch: int
    cursor: str | None
    limit: int
    max_bytes: int
    layout: str
    coding: str | None


@dataclass(frozen=True)
class ReadyPage:
    body: bytes  # compressed with ``coding`` (or not, when ``coding`` is None)
    coding: str | None
    #: The cursor of the page after this one, when there is one (has_more).
    next_cursor: str | None
    #: Its changes and tombstones, counted when the page is handed out (server/metrics.py).
    rows: int = 0


class ReadAhead:
    def __init__(self, *, workers: int = 1, ttl: float = TTL, max_pages: int = MAX_PAGES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers,
                                        thread_name_prefix="lapor-pull-ahead")
        self._pages: dict[PageKey, tuple[float, Future[ReadyPage]]] = {}
        self._lock = threading.Lock()
        self._ttl = ttl
        self._max = max_pages
        self._clock = clock
        self._closed = False

    def take(self, key: PageKey) -> ReadyPage | None:
        """The page made ahead for ``key`` (waiting for it if it is being made), or ``None``
        (then the request makes the page itself, also when its making had not begun yet: a
        request never waits behind pages made ahead for others)."""
        with self._lock:
            entry = self._pages.pop(key, None)
        if entry is None:
            return None
        if entry[1].cancel():  # not begun (other desktops' pages first): the request makes it
            return None
        try:
            return entry[1].result()
        except Exception as error:  # noqa: BLE001 - logged; the request makes its page
            event(log, "pull_ahead_failed", logging.WARNING, exc=error)
            return None

    def prepare(self, key: PageKey, make: Callable[[], ReadyPage]) -> None:
        """Start making the page for ``key`` unless it is there already or too many wait."""
        now = self._clock()
        with self._lock:
            if self._closed or key in self._pages:
                return
            for old, (made, future) in list(self._pages.items()):
                if now - made > self._ttl and future.done():
                    del self._pages[old]
            if len(self._pages) >= self._max:
                return
            self._pages[key] = (now, self._pool.submit(make))

    def close(self) -> None:
        """Make no more pages; wait for the one being made."""
        with self._lock:
            self._closed = True
            for _, future in self._pages.values():
                future.cancel()
            self._pages.clear()
        self._pool.shutdown(wait=True)
