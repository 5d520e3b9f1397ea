"""No import circles inside ``lapor_desk/ui`` or ``lapor_desk/services``.

A circle means two modules cannot be understood (or tested) one without the other; the usual
cure is to hand the part a module needs to it instead of importing its owner. The graph is read
from the source (no execution) and every import counts: those under ``if TYPE_CHECKING:`` (a
type-only circle is a circle in the design) and those inside a function (an import put off until
it runs still ties the two modules together).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("lapor_desk.ui", "lapor_desk.services")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Every statement of a module, those in its blocks and functions too."""
    return [node for top in body for node in ast.walk(top) if isinstance(node, ast.stmt)]


def imports_of(path: Path, known: set[str], root: Path = ROOT) -> set[str]:
    """The modules of ``known`` that ``path`` imports."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text("utf-8"), filename=str(path)).body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:  # a submodule by its name, else a name of the module
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {m for m in found if m in known and m != name}


def graph(package: str) -> dict[str, set[str]]:
    folder = ROOT.joinpath(*package.split("."))
    paths = sorted(folder.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, known) for p in paths}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_circles(package: str) -> None:
    edges = graph(package)
    assert len(edges) > 20  # the package was read
    assert circles(edges) == []


def test_a_circle_is_found() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(edges) == [["a", "b", "c"]]


def test_type_checking_and_later_imports_count(tmp_path: Path) -> None:
    probe = tmp_path / "lapor_desk" / "ui" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from typing import TYPE_CHECKING\n"
                     "from . import labels\n"
                     "if TYPE_CHECKING:\n    from lapor_desk.ui.main_window import MainWindow\n"
                     "def later():\n    from lapor_desk.ui.app import Desk\n", "utf-8")
    known = {"lapor_desk.ui.main_window", "lapor_desk.ui.app", "lapor_desk.ui.labels"}
    assert imports_of(probe, known, tmp_path) == known
