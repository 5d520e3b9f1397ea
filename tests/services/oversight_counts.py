"""An independent count of the oversight figures, straight from the cache's rows.

Reads every complaint row with a plain ``SELECT *`` (not the service's aggregate SQL), works
out every figure row by row in Python with the domain's own calendar functions, and returns
plain dicts the tests compare with :mod:`lapor_desk.services.oversight`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from lapor_desk.models.calendar import DomainConfig
from lapor_desk.services.deadlines import running_due


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass
class Expected:
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    unfollowed: int = 0
    days: list[int] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)  # the reporters' ratings (1-5)

    @property
    def median(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    @property
    def rating_average(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None


@dataclass
class Counts:
    units: dict[str, Expected]
    regencies: dict[str, Expected]
    total: Expected
    received: Counter[date]
    finished: Counter[date]
    reporter_names: set[str]
    titles: set[str]
    #: the rows rated 1-2 (the dashboard's low ratings), as the cache holds them
    low_rated: list[dict[str, Any]] = field(default_factory=list)


def complaints(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.exec_driver_sql("SELECT * FROM complaint")]


def scope_zone(engine: Engine) -> tzinfo:
    """The local time of the seeded world's scopes: Sulawesi (BPS 7x) keeps WITA; a scope with
    no region (the national admins) WIB."""
    with engine.connect() as connection:
        region = connection.exec_driver_sql(
            "SELECT a.region_code FROM agency a JOIN sync_state s ON a.id = s.scope_root_id"
        ).scalar()
    return ZoneInfo("Asia/Makassar" if str(region or "").startswith("7") else "Asia/Jakarta")


def count(engine: Engine, config: DomainConfig, now: datetime,
          month: date | None = None) -> Counts:
    tz = scope_zone(engine)
    with engine.connect() as connection:
        root_id = connection.exec_driver_sql("SELECT scope_root_id FROM sync_state").scalar()
        paths = {int(i): str(p) for i, p in connection.exec_driver_sql(
            "SELECT id, path FROM agency")}
    root_path = paths[root_id]
    units: dict[str, Expected] = defaultdict(Expected)
    regencies: dict[str, Expected] = defaultdict(Expected)
    total = Expected()
    received: Counter[date] = Counter()
    finished: Counter[date] = Counter()
    names: set[str] = set()
    titles: set[str] = set()
    low_rated: list[dict[str, Any]] = []
    for row in complaints(engine):
        if row["reporter_name"]:
            names.add(row["reporter_name"])
        if row["title"]:  # a rahasia complaint the user may not read arrives without one
            titles.add(row["title"])
        created = _time(row["created_at"])
        assert created is not None
        local_created = created.astimezone(tz).date().replace(day=1)
        received[local_created] += 1
        closed = _time(row["closed_at"])
        if row["status"] == "done" and closed is not None:
            finished[closed.astimezone(tz).date().replace(day=1)] += 1
        if month is not None and local_created != month:
            continue
        location = row["handling_unit_id"] or row["responsible_id"]
        path = paths[location]
        unit = str(location)
        if location != root_id and path.startswith(root_path):
            unit = path[len(root_path):].split("/")[0]
        due = running_due(row["status"], _time(row["verify_due"]), _time(row["resolution_due"]))
        forwarded, followed = _time(row["forwarded_at"]), _time(row["first_follow_up_at"])
        for bucket in (units[unit], regencies[row["regency"] or ""], total):
            bucket.statuses[row["status"]] += 1
            if due is not None and due < now:
                bucket.overdue += 1
            if (row["status"] in ("forwarded", "postponed") and forwarded is not None
                    and followed is None):
                bucket.unfollowed += 1
            if forwarded is not None and followed is not None and followed >= forwarded:
                bucket.days.append(config.calendar.working_days_between(forwarded, followed))
            if row["rating"] is not None:
                bucket.ratings.append(int(row["rating"]))
        if row["rating"] is not None and row["rating"] <= 2:
            low_rated.append(row)
    return Counts(dict(units), dict(regencies), total, received, finished, names, titles,
                  low_rated)
