"""Which nodes the unit pickers offer: an inactive unit never, shown only to keep the tree whole
above an active one."""

from __future__ import annotations

from types import SimpleNamespace

from lapor_desk.services.unit_directory import offered


def node(ident: int, path: str, active: bool = True) -> SimpleNamespace:
    return SimpleNamespace(id=ident, path=path, active=active)


def test_inactive_units_are_left_out_unless_an_active_one_lies_below() -> None:
    nodes = [node(1, "/1/"), node(2, "/1/2/"), node(3, "/1/2/3/", active=False),
             node(4, "/1/2/3/4/"), node(5, "/1/2/5/", active=False),
             node(6, "/1/2/5/6/", active=False), node(7, "/1/2/7/")]
    assert [n.id for n in offered(nodes)] == [1, 2, 3, 4, 7]
    assert offered([]) == []
