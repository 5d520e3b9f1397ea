"""Indonesia's three time zones, and which one a user's region keeps.

The recap and its report give every time and every month's boundary in the zone of the user's
own region (WIB, WITA or WIT), as the admin's office reads a clock; working days (HK) stay those
of the configured calendar (``data/sla.toml``), which the deadlines are computed in.

A region is the BPS code of the user's scope in the agency directory (``agency.region_code``:
``74`` Sulawesi Tenggara, ``7471`` Kota Kendari): its first two digits are the province. A scope
with no region (the national admins, a ministry) keeps WIB, Jakarta's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class LocalZone:
    abbreviation: str   # WIB, WITA, WIT: what Indonesians write after a time
    tz_name: str        # the IANA name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def stamp(self, moment: datetime) -> str:
        """``23 November 2026 14.05 WITA`` (Indonesian spelling: a dot between hour and
        minute)."""
        here = self.local(moment)
        return f"{date_text(here)} {here:%H.%M} {self.abbreviation}"


WIB = LocalZone("WIB", "Asia/Jakarta")
WITA = LocalZone("WITA", "Asia/Makassar")
WIT = LocalZone("WIT", "Asia/Jayapura")

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")

#: Provinces (BPS codes) in WITA and WIT; every other province keeps WIB (Sumatra, Java, Banten,
#: Kalimantan Barat and Tengah). Bali and Nusa Tenggara, Kalimantan Selatan, Timur and Utara and
#: all of Sulawesi keep WITA; Maluku and the Papua provinces WIT.
WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75",
                            "76"})
WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})


def zone_for_region(region_code: str | None) -> LocalZone:
    province = (region_code or "").strip()[:2]
    if province in WITA_PROVINCES:
        return WITA
    if province in WIT_PROVINCES:
        return WIT
    return WIB


def date_text(day: date) -> str:
    """``5 Maret 2026`` for a date (or a datetime's date)."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
