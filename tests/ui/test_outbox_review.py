"""Kotak Keluar and Konflik in the window, against the REAL reference server: a second profile
(the national admin) acts on the same complaints, so the server really rejects an action and
really reports conflicts; the admin fixes and resends, re-applies, or drops."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from lapor_desk.models.cache.schema import Blob
from lapor_desk.models.calendar import UTC
from lapor_desk.server.db import Attachment, FollowUp
from lapor_desk.services import Workstation
from lapor_desk.services.attach import StoredAttachment
from lapor_desk.services.outbox_review import ReviewItem, ServerSide
from lapor_desk.services.verification import ActionFields
from lapor_desk.ui import labels, verify_labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.dialogs.follow_up import FollowUpDialog
from lapor_desk.ui.dialogs.verify import ArchiveDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.outbox_items import ACTION, COMPLAINT, STATE, OutboxItemModel
from lapor_desk.ui.models.queue_list import ATTENTION_ROLE, COUNT_ROLE
from lapor_desk.ui.ops import Changes
from tests.support.live_server import LiveServer
from tests.ui.desk_support import WAIT, open_queue, save_png, signed_in_window, sync

pytestmark = pytest.mark.timeout(240)


def panel_items(qtbot: Any, window: MainWindow, count: int) -> list[ReviewItem]:
    model = window.outbox_review.panel.model
    qtbot.waitUntil(lambda: model.rowCount() == count and window.controller.taskman.idle,
                    timeout=WAIT)
    return [item for r in range(count) if (item := model.item_at(r)) is not None]


def reply_dialog(window: MainWindow) -> FollowUpDialog | None:
    """The reply or note dialog the window has open, if any."""
    return next((d for d in (window.flows.dialog, window.verify.dialog)
                 if isinstance(d, FollowUpDialog)), None)


def test_rejected_action_is_explained_fixed_and_resent(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    complaint_id = station.complaint_ids("needs_verification")[0]
    station.verification.submit("archive", complaint_id, ActionFields(reason_code="spam"))
    targets = national.verification.reroute_targets(complaint_id)
    home = next(t for t in targets if not t.selectable)
    national.verification.reroute(complaint_id, next(t for t in targets if t.selectable).id)
    assert national.sync().applied == 1
    assert sync(qtbot, window).rejected == 1

    open_queue(qtbot, window, "outbox")
    panel = window.outbox_review.panel
    assert window.outbox_review.stack.currentWidget() is panel
    [item] = panel_items(qtbot, window, 1)
    assert item.state == "rejected" and item.reason == "out_of_scope"
    assert panel.explain.text() == verify_labels.rejection("out_of_scope")
    assert panel.resend_button.isVisible() and not panel.resend_button.isEnabled()
    assert panel.discard_button.isVisible() and not panel.reapply_button.isVisible()
    model = panel.model
    assert model.index(0, STATE).data() == verify_labels.state("rejected")
    assert model.index(0, COMPLAINT).data() != ""  # "no longer in your list"
    save_png(window, "outbox_rejected")

    # The complaint comes back to the admin's agency; now it can be fixed and resent.
    national.verification.submit("forward", complaint_id, ActionFields(to_id=home.id))
    assert national.sync().applied == 1
    sync(qtbot, window)
    qtbot.waitUntil(lambda: (i := panel.current_item()) is not None and i.can_redo,
                    timeout=WAIT)
    qtbot.waitUntil(lambda: window.detail.complaint_id == complaint_id, timeout=WAIT)
    assert panel.resend_button.isEnabled()
    panel.resend_button.click()
    qtbot.waitUntil(lambda: window.verify.dialog is not None, timeout=WAIT)
    dialog = window.verify.dialog
    assert isinstance(dialog, ArchiveDialog) and dialog.reason_code() == "spam"  # prefilled
    dialog.choose("duplicate")
    dialog.ok.click()
    [waiting] = panel_items(qtbot, window, 1)
    assert waiting.state == "pending" and waiting.mutation_id != item.mutation_id
    assert waiting.fields.reason_code == "duplicate"
    assert sync(qtbot, window).applied == 1
    panel_items(qtbot, window, 0)
    assert panel.empty.isVisible()
    assert station.rows([complaint_id])[0].status == "archived"


def test_conflicts_resolved_both_ways(qtbot: Any, controller: DeskController,
                                      live_server: LiveServer, password: str,
                                      national: Workstation) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    keep, drop = station.complaint_ids("needs_verification")[:2]
    for complaint_id in (keep, drop):
        station.verification.submit("archive", complaint_id,
                                    ActionFields(reason_code="too_general"))
        national.verification.submit("postpone", complaint_id,
                                     ActionFields(reason="Menunggu kelengkapan data"))
    assert national.sync().applied == 2
    assert sync(qtbot, window).conflicts == 2

    open_queue(qtbot, window, "conflicts")
    panel = window.outbox_review.panel
    items = {i.complaint_id: i for i in panel_items(qtbot, window, 2)}
    assert set(items) == {keep, drop}
    assert panel.select(items[keep].mutation_id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == keep, timeout=WAIT)
    assert panel.compare.isVisible() and panel.reapply_button.isEnabled()
    server = items[keep].server
    assert server is not None and server.status == "postponed"
    assert "Tertunda" in panel.compare.text() and "Versi" not in panel.compare.text()
    assert verify_labels.conflict() not in panel.explain.text()  # who changed it, by name
    save_png(window, "conflicts")
    save_png(panel.card, "conflict_card")

    panel.reapply_button.click()
    [left] = panel_items(qtbot, window, 1)
    assert left.complaint_id == drop
    panel.drop_button.click()
    panel_items(qtbot, window, 0)
    assert station.status().conflicts == 0 and station.status().pending == 1
    assert sync(qtbot, window).applied == 1
    statuses = {r.id: r.status for r in station.rows([keep, drop])}
    assert statuses == {keep: "archived", drop: "postponed"}


def test_a_note_refused_for_its_file_is_fixed_and_resent_with_it(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path) -> None:
    """"Perbaiki & kirim ulang" of a note the server refused for its file: the dialog holds the
    note's files; the officer removes one and picks another; the note is sent with them once."""
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    complaint_id = station.complaint_ids("in_progress")[0]
    photo, wrong, letter = (tmp_path / n for n in ("foto_gorong_gorong.jpg", "salah_kirim.pdf",
                                                   "surat_dinas.pdf"))
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 600)
    wrong.write_bytes(b"%PDF-1.4 bukan ini " * 300)
    letter.write_bytes(b"%PDF-1.4 surat dinas PU " * 500)
    station.replies.send(complaint_id, "internal_note", "Foto gorong-gorong terlampir.",
                         [photo, wrong])
    with station.session.require_cache().writer.begin() as c:
        c.execute(update(Blob).values(uploaded=True))  # as if downloaded from a complaint
    assert sync(qtbot, window).rejected == 1

    open_queue(qtbot, window, "outbox")
    panel = window.outbox_review.panel
    [item] = panel_items(qtbot, window, 1)
    assert (item.kind, item.reason) == ("internal_note", "attachment_missing")
    assert panel.explain.text() == verify_labels.rejection("attachment_missing")
    assert "Perbaiki & kirim ulang" in panel.explain.text()  # what to do: fix and resend
    qtbot.waitUntil(lambda: panel.resend_button.isEnabled(), timeout=WAIT)
    save_png(window, "outbox_note_refused_for_its_file")
    panel.resend_button.click()
    qtbot.waitUntil(lambda: reply_dialog(window) is not None, timeout=WAIT)
    dialog = reply_dialog(window)
    assert isinstance(dialog, FollowUpDialog)
    assert dialog.text() == "Foto gorong-gorong terlampir."
    files = dialog.files
    assert [f.filename for f in files.files() if isinstance(f, StoredAttachment)] == [
        "foto_gorong_gorong.jpg", "salah_kirim.pdf"]
    files.list.setCurrentRow(1)
    files.remove_selected()
    files.add_paths([str(letter)])
    dialog.editor.setPlainText("Foto gorong-gorong dan surat dinas terlampir.")
    save_png(dialog, "note_fix_and_resend")
    dialog.ok.click()
    qtbot.waitUntil(lambda: reply_dialog(window) is None, timeout=WAIT)

    [waiting] = panel_items(qtbot, window, 1)
    assert waiting.state == "pending" and waiting.mutation_id != item.mutation_id
    assert [f.filename for f in waiting.fields.files] == ["foto_gorong_gorong.jpg",
                                                          "surat_dinas.pdf"]
    assert sync(qtbot, window).applied == 1
    panel_items(qtbot, window, 0)
    api = requests.Session()
    token = api.post(f"{live_server.url}/api/v1/auth/login", timeout=30, json={
        "username": "admin.kendari", "password": password}).json()["token"]
    with live_server.session() as session:
        [note] = session.execute(select(FollowUp.id).where(
            FollowUp.complaint_id == complaint_id,
            FollowUp.body == "Foto gorong-gorong dan surat dinas terlampir.")).scalars()
        held = set(session.execute(select(Attachment.sha256).where(
            Attachment.follow_up_id == note)).scalars())
    sent = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (photo, letter)}
    assert held == set(sent)  # once, with the kept file and the new one, not the removed one
    for sha, path in sent.items():  # and each downloads for its author
        got = api.get(f"{live_server.url}/api/v1/blobs/{sha}", timeout=30,
                      headers={"Authorization": f"Bearer {token}"})
        assert got.status_code == 200 and got.content == path.read_bytes()


def test_heading_counts_the_actions_the_panel_lists(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        national: Workstation) -> None:
    """The heading, the sidebar and the status bar count what the panel lists: actions, also
    those whose complaint is in no list here (it left the user's area), and each action on a
    complaint that has several."""
    window = signed_in_window(qtbot, controller, live_server, password)
    station = controller.workstation
    gone, busy = station.complaint_ids("needs_verification")[:2]
    station.verification.submit("archive", gone, ActionFields(reason_code="spam"))
    targets = national.verification.reroute_targets(gone)
    national.verification.reroute(gone, next(t for t in targets if t.selectable).id)
    assert national.sync().applied == 1
    assert sync(qtbot, window).rejected == 1  # out of the admin's area: in no list here
    assert not station.rows([gone])
    for text in ("Pelapor sudah dihubungi.", "Menunggu jawaban dinas."):
        station.replies.send(busy, "internal_note", text)
    controller.changed.emit(Changes(queues=True, status=True))

    open_queue(qtbot, window, "outbox")
    listed = panel_items(qtbot, window, 3)
    assert sorted(i.state for i in listed) == ["pending", "pending", "rejected"]
    qtbot.waitUntil(lambda: window.list_count.text() == "3", timeout=WAIT)
    assert window.list_heading.text() == labels.queue("outbox")
    row = window.queue_model.row_of("outbox")
    qtbot.waitUntil(lambda: window.queue_model.index(row).data(COUNT_ROLE) == 3, timeout=WAIT)
    assert window.queue_model.index(row).data(ATTENTION_ROLE) == 1  # the refused one
    status = station.status()
    assert (status.pending, status.rejected) == (2, 1)
    save_png(window, "outbox_heading_count")

    open_queue(qtbot, window, "conflicts")
    panel_items(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.list_count.text() == "0", timeout=WAIT)
    open_queue(qtbot, window, "needs_verification")  # a complaint list counts complaints again
    qtbot.waitUntil(lambda: window.list_count.text() == str(window.table_model.rowCount()),
                    timeout=WAIT)


def test_outbox_item_model(qtmodeltester: Any) -> None:
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    items = [ReviewItem(
        mutation_id=n, kind=kind, state=state, complaint_id=f"c{n}",
        tracking_number=9_000_000 + n if n % 3 else None, title=f"Jalan rusak {n}",
        created_at=now - timedelta(hours=n), answered_at=now, attempts=1,
        reason="invalid_transition" if state == "rejected" else None, detail=None,
        base_version=3, fields=ActionFields(reason_code="spam", to_id=5, to_name="Dinas PU"),
        here_status="unverified" if n % 2 else None,
        server=ServerSide("postponed", "Pemkot", "", 5) if state == "conflict" else None,
        can_redo=bool(n % 2))
        for n, (kind, state) in enumerate([("archive", "rejected"), ("forward", "conflict"),
                                           ("postpone", "pending"), ("reroute", "rejected")])]
    model = OutboxItemModel()
    model.set_items(items)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4 and model.row_of(2) == 2
    assert "Dinas PU" in model.index(1, ACTION).data()
    model.set_items([])
    qtmodeltester.check(model, force_py=True)
