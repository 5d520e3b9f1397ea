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
from datetime import date, datetime, timezone

from lapor_desk.models import time_zones


@dataclass(frozen=True)
class LocalZone:
    abbreviation: str   # WIB, WITA, WIT: what Indonesians write after a time
    tz: timezone        # models/time_zones.py: a fixed offset (Indonesia keeps no summer time)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def stamp(self, moment: datetime) -> str:
        """``23 November 2026 14.05 WITA`` (Indonesian spelling: a dot between hour and
        minute)."""
        here = self.local(moment)
        return f"{date_text(here)} {here:%H.%M} {self.abbreviation}"


WIB = LocalZone("WIB", time_zones.WIB)
WITA = LocalZone("WITA", time_zones.WITA)
WIT = LocalZone("WIT", time_zones.WIT)
_BY_ZONE = {z.tz: z for z in (WIB, WITA, WIT)}

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")


def zone_for_region(region_code: str | None) -> LocalZone:
    """The zone of the user's region (models/time_zones.py keeps which province keeps which)."""
    return _BY_ZONE[time_zones.zone_of_region(region_code)]


def date_text(day: date) -> str:
    """``5 Maret 2026`` for a date (or a datetime's date)."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
