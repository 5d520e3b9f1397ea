"""Structured log lines: an event name followed by ``key=value`` pairs.

    event(logger, "sync.page_applied", rows=5000, cursor_len=44)
    -> "sync.page_applied rows=5000 cursor_len=44"

Values (many come from the wire: error codes, reasons, paths) are escaped and quoted by
:mod:`lapor_desk.logline`, the one place that decides how a value is written.
"""

from __future__ import annotations

from lapor_desk.logline import event

__all__ = ["event"]
