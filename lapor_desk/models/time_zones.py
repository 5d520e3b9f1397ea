"""Indonesia's three time zones and the provinces that keep each, so a time shown to a citizen
or an admin reads as the office's clock does (WIB, WITA, WIT) whatever this computer's zone.

Fixed offsets: Indonesia keeps no daylight saving time.
"""

from __future__ import annotations

from datetime import timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

_WITA = frozenset({
    "bali", "nusa tenggara barat", "nusa tenggara timur", "kalimantan selatan",
    "kalimantan timur", "kalimantan utara", "sulawesi utara", "sulawesi tengah",
    "sulawesi selatan", "sulawesi tenggara", "sulawesi barat", "gorontalo"})
_WIT = frozenset({
    "maluku", "maluku utara", "papua", "papua barat", "papua barat daya", "papua selatan",
    "papua tengah", "papua pegunungan"})
_SHORT = {"ntb": "nusa tenggara barat", "ntt": "nusa tenggara timur"}


def zone_of_province(province: str | None) -> timezone | None:
    """The zone of a province by its name ("Sulawesi Tenggara", "Provinsi Bali", "NTT");
    None when the name is empty. Any other province is WIB."""
    name = " ".join((province or "").casefold().replace("provinsi", " ").split())
    if not name:
        return None
    name = _SHORT.get(name, name)
    if name in _WIT:
        return WIT
    if name in _WITA:
        return WITA
    return WIB
