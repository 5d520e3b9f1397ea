"""Render the facilitator's window for a room of 30 and the printed list, to look at.

    QT_QPA_PLATFORM=offscreen python -m tests.ui.render_training_screens OUT_DIR

A training server with 30 trainees on this computer's address on its network (loopback when
it has none), one trainee's desktop doing two exercises over it, then, in Indonesian: the
window at 1366x768 (``training-window-30.png``) and the A4 pages of the list
(``training-list-1.png``, ``training-list-2.png``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtGui import QPdfWriter
from PySide6.QtPdf import QPdfDocument

from lapor_desk.models.enums import ActionKind
from lapor_desk.services import Workstation
from lapor_desk.services.actions import ActionFields
from lapor_desk.services.templates import ReplyContext, render
from lapor_desk.services.training import LOOPBACK, TrainingServer, local_addresses
from lapor_desk.ui import i18n
from lapor_desk.ui.training_sheet import print_roster
from lapor_desk.ui.training_window import TrainingWindow
from tests.ui.render_setup import isolated_application


def wait_for(signal: object, ms: int = 300_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def two_exercises(server: TrainingServer, profiles: Path) -> None:
    trainee = server.roster()[2]
    station = Workstation(profiles, device="peserta-pc")
    try:
        station.sign_in(server.trainee_url, trainee.username, trainee.password)
        station.sync()
        rows = {row.title.split("]")[0] + "]": row.id for key in station.queue_keys()
                for row in station.rows(station.complaint_ids(key))}
        verify = rows["[Latihan 1]"]
        target = next(t.id for t in station.forward_targets(verify)
                      if "Pekerjaan Umum" in t.name and t.selectable)
        station.actions.submit(ActionKind.FORWARD, verify, ActionFields(to_id=target))
        template = station.replies.templates()[0]
        station.replies.send(rows["[Latihan 2]"], "follow_up", render(
            template.body, ReplyContext("La Ode Hasrul", False, 1, "Dinas PUPR")))
        station.sync()
    finally:
        station.close()


def main(out: Path) -> None:
    work, app = isolated_application("lapor-training-screens-")
    i18n.set_language("id")
    out.mkdir(parents=True, exist_ok=True)
    found = local_addresses()
    server = TrainingServer(work / "training", host=found[0] if found else LOOPBACK,
                            port=8718, trainees=30)
    window = TrainingWindow(server)
    window.resize(1366, 768)
    window.show()
    window.start()
    wait_for(window.progress_shown)
    two_exercises(server, work / "peserta-pc")
    window.refresh_progress()
    wait_for(window.progress_shown, 60_000)
    window.grab().save(str(out / "training-window-30.png"))
    pdf = out / "training-list.pdf"
    writer = QPdfWriter(str(pdf))
    print_roster(writer, server.trainee_url, server.roster())
    del writer
    document = QPdfDocument()
    document.load(str(pdf))
    for page in range(document.pageCount()):
        document.render(page, QSize(1240, 1754)).save(str(out / f"training-list-{page + 1}.png"))
    window.shutdown()
    app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "training-screens"))
