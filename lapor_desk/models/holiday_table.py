"""Indonesia's national holidays and cuti bersama, as a table shipped in the package.

The ``holidays`` package knows them, but asking it is a noticeable part of a desktop's start:
its country registry imports every country's module before it answers for one. The table
(``data/holidays-id.json``) holds its answer for the years around today, written by

    python -m lapor_desk.models.holiday_table

whenever the ``holidays`` package is upgraded (tests/models/test_holiday_table.py fails until it
is). Years outside the table, other countries or other categories are asked of the package.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

COUNTRY = "ID"
CATEGORIES = ("public", "government")
FIRST_YEAR, LAST_YEAR = 2015, 2040
TABLE = "data/holidays-id.json"


def from_package(year: int, country: str = COUNTRY,
                 categories: tuple[str, ...] = CATEGORIES) -> frozenset[date]:
    """The ``holidays`` package's answer (slow the first time: see the module's docstring)."""
    import holidays

    return frozenset(holidays.country_holidays(country, years=year, categories=categories))


def generate() -> dict[str, object]:
    from importlib.metadata import version

    return {
        "country": COUNTRY, "categories": list(CATEGORIES),
        "written_by": f"holidays {version('holidays')}",
        "years": {str(year): sorted(day.isoformat() for day in from_package(year))
                  for year in range(FIRST_YEAR, LAST_YEAR + 1)},
    }


@lru_cache(maxsize=1)
def _shipped() -> dict[int, frozenset[date]]:
    data = json.loads(resources.files("lapor_desk").joinpath(TABLE).read_text("utf-8"))
    return {int(year): frozenset(date.fromisoformat(day) for day in days)
            for year, days in data["years"].items()}


def shipped(year: int) -> frozenset[date] | None:
    """The table's holidays of ``year`` (public and government, Indonesia), None outside it."""
    return _shipped().get(year)


def main() -> int:
    target = Path(str(resources.files("lapor_desk").joinpath(TABLE)))
    target.write_text(json.dumps(generate(), indent=1) + "\n", "utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
