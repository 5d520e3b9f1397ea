"""Structured log lines: an event name followed by ``key=value`` pairs.

    event(logger, "sync.page_applied", rows=5000, cursor_len=44)
    -> "sync.page_applied rows=5000 cursor_len=44"
"""

from __future__ import annotations

import logging
from typing import Any


def _value(value: Any) -> str:
    text = str(value)
    if not text or any(c in text for c in " \t\n\"="):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


def event(logger: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    if not logger.isEnabledFor(level):
        return
    parts = [name, *(f"{key}={_value(value)}" for key, value in fields.items())]
    logger.log(level, " ".join(parts))
