"""Kotak Keluar and Konflik: the user's actions that wait, were rejected, or met a newer state.

When the Outbox or Conflicts queue is chosen, :class:`OutboxReviewArea` puts the
:class:`OutboxReviewPanel` where the complaint list is: the actions on top, the chosen one below
with what the server said in plain words and the choices — for a rejection "Fix & resend" (the
same dialog, prefilled: a reply or note with its files, a refused recorded complaint in its own
form with everything typed and its files) or "Discard"; for a conflict, what you did beside what the server holds
now, and "Re-apply on the new state" or "Drop mine". The complaint shows in the detail pane.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.actions import REPLY_KINDS
from lapor_desk.services.outbox_review import RECORD, ReviewItem, field_problems
from lapor_desk.ui import intake_labels, labels, verify_labels
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.detail_pane import DetailPane
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.outbox_items import (
    ACTION,
    COMPLAINT,
    ITEM_ROLE,
    MADE,
    STATE,
    OutboxItemModel,
    action_text,
    complaint_text,
    explanation,
)
from lapor_desk.ui.ops import EVERYTHING, Changes
from lapor_desk.ui.reply_flow import ReplyFlow
from lapor_desk.ui.resources import icon
from lapor_desk.ui.verify_flows import VerifyFlows

#: Opens a refused recorded complaint in its form (``IntakeFlows.reopen``).
Reopen = Callable[[int], None]

#: Which outbox states each review queue lists.
REVIEW_QUEUES = {"outbox": ("pending", "rejected"), "conflicts": ("conflict",)}


class OutboxReviewPanel(QWidget):
    chosen = Signal(object)             # ReviewItem (or None)
    resend_requested = Signal(object)   # ReviewItem
    discard_requested = Signal(object)
    reapply_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutboxItemModel(self)
        self.view = QTableView()
        self.view.setObjectName("outboxItems")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMPLAINT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MADE, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnWidth(ACTION, 230)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._current())
        self.empty = QLabel()
        self.empty.setObjectName("emptyDetail")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("reviewCard")
        self.card.setStyleSheet("QFrame#reviewCard { background: #ffffff; "
                                "border: 1px solid #e0e4e8; border-radius: 6px; }")
        self.card_title = QLabel()
        self.card_title.setObjectName("reviewTitle")
        self.card_title.setWordWrap(True)
        bold = self.card_title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.card_title.setFont(bold)
        self.card_complaint = QLabel()
        self.card_complaint.setObjectName("detailMeta")
        self.card_complaint.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setObjectName("reviewExplain")
        self.explain.setWordWrap(True)
        self.compare = QLabel()
        self.compare.setTextFormat(Qt.TextFormat.RichText)
        self.compare.setWordWrap(True)  # its table fits the list column, never widens it
        self.notice = QLabel()
        self.notice.setObjectName("errorText")
        self.notice.setWordWrap(True)
        self.resend_button = QPushButton(icon("reply"), "")
        self.discard_button = QPushButton(icon("rejected"), "")
        self.reapply_button = QPushButton(icon("sync"), "")
        self.drop_button = QPushButton(icon("rejected"), "")
        for button, signal in ((self.resend_button, self.resend_requested),
                               (self.discard_button, self.discard_requested),
                               (self.reapply_button, self.reapply_requested),
                               (self.drop_button, self.discard_requested)):
            button.clicked.connect(lambda _c=False, s=signal: self._ask(s))
        buttons = QHBoxLayout()
        for button in (self.resend_button, self.reapply_button, self.discard_button,
                       self.drop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(14, 12, 14, 12)
        card.setSpacing(6)
        for widget in (self.card_title, self.card_complaint, self.explain, self.compare,
                       self.notice):
            card.addWidget(widget)
        card.addStretch(1)
        card.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.empty, 3)
        layout.addWidget(self.card, 2)
        self.retranslate()
        self._show(None)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Nothing here: every action was accepted by the server."))
        self.resend_button.setText(self.tr("Fix && resend…"))
        self.discard_button.setText(self.tr("Discard"))
        self.reapply_button.setText(self.tr("Re-apply on the new state"))
        self.drop_button.setText(self.tr("Drop mine"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._show(self.current_item())

    # --- contents -----------------------------------------------------------------------------

    def set_items(self, items: list[ReviewItem]) -> None:
        keep = self.current_item()
        self.model.set_items(items)
        row = self.model.row_of(keep.mutation_id) if keep is not None else -1
        has = self.model.rowCount() > 0
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(max(row, 0), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._current()

    def current_item(self) -> ReviewItem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        value = self.model.index(index.row(), 0).data(ITEM_ROLE)
        return value if isinstance(value, ReviewItem) else None

    def select(self, mutation_id: int) -> bool:
        row = self.model.row_of(mutation_id)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _ask(self, signal: Any) -> None:
        item = self.current_item()
        if item is not None:
            signal.emit(item)

    def _current(self) -> None:
        item = self.current_item()
        self._show(item)
        self.chosen.emit(item)

    def _show(self, item: ReviewItem | None) -> None:
        self.card.setVisible(item is not None)
        self.show_notice("")
        if item is None:
            return
        self.card_title.setText(f"{verify_labels.state(item.state)}: {action_text(item)}")
        self.card_complaint.setText(complaint_text(item) + "  ·  " + labels.when(item.created_at))
        self.explain.setText(self._explanation(item))
        self.compare.setVisible(item.state == "conflict" and item.server is not None)
        if item.server is not None:
            self.compare.setText(self._comparison(item))
        rejected, conflict = item.state == "rejected", item.state == "conflict"
        self.resend_button.setVisible(rejected)
        self.resend_button.setEnabled(item.can_redo)
        self.resend_button.setToolTip("" if item.can_redo else self.tr(
            "Not possible now: the complaint is not in your list or its status does not allow "
            "this action."))
        self.discard_button.setVisible(rejected)
        self.reapply_button.setVisible(conflict)
        self.reapply_button.setEnabled(item.can_redo)
        self.reapply_button.setToolTip("" if item.can_redo else self.tr(
            "Not possible on the new state: this action does not fit the complaint's status "
            "now. Drop yours, or choose another action in the detail."))
        self.drop_button.setVisible(conflict)

    def _explanation(self, item: ReviewItem) -> str:
        """What the server said; for a refused recorded complaint also each field it named."""
        text = explanation(item)
        if item.kind != RECORD or item.state != "rejected":
            return text
        problems = field_problems(item.reason, item.detail)
        lines = [intake_labels.row_problem(p.field, p.code) for p in problems]
        if any(p.field == "received_at" and p.code == "future" for p in problems):
            lines.append(self.tr("This computer's clock was ahead of the server's when the "
                                 "complaint was recorded; the form sets the time by the "
                                 "server's clock."))
        return "\n".join([text, *lines])

    def _comparison(self, item: ReviewItem) -> str:
        server = item.server
        assert server is not None
        mine_place = item.fields.to_name or "—"
        there_place = " · ".join(p for p in (server.responsible_name,
                                             server.handling_unit_name) if p) or "—"
        rows = (
            (self.tr("Action / status"), action_text(item), labels.status(server.status)),
            (self.tr("Agency / unit"), mine_place, there_place),
            (self.tr("Version"), str(item.base_version if item.base_version is not None
                                     else "—"), str(server.version)),
        )
        cells = "".join(
            f"<tr><td style='color:#5f6b76;padding-right:14px'>{escape(k)}</td>"
            f"<td style='padding-right:18px'>{escape(a)}</td><td>{escape(b)}</td></tr>"
            for k, a, b in rows)
        mine, there = self.tr("What you did"), self.tr("On the server now")
        return (f"<table cellspacing='0' cellpadding='3'><tr><th></th>"
                f"<th align='left'>{escape(mine)}</th>"
                f"<th align='left'>{escape(there)}</th></tr>{cells}</table>")


class OutboxReviewArea(QObject):
    """Puts the panel in place of the complaint list for the review queues (:meth:`install`).

    ``queue()`` is the open queue; ``count_changed()`` is called when the count it shows in the
    heading (:meth:`count_text`) changed; "Fix & resend" goes to ``verify``, ``replies`` or
    ``reopen`` (a refused recorded complaint)."""

    def __init__(self, parent: QObject, controller: DeskController, detail: DetailPane,
                 queue: Callable[[], str | None], count_changed: Callable[[], None], *,
                 verify: VerifyFlows, replies: ReplyFlow, reopen: Reopen) -> None:
        super().__init__(parent)
        self.controller = controller
        self.detail = detail
        self.queue = queue
        self.count_changed = count_changed
        self.verify = verify
        self.replies = replies
        self.reopen = reopen
        self.panel = OutboxReviewPanel()
        self.stack = QStackedWidget()
        self.stack.setObjectName("listStack")
        self.table: QTableView | None = None
        self.loads = 0  # answers received (tests wait on it)
        self._listed: tuple[str, int] | None = None  # (queue, actions listed) once loaded
        controller.changed.connect(self._changed)
        self.panel.chosen.connect(self._chosen)
        self.panel.resend_requested.connect(self.resend)
        self.panel.discard_requested.connect(self.discard)
        self.panel.reapply_requested.connect(self.reapply)

    def install(self, table: QTableView, queues: QListView) -> None:
        """In place of ``table`` (in its layout), switched as the ``queues`` view's choice
        changes."""
        self.table = table
        holder = table.parentWidget()
        layout = holder.layout() if holder is not None else None
        assert layout is not None, "the complaint table sits in a layout"
        layout.replaceWidget(table, self.stack)
        self.stack.addWidget(table)
        self.stack.addWidget(self.panel)
        queues.selectionModel().currentChanged.connect(lambda *_: self._queue())

    @property
    def active(self) -> bool:
        return self.queue() in REVIEW_QUEUES

    def _queue(self) -> None:
        if self.table is not None:
            self.stack.setCurrentWidget(self.panel if self.active else self.table)
        if self.active:
            self.reload()

    def count_text(self) -> str:
        """The heading's count while a review queue is open: the actions the panel lists (not
        the complaints behind them: a refused recorded complaint, or one that left the user's
        area, is listed here and is in no complaint list). Empty until they are loaded."""
        if self._listed is None or self._listed[0] != self.queue():
            return ""
        return f"{self._listed[1]:,}".replace(",", ".")

    def _changed(self, what: Changes) -> None:
        if self.active and what.lists:
            self.reload()

    def reload(self) -> None:
        key = self.queue()
        if key is None or key not in REVIEW_QUEUES:
            return
        states = REVIEW_QUEUES[key]
        self.controller.op(lambda ws: ws.outbox_review.items(states)) \
            .success(lambda items: self._loaded(items, key)).run()

    def _loaded(self, items: list[ReviewItem], key: str) -> None:
        if self.active and key == self.queue():
            self.panel.set_items(items)
            self._listed = (key, len(items))
            self.count_changed()
        self.loads += 1

    def _chosen(self, item: ReviewItem | None) -> None:
        if item is not None and item.in_cache:
            self.controller.load_detail(item.complaint_id)
        else:
            self.detail.clear()

    # --- the choices --------------------------------------------------------------------------

    def resend(self, item: ReviewItem) -> None:
        if item.kind == RECORD:  # its own form, with everything that was typed
            self.reopen(item.mutation_id)
            return
        if item.kind in REPLY_KINDS:  # the reply dialog, with the files it carried
            self.replies.resend(item)
            return
        self.verify.start(item.kind, item.complaint_id, item.title, item.fields,
                          submit=lambda ws, fields: ws.outbox_review.resend(item.mutation_id,
                                                                            fields))

    def reapply(self, item: ReviewItem) -> None:
        self.controller.op(lambda ws: ws.outbox_review.reapply(item.mutation_id)) \
            .failure(self._failed).run()

    def discard(self, item: ReviewItem) -> None:
        self.controller.op(lambda ws: ws.outbox_review.discard(item.mutation_id)) \
            .changes(EVERYTHING).failure(self._failed).run()

    def _failed(self, error: Exception) -> None:
        """Said on the panel, and in the banner unless a newer state refused it."""
        if getattr(error, "code", None) == "stale_state":
            self.panel.show_notice(verify_labels.stale())
        else:
            self.panel.show_notice(labels.error_message(error))
            self.controller.report(error)
