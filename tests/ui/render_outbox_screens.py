"""Render Kotak Keluar's screens to PNGs (run by test_outbox_screens.py, or by hand):

    DISPLAY=:99 python -m tests.ui.render_outbox_screens OUT_DIR [EXTRA.qm]

The window at 1366x768 against the seeded demo server (a child process): Kotak Keluar holding an
internal note the server refused for its file (``attachment_missing``: this desk took the file
for uploaded), an action on a complaint that left the admin's area and a note waiting to be
sent — the heading counts the three actions the panel lists, as the sidebar and the status bar
do; then "Perbaiki & kirim ulang" of the note, its file kept in the dialog; then a conflict
(the national admin postponed a complaint first), its card naming who changed it and when. EXTRA.qm: wording
not yet in the shipped catalogue.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator
from sqlalchemy import update

from lapor_desk.models.cache.schema import Blob
from lapor_desk.services import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoServer,
    Workstation,
)
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.taskman import TaskManager
from tests.ui.render_intake_screens import wait_for
from tests.ui.render_screens import save
from tests.ui.render_setup import isolated_application, run_renderer

SCREENS = ("outbox_three_actions", "outbox_note_fix_and_resend", "outbox_conflict_named")


def main(out: Path, extra_qm: str | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work, app = isolated_application("lapor-outbox-screens-")
    if extra_qm:
        extra = QTranslator(app)
        assert extra.load(extra_qm), extra_qm
        app.installTranslator(extra)
    i18n.set_language("id")
    demo = DemoServer(work / "demo", complaints=800)
    taskman = TaskManager()
    station = Workstation(demo.profile_root, device="screens")
    national = Workstation(work / "national", device="screens-national")
    try:
        url = demo.start()
        station.sign_in(url, DEMO_USER, DEMO_PASSWORD)
        station.sync()
        national.sign_in(url, "nasional1", DEMO_PASSWORD)
        national.sync()
        gone, busy = station.complaint_ids("needs_verification")[:2]
        station.verification.submit("archive", gone, ActionFields(reason_code="spam"))
        targets = national.verification.reroute_targets(gone)
        national.verification.reroute(gone, next(t for t in targets if t.selectable).id,
                                      "salah instansi")
        assert national.sync().applied == 1
        photo = work / "foto_gorong_gorong.jpg"
        photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 600)
        station.replies.send(busy, "internal_note", "Foto gorong-gorong di depan SD terlampir.",
                             [photo])
        with station.session.require_cache().writer.begin() as c:
            c.execute(update(Blob).values(uploaded=True))  # as if downloaded from a complaint
        assert station.sync().rejected == 2
        station.replies.send(busy, "internal_note", "Dinas PU menjadwalkan perbaikan pekan depan.")

        # The screen shows the note still waiting: no sync of its own after an action.
        controller = DeskController(station, taskman, push_delay_ms=None)
        window = MainWindow(controller)
        window.attachments.auto_prefetch = False
        window.resize(1366, 768)
        window.show()
        window.start_session(station.info)  # type: ignore[arg-type]
        wait_for(app, lambda: window.queue_key is not None and taskman.idle)
        window.select_queue("outbox")
        panel = window.outbox_review.panel
        wait_for(app, lambda: window.queue_key == "outbox" and taskman.idle
                 and panel.model.rowCount() == 3 and window.list_count.text() == "3")
        note = next(i for r in range(3) if (i := panel.model.item_at(r)) is not None
                    and i.reason == "attachment_missing")
        assert panel.select(note.mutation_id)
        wait_for(app, lambda: taskman.idle and window.detail.complaint_id == busy
                 and panel.resend_button.isEnabled())
        save(window, out / "outbox_three_actions.png")

        window.outbox_review.resend(note)
        wait_for(app, lambda: isinstance(window.flows.dialog, FollowUpDialog))
        dialog = window.flows.dialog
        assert isinstance(dialog, FollowUpDialog) and dialog.files.list.count() == 1
        save(dialog, out / "outbox_note_fix_and_resend.png")
        dialog.reject()
        wait_for(app, lambda: window.flows.dialog is None and taskman.idle)

        # A conflict: the national admin postponed a complaint this admin archived meanwhile;
        # the card names who, when, and the statuses; the status bar counts the conflict.
        late = station.complaint_ids("needs_verification")[2]
        station.verification.submit("archive", late, ActionFields(reason_code="too_general"))
        national.verification.submit("postpone", late,
                                     ActionFields(reason="Menunggu kelengkapan data"))
        assert national.sync().applied == 1
        assert controller.sync()
        wait_for(app, lambda: not controller.syncing and taskman.idle)
        window.select_queue("conflicts")
        wait_for(app, lambda: window.queue_key == "conflicts" and taskman.idle
                 and panel.model.rowCount() == 1)
        conflict = panel.model.item_at(0)
        assert conflict is not None and panel.select(conflict.mutation_id)
        wait_for(app, lambda: taskman.idle and window.detail.complaint_id == late)
        save(window, out / "outbox_conflict_named.png")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        taskman.shutdown()
        national.close()
        station.close()
        demo.reset()
    return 0


if __name__ == "__main__":
    run_renderer(main)
