"""The layers stay visible: ui -> services -> {models, sync}; server beside them.

Parses every module's imports (no execution) so a crossing fails here, not in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "lapor_desk"

FORBIDDEN = {
    "models": {"PySide6", "shiboken6", "lapor_desk.ui", "lapor_desk.services", "lapor_desk.sync",
               "lapor_desk.server", "requests", "fastapi"},
    "sync": {"PySide6", "shiboken6", "lapor_desk.ui", "lapor_desk.services", "lapor_desk.server",
             "fastapi"},
    "server": {"PySide6", "shiboken6", "lapor_desk.ui", "lapor_desk.services", "lapor_desk.sync"},
    "services": {"PySide6", "shiboken6", "lapor_desk.ui", "lapor_desk.server"},
    "ui": {"sqlalchemy", "requests", "urllib3", "lapor_desk.sync", "lapor_desk.server",
           "lapor_desk.models.cache", "alembic"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def crossings(layer: str) -> list[str]:
    bad = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for module in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if module == banned or module.startswith(banned + "."):
                    bad.append(f"{path.relative_to(ROOT.parent)} imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_import_crosses_a_layer(layer: str) -> None:
    assert crossings(layer) == []


def test_the_checker_catches_a_crossing(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert {"PySide6.QtCore", "sqlalchemy.orm"} <= imported_modules(sample)
