"""Widgets talk to the controller and to nothing behind it.

Parses every module of ``lapor_desk/ui`` (no execution): outside the controller, no module
reaches ``controller.workstation`` or ``controller.taskman`` (work runs as an operation,
``controller.op(...)``, ui/ops.py), and none announces a result by hand (``changed``,
``action_done``, ``error`` are emitted by the controller and its operations alone).
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "lapor_desk" / "ui"
#: The controller owns the workstation and the session's tasks; the op runs through it.
OWNERS = {"controller.py"}
BEHIND = {"workstation", "taskman"}
ANNOUNCED = {"changed", "action_done", "error", "unhandled_error"}


def _names(node: ast.expr) -> str:
    """``a.b.c`` for an attribute chain (``?`` for a call or anything else in it)."""
    if isinstance(node, ast.Attribute):
        return f"{_names(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return "?"


def reach_throughs(path: Path, root: Path = UI) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if not isinstance(node, ast.Attribute):
            continue
        chain = _names(node).split(".")
        where = f"{path.relative_to(root)}:{node.lineno}: {'.'.join(chain)}"
        behind = node.attr in BEHIND and chain[-2:-1] == ["controller"]
        announced = (node.attr == "emit" and len(chain) >= 3 and chain[-2] in ANNOUNCED
                     and chain[-3] in {"controller", "taskman"})
        if behind or announced:
            found.append(where)
    return found


def test_widgets_never_reach_past_the_controller() -> None:
    modules = [p for p in sorted(UI.rglob("*.py")) if p.name not in OWNERS]
    assert len(modules) > 40  # the whole package is looked at
    found = [hit for path in modules for hit in reach_throughs(path)]
    assert found == [], "\n".join(found)


def test_the_check_sees_a_reach_through(tmp_path: Path) -> None:
    sample = tmp_path / "sample_widget.py"
    sample.write_text("def f(self):\n"
                      "    self.controller.taskman.run_db(lambda: 1)\n"
                      "    station = self.controller.workstation\n"
                      "    self.controller.changed.emit(None)\n"
                      "    self.controller.op(lambda ws: ws.status()).run()\n", "utf-8")
    assert len(reach_throughs(sample, tmp_path)) == 3
