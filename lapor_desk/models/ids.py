"""Record ids: time-ordered UUIDs (UUIDv7, RFC 9562 section 5.7).

Every record the server or a desktop creates gets a UUIDv7: the first 48 bits are the Unix time
in milliseconds of its creation, then the version (7), 12 random bits, the variant (``10``) and
62 random bits. Ids made later sort after ids made earlier (to the millisecond), so a B-tree
keyed by id grows at its right edge instead of being rewritten all over (the cache's bulk load,
the server's tables), and ids made close together share their leading characters (they compress
better on the wire). 74 random bits keep two ids made in the same millisecond apart.

Any valid UUID (of any version) stays a valid id: older desktops made UUID4s.

The seed generator passes its simulated creation time and its own seeded ``randbits`` so that a
seed stays deterministic and its ids are what a real server would have made at those times.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable

_VERSION_7 = 0x7 << 76
_VARIANT = 0b10 << 62
_MS_LIMIT = 1 << 48
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def uuid7_int(ms: int, random_bits: int) -> int:
    """The 128-bit value of a UUIDv7 made at ``ms`` (Unix milliseconds) from 74 random bits."""
    if not 0 <= ms < _MS_LIMIT:
        raise ValueError("timestamp out of the UUIDv7 range")
    rand_a = (random_bits >> 62) & 0xFFF
    rand_b = random_bits & ((1 << 62) - 1)
    return (ms << 80) | _VERSION_7 | (rand_a << 64) | _VARIANT | rand_b


def format_uuid(value: int) -> str:
    """Canonical text (lowercase, dashed) of a 128-bit UUID value."""
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_last_lock = threading.Lock()
_last: list[int] = [0, 0]  # the last (ms, random bits) made from the clock in this process


def uuid7(ms: int | None = None, randbits: Callable[[int], int] = secrets.randbits) -> str:
    """A new UUIDv7 as canonical text, made at ``ms`` (Unix milliseconds) or now.

    Ids made from the clock are also strictly increasing within this process (RFC 9562 6.2,
    method 2): in the same millisecond (or after the clock stepped back) the random bits of the
    previous id are increased by a random amount instead of drawn afresh.
    """
    if ms is not None:
        return format_uuid(uuid7_int(ms, randbits(74)))
    now = time.time_ns() // 1_000_000
    with _last_lock:
        last_ms, last_bits = _last
        bits = randbits(74)
        if now <= last_ms:
            now, bits = last_ms, last_bits + 1 + (bits >> 44)
            if bits >> 74:  # the random bits ran over: borrow the next millisecond
                now, bits = now + 1, randbits(74) >> 1
        _last[0], _last[1] = now, bits
    return format_uuid(uuid7_int(now, bits))


def uuid7_ms(value: str) -> int | None:
    """The creation time (Unix ms) of a canonical UUIDv7 text; ``None`` for anything else."""
    if len(value) != 36 or value[14] != "7" or not _CANONICAL.fullmatch(value):
        return None
    if value[19] not in "89ab":
        return None
    return int(value[:8] + value[9:13], 16)
