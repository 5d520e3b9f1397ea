"""Closing, reopening and postponing rendered under Xvfb (offscreen without it) at 1366x768 and
saved as PNGs for people to look at (test-artifacts/screens/lifecycle_*.png, in Indonesian);
each dialog fits the screen and the window kept its size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.render_lifecycle_screens import SCREENS
from tests.ui.test_intake_screens import build_catalogue
from tests.ui.test_screens import OUT, display, render  # noqa: F401 - the Xvfb fixture

pytestmark = pytest.mark.timeout(300)


def test_lifecycle_screens_render(display: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    render("tests.ui.render_lifecycle_screens", SCREENS, display,
           str(build_catalogue(tmp_path)))
    window = QImage(str(OUT / "lifecycle_postponed_reminder.png"))
    assert (window.width(), window.height()) == (1366, 768)
    for name in SCREENS[:3]:
        dialog = QImage(str(OUT / f"{name}.png"))
        assert 0 < dialog.width() <= 1366 and 0 < dialog.height() <= 768, name
