"""Cleaning typed, pasted and imported text: the same on the desktop and on the server.

Two kinds of text field:

- **one-line** (titles, names of reporters and users, places, categories, tags, file names, MIME
  types): line breaks and tabs become one space; the bidirectional override and isolate
  characters (U+202A–U+202E, U+2066–U+2069) are removed, so a file name such as
  ``foto\\u202egpj.exe`` cannot pass for ``fotoexe.jpg`` and a title or name cannot show its
  words in another order than they are stored.
- **long** (a complaint's chronology, a reply, a note, a reason): tab, line feed and carriage
  return are kept; a vertical tab, form feed, NEL, line or paragraph separator (what word
  processors write for a line break) becomes a line feed. Bidirectional controls are kept here:
  a text quoting Arabic script may need them, and Qt ends their effect at the end of the
  paragraph, so they cannot reach another field.

In both, every other control character (C0 but tab/LF/CR, DEL, C1; NUL among them) and every
UTF-16 surrogate left unpaired is **removed**, not refused: they are invisible, so an admin could
not find them to fix them, they mean nothing in these fields, and removing them leaves what a
reader sees unchanged. PostgreSQL cannot store NUL at all and JSON encoders refuse lone
surrogates. A surrogate pair (two code points that should have been one) is joined into its
character. Values whose shape is checked (ids, hashes, codes, NIK, phone, email) are cleaned the
same way and then refused when the shape is wrong.

Every function here is idempotent: cleaning cleaned text changes nothing (a property test holds
both sides to it), and the result is always encodable as UTF-8 and JSON.
"""

from __future__ import annotations

import re

#: Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = "\ud800-\udfff"
_C0_KEPT = "\t\n\r"
_REMOVED_CONTROLS = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_BIDI = "\u202a-\u202e\u2066-\u2069"

_LONG_REMOVED = re.compile(f"[{_REMOVED_CONTROLS}{_SURROGATE}]")
_LONG_BREAKS = re.compile(f"[{_LINE_BREAKS}]")
_LINE_REMOVED = re.compile(f"[{_REMOVED_CONTROLS}{_SURROGATE}{_BIDI}]")
_LINE_SPACES = re.compile(f"[{_C0_KEPT}{_LINE_BREAKS}]+")


def _join_pairs(text: str) -> str:
    if not _PAIR.search(text):
        return text
    return _PAIR.sub(lambda m: m.group(0).encode("utf-16", "surrogatepass").decode("utf-16"),
                     text)


def clean_line(text: str) -> str:
    """One-line text: controls and bidi overrides removed, breaks and tabs made one space,
    surrounding whitespace stripped."""
    text = _LINE_REMOVED.sub("", _join_pairs(text))
    return _LINE_SPACES.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Long text: controls removed but tab, LF and CR; other line breaks made LF; surrounding
    whitespace stripped."""
    text = _LONG_REMOVED.sub("", _join_pairs(text))
    return _LONG_BREAKS.sub("\n", text).strip()


#: Bidirectional marks (ALM, LRM, RLM): harmless in prose, but nothing a file name needs, and
#: the shape every side checks a file name against refuses them (``models/shapes.py``).
_FILENAME_MARKS = re.compile("[\u061c\u200e\u200f]")


def clean_filename(name: str) -> str:
    """A file name as it is shown and stored: one-line text without bidirectional marks."""
    return _FILENAME_MARKS.sub("", clean_line(name)).strip()


def needs_cleaning(text: str, *, long: bool = False) -> bool:
    """Whether cleaning removes an invisible character from ``text`` (a control, a surrogate,
    in one-line text a bidirectional control): what an import tells the clerk about. Line breaks
    made spaces or line feeds are not counted (they stay visible as such)."""
    return bool((_LONG_REMOVED if long else _LINE_REMOVED).search(text))
