"""The shipped translations: complete, compiled, and keeping every placeholder."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lapor_desk.ui.resources import TRANSLATIONS

PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{[a-z_]*\}")
CATALOGUES = sorted(TRANSLATIONS.glob("*.ts"))


def messages(path: Path) -> list[tuple[str, str, list[str]]]:
    found = []
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [
            translation.text or ""]
        kind = translation.get("type") or ""
        found.append((source, kind, forms))
    return found


def test_there_is_an_indonesian_catalogue() -> None:
    assert TRANSLATIONS / "lapor_desk_id.ts" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_translation_keeps_its_placeholders(path: Path) -> None:
    for source, kind, forms in messages(path):
        assert kind not in ("unfinished", "obsolete", "vanished"), source
        for form in forms:
            assert form.strip(), f"empty translation of {source!r}"
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                f"{path.name}: {source!r} -> {form!r}")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_catalogue_is_compiled(path: Path) -> None:
    compiled = path.with_suffix(".qm")
    assert compiled.exists() and compiled.stat().st_size > 0
