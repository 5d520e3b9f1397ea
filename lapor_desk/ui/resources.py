"""Where the icons, translations and style sheet live, and loading them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ROOT = Path(__file__).resolve().parents[2] / "resources"
ICONS = ROOT / "icons"
TRANSLATIONS = ROOT / "translations"
STYLE = ROOT / "style.qss"


@cache
def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def style_sheet() -> str:
    return STYLE.read_text("utf-8") if STYLE.exists() else ""
