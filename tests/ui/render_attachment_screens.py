"""Render the attachment screens to PNGs (run by test_attachment_screens.py under Xvfb, or by
hand):

    DISPLAY=:99 python -m tests.ui.render_attachment_screens OUT_DIR

A seeded reference server (with the seed's real PNG and PDF files) on loopback, sign-in and a
full sync, then, in Indonesian: the main window at 1366x768 showing a complaint with both privacy
markers (``detail-chips-1366.png``; a real anonim or rahasia complaint with both markers
switched on, as the seed gives this user none with both), one with attachments (``detail-attachments.png``), and the
viewer with an image (``attachment-image.png``) and a PDF page (``attachment-pdf.png``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from lapor_desk.models.cache.schema import Attachment, Complaint
from lapor_desk.server.database import init_database
from lapor_desk.server.seed import seed_database
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import Workstation
from lapor_desk.ui import i18n
from lapor_desk.ui.attachment_viewer import AttachmentViewer
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.taskman import TaskManager
from tests.support.live_server import PASSWORD, start_server
from tests.ui.render_setup import isolated_application

NAMES = ("detail-chips-1366", "detail-attachments", "attachment-image", "attachment-pdf")


def spin(milliseconds: int) -> None:
    """Run the event loop for a while. (Not ``processEvents`` in a busy loop: under xcb,
    PySide6 6.12 loses a reference to ``None`` on each call and aborts after a few thousand.)"""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not settle")
        spin(25)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Let asynchronous painting (QPdfView renders pages on a thread) finish."""
    spin(int(seconds * 1000))


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(path)), path


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work, app = isolated_application("lapor-attachment-screens-")
    i18n.set_language("id")
    url = f"sqlite:///{work / 'server.sqlite3'}"
    init_database(url)
    seed_database(url, complaints=400, seed=7, password=PASSWORD, blob_dir=work / "blobs")
    server = start_server(ServerSettings(database_url=url, blob_dir=work / "blobs",
                                         auto_close_interval=0))
    taskman = TaskManager()
    station = Workstation(work / "profiles", device="screens")
    try:
        station.sign_in(server.url, "admin.kendari", PASSWORD)
        station.sync()
        controller = DeskController(station, taskman)
        window = MainWindow(controller)
        flow = window.attachments
        window.resize(1366, 768)
        window.show()
        window.start_session(station.info)  # type: ignore[arg-type]
        wait_for(app, lambda: window.queue_key is not None and taskman.idle)
        cache = station.session.require_cache()
        with cache.engine.connect() as c:
            flagged = c.execute(select(Complaint.id).where(
                Complaint.anonymous.is_(True) | Complaint.confidential.is_(True))
                .order_by(Complaint.confidential.desc(), Complaint.id)).scalars().first()
            files = list(c.execute(select(Attachment.complaint_id, Attachment.id,
                                          Attachment.mime_type).order_by(Attachment.id)))
        assert flagged is not None, "the seed has no anonim or rahasia complaint"

        def show(complaint_id: str) -> None:
            controller.load_detail(complaint_id)
            wait_for(app, lambda: flow.complaint_id == complaint_id and taskman.idle)
            settle(app, 0.2)

        # The seed gives this user no complaint that is both anonim and rahasia: show a real
        # flagged one with both markers on (the layout is what this picture is about).
        show(flagged)
        real = window.detail.detail
        assert real is not None
        window.detail.show_detail(replace(real, row=replace(
            real.row, anonymous=True, confidential=True)))
        settle(app, 0.2)
        assert window.width() <= 1366, window.width()
        save(window, out / "detail-chips-1366.png")
        for mime, name in (("image/png", "attachment-image"), ("application/pdf",
                                                              "attachment-pdf")):
            complaint_id, attachment_id = next((c, a) for c, a, m in files if m == mime)
            show(complaint_id)
            if mime == "image/png":
                save(window, out / "detail-attachments.png")
            opened: list[AttachmentViewer] = []
            flow.viewer_opened.connect(opened.append)
            flow.open(attachment_id)
            wait_for(app, lambda seen=opened: bool(seen) and taskman.idle)
            viewer = opened[0]
            viewer.resize(900, 680)
            viewer.show()
            settle(app, 1.0)
            save(viewer, out / f"{name}.png")
            flow.viewer_opened.disconnect(opened.append)
            viewer.close()
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        station.close()
        server.stop()
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/screens"))
    # PySide6 6.12 can abort in interpreter finalisation after a Qt session (see
    # tests/ui/conftest.py); the pictures are written and flushed, so leave without finalising.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
