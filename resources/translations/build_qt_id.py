"""Maintainer tool: write Qt's own dialogs' Indonesian catalogue (qt_strings_id.py) as
qtbase_id.ts and compile it.

    .venv/bin/python resources/translations/build_qt_id.py
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "qtbase_id.ts"


def wording() -> dict[str, dict[str, str]]:
    spec = importlib.util.spec_from_file_location("qt_strings_id", HERE / "qt_strings_id.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.QT_ID  # type: ignore[no-any-return]


def write_ts(path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="id_ID")
    for context, messages in sorted(wording().items()):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source, translation in sorted(messages.items()):
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = translation
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    "utf-8")


def main() -> int:
    write_ts()
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) \
        or shutil.which("pyside6-lrelease")
    if lrelease is None:
        print("pyside6-lrelease not found", file=sys.stderr)
        return 1
    return subprocess.run([lrelease, str(TS)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
