"""The detail pane's attachments: the list, opening one, and the offline prefetch after a sync.

``AttachmentFlow`` wires it up (like ``WorkFlows``): it adds an :class:`AttachmentsPanel` under
the complaint's detail, lists the complaint's attachments on the database worker, and opens one
on the network worker (a verified local copy, or a download with progress); images and PDFs open
in :class:`~lapor_desk.ui.attachment_viewer.AttachmentViewer` from memory, other files in the
system's application after a warning (a private plain copy the services remove afterwards:
services/external_copies.py). After every successful sync it fetches, one file per task so that
an officer's own request never waits long, what ``Attachments.plan()`` keeps for offline use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.logline import event
from lapor_desk.services.attachments import AttachmentInfo, AttachmentUnavailable
from lapor_desk.services.types import ComplaintDetail
from lapor_desk.services.workstation import Workstation
from lapor_desk.ui.attachment_viewer import AttachmentViewer, pdf_supported, read_image
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.attachment_list import AttachmentListModel, size_label

log = logging.getLogger("lapor_desk.ui.attachments")
MAX_ROWS_SHOWN = 4
#: How long after a sync the offline prefetch plans (ms).
PREFETCH_DELAY_MS = 2000


class AttachmentsPanel(QWidget):
    open_requested = Signal(str)  # attachment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.model = AttachmentListModel(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.table = QTableView()
        self.table.setObjectName("attachmentList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.open_button = QPushButton()
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.message = QLabel()
        self.message.setObjectName("attachmentMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.clear()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Attachments (%1)").replace(
            "%1", str(self.model.rowCount())))
        self.open_button.setText(self.tr("Open"))

    def clear(self) -> None:
        self.model.set_items([])
        self.show_message("")
        self.setVisible(False)

    def set_items(self, items: list[AttachmentInfo]) -> None:
        selected = self.model.item_at(self.table.currentIndex().row())
        self.model.set_items(items)
        self.setVisible(bool(items))
        row = self.model.row_of(selected.id) if selected is not None else -1
        if items:
            self.table.selectRow(max(row, 0))
        # As tall as its rows (up to four), so a single file does not take the timeline's room.
        shown = min(max(len(items), 1), MAX_ROWS_SHOWN)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + shown * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth())
        self.retranslate()
        self._enable()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _enable(self) -> None:
        self.open_button.setEnabled(self.model.item_at(self.table.currentIndex().row())
                                    is not None)

    def _open(self, row: int) -> None:
        item = self.model.item_at(row)
        if item is not None:
            self.open_requested.emit(item.id)


class AttachmentFlow(QObject):
    """Lists, opens and prefetches attachments for the detail pane (all off the UI thread)."""

    listed = Signal(str)                # complaint id, after its list is shown
    viewer_opened = Signal(object)      # AttachmentViewer
    open_failed = Signal(str, str)      # attachment id, code
    prefetch_done = Signal(int)         # files downloaded by the last prefetch
    _moved = Signal(str, int)           # attachment id, bytes (from the network worker)

    def __init__(self, window: QWidget, controller: DeskController, detail: DetailPane,
                 open_external: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.detail = detail
        self.open_external = open_external
        self.panel = AttachmentsPanel()
        detail.add_section(self.panel)
        self.complaint_id: str | None = None
        self.viewer: AttachmentViewer | None = None
        self.prompt: QMessageBox | None = None
        self.prefetching = False
        #: prefetch after every finished sync (the offline policy); off only in tests that
        #: check on-demand downloads
        self.auto_prefetch = True
        #: a prefetch has gone through its whole plan since signing in: a sync that brings
        #: nothing new then changes nothing it would plan
        self._planned = False
        # After a sync, a moment later: the plan reads every active complaint's attachments and
        # would otherwise share the processor with the list the person is waiting for.
        self._prefetch_timer = QTimer(self, singleShot=True, interval=PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self.prefetch)
        self._received: dict[str, int] = {}
        detail.shown.connect(self._shown)
        detail.cleared.connect(self._cleared)
        self.panel.open_requested.connect(self.open)
        controller.sync_finished.connect(self._synced)
        controller.signed_out.connect(self._cleared)
        controller.signed_out.connect(self._signed_out)
        self._moved.connect(self._progress)


    # --- the list -----------------------------------------------------------------------------

    def _shown(self, detail: ComplaintDetail) -> None:
        if detail.row.id != self.complaint_id:
            self.panel.show_message("")
        self.complaint_id = detail.row.id
        self.reload()

    def _cleared(self, *_args: object) -> None:
        self.complaint_id = None
        self.panel.clear()

    def _signed_out(self) -> None:
        self._prefetch_timer.stop()
        self._planned = False

    def reload(self) -> None:
        complaint_id = self.complaint_id
        if complaint_id is None:
            return

        def listed(items: list[AttachmentInfo]) -> None:
            if complaint_id == self.complaint_id:
                self.panel.set_items(items)
                self.listed.emit(complaint_id)

        self.controller.op(lambda ws: ws.attachments.for_complaint(complaint_id)) \
            .success(listed).run()

    # --- opening ------------------------------------------------------------------------------

    def open(self, attachment_id: str) -> None:
        item = next((a for a in self.panel.model.items() if a.id == attachment_id), None)
        name = item.filename if item is not None else attachment_id
        if item is not None and not item.available:
            self.panel.show_message(self.tr("Downloading “%1”…").replace("%1", name))
        self._received[attachment_id] = 0

        def fetch(station: Workstation) -> tuple[AttachmentInfo, bytes | None, Any]:
            service = station.attachments
            info = service.info(attachment_id)
            if info.kind == "other" or (info.kind == "pdf" and not pdf_supported()):
                # Shown by the system's application (after asking): only fetched here.
                service.fetch(attachment_id, lambda n: self._moved.emit(attachment_id, n))
                return service.info(attachment_id), None, None
            content = service.content(attachment_id,
                                      lambda n: self._moved.emit(attachment_id, n))
            image = read_image(content)[0] if info.kind == "image" else None
            return info, content, image

        self.controller.op(fetch, worker="net").success(self._opened) \
            .failure(lambda exc: self._open_failed(attachment_id, name, exc)).run()

    def _progress(self, attachment_id: str, count: int) -> None:
        self._received[attachment_id] = self._received.get(attachment_id, 0) + count
        item = next((a for a in self.panel.model.items() if a.id == attachment_id), None)
        if item is not None:
            self.panel.show_message(self.tr("Downloading “%1”… %2 of %3").replace(
                "%1", item.filename).replace("%2", size_label(self._received[attachment_id]))
                .replace("%3", size_label(item.size)))

    def _opened(self, result: tuple[AttachmentInfo, bytes | None, Any]) -> None:
        info, content, image = result
        self._received.pop(info.id, None)
        self.panel.show_message("")
        self.reload()  # it is on this computer now
        if content is not None:
            viewer = AttachmentViewer(content, info, image, self.window)
            viewer.destroyed.connect(lambda *_: self._viewer_closed(viewer))
            self.viewer = viewer
            viewer.show()
            viewer.raise_()
            self.viewer_opened.emit(viewer)
            return
        self._ask_external(info)

    def _viewer_closed(self, viewer: AttachmentViewer) -> None:
        if self.viewer is viewer:
            self.viewer = None

    def _ask_external(self, info: AttachmentInfo) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Open with another application"),
                          self.tr("LAPOR Desk cannot show “%1” itself. Open it with the "
                                  "application this computer uses for such files?")
                          .replace("%1", info.filename),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                          self.window)
        box.setInformativeText(self.tr("Files sent with a complaint can contain harmful "
                                       "content. Open only files you expect."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.prompt = box

        def answered(button: int) -> None:
            self.prompt = None
            box.deleteLater()
            if button == QMessageBox.StandardButton.Open:
                self.controller.op(lambda ws: ws.attachments.external_copy(info.id),
                                   worker="net") \
                    .success(lambda path: self._hand_over(Path(path))) \
                    .failure(lambda exc: self._open_failed(info.id, info.filename, exc)).run()

        box.finished.connect(answered)
        box.open()

    def _hand_over(self, path: Path) -> None:
        if not self.open_external(QUrl.fromLocalFile(str(path))):
            event(log, "attachment.no_system_application", logging.WARNING, file=path.name)
            self.panel.show_message(self.tr("No application on this computer opens “%1”.")
                                    .replace("%1", path.name))

    def _open_failed(self, attachment_id: str, name: str, exc: Exception) -> None:
        self._received.pop(attachment_id, None)
        code = getattr(exc, "code", "internal")
        if isinstance(exc, AttachmentUnavailable) and code == "offline":
            text = self.tr("“%1” is not on this computer yet and the server cannot be reached. "
                           "It will be downloaded automatically after the next successful "
                           "sync.").replace("%1", name)
        elif isinstance(exc, AttachmentUnavailable) and code == "damaged":
            text = self.tr("“%1” arrived damaged (it does not match its checksum) and was not "
                           "opened. Try again later.").replace("%1", name)
        else:
            text = self.tr("“%1” could not be opened.").replace("%1", name)
            self.controller.report(exc)
        self.panel.show_message(text)
        self.reload()
        self.open_failed.emit(attachment_id, str(code))

    # --- offline prefetch ---------------------------------------------------------------------

    def _synced(self, outcome: object) -> None:
        if not self.auto_prefetch:
            return
        if self._planned and not getattr(outcome, "pulled_rows", 1):
            return  # nothing came: what the last plan fetched is still what it would plan
        self._prefetch_timer.start()

    def prefetch(self) -> None:
        """Fetch what the offline policy keeps, one file per network task."""
        if self.prefetching or self.controller.info is None:
            return
        self.prefetching = True
        done: list[AttachmentInfo] = []

        def next_one(queue: list[AttachmentInfo]) -> None:
            if not queue or self.controller.info is None:
                self._planned = not queue
                finish(False)
                return
            item = queue[0]

            def fetched(result: Any) -> None:
                if result.downloaded:
                    done.append(item)
                    if item.complaint_id == self.complaint_id:
                        self.reload()
                if result.offline:
                    finish(True)
                else:
                    next_one(queue[1:])

            self.controller.op(lambda ws: ws.attachments.fetch_some([item]), worker="net") \
                .success(fetched).failure(fail).run()

        def finish(_offline: bool) -> None:
            self.prefetching = False
            self.prefetch_done.emit(len(done))

        def fail(exc: Exception) -> None:
            finish(False)
            self.controller.report(exc)

        def plan(station: Workstation) -> list[AttachmentInfo]:
            service = station.attachments
            service.remove_external_copies()
            return list(service.plan().fetch)

        # Read-only (and a look at the blob store): beside the database worker, never in front
        # of the list the person is waiting for.
        self.controller.op(plan, worker="read").success(next_one).failure(fail).run()
