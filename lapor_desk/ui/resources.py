"""Where the icons, translations and style sheet live, and loading them.

``resources/`` is found beside the package in a source checkout, inside the bundle of a frozen
app (PyInstaller's ``sys._MEIPASS``, see ``installer/lapor-desk.spec``), or under
``<prefix>/share/lapor-desk/resources`` for an installed copy; ``LAPOR_RESOURCES`` overrides all.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def resource_root() -> Path:
    """The first of the known places that holds ``resources/style.qss``."""
    candidates = []
    if os.environ.get("LAPOR_RESOURCES"):
        candidates.append(Path(os.environ["LAPOR_RESOURCES"]))
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "lapor-desk" / "resources")
    for candidate in candidates:
        if (candidate / "style.qss").is_file():
            return candidate
    return candidates[-2]  # the source tree's place, for an error message that makes sense


ROOT = resource_root()
ICONS = ROOT / "icons"
TRANSLATIONS = ROOT / "translations"
STYLE = ROOT / "style.qss"


@cache
def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def style_sheet() -> str:
    return STYLE.read_text("utf-8") if STYLE.exists() else ""
