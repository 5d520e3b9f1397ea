"""Modules stay lean: every module under ``lapor_desk/`` has at most :data:`LIMIT` lines.

A module that passes ~400 lines is asking to be split along a real seam (docs/architecture.md,
the house style). The few that may be longer are named in :data:`ALLOWED`, each with its reason;
an entry that is no longer needed (the module is back under the limit, or gone) fails too, so the
list only shrinks.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lapor_desk"
LIMIT = 420

#: Modules allowed past :data:`LIMIT` (paths from the repository's root), and why.
ALLOWED: dict[str, str] = {
    "lapor_desk/server/db.py": "the server's tables, one declaration each: a split would only "
                               "scatter the schema",
    "lapor_desk/server/seed/topics.py": "one data table (the seeded topics), no logic",
    "lapor_desk/cli.py": "the desktop's command line, until it is split into its commands",
}


def line_count(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def too_long(package: Path = PACKAGE, root: Path = ROOT, limit: int = LIMIT) -> dict[str, int]:
    """``{path: lines}`` of the modules under ``package`` longer than ``limit``."""
    return {path.relative_to(root).as_posix(): lines
            for path in sorted(package.rglob("*.py"))
            if (lines := line_count(path)) > limit}


def test_every_module_is_at_most_the_limit_but_the_allowed_few() -> None:
    over = {path: lines for path, lines in too_long().items() if path not in ALLOWED}
    assert over == {}, (
        f"modules over {LIMIT} lines: split each along a real seam (or, for a data table, add "
        f"it to ALLOWED with its reason): {over}")


def test_every_allowed_module_still_needs_its_place() -> None:
    long_ones = too_long()
    stale = sorted(path for path in ALLOWED if path not in long_ones)
    assert stale == [], f"no longer over {LIMIT} lines (or gone): remove from ALLOWED: {stale}"


def test_the_count_is_of_lines(tmp_path: Path) -> None:
    package = tmp_path / "lapor_desk"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * 3, "utf-8")
    (package / "long.py").write_text("x = 1\n" * 4, "utf-8")
    assert too_long(package, tmp_path, limit=3) == {"lapor_desk/long.py": 4}
