"""What the source says of itself stays true: no measured timings in comments or docstrings (a
figure rots; they live in docs/benchmarks.md and the bench scripts that measure them), and the
texts that name the sync protocol's schema version name the current one."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from lapor_desk.sync.protocol import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
#: A duration: ``0.3 s``, ``48–106 ms``, ``255 ms -> about 1 ms`` (sizes such as a log's 5 MiB
#: are settings, not measurements, and stay).
DURATION = re.compile(r"(?<![\w.])\d(?:[\d,.]*\d)?(?:\s?[-–]\s?\d[\d,.]*)?\s?(?:ms|s)\b(?!\()")


def prose(path: Path) -> list[tuple[int, str]]:
    """The comments and docstrings of a module, with their line numbers."""
    source = path.read_text("utf-8")
    found = [(token.start[0], token.string)
             for token in tokenize.generate_tokens(io.StringIO(source).readline)
             if token.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            found.append((node.lineno, node.value.value))
    return found


def test_no_timing_figures_in_comments_or_docstrings() -> None:
    figures = [f"{path.relative_to(ROOT)}:{line}: {match.group(0)}"
               for path in sorted((ROOT / "lapor_desk").rglob("*.py"))
               for line, text in prose(path) for match in DURATION.finditer(text)]
    assert figures == []


def test_the_checker_sees_a_figure() -> None:
    found = [m.group(0) for m in DURATION.finditer(
        "took 0.75 -> 0.15 s, 48–106 ms; UUID4s, 5 MiB, retry_after_s(x) are not timings")]
    assert found == ["0.15 s", "48–106 ms"]


def test_texts_that_name_the_schema_version_name_the_current_one() -> None:
    protocol = (ROOT / "lapor_desk" / "sync" / "protocol.py").read_text("utf-8").splitlines()[0]
    assert f"schema version {SCHEMA_VERSION})" in protocol
    title = (ROOT / "docs" / "sync-protocol.md").read_text("utf-8").splitlines()[0]
    assert title.endswith(f"(schema version {SCHEMA_VERSION})")
