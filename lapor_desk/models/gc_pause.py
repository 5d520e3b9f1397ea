"""Pausing Python's cyclic garbage collector while big acyclic structures are built.

Parsing or transposing a sync page makes hundreds of thousands of fresh lists and strings with no
cycles; letting the collector run while they are made means traversing them over and over (about
half the time of the parse). The desktop's sync engine pauses it while it parses a page, the
server while it writes a page in the columnar layout. Nested and concurrent uses (threads) are
counted, so the collector comes back when the last one leaves, as it was before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
