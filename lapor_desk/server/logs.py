"""The server's structured log lines, one line per event, as text (the default) or JSON.

Every log line of the server goes through :func:`event`; values (request paths, usernames,
client addresses, error texts) are escaped by :mod:`lapor_desk.logline`, so none can end the
line early or forge another one. An exception is written on the same line: its type, its
message and its traceback as escaped values (``tests/server/test_logs.py`` checks that no
module logs around this function).

The text format: ``<time> <LEVEL> <logger> event=name key=value ...``. The JSON format
(``[logging] format = "json"``, ``LAPOR_LOG_FORMAT=json``, ``--log-format json``): one object
per line, ``{"time": ..., "level": ..., "logger": ..., "event": name, <the fields>}``, written
with ASCII escapes, so it is one line whatever a value holds. Lines of other libraries
(uvicorn's start-up) get ``"event": "log"`` and their ``message``. :func:`logging_config` is
the configuration for both, given to ``logging.config.dictConfig`` and to uvicorn (which
applies it in each worker process).
"""

from __future__ import annotations

import json
import logging
import logging.config
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

from lapor_desk.logline import pairs, value

TRACE_CHARS = 4000
FORMATS = ("text", "json")
#: The attributes :func:`event` puts on its log record for the JSON format.
_EVENT = "lapor_event"
_FIELDS = "lapor_fields"
_RESERVED = frozenset({"time", "level", "logger", "event"})


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
        fields = {**fields, "trace": trace}
    logger.log(level, "%s", text, stacklevel=2, extra={_EVENT: name, _FIELDS: fields})


def _json_value(raw: Any) -> Any:
    if raw is None or isinstance(raw, bool | int | float | str):
        return raw
    return str(raw)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, event and its fields."""

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, Any] = {
            "time": moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z",
            "level": record.levelname, "logger": record.name,
        }
        name = getattr(record, _EVENT, None)
        if name is None:  # a line of another library
            line["event"] = "log"
            line["message"] = record.getMessage()
            if record.exc_info:
                line["trace"] = self.formatException(record.exc_info)[-TRACE_CHARS:]
        else:
            line["event"] = name
            for key, item in getattr(record, _FIELDS, {}).items():
                line[key + "_" if key in _RESERVED else key] = _json_value(item)
        return json.dumps(line, ensure_ascii=True, separators=(",", ":"))


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each line to what ``sys.stderr`` is at that moment, as logging's own last-resort
    handler does: a process whose standard error is replaced after logging was configured (a
    test's capture, a command run in-process) keeps logging instead of writing to a closed
    stream."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def logging_config(level: str = "INFO", fmt: str = "text") -> dict[str, Any]:
    """A ``dictConfig`` for the server's process: every line (uvicorn's too) in ``fmt`` on
    standard error, at ``level``."""
    if fmt not in FORMATS:
        raise ValueError(f"log format {fmt!r}: one of {', '.join(FORMATS)}")
    formatter: dict[str, Any] = (
        {"()": JsonFormatter} if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"})
    handler = {"()": StderrHandler, "formatter": "server"}
    passed_up = {"handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"server": formatter},
        "handlers": {"server": handler},
        "root": {"handlers": ["server"], "level": level.upper()},
        # uvicorn's loggers write through the root's handler, in the same format.
        "loggers": {name: dict(passed_up) for name in
                    ("uvicorn", "uvicorn.error", "uvicorn.access")},
    }


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Configure this process's logging (:func:`logging_config`)."""
    logging.config.dictConfig(logging_config(level, fmt))
