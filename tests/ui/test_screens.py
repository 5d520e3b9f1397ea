"""Each main screen rendered under Xvfb (a real X server) and saved as a PNG for people to look
at: test-artifacts/screens/*.png. Falls back to the offscreen platform without Xvfb."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from lapor_desk.ui.resources import ICONS, icon

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-artifacts" / "screens"
SCREENS = ("main_window", "detail", "forward_dialog", "follow_up_dialog", "login_dialog",
           "file_dialog", "sign_out_question", "main_window_en", "main_window_filters")
pytestmark = pytest.mark.timeout(240)


def x_server(screen: str) -> Iterator[dict[str, str]]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", screen,
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


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    yield from x_server("1600x1000x24")


def render(module: str, screens: Iterable[str], display: dict[str, str],
           *args: str) -> None:
    """Run the renderer ``module`` in its own process (``OUT`` and ``args`` as its arguments) and
    check that it wrote each of ``screens`` as a real picture: not empty, not a blank grab."""
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", module, str(OUT), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=220, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in screens:
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull() and image.width() > 300, name
        # not a blank grab: some variety of pixels
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 5, name


@pytest.fixture
def big_display() -> Iterator[dict[str, str]]:
    """Room for a 1366x768 window at twice the pixels."""
    yield from x_server("3000x1800x24")


def test_main_screens_render(display: dict[str, str]) -> None:
    render("tests.ui.render_screens", SCREENS, display)


def test_main_window_at_device_pixel_ratio_2(big_display: dict[str, str]) -> None:
    """QT_SCALE_FACTOR=2: the whole window at twice the pixels (look at main-window-hidpi.png:
    crisp icons, nothing clipped)."""
    env = {**os.environ, **big_display, "PYTHONPATH": str(ROOT), "QT_SCALE_FACTOR": "2"}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_screens", str(OUT), "--hidpi"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=220,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    image = QImage(str(OUT / "main-window-hidpi.png"))
    assert (image.width(), image.height()) == (2 * 1366, 2 * 768)


def test_sign_out_and_the_next_person_render(display: dict[str, str]) -> None:
    """A shared PC (look at session_*.png): the window empty after signing out, then another
    agency's admin with nothing of the first person's session."""
    env = {**os.environ, **display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.render_screens", str(OUT),
                           "--sign-out"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=220, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    for name in ("session_a", "session_signed_out", "session_signed_out_login", "session_b"):
        image = QImage(str(OUT / f"{name}.png"))
        assert not image.isNull() and image.width() > 300, name


def test_icons_are_vector_and_render_sharp_at_ratio_2() -> None:
    """Every icon is an SVG (drawn at the screen's resolution, never a scaled bitmap)."""
    files = sorted(ICONS.iterdir())
    assert files and all(f.suffix == ".svg" for f in files), files
    for path in files:
        pixmap = icon(path.stem).pixmap(QSize(24, 24), 2.0)
        assert pixmap.width() == 48 and pixmap.devicePixelRatio() == 2.0, path.name
        image = pixmap.toImage()
        # the SVG engine is present and draws at 48 pixels (a missing engine gives blanks)
        painted = sum(1 for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha())
        assert painted > 20, path.name
