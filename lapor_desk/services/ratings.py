"""The reporters' low ratings for the coordinators' dashboard: the complaints of the period that
their reporters rated 1 or 2 on the public page, newest rating first, so an admin can open each.

The period is the recap's: complaints received in the month (all when none), the same group the
average and the count of the recap count (oversight.py), so the list's length is the number of
low ratings among the rated ones there. Each complaint is named by its unit group, as the
dashboard's table names it.

The note is the reporter's words: the server sends it only to a reader allowed to read the
complaint (a rahasia complaint outside the user's units comes without it, and without its
title); a hidden complaint's note is left out here too, whatever the cache holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.services.oversight_units import ScopeDirectory
from lapor_desk.services.session_status import parse_time

#: Ratings at or below this are low (1 = sangat tidak puas, 2 = tidak puas).
LOW = 2


@dataclass(frozen=True)
class LowRating:
    complaint_id: str
    tracking_number: int | None
    title: str               # "" when the complaint is hidden from the user (rahasia)
    redacted: bool
    unit_key: str            # the unit group (oversight.py), its name and kind
    unit_name: str
    unit_kind: str
    rating: int
    note: str | None         # None: no note, or the complaint is hidden from the user
    rated_at: datetime | None


def low_ratings(connection: Any, directory: ScopeDirectory,
                received: tuple[str, str] | None) -> tuple[LowRating, ...]:
    """The low ratings of complaints received between ``received`` (wire text, [start, end);
    None: whenever), newest rating first: all of them (a few in a thousand complaints)."""
    location = func.coalesce(Complaint.handling_unit_id, Complaint.responsible_id)
    query = (select(Complaint.id, Complaint.tracking_number, Complaint.title,
                    Complaint.redacted, location, Complaint.rating, Complaint.rating_note,
                    Complaint.rated_at)
             .where(Complaint.rating.is_not(None), Complaint.rating <= LOW)
             .order_by(Complaint.rated_at.desc(), Complaint.id))
    if received is not None:
        query = query.where(Complaint.created_at >= received[0],
                            Complaint.created_at < received[1])
    found = []
    for ident, number, title, redacted, where, rating, note, rated_at in connection.execute(query):
        key = directory.unit_key(int(where))
        name, kind = directory.describe(key)
        found.append(LowRating(ident, number, "" if redacted else title, bool(redacted), key,
                               name, kind, int(rating), None if redacted else note,
                               parse_time(rated_at)))
    return tuple(found)
