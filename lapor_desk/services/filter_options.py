"""The choices a queue's filter bar offers: only what is present in the cache (which holds just
the user's scope), each with how many of the queue's complaints carry it.

One read on one connection; the answer is a frozen value. Channels are codes (the UI words
them); categories, kabupaten/kota and units are names as the data holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from lapor_desk.models.cache.schema import Agency, Complaint, SyncState


@dataclass(frozen=True)
class Choice:
    value: str      # channel code, category or regency name
    count: int


@dataclass(frozen=True)
class CategoryChoice:
    name: str
    count: int
    subcategories: tuple[Choice, ...]  # those present, alphabetical


@dataclass(frozen=True)
class UnitChoice:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class FilterOptions:
    channels: tuple[Choice, ...] = ()
    categories: tuple[CategoryChoice, ...] = ()
    regencies: tuple[Choice, ...] = ()
    units: tuple[UnitChoice, ...] = ()


def read_options(connection: Connection, conditions: list[Any]) -> FilterOptions:
    """Distinct channels, categories (with their sub-categories), regencies and units among the
    complaints that satisfy ``conditions`` (a queue's own clauses). One pass over the queue's
    complaints for the first three (grouped together, then summed up here), one for units."""
    channels: dict[str, int] = {}
    regencies: dict[str, int] = {}
    totals: dict[str, int] = {}
    subs: dict[str, dict[str, int]] = {}
    for channel, regency, category, sub, count in connection.execute(
            select(Complaint.channel, Complaint.regency, Complaint.category,
                   Complaint.subcategory, func.count())
            .where(*conditions)
            .group_by(Complaint.channel, Complaint.regency, Complaint.category,
                      Complaint.subcategory)):
        n = int(count)
        if channel:
            channels[str(channel)] = channels.get(str(channel), 0) + n
        if regency:
            regencies[str(regency)] = regencies.get(str(regency), 0) + n
        if category:
            name = str(category)
            totals[name] = totals.get(name, 0) + n
            if sub:
                named = subs.setdefault(name, {})
                named[str(sub)] = named.get(str(sub), 0) + n
    categories = tuple(
        CategoryChoice(name, totals[name], tuple(
            Choice(value, n) for value, n in sorted(subs.get(name, {}).items(),
                                                    key=lambda item: item[0].casefold())))
        for name in sorted(totals, key=str.casefold))
    return FilterOptions(
        tuple(Choice(v, n) for v, n in sorted(channels.items())),
        categories,
        tuple(Choice(v, n) for v, n in sorted(regencies.items(),
                                              key=lambda item: item[0].casefold())),
        _units(connection, conditions))


def _units(connection: Connection, conditions: list[Any]) -> tuple[UnitChoice, ...]:
    """Agencies a complaint is with (responsible or handling unit), under the user's scope:
    complaints counted per (responsible, handling) pair in SQL, each pair credited to both
    units here (once when they are the same unit)."""
    counts: dict[int, int] = {}
    for responsible, handling, count in connection.execute(
            select(Complaint.responsible_id, Complaint.handling_unit_id, func.count())
            .where(*conditions)
            .group_by(Complaint.responsible_id, Complaint.handling_unit_id)):
        n = int(count)
        if responsible is not None:
            counts[int(responsible)] = counts.get(int(responsible), 0) + n
        if handling is not None and handling != responsible:
            counts[int(handling)] = counts.get(int(handling), 0) + n
    if not counts:
        return ()
    query = select(Agency.id, Agency.name).where(Agency.id.in_(sorted(counts)))
    root_id = connection.execute(select(SyncState.scope_root_id)).scalar_one_or_none()
    if root_id is not None:
        root = connection.execute(select(Agency.path).where(Agency.id == root_id)
                                  ).scalar_one_or_none()
        if root:
            query = query.where(Agency.path.startswith(root))
    found = [UnitChoice(int(i), str(name), counts[int(i)]) for i, name in connection.execute(query)]
    return tuple(sorted(found, key=lambda u: u.name.casefold()))
