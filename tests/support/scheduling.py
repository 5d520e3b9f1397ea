"""How the suite is spread over its test processes (pytest-xdist, ``--dist loadfile``).

A work unit is a test file, and a file that runs on both backends is two units: its SQLite
tests and its PostgreSQL tests (their servers and databases are per backend anyway, and the
templates behind them are made once per process: tests/support/templates.py). Two halves of a
long file then run side by side instead of one after the other in a single process.

Units start longest first, in the order the collection puts them (:func:`order_items`): files
marked ``slow`` (a build, a browser, a fuzzing run, a benchmark: few tests that take long) lead,
then the rest by how many tests they hold. A long unit handed out last would run alone while the
other processes have finished.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

#: The backend among a test's parameters: ``test_x[sqlite]``, ``test_y[postgresql-national]``.
_BACKEND = re.compile(r"\[(?:.*-)?(sqlite|postgresql)(?:-.*)?\]$")


def unit_of(nodeid: str) -> str:
    """The work unit of a test: its file, and its backend if it has one."""
    path = nodeid.split("::", 1)[0]
    found = _BACKEND.search(nodeid)
    return f"{path}::{found.group(1)}" if found else path


def order_items(items: list[pytest.Item]) -> None:
    """Put the units' tests in the order the units are to start (each unit's tests keep their
    order among themselves)."""
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(unit_of(item.nodeid), []).append(item)

    def weight(unit: Sequence[pytest.Item]) -> tuple[bool, int]:
        return (unit[0].get_closest_marker("slow") is None, -len(unit))

    ordered = sorted(units.values(), key=weight)
    items[:] = [item for unit in ordered for item in unit]


def make_scheduler(config: pytest.Config, log: object) -> object:
    from xdist.scheduler import LoadScopeScheduling

    class FileAndBackendScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    # The units in the collection's order (order_items), not re-sorted by size.
    config.option.loadscopereorder = False
    return FileAndBackendScheduling(config, log)  # type: ignore[arg-type]
