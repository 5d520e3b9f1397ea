"""What a person typed into the search box, read as a tracking number or a phone number.

A citizen reads the number out ("nomor laporan saya 3715910"), the admin types it as heard or
pastes it from SP4N-LAPOR! ("Tracking ID 7301012"):
``3715910``, ``#3715910``, ``3715 910``, ``371-5910``, ``No. 3715910``. A phone number arrives
as ``0812-3456-7890``, ``+62 812 3456 7890`` or ``62812...``: the same subscriber.
"""

from __future__ import annotations

import re

#: Words an admin may type or paste before a number ("No. 123", "nomor laporan 123", "ID 123",
#: and as SP4N-LAPOR! and its exports name it: "Tracking ID 123", "No. Tracking: 123",
#: "SP4N-LAPOR! #123").
_NUMBER_WORDS = re.compile(
    r"^(?:no|nomor|nomer|nmr|laporan|tiket|id|tracking|lapor|sp4n(?:-lapor)?)\b!?[.:]?\s*",
    re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.\-/]+")
#: The longest tracking number (real ones have 7 digits; the server's are 64-bit).
MAX_DIGITS = 12
#: The fewest digits that make a phone number worth looking up.
PHONE_DIGITS = 6
_PHONE_TEXT = re.compile(r"^\+?[\d\s.\-()]+$")


def tracking_number_in(text: str) -> int | None:
    """The tracking number ``text`` names, if it is nothing but one (see the module)."""
    rest = text.strip()
    while True:
        stripped = _NUMBER_WORDS.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    rest = _SEPARATORS.sub("", rest.lstrip("#").strip())
    if not rest.isascii() or not rest.isdigit() or len(rest) > MAX_DIGITS:
        return None
    number = int(rest)
    return number if number > 0 else None


def phone_core(text: str) -> str | None:
    """The subscriber digits of a phone number typed in ``text`` (the leading ``0``, ``62`` or
    ``+62`` left out), or None when ``text`` is not a phone number."""
    if not _PHONE_TEXT.match(text.strip()):
        return None
    digits = re.sub(r"\D", "", text)
    digits = digits.removeprefix("62")
    digits = digits.lstrip("0")
    return digits if len(digits) >= PHONE_DIGITS else None
