"""The desktop against the REAL reference server on loopback (on SQLite): sign in,
first sync with progress, queue counts equal the cache, open a complaint, forward it while the
server is down (the row shows it pending), sync when it is back, the row leaves the queue."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.complaint_table import STATUS
from lapor_desk.ui.models.queue_list import COUNT_ROLE
from tests.support.live_server import LiveServer, start_server

pytestmark = pytest.mark.timeout(180)
WAIT = 30_000


def queue_counts(window: MainWindow) -> dict[str, int]:
    model = window.queue_model
    return {model.key_at(r) or "": model.index(r).data(COUNT_ROLE)
            for r in range(model.rowCount())}


def cache_counts(controller: DeskController) -> Counter[str]:
    cache = controller.workstation.session.require_cache()
    with cache.engine.connect() as c:
        return Counter(dict(c.execute(select(Complaint.status, func.count())
                                      .group_by(Complaint.status)).all()))


def open_queue(qtbot: Any, window: MainWindow, key: str, rows: int | None = None) -> None:
    window.select_queue(key)
    qtbot.waitUntil(lambda: window.queue_key == key and window.controller.taskman.idle,
                    timeout=WAIT)
    if rows is not None:
        qtbot.waitUntil(lambda: window.table_model.rowCount() == rows, timeout=WAIT)


def test_sign_in_sync_forward_offline_and_sync(qtbot: Any, controller: DeskController,
                                                live_server: LiveServer,
                                                password: str) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(controller.signed_in, timeout=WAIT) as signed:
        controller.sign_in(live_server.url, "admin.kendari", password)
    window.start_session(signed.args[0])

    progress: list[Any] = []
    controller.sync_progress.connect(progress.append)
    with qtbot.waitSignal(controller.sync_finished, timeout=60_000):
        assert controller.sync()
        assert not window.sync_action.isEnabled()  # the loop kept running meanwhile
    assert progress and progress[-1].phase == "done" and progress[-1].records > 0
    qtbot.waitUntil(lambda: controller.taskman.idle, timeout=WAIT)
    assert "Daring" in window.statusBar().connection.text()

    counts, cache = queue_counts(window), cache_counts(controller)
    assert counts["needs_verification"] == cache["unverified"]
    assert counts["in_progress"] == cache["in_progress"]
    assert counts["done"] == cache["done"] and counts["outbox"] == 0
    assert window.queue_model.index(0).data() == "Perlu Verifikasi"

    open_queue(qtbot, window, "needs_verification", counts["needs_verification"])
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.detail is not None, timeout=WAIT)
    complaint = window.detail.detail
    assert complaint is not None and window.forward_action.isEnabled()
    assert window.detail.title.text() == complaint.row.title

    port = urlsplit(live_server.url).port
    live_server.stop()  # offline from here on
    window.flows.forward(complaint.row.id)
    qtbot.waitUntil(lambda: window.flows.dialog is not None, timeout=WAIT)
    dialog = window.flows.dialog
    assert isinstance(dialog, ForwardDialog)
    dialog.search.setText("Pekerjaan Umum")
    target = next(i for i in range(10_000) if dialog.select(i))
    dialog.accept()
    qtbot.waitUntil(lambda: queue_counts(window).get("outbox") == 1, timeout=WAIT)
    assert queue_counts(window)["needs_verification"] == counts["needs_verification"] - 1
    assert target

    open_queue(qtbot, window, "outbox", 1)
    qtbot.waitUntil(lambda: "menunggu" in (window.table_model.index(0, STATUS).data() or ""),
                    timeout=WAIT)
    qtbot.waitUntil(lambda: "Kotak Keluar: 1" in window.statusBar().pending.text(),
                    timeout=WAIT)

    with qtbot.waitSignal(controller.sync_failed, timeout=60_000) as failed:
        controller.sync()
    assert failed.args[0].code == "offline"
    qtbot.waitUntil(lambda: "Luring" in window.statusBar().connection.text(), timeout=WAIT)
    assert window.banner.isVisible()

    restarted = start_server(live_server.settings, seed=live_server.seed, port=port)
    try:
        with qtbot.waitSignal(controller.sync_finished, timeout=60_000) as synced:
            controller.sync()
        assert synced.args[0].applied == 1
        qtbot.waitUntil(lambda: window.table_model.rowCount() == 0, timeout=WAIT)
        qtbot.waitUntil(lambda: queue_counts(window).get("outbox") == 0, timeout=WAIT)
        qtbot.waitUntil(lambda: "Kotak Keluar: 0" in window.statusBar().pending.text(),
                        timeout=WAIT)
    finally:
        restarted.stop()
