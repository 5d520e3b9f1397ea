"""Indonesia's three time zones and the provinces that keep each, so a time shown to a citizen
or an admin reads as the office's clock does (WIB, WITA, WIT) whatever this computer's zone.
A province is found by its name (a complaint's place) or by its BPS code (the first two digits of
a region code in the agency directory: ``74`` Sulawesi Tenggara, ``7471`` Kota Kendari).

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
#: The same provinces by BPS code; every other province keeps WIB (Sumatra, Java, Banten,
#: Kalimantan Barat and Tengah).
WITA_CODES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
WIT_CODES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})


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


def zone_of_region(region_code: str | None) -> timezone:
    """The zone of a BPS region code (its province's); WIB for none (a national scope keeps
    Jakarta's time)."""
    province = (region_code or "").strip()[:2]
    if province in WIT_CODES:
        return WIT
    if province in WITA_CODES:
        return WITA
    return WIB
