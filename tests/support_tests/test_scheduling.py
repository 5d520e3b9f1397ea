"""The suite's work units and their order (tests/support/scheduling.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.scheduling import order_items, unit_of


def test_a_unit_is_a_file_or_its_half_on_one_backend() -> None:
    assert unit_of("tests/server/test_push.py::test_a[sqlite]") == "tests/server/test_push.py::sqlite"
    assert (unit_of("tests/server/test_seeded.py::test_b[postgresql-national_admin]")
            == "tests/server/test_seeded.py::postgresql")
    assert unit_of("tests/x/test_c.py::Case::test_d[a-sqlite-b]") == "tests/x/test_c.py::sqlite"
    assert unit_of("tests/ui/test_login.py::test_e") == "tests/ui/test_login.py"
    assert unit_of("tests/ui/test_f.py::test_g[sqlite_file]") == "tests/ui/test_f.py"


class _Item:
    def __init__(self, nodeid: str, slow: bool = False) -> None:
        self.nodeid = nodeid
        self.slow = slow

    def get_closest_marker(self, name: str) -> Any:
        return pytest.mark.slow if name == "slow" and self.slow else None


def test_slow_files_lead_then_the_largest_units_and_each_keeps_its_order() -> None:
    items: list[Any] = [
        _Item("tests/a.py::t1"),
        _Item("tests/b.py::t1[sqlite]"), _Item("tests/b.py::t2[sqlite]"),
        _Item("tests/b.py::t3[sqlite]"),
        _Item("tests/c.py::t1", slow=True),
        _Item("tests/b.py::t1[postgresql]"), _Item("tests/b.py::t2[postgresql]"),
    ]
    order_items(items)
    assert [i.nodeid for i in items] == [
        "tests/c.py::t1",
        "tests/b.py::t1[sqlite]", "tests/b.py::t2[sqlite]", "tests/b.py::t3[sqlite]",
        "tests/b.py::t1[postgresql]", "tests/b.py::t2[postgresql]",
        "tests/a.py::t1",
    ]
