"""Render the coordinators' dashboard to PNGs (run by test_dashboard.py under Xvfb, or by hand).

    DISPLAY=:99 python -m tests.ui.render_dashboard OUT_DIR

The real demo path: the seeded reference server as a child process, sign-in as the province's
coordinator (``admin.sultra``: the 17 kabupaten/kota below it), a full sync, then the dashboard
in Indonesian, per unit (``dashboard.png``) and per kabupaten/kota (``dashboard_regency.png``),
with its low ratings (``dashboard_low_ratings.png``), and in English (``dashboard_en.png``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from lapor_desk.services import DEMO_PASSWORD, DemoServer, Workstation
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dashboard_window import DashboardWindow
from lapor_desk.ui.taskman import TaskManager
from tests.ui.render_screens import save
from tests.ui.render_setup import isolated_application

USER = "admin.sultra"
NAMES = ("dashboard", "dashboard_regency", "dashboard_low_ratings", "dashboard_en")


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Process events until ``condition`` holds, on an event-loop INSTANCE: in PySide6 6.12 the
    static ``QApplication.processEvents`` drops a reference to ``None`` on every call, and a long
    wait then aborts Python ("none_dealloc", seen here once in a paint event)."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("dashboard did not settle")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    _work, app = isolated_application("lapor-dash-qs-")
    i18n.set_language("id")
    demo = DemoServer(Path(tempfile.mkdtemp(prefix="lapor-dash-")), complaints=1500)
    taskman = TaskManager()
    station = Workstation(demo.profile_root, device="screens")
    try:
        url = demo.start()
        station.sign_in(url, USER, DEMO_PASSWORD)
        station.sync()
        controller = DeskController(station, taskman)
        window = DashboardWindow(controller)
        window.resize(1366, 728)  # a 1366x768 laptop less its taskbar
        window.show()
        page = window.page
        loads: list[object] = []
        page.loaded.connect(loads.append)
        page.refresh()
        wait_for(app, lambda: len(loads) == 1 and taskman.idle)
        save(window, out / "dashboard.png")
        page.set_breakdown("regency")
        wait_for(app, lambda: len(loads) == 2 and taskman.idle)
        save(window, out / "dashboard_regency.png")
        page.tabs.setCurrentWidget(page.low_ratings)
        app.processEvents()
        save(window, out / "dashboard_low_ratings.png")
        page.tabs.setCurrentIndex(0)
        i18n.set_language("en")
        page.set_breakdown("unit")
        wait_for(app, lambda: len(loads) == 3 and taskman.idle)
        save(window, out / "dashboard_en.png")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        station.close()
        demo.reset()
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/screens"))
    # PySide6 6.12 aborts in interpreter finalisation after a Qt session (see render_screens).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
