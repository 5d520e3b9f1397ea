"""Kotak Keluar's screens rendered under Xvfb (offscreen without it) at 1366x768 and saved as PNGs
for people to look at: test-artifacts/screens/{outbox_three_actions,
outbox_note_fix_and_resend, outbox_conflict_named}.png, in Indonesian."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.render_outbox_screens import SCREENS
from tests.ui.test_intake_screens import build_catalogue
from tests.ui.test_screens import OUT, display, render  # noqa: F401 - the Xvfb fixture

pytestmark = pytest.mark.timeout(240)


def test_outbox_screens_render(display: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    render("tests.ui.render_outbox_screens", SCREENS, display, str(build_catalogue(tmp_path)))
    for name in ("outbox_three_actions", "outbox_conflict_named"):
        window = QImage(str(OUT / f"{name}.png"))
        assert (window.width(), window.height()) == (1366, 768), name
