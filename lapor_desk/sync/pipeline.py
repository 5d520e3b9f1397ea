"""The pull's pipeline: the next pages fetched while one is checked and applied.

On a big pull (an initial sync) the *fetch* thread asks the server for page N+1 as soon as page
N's JSON has arrived (its cursor is in it), while the caller checks page N (``parse_page``: every
value checked and decoded) and applies it to the cache. Together with the server making each page
before it is asked for (``server/read_ahead.py``), the server's work, the transfer and this
machine's work on the pages overlap instead of taking turns.

The checks run on the caller's thread, not on a thread of their own: checking is Python code that
holds the interpreter lock, and a thread checking beside the one applying stalled the applies (each
row's insert gives the lock up and waits to get it back), which made an initial sync slower on
loopback than checking and applying in turn (bench/sync_bench.py).

At most ``depth`` pages are fetched ahead of the one the caller last took, so memory stays flat.
Pages come out strictly in order; a fetch error comes out in its page's place, after every page
before it, and ends the pipeline. :meth:`PagePipeline.close` stops the thread and waits for it (a
request in flight is waited for and dropped), so the transport is never left to a thread nobody
watches. No Qt here.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

#: How often the fetch thread, waiting for room, looks whether the pipeline was closed (seconds).
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


class PagePipeline:
    """What arrives for the pages after ``cursor``: ``fetch(cursor)`` runs on the fetch thread,
    ``follow`` of its result is the cursor to ask for next (:func:`next_cursor` of the body by
    default); :meth:`next` hands the results out in order."""

    def __init__(self, fetch: Callable[[str], Any], cursor: str, *,
                 follow: Callable[[Any], str | None] = next_cursor, depth: int = 2,
                 name: str = "lapor-sync-prefetch") -> None:
        self._fetch = fetch
        self._follow = follow
        self._arrived: queue.Queue[Any] = queue.Queue()
        self._slots = threading.Semaphore(depth)
        self._stop = threading.Event()
        self._over = False
        self._thread = threading.Thread(target=self._fetching, args=(cursor,),
                                        name=f"{name}-fetch", daemon=True)
        self._thread.start()

    def next(self) -> Any:
        """The next page's result; ``None`` after the last one. Raises a fetch's error in its
        page's place (and then the pipeline is over)."""
        if self._over:
            return None
        item = self._arrived.get()
        if isinstance(item, _End):
            self._over = True
            if item.error is not None:
                raise item.error
            return None
        self._slots.release()  # the page left the pipeline: one more may be fetched
        return item

    def ready(self) -> bool:
        """Whether the next page (or the pipeline's end) is there to be taken without waiting."""
        return self._over or not self._arrived.empty()

    def close(self) -> None:
        """Stop fetching, and wait for the thread (and a request in flight)."""
        self._stop.set()
        self._thread.join()

    def _fetching(self, cursor: str | None) -> None:
        end = _End()
        try:
            while cursor is not None:
                while not self._slots.acquire(timeout=_POLL):
                    if self._stop.is_set():
                        return
                if self._stop.is_set():
                    return
                fetched = self._fetch(cursor)
                self._arrived.put(fetched)
                cursor = self._follow(fetched)
        except BaseException as error:  # noqa: BLE001 - handed on in the failed page's place
            end = _End(error)
        self._arrived.put(end)
