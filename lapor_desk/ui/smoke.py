"""``lapor-desk --smoke-test SERVER USER``: check that an installed desktop works, headless.

It goes through the desktop's real start path (application object, style, translations, the main
window, the controller and its workers): signs in with ``LAPOR_PASSWORD``, shows the window, lets
the first sync run, then prints one JSON object on stdout and exits 0. Any failure prints the
error's code and exits 1; nothing happening within the time limit exits 2. Meant for installers,
packagers and CI (``QT_QPA_PLATFORM=offscreen``), not for people. ``window_seconds`` counts from
the start of the smoke test, ``window_since_process_start`` from the process's start (Linux); both
include the sign-in's round trip, as the window opens once signed in.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from lapor_desk import __version__
from lapor_desk.services import Workstation
from lapor_desk.services.types import StatusSummary, SyncOutcome

SMOKE_TIMEOUT_MS = 120_000


def process_age() -> float | None:
    """Seconds since this process started (Linux: /proc), so the figure includes loading
    Python, Qt and the app, not just the time after ``run_smoke`` was called."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return round(uptime - int(stat[19]) / os.sysconf("SC_CLK_TCK"), 3)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def run_smoke(server: str, user: str, password: str, profile_root: Path | None = None) -> int:
    started = time.monotonic()
    from lapor_desk.ui.app import Desk, make_application

    app = make_application()
    desk = Desk(Workstation(profile_root, device="lapor-desk-smoke-test"))
    result: dict[str, Any] = {"version": __version__}
    code = [2]

    def finish(exit_code: int) -> None:
        code[0] = exit_code
        app.exit(exit_code)

    def failed(error: Exception) -> None:
        result["error"] = getattr(error, "code", type(error).__name__)
        finish(1)

    def window_shown(_info: object) -> None:
        result["window_visible"] = desk.window.isVisible()
        result["window_seconds"] = round(time.monotonic() - started, 3)
        result["window_since_process_start"] = process_age()

    def guarded(step: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(value: Any) -> None:
            try:
                step(value)
            except Exception as exc:  # noqa: BLE001 - a smoke test reports, never hangs
                result["exception"] = repr(exc)
                failed(exc)
        return run

    def synced(outcome: SyncOutcome) -> None:
        result["sync"] = {"pushed": outcome.pushed, "pulled_rows": outcome.pulled_rows}
        desk.controller.op(lambda ws: ws.status()).success(guarded(reported)) \
            .failure(failed, report_bugs=False).run()

    def reported(status: StatusSummary) -> None:
        result["status"] = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                            for k, v in asdict(status).items()}
        result["seconds"] = round(time.monotonic() - started, 3)
        finish(0 if result.get("window_visible") else 1)

    controller = desk.controller
    controller.signed_in.connect(guarded(window_shown))
    controller.sign_in_failed.connect(failed)
    controller.sync_finished.connect(guarded(synced))
    controller.sync_failed.connect(failed)
    deadline = QTimer(singleShot=True, interval=SMOKE_TIMEOUT_MS)
    deadline.timeout.connect(lambda: finish(2))
    deadline.start()
    controller.sign_in(server, user, password)
    try:
        app.exec()
    finally:
        # Stopped, so a caller that goes on using the application (the test suite) is never
        # ended by it minutes later.
        deadline.stop()
        desk.shutdown()
    if code[0] == 2:
        result["error"] = "timeout"
    print(json.dumps(result, sort_keys=True), flush=True)
    return code[0]

