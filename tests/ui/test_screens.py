"""Each main screen rendered under Xvfb (a real X server) and saved as a PNG for people to look
at: test-artifacts/screens/*.png. Falls back to the offscreen platform without Xvfb."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-artifacts" / "screens"
SCREENS = ("main_window", "detail", "forward_dialog", "follow_up_dialog", "login_dialog",
           "main_window_en")
pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()  # Xvfb writes its display number when ready
    try:
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_main_screens_render(display: dict[str, str]) -> None:
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_screens", str(OUT)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=220,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in SCREENS:
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull() and image.width() > 300, name
        # not a blank grab: some variety of pixels
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 5, name
