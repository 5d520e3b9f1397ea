"""Attachments in the detail pane and the viewer, against the real reference server; then with
the server stopped. Also: the viewer on damaged files, and the detail pane at 1366 px."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from lapor_desk.models.cache.schema import Attachment
from lapor_desk.models.calendar import UTC
from lapor_desk.server.seed.attachment_files import pdf, png
from lapor_desk.services.attachments import AttachmentInfo
from lapor_desk.services.types import (
    ComplaintDetail,
    ComplaintRow,
    Deadline,
    DeadlineBadge,
    OutboxMark,
)
from lapor_desk.ui import i18n
from lapor_desk.ui.attachment_viewer import AttachmentViewer
from lapor_desk.ui.attachments_panel import PREFETCH_DELAY_MS, AttachmentFlow
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.models.attachment_list import AttachmentListModel, offline_label
from tests.support.live_server import LiveServer
from tests.support.seed_blobs import serve_seed_blobs
from tests.ui.desk_support import WAIT, signed_in_window, sync

pytestmark = pytest.mark.timeout(180)


def info(kind: str, name: str = "x", available: bool = True, size: int = 10) -> AttachmentInfo:
    mime = {"image": "image/png", "pdf": "application/pdf"}.get(kind, "text/plain")
    return AttachmentInfo(f"a-{name}", "c1", None, name, mime, kind, size, "0" * 64, available)


def attachments_by_kind(controller: DeskController) -> dict[str, list[tuple[str, str]]]:
    """(complaint id, attachment id) of the cached attachments, by kind."""
    cache = controller.workstation.session.require_cache()
    with cache.engine.connect() as c:
        rows = list(c.execute(select(Attachment.complaint_id, Attachment.id,
                                     Attachment.mime_type).order_by(Attachment.id)))
    found: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        kind = "pdf" if r.mime_type == "application/pdf" else "image"
        found.setdefault(kind, []).append((r.complaint_id, r.id))
    return found


def show(qtbot: Any, window: MainWindow, flow: AttachmentFlow, complaint_id: str) -> None:
    window.controller.load_detail(complaint_id)
    qtbot.waitUntil(lambda: flow.complaint_id == complaint_id and flow.panel.model.rowCount() > 0
                    and window.controller.taskman.idle, timeout=WAIT)


def open_row(qtbot: Any, flow: AttachmentFlow, attachment_id: str) -> AttachmentViewer:
    row = flow.panel.model.row_of(attachment_id)
    assert row >= 0
    flow.panel.table.selectRow(row)
    with qtbot.waitSignal(flow.viewer_opened, timeout=WAIT) as opened:
        flow.panel.open_button.click()
    viewer = opened.args[0]
    qtbot.addWidget(viewer)
    return viewer


def test_images_and_pdfs_open_online_and_offline(qtbot: Any, controller: DeskController,
                                                 live_server: LiveServer,
                                                 password: str) -> None:
    serve_seed_blobs(live_server)
    window = signed_in_window(qtbot, controller, live_server, password)
    flow = window.attachments  # on demand: no prefetch after the sync
    found = attachments_by_kind(controller)
    image_complaint, image_id = found["image"][0]
    pdf_complaint, pdf_id = found["pdf"][0]
    later = next(a for c, a in found["image"][1:] if c not in (image_complaint, pdf_complaint))

    # The list: name, type, size, offline state.
    show(qtbot, window, flow, image_complaint)
    assert flow.panel.isVisible()
    model = flow.panel.model
    item = model.item_at(model.row_of(image_id))
    assert item is not None and not item.available
    assert model.index(model.row_of(image_id), 0).data() == item.filename
    assert model.index(model.row_of(image_id), 3).data() == offline_label(item)

    # An image: downloaded on demand, verified, shown fitted; + / 0 / - zoom.
    viewer = open_row(qtbot, flow, image_id)
    assert viewer.showing == "image" and viewer.problem == ""
    assert not viewer.image_page.label.pixmap().isNull() and viewer.fitted()
    qtbot.keyClick(viewer, "0")
    assert viewer.zoom() == pytest.approx(1.0) and not viewer.fitted()
    assert viewer.image_page.label.pixmap().width() == viewer.image_page.image.width()
    qtbot.keyClick(viewer, "+")
    assert viewer.zoom() == pytest.approx(1.25)
    qtbot.keyClick(viewer, "-")
    qtbot.keyClick(viewer, "-")
    assert viewer.zoom() == pytest.approx(0.8)
    viewer.fit_to_window()
    assert viewer.fitted()
    qtbot.waitUntil(lambda: model.item_at(model.row_of(image_id)).available, timeout=WAIT)
    viewer.close()

    # A PDF: the page, page navigation and zoom.
    show(qtbot, window, flow, pdf_complaint)
    viewer = open_row(qtbot, flow, pdf_id)
    assert viewer.showing == "pdf" and viewer.page_count() == 1 and viewer.page() == 0
    assert viewer.page_label.isVisible() and not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, "+")
    assert not viewer.fitted() and viewer.zoom() == pytest.approx(1.25)
    qtbot.keyClick(viewer, "F")
    assert viewer.fitted()
    viewer.close()

    # The server goes away: what is here still opens; what is not says why.
    live_server.stop()
    show(qtbot, window, flow, image_complaint)
    viewer = open_row(qtbot, flow, image_id)
    assert viewer.showing == "image"
    viewer.close()
    show(qtbot, window, flow, next(c for c, a in found["image"] if a == later))
    flow.panel.table.selectRow(flow.panel.model.row_of(later))
    with qtbot.waitSignal(flow.open_failed, timeout=WAIT) as failed:
        flow.panel.open_button.click()
    assert failed.args == [later, "offline"]
    assert flow.viewer is None or flow.viewer.info.id != later
    message = flow.panel.message.text()
    assert flow.panel.message.isVisible() and flow.panel.model.item_at(
        flow.panel.model.row_of(later)).filename in message
    qtbot.waitUntil(lambda: flow.panel.model.item_at(flow.panel.model.row_of(later)).wanted,
                    timeout=WAIT)


def test_each_sync_fetches_the_active_queues_attachments_in_the_background(
        qtbot: Any, controller: DeskController, live_server: LiveServer,
        password: str) -> None:
    serve_seed_blobs(live_server)
    window = signed_in_window(qtbot, controller, live_server, password)
    flow = window.attachments
    flow.auto_prefetch = True  # as the desktop runs
    service = controller.workstation.attachments
    plan = service.plan()
    assert plan.fetch and not any(a.available for a in plan.fetch)
    with qtbot.waitSignal(flow.prefetch_done, timeout=60_000) as done:
        sync(qtbot, window)  # the prefetch starts when the sync has finished
    assert done.args == [len(plan.fetch)]
    assert all(service.info(a.id).available for a in plan.fetch)
    assert service.plan().fetch == ()
    # The list of a complaint whose files came this way says so.
    show(qtbot, window, flow, plan.fetch[0].complaint_id)
    row = flow.panel.model.row_of(plan.fetch[0].id)
    assert flow.panel.model.item_at(row).available
    # A sync that brings nothing plans nothing again (the plan reads every active complaint's
    # attachments); one that brings rows does.
    with qtbot.assertNotEmitted(flow.prefetch_done, wait=PREFETCH_DELAY_MS + 1000):
        assert sync(qtbot, window).pulled_rows == 0
    controller.workstation.replies.send(plan.fetch[0].complaint_id, "internal_note",
                                        "Foto lapangan menyusul.", [])
    with qtbot.waitSignal(flow.prefetch_done, timeout=60_000):
        assert sync(qtbot, window).pulled_rows > 0


def test_other_files_open_in_the_system_application_after_a_warning(
        qtbot: Any, controller: DeskController, live_server: LiveServer, password: str,
        tmp_path: Path) -> None:
    window = signed_in_window(qtbot, controller, live_server, password)
    opened: list[QUrl] = []
    flow = window.attachments
    flow.open_external = lambda url: opened.append(url) or True
    complaint_id = next(c for c, _a in attachments_by_kind(controller)["image"]
                        if "internal_note" in controller.workstation.detail(c).allowed_actions)
    sheet = tmp_path / "rekap_kunjungan.csv"
    sheet.write_text("tanggal;lokasi\n2026-11-20;Pasar Sentral\n", encoding="utf-8")
    controller.workstation.replies.send(complaint_id, "internal_note", "Rekap terlampir.",
                                        [sheet])
    show(qtbot, window, flow, complaint_id)
    qtbot.waitUntil(lambda: flow.panel.model.row_of(
        next((a.id for a in flow.panel.model.items() if a.filename == sheet.name), "")) >= 0,
        timeout=WAIT)
    mine = next(a for a in flow.panel.model.items() if a.filename == sheet.name)
    assert mine.kind == "other" and mine.available  # our own upload-to-be is here already
    flow.open(mine.id)
    qtbot.waitUntil(lambda: flow.prompt is not None, timeout=WAIT)
    assert flow.prompt.icon() == QMessageBox.Icon.Warning and sheet.name in flow.prompt.text()
    flow.prompt.done(QMessageBox.StandardButton.Cancel)
    assert flow.prompt is None and not opened
    flow.open(mine.id)
    qtbot.waitUntil(lambda: flow.prompt is not None, timeout=WAIT)
    flow.prompt.done(QMessageBox.StandardButton.Open)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    path = Path(opened[0].toLocalFile())
    profile = Path(controller.info.profile_dir)  # type: ignore[union-attr]
    assert path.name == sheet.name and path.is_relative_to(profile / "opened")
    assert path.read_bytes() == sheet.read_bytes()  # the one plain copy, for that application
    assert controller.workstation.attachments.remove_external_copies(0) == 1
    assert not path.exists()


def test_no_system_application_is_said_and_logged_not_a_crash(
        qtbot: Any, controller: DeskController, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    flow = window.attachments
    flow.open_external = lambda url: False  # this computer has nothing that opens it
    copy = tmp_path / "opened" / "rekap.xyz"
    with caplog.at_level("WARNING", logger="lapor_desk.ui.attachments"):
        flow._hand_over(copy)
    assert copy.name in flow.panel.message.text()
    assert any("attachment.no_system_application" in r.getMessage()
               and "rekap.xyz" in r.getMessage() for r in caplog.records)


def test_damaged_files_show_a_message_not_a_crash(qtbot: Any) -> None:
    junk = b"\x89PNG\r\n\x1a\n this is not really an image" * 3
    viewer = AttachmentViewer(junk, info("image", "foto_lokasi.png"))
    qtbot.addWidget(viewer)
    assert viewer.showing == "problem" and viewer.message.text()
    assert viewer.stack.currentWidget() is viewer.message
    qtbot.keyClick(viewer, "+")  # zoom keys do nothing harmful
    cut = pdf(["Surat"])[:60]
    viewer = AttachmentViewer(cut, info("pdf", "surat.pdf"))
    qtbot.addWidget(viewer)
    assert viewer.showing == "problem" and viewer.message.text()
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    good = png(40, 30, (10, 120, 200), 1)
    viewer = AttachmentViewer(good, info("image", "ok.png"))
    qtbot.addWidget(viewer)
    assert viewer.showing == "image" and viewer.image_page.image.size().width() == 40


def three_page_pdf(path: Path) -> bytes:
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    for number in (1, 2, 3):
        if number > 1:
            writer.newPage()
        painter.drawText(200, 400, f"Halaman {number}")
    painter.end()
    return path.read_bytes()


def test_pdf_pages_are_navigated_with_the_keyboard(qtbot: Any, tmp_path: Path) -> None:
    viewer = AttachmentViewer(three_page_pdf(tmp_path / "berita_acara"), info("pdf", "ba.pdf"))
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert viewer.showing == "pdf" and viewer.page_count() == 3 and viewer.page() == 0
    assert not viewer.previous_button.isEnabled() and viewer.next_button.isEnabled()
    assert "3" in viewer.page_label.text()
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    assert viewer.page() == 1 and viewer.previous_button.isEnabled()
    qtbot.keyClick(viewer.pdf_view, Qt.Key.Key_End)  # the page view has the focus
    assert viewer.page() == 2 and not viewer.next_button.isEnabled()
    viewer.next_button.click()  # disabled: stays on the last page
    viewer.go_to_page(7)
    assert viewer.page() == 2
    qtbot.keyClick(viewer, Qt.Key.Key_Home)
    assert viewer.page() == 0
    viewer.zoom_in()
    assert viewer.zoom() == pytest.approx(1.25) and not viewer.fitted()


def test_attachment_list_model(qtmodeltester: Any) -> None:
    model = AttachmentListModel()
    model.set_items([info("image", "a.png"), info("pdf", "b.pdf", available=False),
                     info("other", "c.xls", size=5_000_000)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert model.index(2, 0).data() == "c.xls"
    assert model.row_of("a-b.pdf") == 1 and model.item_at(5) is None
    model.set_items([])
    qtmodeltester.check(model)


def busy_detail(title: str) -> ComplaintDetail:
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    row = ComplaintRow("c-chips", 9165816, title, "pengaduan", "forwarded", "web", "Kendari",
                       now, Deadline(now, DeadlineBadge.OVERDUE, -3), True, True, False,
                       OutboxMark.REJECTED)
    return ComplaintDetail(row, "Isi laporan.", None, "Sulawesi Tenggara", "Kota Kendari", None,
                           None, "Infrastruktur", None, False, None, None, "Dinas PUPR", None,
                           (), (), (), frozenset({"forward", "follow_up", "internal_note"}))


@pytest.mark.parametrize("language", ["id", "en"])
def test_both_privacy_chips_fit_a_1366_window(qtbot: Any, controller: DeskController,
                                              language: str) -> None:
    i18n.set_language(language)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.detail.show_detail(busy_detail("Jalan rusak di depan Pasar Sentral Kota Kendari "
                                          "yang sudah tiga bulan tidak diperbaiki"))
    qtbot.waitUntil(lambda: window.detail.chips["confidential"].isVisible())
    chips = window.detail.chips
    shown = [chips[k] for k in ("anonymous", "confidential", "overdue", "rejected")]
    assert all(c.isVisible() for c in shown)
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
    pane = window.detail.rect()
    for chip in shown:  # every chip inside the pane, none on top of another
        box = QRect(chip.mapTo(window.detail, QPoint(0, 0)), chip.size())
        assert pane.contains(box), chip.objectName()
    boxes = [c.geometry() for c in shown]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # Only a pane narrower than a chip elides it, with the whole text in its tooltip.
    anonymous = chips["anonymous"]
    assert anonymous.text() == anonymous.full_text() == anonymous.toolTip()
    window.detail.setFixedWidth(200)
    qtbot.waitUntil(lambda: anonymous.text() != anonymous.full_text())
    assert anonymous.text().endswith("…") and anonymous.width() <= 200
