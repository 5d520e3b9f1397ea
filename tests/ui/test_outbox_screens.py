"""Kotak Keluar's screens rendered under Xvfb (offscreen without it) at 1366x768 and saved as PNGs
for people to look at: test-artifacts/screens/{outbox_three_actions,
outbox_note_fix_and_resend}.png, in Indonesian."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.render_outbox_screens import SCREENS
from tests.ui.test_intake_screens import build_catalogue
from tests.ui.test_screens import OUT, ROOT, display  # noqa: F401 - the Xvfb fixture

pytestmark = pytest.mark.timeout(240)


def test_outbox_screens_render(display: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    qm = build_catalogue(tmp_path)
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_outbox_screens", str(OUT),
                           str(qm)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=220, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in SCREENS:
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull() and image.width() > 300, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 5, name
    window = QImage(str(OUT / "outbox_three_actions.png"))
    assert (window.width(), window.height()) == (1366, 768)
