"""Render ``resources/icons/app.svg`` to ``installer/lapor-desk.ico`` (Windows: the executables'
and the installer's icon) and ``installer/lapor-desk.png`` (Linux: the .desktop entry's icon).

    python installer/make_icon.py

Uses Qt's own SVG renderer and ICO writer (PySide6, the ui extra); run before PyInstaller. The
outputs are build products (not committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImageWriter

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "app.svg"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it to render
    icon = QIcon(str(SVG))
    png = icon.pixmap(QSize(256, 256)).toImage()
    if not png.save(str(HERE / "lapor-desk.png")):
        print("could not write lapor-desk.png", file=sys.stderr)
        return 1
    if b"ico" not in [bytes(f) for f in QImageWriter.supportedImageFormats()]:
        print("this Qt cannot write .ico (imageformats/qico plugin missing)", file=sys.stderr)
        return 1
    # Qt's ICO writer stores one image; 256 px scales down well on Windows 10/11.
    if not png.save(str(HERE / "lapor-desk.ico"), "ICO"):
        print("could not write lapor-desk.ico", file=sys.stderr)
        return 1
    print(f"wrote {HERE / 'lapor-desk.ico'} and {HERE / 'lapor-desk.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
