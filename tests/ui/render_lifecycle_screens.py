"""Render closing, reopening and postponing to PNGs (run by test_lifecycle_screens.py, or by hand):

    DISPLAY=:99 python -m tests.ui.render_lifecycle_screens OUT_DIR [EXTRA.qm]

The window at 1366x768 against the seeded demo server (a child process), in Indonesian: the close
dialog (Selesaikan laporan) over a complaint in progress; after closing it, the reopen dialog
refusing an empty reason; the postpone dialog with a Saturday picked (it says which working day
that becomes); the window with the postponed complaint open on its day, its "Ditunda sampai" row
in view and the reminder in the corner. EXTRA.qm: wording not yet in the shipped catalogue.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QTranslator

from lapor_desk.models.calendar import default_config
from lapor_desk.services import DEMO_PASSWORD, DEMO_USER, DemoServer, Workstation
from lapor_desk.ui import i18n
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.postpone import PostponeDialog
from lapor_desk.ui.dialogs.verify import ReasonDialog
from lapor_desk.ui.labels import qdate
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.notify import Notifier
from lapor_desk.ui.taskman import TaskManager
from tests.ui.render_intake_screens import wait_for
from tests.ui.render_screens import save
from tests.ui.render_setup import isolated_application, run_renderer

SCREENS = ("lifecycle_close_dialog", "lifecycle_reopen_dialog", "lifecycle_postpone_dialog",
           "lifecycle_postponed_reminder")


def main(out: Path, extra_qm: str | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work, app = isolated_application("lapor-lifecycle-screens-")
    if extra_qm:
        extra = QTranslator(app)
        assert extra.load(extra_qm), extra_qm
        app.installTranslator(extra)
    i18n.set_language("id")
    demo = DemoServer(work / "demo", complaints=300)
    taskman = TaskManager()
    station = Workstation(demo.profile_root, device="screens")
    try:
        url = demo.start()
        station.sign_in(url, DEMO_USER, DEMO_PASSWORD)
        station.sync()
        controller = DeskController(station, taskman)
        window = MainWindow(controller)
        window.attachments.auto_prefetch = False
        window.resize(1366, 768)
        window.show()
        notifier = Notifier(window, lambda: False)
        window.lifecycle.reminders_due.connect(notifier.show_reminder)
        window.start_session(station.info)  # type: ignore[arg-type]
        wait_for(app, lambda: window.queue_key is not None and taskman.idle)
        model = window.table_model

        def show_first(queue: str) -> str:
            window.select_queue(queue)
            wait_for(app, lambda: window.queue_key == queue and taskman.idle
                     and model.rowCount() > 0)
            window.table.selectRow(0)
            wait_for(app, lambda: window.detail.detail is not None and taskman.idle
                     and window.detail.detail.row.id == model.id_at(0))
            return model.id_at(0) or ""

        def dialog_of(kind: str) -> ReasonDialog:
            if kind == "postpone":
                window.verify.start_current(kind)
            else:
                window.lifecycle.start_current(kind)
            wait_for(app, lambda: isinstance(window.verify.dialog, ReasonDialog))
            dialog = window.verify.dialog
            assert isinstance(dialog, ReasonDialog) and dialog.kind == kind
            return dialog

        show_first("in_progress")
        close = dialog_of("close")
        close.editor.setPlainText("Saluran sudah dikeruk Dinas PUPR pada 4 Desember; warga "
                                  "mengonfirmasi air tidak lagi meluap.")
        save(close, out / "lifecycle_close_dialog.png")
        close.ok.click()
        wait_for(app, lambda: window.verify.dialog is None and taskman.idle
                 and window.detail.detail is not None
                 and window.detail.detail.row.status == "done")
        reopen = dialog_of("reopen")
        reopen.ok.click()  # an empty reason: refused in the dialog
        assert reopen.error.isVisible()
        save(reopen, out / "lifecycle_reopen_dialog.png")
        reopen.reject()
        wait_for(app, lambda: window.verify.dialog is None)

        postponed = show_first("needs_verification")
        postpone = dialog_of("postpone")
        assert isinstance(postpone, PostponeDialog)
        saturday = min(d for d in postpone.days.days_off if d.weekday() == 5)
        postpone.until.setDate(qdate(saturday))
        postpone.editor.setPlainText("Data pelapor belum lengkap: NIK dan alamat tidak terbaca "
                                     "pada foto KTP. Pelapor sudah dihubungi lewat WhatsApp.")
        save(postpone, out / "lifecycle_postpone_dialog.png")
        kept = postpone.kept()
        postpone.ok.click()
        wait_for(app, lambda: window.verify.dialog is None and taskman.idle)

        noon = datetime.combine(kept, time(9), tzinfo=default_config().calendar.tz)
        station.lifecycle.now = lambda: noon.astimezone(UTC)
        window.select_queue("postponed")
        wait_for(app, lambda: window.queue_key == "postponed" and taskman.idle
                 and model.row_of(postponed) >= 0)
        window.table.selectRow(model.row_of(postponed))
        wait_for(app, lambda: taskman.idle and window.detail.detail is not None
                 and window.detail.detail.row.id == postponed
                 and window.detail.detail.postponement_due)
        window.lifecycle.check_reminders()
        wait_for(app, lambda: notifier.notice is not None and notifier.notice.isVisible())
        browser = window.detail.browser
        assert "Ditunda sampai" in browser.toPlainText(), "the postponed row"
        bar = browser.verticalScrollBar()  # the facts, the postponed row among them, in view
        bar.setValue(bar.maximum() - browser.viewport().height() // 2)
        save(window, out / "lifecycle_postponed_reminder.png")
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
