"""Structured log lines (``name key=value ...``) that a value cannot break or forge.

Every event log of the desktop (``lapor_desk.sync.log.event``) and of the server
(``lapor_desk.server.logs.event``) writes its values through :func:`value`, so a path, a
username, a user agent or a server's error text carrying a newline, a carriage return, a
terminal escape or a bidirectional override shows up escaped on the one line of its event::

    value("a b")            -> '"a b"'
    value("x\\nevent=login") -> '"x\\\\nevent=login"'   (quoted: it holds ``=``)
    value("\\x1b[31m")       -> '\\\\x1b[31m'

Escaped are backslash, the double quote and every character Python does not count as
printable (``str.isprintable``): C0/C1 controls and DEL, format characters (bidi overrides,
zero-width characters), line and paragraph separators, lone surrogates, private-use and
unassigned code points, and every space but the ASCII one (a no-break space cannot pass for a
separator). A value with a space, a quote or ``=`` in it, or an empty one, is quoted. Values are
cut at :data:`MAX_VALUE` characters.
"""

from __future__ import annotations

import logging
from typing import Any

MAX_VALUE = 1000

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\", '"': '\\"'}


def _escape_char(char: str) -> str:
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(char: str) -> bool:
    return char in _SHORT or not (char.isprintable() or char == " ")


def value(raw: Any, limit: int = MAX_VALUE) -> str:
    """``raw`` as one ``key=value`` value: escaped, quoted when needed, never over ``limit``
    characters before escaping (plus a marker of how much was cut)."""
    text = raw if isinstance(raw, str) else str(raw)
    cut = len(text) - limit
    if cut > 0:
        text = text[:limit]
    if any(_needs_escape(c) for c in text):
        text = "".join(_escape_char(c) if _needs_escape(c) else c for c in text)
    if cut > 0:
        text += f"...[+{cut}]"
    if not text or any(c in ' ="' for c in text):
        return f'"{text}"'
    return text


def pairs(fields: dict[str, Any]) -> str:
    """``key=value`` pairs separated by single spaces (keys are code's own names)."""
    return " ".join(f"{key}={value(item)}" for key, item in fields.items())


def event(logger: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log ``name key=value ...`` (the desktop's form)."""
    if not logger.isEnabledFor(level):
        return
    text = value(name)
    if fields:
        text += " " + pairs(fields)
    logger.log(level, "%s", text, stacklevel=2)
