"""The attachment screens rendered under Xvfb (offscreen without it) to test-artifacts/screens:
the viewer with an image and with a PDF page, the detail with its attachments, and the detail
pane with both privacy markers in a 1366x768 window."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from tests.ui.render_attachment_screens import NAMES
from tests.ui.test_screens import OUT, ROOT, display  # noqa: F401 - the Xvfb fixture

pytestmark = pytest.mark.timeout(240)


def test_attachment_screens_render(display: dict[str, str]) -> None:  # noqa: F811
    for name in NAMES:
        (OUT / f"{name}.png").unlink(missing_ok=True)
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_attachment_screens", str(OUT)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=220,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in NAMES:
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull() and image.width() > 300, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 5, name
    assert QImage(str(OUT / "detail-chips-1366.png")).width() <= 1366
    # The PDF page is drawn: white paper with dark text on it, not an empty view.
    page = QImage(str(OUT / "attachment-pdf.png"))
    middle = [page.pixelColor(x, y).lightness() for x in range(250, 650, 3)
              for y in range(80, 140, 2)]
    assert max(middle) > 240 and min(middle) < 120
