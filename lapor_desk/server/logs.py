"""The server's structured log lines: ``event=name key=value ...``, one line per event.

Every log line of the server goes through :func:`event`; values (request paths, usernames,
client addresses, error texts) are escaped by :mod:`lapor_desk.logline`, so none can end the
line early or forge another one. An exception is written on the same line: its type, its
message and its traceback as escaped values (``tests/server/test_logs.py`` checks that no
module logs around this function).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from lapor_desk.logline import pairs, value

TRACE_CHARS = 4000


def event(logger: logging.Logger, name: str, level: int = logging.INFO, *,
          exc: BaseException | None = None, **fields: Any) -> None:
    if not logger.isEnabledFor(level):
        return
    text = "event=" + value(name)
    if exc is not None:
        fields = {**fields, "error": type(exc).__name__, "message": str(exc)}
    if fields:
        text += " " + pairs(fields)
    if exc is not None:  # the innermost frames matter most: keep the traceback's end
        trace = "".join(traceback.format_exception(exc))[-TRACE_CHARS:]
        text += " trace=" + value(trace, limit=TRACE_CHARS)
    logger.log(level, "%s", text, stacklevel=2)
