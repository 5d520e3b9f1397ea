"""The pull's pipeline: the next pages fetched and checked while one is applied.

On a big pull (an initial sync) three things happen at once: the *fetch* thread asks the server for
page N+2 as soon as page N+1's JSON has arrived (its cursor is in it), the *check* thread turns
page N+1 into a :class:`~lapor_desk.sync.protocol.Page` (``parse_page``: every value checked and
decoded), and the caller applies page N to the cache. So the server builds the next page while
this machine checks and applies the last ones, instead of waiting for each page to be checked
before it is asked for the next.

At most ``depth`` pages are fetched ahead of the one the caller last took, so memory stays flat.
Pages come out strictly in order; an error (the network, a malformed page) comes out in its page's
place, after every page before it, and ends the pipeline. A page the check thread refuses is never
handed out, so nothing fetched with a cursor from a page that failed its check is either.
:meth:`PagePipeline.close` stops both threads and waits for them (a request in flight is waited
for and dropped), so the transport is never left to a thread nobody watches. No Qt here.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

PageT = TypeVar("PageT")

#: How often a waiting thread looks whether the pipeline was closed (seconds).
_POLL = 0.05


class _End:
    """The fetch thread's last item: the last page was fetched, or fetching failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def next_cursor(body: Any) -> str | None:
    """The cursor to ask for after ``body`` (an unchecked pull page), or ``None`` when no page
    follows it (the last page, a reset, or something the check will refuse)."""
    if not isinstance(body, dict) or body.get("has_more") is not True or body.get("reset"):
        return None
    cursor = body.get("cursor")
    return cursor if isinstance(cursor, str) and cursor else None


class PagePipeline(Generic[PageT]):
    """Pages after ``cursor``: ``fetch(cursor)`` gives what arrived for a page (on the fetch
    thread), ``follow`` of that the cursor to ask for next (:func:`next_cursor` of the body by
    default), ``check`` of it the page (on the check thread); :meth:`next` hands them out in
    order."""

    def __init__(self, fetch: Callable[[str], Any], check: Callable[[Any], PageT], cursor: str,
                 *, follow: Callable[[Any], str | None] = next_cursor, depth: int = 2,
                 name: str = "lapor-sync-prefetch") -> None:
        self._fetch = fetch
        self._check = check
        self._follow = follow
        self._bodies: queue.Queue[Any] = queue.Queue()
        self._pages: queue.Queue[Any] = queue.Queue()
        self._slots = threading.Semaphore(depth)
        self._stop = threading.Event()
        self._over = False
        self._threads = [
            threading.Thread(target=self._fetching, args=(cursor,), name=f"{name}-fetch",
                             daemon=True),
            threading.Thread(target=self._checking, name=f"{name}-check", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # --- the caller -------------------------------------------------------------------------------

    def next(self) -> PageT | None:
        """The next page; ``None`` after the last one. Raises a fetch's or a check's error in
        its page's place (and then the pipeline is over)."""
        if self._over:
            return None
        item = self._pages.get()
        if isinstance(item, _End):
            self._over = True
            if item.error is not None:
                raise item.error
            return None
        self._slots.release()  # the page left the pipeline: one more may be fetched
        return item  # type: ignore[no-any-return]

    def ready(self) -> bool:
        """Whether the next page (or the pipeline's end) is there to be taken without waiting."""
        return self._over or not self._pages.empty()

    def close(self) -> None:
        """Stop fetching and checking, and wait for both threads (and a request in flight)."""
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> PagePipeline[PageT]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the threads ------------------------------------------------------------------------------

    def _fetching(self, cursor: str | None) -> None:
        end = _End()
        try:
            while cursor is not None:
                while not self._slots.acquire(timeout=_POLL):
                    if self._stop.is_set():
                        return
                if self._stop.is_set():
                    return
                body = self._fetch(cursor)
                self._bodies.put(body)
                cursor = self._follow(body)
        except BaseException as error:  # noqa: BLE001 - handed on in the failed page's place
            end = _End(error)
        self._bodies.put(end)

    def _checking(self) -> None:
        while True:
            try:
                body = self._bodies.get(timeout=_POLL)
            except queue.Empty:
                if self._stop.is_set():
                    return
                continue
            if isinstance(body, _End):
                self._pages.put(body)
                return
            try:
                page = self._check(body)
            except BaseException as error:  # noqa: BLE001 - handed on in the page's place
                self._pages.put(_End(error))
                return
            self._pages.put(page)
