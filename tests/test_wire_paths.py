"""Every endpoint path is spelled once, in ``lapor_desk/models/wire.py``: the server's routes and
the desktop's client (``sync/api.py``) take theirs from it, so neither can drift from the other.

Parses every module (no execution) for text that names an endpoint; docstrings may mention one.
"""

from __future__ import annotations

import ast
from pathlib import Path

from lapor_desk.models import wire

ROOT = Path(__file__).resolve().parents[1] / "lapor_desk"
DESCRIPTION = ROOT / "models" / "wire.py"
#: Each endpoint path's first segment below the prefix: ``/auth``, ``/blobs``, ``/health``, ...
SEGMENTS = sorted({"/" + e.path.removeprefix(wire.API_PREFIX).split("/")[1]
                   for e in wire.ENDPOINTS})


def names_an_endpoint(text: str) -> bool:
    """The prefix anywhere, or text that is a segment or opens with one (a path cut below the
    prefix, or the piece of an f-string after ``{base}``)."""
    return (wire.API_PREFIX in text
            or any(text == segment or text.startswith(f"{segment}/") for segment in SEGMENTS))


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def spelled_paths(path: Path, root: Path = ROOT.parent) -> list[str]:
    """``file:line: text`` of each string constant in ``path`` that spells an endpoint path."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                and names_an_endpoint(node.value)):
            found.append((node.lineno, f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"))
    return [line for _, line in sorted(found)]


def test_endpoint_paths_are_spelled_only_in_the_wire_description() -> None:
    spelled = [line for path in sorted(ROOT.rglob("*.py")) if path != DESCRIPTION
               for line in spelled_paths(path)]
    assert spelled == []


def test_the_guard_sees_a_spelled_path(tmp_path: Path) -> None:
    """The check above finds a path however it is spelled (whole, cut, in an f-string)."""
    module = tmp_path / "probe.py"
    module.write_text('"""Talks to /api/v1/sync/pull."""\n'
                      'A = "/api/v1/me"\nB = f"{base}/blobs/{sha}/upload"\nC = "/health"\n'
                      'D = "/media/health/x"\n', "utf-8")
    found = spelled_paths(module, tmp_path)
    assert [line.split(": ", 1)[1] for line in found] == [
        "'/api/v1/me'", "'/blobs/'", "'/health'"]
