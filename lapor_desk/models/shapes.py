"""The shapes of the values that cross the wire and can name a file or be shown to a person:
record ids, SHA-256 hashes, attachment file names and media types.

One definition for every side: the desktop checks each pulled page against them before anything
touches the cache (:mod:`lapor_desk.sync.rows`), the server refuses an action whose new ids or
attachments break them (:mod:`lapor_desk.models.transitions`), so no client can make a page that
every other desktop must refuse, and the places that build a path from such a value check it
again at their own level (:func:`lapor_desk.sync.outbox_entries.blob_path`, :func:`safe_file_name`).

The column checks (``*_ok``) take a whole column at once and run at C speed (joins, ``translate``
and one regular-expression scan instead of a loop per value): a page has tens of thousands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeGuard

#: A file name longer than this is refused (what file systems allow, counted in characters).
MAX_FILENAME = 255
#: A media type longer than this is refused (``application/vnd.openxmlformats-...`` fits).
MAX_MIME_TYPE = 100

_HEX = b"0123456789abcdef"
_HEX_DASH = _HEX + b"-"
#: Where a canonical UUID text has its dashes.
_DASHES = (8, 13, 18, 23)
#: Characters never allowed in a name that is shown or becomes a file: the C0 and C1 controls
#: (NUL, newline, escape...), DEL, the Unicode line and paragraph separators, and the
#: bidirectional formatting characters (LRM, RLM, ALM, LRE..RLO, LRI..PDI) that make
#: ``invoice<RLO>fdp.exe`` look like ``invoiceexe.pdf``.
_UNSHOWABLE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_UNSAFE_TEXT = re.compile(f"[{_UNSHOWABLE}]")
#: A pattern (Python's and pydantic's) for text made only of showable characters.
SHOWABLE_PATTERN = f"^[^{_UNSHOWABLE}]*$"
#: ... and in a file name also both path separators.
_UNSAFE_NAME = re.compile(f"[/\\\\{_UNSHOWABLE}]")
#: What Windows refuses or reads as something else in a file name (``:`` opens a data stream).
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')
_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                           *(f"lpt{n}" for n in range(10))})


def record_ids_ok(values: Sequence[str]) -> bool:
    """Every value is a UUID in canonical text: 36 characters, lowercase hex digits and dashes
    at 8, 13, 18 and 23 (``01a209e9-46a1-73a4-92c8-243a85b5c499``). The values must be texts."""
    if not values:
        return True
    if set(map(len, values)) != {36}:
        return False
    joined = "".join(values)
    if not joined.isascii():
        return False
    raw = joined.encode("ascii")
    if any(raw[at::36].strip(b"-") for at in _DASHES):
        return False
    return not raw.translate(None, _HEX_DASH) and raw.count(b"-") == 4 * len(values)


def is_record_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a record id (a UUID in canonical text)."""
    return isinstance(value, str) and record_ids_ok([value])


def sha256s_ok(values: Sequence[str]) -> bool:
    """Every value is a SHA-256 as 64 lowercase hex digits. The values must be texts."""
    if not values:
        return True
    if set(map(len, values)) != {64}:
        return False
    joined = "".join(values)
    return joined.isascii() and not joined.encode("ascii").translate(None, _HEX)


def is_sha256(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a SHA-256 as 64 lowercase hex digits."""
    return isinstance(value, str) and sha256s_ok([value])


def filenames_ok(values: Sequence[str]) -> bool:
    """Every value is a file name that can be shown and never leaves its folder: at most
    ``MAX_FILENAME`` characters, no path separator, no control or bidirectional formatting
    character, not ``.`` or ``..``. The values must be texts."""
    if not values:
        return True
    if max(map(len, values)) > MAX_FILENAME or not {".", ".."}.isdisjoint(values):
        return False
    return _UNSAFE_NAME.search("".join(values)) is None


def is_filename(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and filenames_ok([value])


def mime_types_ok(values: Sequence[str]) -> bool:
    """Every value is a media type that can be shown: at most ``MAX_MIME_TYPE`` characters, no
    control or bidirectional formatting character. The values must be texts."""
    if not values:
        return True
    if max(map(len, values)) > MAX_MIME_TYPE:
        return False
    return _UNSAFE_TEXT.search("".join(values)) is None


def is_mime_type(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and mime_types_ok([value])


def showable(value: str) -> bool:
    """Whether ``value`` has no control or bidirectional formatting character."""
    return _UNSAFE_TEXT.search(value) is None


def shown_text(value: str | None) -> str:
    """``value`` without its control and bidirectional formatting characters (for showing a
    name kept from before it was checked)."""
    return _UNSAFE_TEXT.sub("", value or "")


def safe_file_name(name: str | None, fallback: str) -> str:
    """``name`` made fit to be a file's name in a folder of ours on any system: only its last
    path component, without control and bidirectional formatting characters, without what
    Windows refuses (``<>:"|?*``, trailing dots and spaces, device names such as ``CON``), at
    most 255 bytes of UTF-8 with its extension kept. ``fallback`` (which must itself be safe,
    e.g. hex digits) when nothing is left."""
    text = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE_TEXT.sub("", text)
    text = _WINDOWS_RESERVED.sub("_", text).strip(" .")
    if not text:
        return fallback
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or len(suffix.encode()) > 16:
        stem, dot, suffix = text, "", ""
    if stem.split(".", 1)[0].strip().lower() in _DEVICE_NAMES:
        stem = "_" + stem
    room = 255 - len(dot.encode()) - len(suffix.encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore").rstrip(" .")
    return (stem + dot + suffix) if stem else fallback
