"""The intake screens rendered under Xvfb (offscreen without it) and saved as PNGs for people to
look at: test-artifacts/screens/{record_complaint_errors,record_complaint_close_question,
record_complaint_letter,receipt_offline,receipt_synced,receipt_page_*,window_letter_detail,import_preview,
detail_duplicates,follow_up_template}.png. The wording not yet in the shipped catalogue is
compiled into a temporary one (the shipped .ts is never touched), which also checks it is all there."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.ui.render_intake_screens import SCREENS
from tests.ui.test_screens import ROOT, display, render  # noqa: F401 - the Xvfb fixture

pytestmark = pytest.mark.timeout(240)
BIN = Path(sys.executable).parent


def build_catalogue(tmp: Path) -> Path:
    """lupdate every ui module into a COPY of the shipped .ts, fill it, compile it."""
    shipped = ROOT / "resources" / "translations"
    ts = tmp / "lapor_desk_id.ts"
    shutil.copy(shipped / "lapor_desk_id.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "lapor_desk" / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete"],
                   check=True, capture_output=True)
    spec = importlib.util.spec_from_file_location("fill_id", shipped / "fill_id.py")
    assert spec is not None and spec.loader is not None
    fill = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fill)
    missing = fill.fill(ts)
    mine = set()
    for name in ("strings_intake.py", "strings_register.py"):
        spec = importlib.util.spec_from_file_location(name, shipped / name)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        mine |= set(module.ID)
    contexts = {m.findtext("source") for c in ET.parse(ts).getroot().iter("context")
                if c.findtext("name") in ("IntakeLabels", "RecordComplaintDialog",
                                          "ImportRegisterDialog", "DuplicatesPanel",
                                          "TemplatePicker", "IntakeFlows", "FileList",
                                          "RegisterPreviewModel", "RegisterColumns",
                                          "RegisterFlow", "RecordForm", "ReceiptDialog",
                                          "ReceiptPage", "ReceiptPanel")
                for m in c.iter("message")}
    assert not (contexts & set(missing)), sorted(contexts & set(missing))
    qm = tmp / "extra_id.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)
    assert mine
    return qm


def test_intake_screens_render(display: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    render("tests.ui.render_intake_screens", SCREENS, display,
           str(build_catalogue(tmp_path)))
