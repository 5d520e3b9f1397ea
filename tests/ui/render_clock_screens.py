"""Render the clock screens to PNGs (run by test_clock_screens.py, or by hand):

    DISPLAY=:99 python -m tests.ui.render_clock_screens OUT_DIR [EXTRA.qm]

The desk on a PC whose clock is an hour ahead, against the seeded demo server (a child process
with the real time): the status bar's warning; Kotak Keluar with a recorded complaint the server
refused (typed while this desk did not know the server's clock); the same complaint reopened in
its form; the status bar at its fullest (syncing, a rejection, the warning); and the status bar
once the clock is set right. EXTRA.qm: wording not yet in the shipped catalogue.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTranslator

from lapor_desk.models.calendar import utcnow
from lapor_desk.services import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoServer,
    Workstation,
)
from lapor_desk.services.types import SyncProgress
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.record_complaint import RecordComplaintDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.status_bar import DeskStatusBar
from lapor_desk.ui.taskman import TaskManager
from tests.services.test_intake import form
from tests.ui.render_intake_screens import wait_for
from tests.ui.render_screens import save
from tests.ui.render_setup import isolated_application, run_renderer

SCREENS = ("clock_warning_window", "outbox_refused_record", "record_complaint_reopened",
           "clock_warning_busy", "clock_set_right")


class PcClock:
    def __init__(self) -> None:
        self.error = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.error


def main(out: Path, extra_qm: str | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work, app = isolated_application("lapor-clock-screens-")
    if extra_qm:
        extra = QTranslator(app)
        assert extra.load(extra_qm), extra_qm
        app.installTranslator(extra)
    i18n.set_language("id")
    demo = DemoServer(work / "demo", complaints=800, training=False)  # real time: a wrong PC clock
    taskman = TaskManager()
    pc = PcClock()
    station = Workstation(demo.profile_root, device="screens", clock=pc)
    try:
        station.sign_in(demo.start(), DEMO_USER, DEMO_PASSWORD)
        station.sync()
        defaults = station.intake.defaults()
        pc.error = timedelta(hours=1, minutes=4)
        station.session.server_clock.load(None)  # typed before this desk knew the server's clock
        scan = work / "surat-pengaduan.pdf"
        scan.write_bytes(b"%PDF-1.4 " + b"s" * 30_000)
        station.intake.record(form(title="Pungutan liar di loket KTP kecamatan",
                                   channel="letter", province=defaults.province,
                                   regency=defaults.regency), [scan])
        assert station.sync().rejected == 1

        controller = DeskController(station, taskman)
        window = MainWindow(controller)
        window.resize(1366, 768)
        window.show()
        window.start_session(station.info)  # type: ignore[arg-type]
        bar = window.statusBar()
        assert isinstance(bar, DeskStatusBar)
        wait_for(app, lambda: window.queue_key is not None and taskman.idle
                 and bar.clock_warning.isVisible())
        save(window, out / "clock_warning_window.png")

        window.select_queue("outbox")
        panel = window.outbox_review.panel
        wait_for(app, lambda: window.queue_key == "outbox" and taskman.idle
                 and panel.current_item() is not None)
        save(window, out / "outbox_refused_record.png")

        item = panel.current_item()
        assert item is not None
        window.outbox_review.resend(item)
        wait_for(app, lambda: isinstance(window.intake.dialog, RecordComplaintDialog))
        dialog = window.intake.dialog
        assert isinstance(dialog, RecordComplaintDialog)
        save(dialog, out / "record_complaint_reopened.png")
        dialog.reject()
        wait_for(app, lambda: window.intake.dialog is None and taskman.idle)

        bar.set_reconnecting(True)  # everything the status bar can say at once
        bar.set_syncing(True)
        bar.show_progress(SyncProgress("pull", 18_250, 4_000_000, 3.0, total=91_377))
        save(window, out / "clock_warning_busy.png")
        bar.set_syncing(False)
        bar.set_reconnecting(False)

        pc.error = timedelta(0)  # the clock is set right
        controller.check_clock()
        wait_for(app, lambda: not bar.clock_warning.isVisible())
        save(window, out / "clock_set_right.png")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        station.close()
        demo.reset()
    return 0


if __name__ == "__main__":
    run_renderer(main)
