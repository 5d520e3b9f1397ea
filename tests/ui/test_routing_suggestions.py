"""The unit suggestions in the desktop against the REAL reference server and the real routing help
(services/routing.py) on a synced profile: the forward dialog shows three units with their
reasons, choosing one selects it and Forward writes the outbox entry to that unit; the dialog is
usable before the suggestions arrive; a similar past complaint opens read-only; and retraining
after a sync runs on the background worker, once per sync, a failure logged and never shown."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from lapor_desk.models.routing.types import ModelState
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.forward import ForwardDialog
from lapor_desk.ui.dialogs.similar_case import SimilarCaseDialog
from lapor_desk.ui.main_window import MainWindow
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, show_complaint, signed_in_window, sync

if TYPE_CHECKING:
    from lapor_desk.ui.routing_panel import SuggestionPanel

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(autouse=True)
def retrains(controller: DeskController) -> None:
    """The desk as it runs: the routing help retrained after each sync."""
    controller.routing_refresh.enabled = True
#: a retraining on the seeded history, on a machine the other tests share
TRAINED = 120_000


def trained_window(qtbot: Any, controller: DeskController, live_server: LiveServer,
                   password: str) -> MainWindow:
    """Signed in and synced; the retraining that sync started has ended with a model."""
    states: list[Any] = []
    controller.routing_refresh.refreshed.connect(states.append)
    window = signed_in_window(qtbot, controller, live_server, password)
    qtbot.waitUntil(lambda: bool(states) and not controller.routing_refresh.running,
                    timeout=TRAINED)
    assert states[-1] is ModelState.READY, states
    return window


def forward_dialog(qtbot: Any, window: MainWindow, before: Callable[[], None] = lambda: None,
                   ) -> tuple[str, ForwardDialog, SuggestionPanel]:
    open_queue(qtbot, window, "needs_verification")
    complaint_id = show_complaint(qtbot, window)
    before()
    window.flows.forward_current()
    qtbot.waitUntil(lambda: isinstance(window.flows.dialog, ForwardDialog), timeout=WAIT)
    box = window.flows.dialog
    assert isinstance(box, ForwardDialog) and box.suggestions is not None
    return complaint_id, box, box.suggestions


def test_three_units_with_reasons_and_forward_goes_to_the_chosen_one(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = trained_window(qtbot, controller, live_server, password)
    complaint_id, box, panel = forward_dialog(qtbot, window)
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=WAIT)
    found = panel.suggestions
    assert found is not None and found.state is ModelState.READY
    for row, unit in zip(panel.rows, found.units, strict=True):
        assert row.button.isVisible() and unit.unit_name in row.button.toolTip()
        assert row.confidence.text().endswith(f"· {round(unit.score * 100)} %")
        assert row.reason.text() == panel.reason_words(unit) and row.reason.text()
        if unit.similar_count:
            assert f"{unit.similar_count} laporan serupa" in row.reason.text()
    assert any(u.similar_count for u in found.units)  # learnt from similar past complaints
    chosen = next(r for r in panel.rows if r.button.isEnabled() and r.suggestion is not None)
    assert chosen.suggestion is not None
    unit_id = chosen.suggestion.unit_id
    assert box.target_id() is None
    chosen.button.click()
    assert box.target_id() == unit_id and box.isVisible()  # selected; nothing forwarded yet
    station = controller.workstation
    assert not [i for i in station.outbox_review.items(("pending",))
                if i.complaint_id == complaint_id]
    box.ok.click()
    qtbot.waitUntil(lambda: window.flows.dialog is None and controller.taskman.idle,
                    timeout=WAIT)
    entries = [i for i in station.outbox_review.items(("pending",))
               if i.complaint_id == complaint_id]
    assert [(e.kind, e.fields.to_id) for e in entries] == [("forward", unit_id)]


def test_the_dialog_is_usable_before_the_suggestions_arrive(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = trained_window(qtbot, controller, live_server, password)
    gate = threading.Event()  # the read worker is busy with something slow

    def busy() -> None:
        controller.op(lambda _ws: gate.wait(60), worker="read").run()

    try:
        _complaint_id, box, panel = forward_dialog(qtbot, window, busy)
        assert box.isVisible() and panel.state_text == "Mencari saran…"
        assert panel.shown_units() == []
        target = box.picker.shown_ids()[-1]
        assert box.select(target) and box.ok.isEnabled()
        box.note.setPlainText("Mohon ditinjau ke lokasi")
        assert box.isVisible() and panel.state_text == "Mencari saran…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=WAIT)
    assert box.target_id() == target  # arriving suggestions change nothing chosen
    assert box.note_text() == "Mohon ditinjau ke lokasi"
    box.buttons.rejected.emit()
    question = box.guard.question
    qtbot.waitUntil(lambda: question is not None and question.isVisible(), timeout=WAIT)
    assert box.guard.discard is not None
    box.guard.discard.click()
    qtbot.waitUntil(lambda: window.flows.dialog is None, timeout=WAIT)


def test_a_similar_past_complaint_opens_read_only(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = trained_window(qtbot, controller, live_server, password)
    _complaint_id, box, panel = forward_dialog(qtbot, window)
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=WAIT)
    row = next(r for r in panel.rows if r.similar.isVisible())
    assert row.suggestion is not None
    row.similar.click()
    listed = panel.similar_list
    assert listed.isVisible() and listed.topLevelItemCount() == len(row.suggestion.similar)
    first = listed.topLevelItem(0)
    assert first is not None
    case = row.suggestion.similar[0]
    assert [first.text(c) for c in range(3)] == [str(case.tracking_no), case.title,
                                                 case.unit_name]
    listed.itemDoubleClicked.emit(first, 0)
    def opened() -> SimilarCaseDialog | None:
        found = box.findChild(SimilarCaseDialog)
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: opened() is not None, timeout=WAIT)
    shown = opened()
    assert shown is not None and shown.body.isReadOnly()
    detail = controller.workstation.detail(case.complaint_id)
    assert detail.body and shown.body.toPlainText() == detail.body
    save_png(shown, "similar_past_complaint")
    shown.reject()
    qtbot.waitUntil(lambda: not shown.isVisible(), timeout=WAIT)
    assert box.isVisible() and window.flows.dialog is box


def recording(station: Any, before: Callable[[], object] = lambda: None) -> list[str]:
    """Record the thread each call of the routing help's ``refresh`` runs on (the real one
    runs after ``before``)."""
    routing = station.routing
    real = routing.refresh
    threads: list[str] = []

    def refresh(progress: Any = None) -> ModelState:
        threads.append(threading.current_thread().name)
        before()
        state: ModelState = real(progress)
        return state

    routing.refresh = refresh
    return threads


def test_retraining_after_a_sync_runs_on_the_background_worker_once_per_sync(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    window = trained_window(qtbot, controller, live_server, password)
    refresher = controller.routing_refresh
    gate = threading.Event()
    threads = recording(controller.workstation, lambda: gate.wait(60))
    try:
        sync(qtbot, window)  # starts one (held at the gate) ...
        qtbot.waitUntil(lambda: len(threads) == 1 and refresher.running, timeout=WAIT)
        note = window.status_bar.learning  # a quiet note, no dialog
        assert note.isVisible() and note.toolTip() == "Menyiapkan saran unit dari riwayat"
        sync(qtbot, window)  # ... two more syncs while it runs: one more after it
        sync(qtbot, window)
        assert controller.taskman.idle  # the window does not wait for it
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(threads) == 2 and not refresher.running, timeout=TRAINED)
    qtbot.wait(200)
    assert len(threads) == 2
    assert all(t.startswith("lapor-background") for t in threads), threads
    assert not window.status_bar.learning.isVisible()
    assert threading.main_thread().name not in threads


def test_a_failed_retraining_is_logged_and_never_shown(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        caplog: pytest.LogCaptureFixture) -> None:
    window = trained_window(qtbot, controller, live_server, password)

    def broken() -> None:
        raise OSError(28, "No space left on device")

    recording(controller.workstation, broken)
    caplog.set_level(logging.WARNING, logger="lapor_desk.ui.routing_refresh")
    sync(qtbot, window)
    qtbot.waitUntil(lambda: "event=routing.refresh_failed" in caplog.text
                    and not controller.routing_refresh.running, timeout=WAIT)
    assert not window.banner.isVisible()
    _complaint_id, _box, panel = forward_dialog(qtbot, window)  # the model in use still helps
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=WAIT)


def test_while_the_model_is_prepared_the_dialog_says_so_then_shows_the_suggestions(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str) -> None:
    """A profile's first sync: the retraining it started is still running (held here) when the
    admin opens the forward dialog; the panel says the suggestions are being prepared and shows
    them once the retraining ends, without the dialog being opened again."""
    gate = threading.Event()
    threads: list[list[str]] = []
    controller.signed_in.connect(
        lambda _info: threads.append(recording(controller.workstation, lambda: gate.wait(60))))
    window = signed_in_window(qtbot, controller, live_server, password)
    try:
        qtbot.waitUntil(lambda: bool(threads) and len(threads[0]) == 1, timeout=WAIT)
        _complaint_id, box, panel = forward_dialog(qtbot, window)
        qtbot.waitUntil(lambda: panel.state_text == "Saran sedang disiapkan dari riwayat…",
                        timeout=WAIT)
        assert box.isVisible() and panel.shown_units() == []
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(panel.shown_units()) == 3, timeout=TRAINED)
    assert panel.state_text == "" and window.flows.dialog is box

