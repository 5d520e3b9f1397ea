"""The complaint's detail: what it says, where it is, its privacy flags and whole timeline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.lapor_copy import text_for_lapor
from lapor_desk.services.types import ComplaintDetail, DeadlineBadge, OutboxMark, TimelineEntry
from lapor_desk.ui import labels
from lapor_desk.ui.flow_layout import FlowLayout
from lapor_desk.ui.i18n import is_language_change
from lapor_desk.ui.models.complaint_table import deadline_text
from lapor_desk.ui.resources import icon

#: A chip never gets narrower than this many average characters (plus its padding).
CHIP_MIN_CHARS = 8


class ChipLabel(QLabel):
    """A marker label: shows its whole text when there is room, elided (with the whole text
    in the tooltip) when there is not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        super().setText(text)
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _padding(self) -> int:
        return max(0, super().sizeHint().width()
                   - self.fontMetrics().horizontalAdvance(super().text()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        # +2: elidedText measures with fractional advances and may elide an exact fit
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + self._padding() + 2,
                     hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * CHIP_MIN_CHARS + self._padding()
        return QSize(min(self.sizeHint().width(), least), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.width() - self._padding()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, room))
        if shown != super().text():
            super().setText(shown)


def chip(kind: str) -> ChipLabel:
    label = ChipLabel()
    label.setObjectName(f"chip_{kind}")
    label.setProperty("chip", kind)
    label.setVisible(False)
    return label


class DetailPane(QWidget):
    forward_requested = Signal(str)
    follow_up_requested = Signal(str, str)   # complaint id, "follow_up" or "internal_note"
    lifecycle_requested = Signal(str)        # "close" or "reopen" (of the shown complaint)
    shown = Signal(object)                   # ComplaintDetail, after it is on screen
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ComplaintDetail | None = None
        self._lapor_text: str | None = None
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyDetail")
        page = QWidget()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a citizen's words, never markup
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setObjectName("detailMeta")
        self.meta.setWordWrap(True)
        self.chips = {k: chip(k) for k in ("anonymous", "confidential", "overdue", "due_soon",
                                           "pending", "rejected")}
        # Markers and buttons wrap onto more lines (and a lone marker elides) so the pane, and
        # with it the window, fits 1366 px however many markers show, in either language.
        chips = FlowLayout(spacing=6)
        for widget in self.chips.values():
            chips.addWidget(widget)
        self.forward_button = QPushButton(icon("forward"), "")
        self.reply_button = QPushButton(icon("reply"), "")
        self.note_button = QPushButton(icon("note"), "")
        self.forward_button.clicked.connect(self._forward)
        self.reply_button.clicked.connect(lambda: self._write("follow_up"))
        self.note_button.clicked.connect(lambda: self._write("internal_note"))
        self.close_button = QPushButton(icon("done"), "")
        self.reopen_button = QPushButton(icon("progress"), "")
        self.close_button.clicked.connect(lambda: self.lifecycle_requested.emit("close"))
        self.reopen_button.clicked.connect(lambda: self.lifecycle_requested.emit("reopen"))
        #: "Salin untuk LAPOR!": the complaint, or its latest follow-up, for the national site
        self.lapor_button = QPushButton(icon("note"), "")
        self.lapor_button.setObjectName("laporCopyButton")
        self.lapor_button.clicked.connect(self._copy_for_lapor)
        buttons = FlowLayout(spacing=6)
        for button in (self.forward_button, self.reply_button, self.note_button,
                       self.close_button, self.reopen_button, self.lapor_button):
            buttons.addWidget(button)
        self.browser = QTextBrowser()
        self.browser.setObjectName("detailBrowser")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 14, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(chips)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self.sections = QVBoxLayout()  # extra sections under the timeline (add_section)
        layout.addLayout(self.sections)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Select a complaint to see its details."))
        self.forward_button.setText(self.tr("Forward…"))
        self.reply_button.setText(self.tr("Follow-up reply…"))
        self.note_button.setText(self.tr("Internal note…"))
        self.close_button.setText(self.tr("Close complaint…"))
        self.reopen_button.setText(self.tr("Reopen…"))
        self.lapor_button.setText(self.tr("Copy for LAPOR!"))
        self.chips["anonymous"].setText(self.tr("ANONYMOUS: reporter's identity is hidden"))
        self.chips["confidential"].setText(self.tr("CONFIDENTIAL: content must not be made "
                                                   "public"))
        self.chips["pending"].setText(self.tr("Waiting to be sent"))
        self.chips["rejected"].setText(self.tr("Needs attention: the server refused an action"))
        if self.detail is not None:
            self.show_detail(self.detail)

    def clear(self) -> None:
        self.detail = None
        self.stack.setCurrentIndex(0)
        self.cleared.emit()

    def add_section(self, widget: QWidget) -> None:
        """Another part of the detail under the timeline (e.g. duplicates)."""
        self.sections.addWidget(widget)

    @property
    def complaint_id(self) -> str | None:
        return self.detail.row.id if self.detail is not None else None

    def _copy_for_lapor(self) -> None:
        if self._lapor_text:
            QGuiApplication.clipboard().setText(self._lapor_text)
            self.lapor_button.setText(self.tr("Copied: paste it on lapor.go.id"))

    def _forward(self) -> None:
        if self.detail is not None:
            self.forward_requested.emit(self.detail.row.id)

    def _write(self, kind: str) -> None:
        if self.detail is not None:
            self.follow_up_requested.emit(self.detail.row.id, kind)

    def show_detail(self, detail: ComplaintDetail) -> None:
        self.detail = detail
        row = detail.row
        self.title.setText(labels.complaint_title(row.title))
        number = str(row.tracking_number) if row.tracking_number else self.tr("new")
        parts = [self.tr("No. %1").replace("%1", number), labels.complaint_type(row.complaint_type),
                 labels.status(row.status), labels.channel(row.channel)]
        self.meta.setText("  ·  ".join(p for p in parts if p))
        badge = row.deadline.badge
        self.chips["anonymous"].setVisible(row.anonymous)
        self.chips["confidential"].setVisible(row.confidential)
        self.chips["overdue"].setVisible(badge == DeadlineBadge.OVERDUE)
        self.chips["due_soon"].setVisible(badge == DeadlineBadge.DUE_SOON)
        for key in ("overdue", "due_soon"):
            self.chips[key].setText(deadline_text(row))
            self.chips[key].setToolTip(f"{deadline_text(row)}\n{labels.working_days()}")
        self.chips["pending"].setVisible(row.outbox == OutboxMark.PENDING)
        self.chips["rejected"].setVisible(row.outbox in (OutboxMark.REJECTED,
                                                         OutboxMark.CONFLICT))
        allowed = detail.allowed_actions
        self.forward_button.setVisible("forward" in allowed)
        self.reply_button.setVisible("follow_up" in allowed)
        self.note_button.setVisible("internal_note" in allowed)
        self.close_button.setVisible("close" in allowed)
        self.reopen_button.setVisible("reopen" in allowed)
        self._lapor_text = text_for_lapor(detail)
        self.lapor_button.setVisible(self._lapor_text is not None)
        self.lapor_button.setText(self.tr("Copy for LAPOR!"))
        self.lapor_button.setToolTip(
            self.tr("Copies the complaint, to record it on lapor.go.id")
            if detail.national_tracking_number is None else
            self.tr("Copies the latest follow-up, to post it on lapor.go.id"))
        self.browser.setHtml(self._html(detail))
        self.stack.setCurrentIndex(1)
        self.shown.emit(detail)

    def _html(self, d: ComplaintDetail) -> str:
        hidden = self.tr("Content hidden: confidential complaint outside your units.")
        heading = self.tr("Timeline (newest first)")
        body = (escape(d.body).replace("\n", "<br>") if d.body is not None else
                f"<i>{escape(hidden)}</i>")
        place = ", ".join(p for p in (d.village, d.district, d.regency, d.province) if p)
        if d.row.anonymous:
            reporter = escape(self.tr("Hidden (anonymous)"))
        elif d.row.redacted:
            reporter = escape(self.tr("Hidden (confidential)"))
        else:
            reporter = escape(" · ".join(p for p in (d.reporter_name, d.reporter_contact) if p)
                              or "—")
        facts = [
            (self.tr("Reporter"), reporter),
            (self.tr("Location"), escape(place or "—")),
            (self.tr("Category"), escape(" › ".join(p for p in (d.category, d.subcategory) if p)
                                    or "—")),
            (self.tr("Responsible"), escape(d.responsible_name or "—")),
            (self.tr("Handling unit"), escape(d.handling_unit_name or "—")),
            (self.tr("Received"), escape(labels.when(d.row.created_at))),
            (self.tr("Deadline"), escape(labels.when(d.row.deadline.due))),
            ("SP4N-LAPOR!", self._national(d)),
        ]
        if d.rating is not None:
            facts.append((self.tr("Reporter's rating"), self._rating(d)))
        if d.postponed_until is not None:
            until = labels.day_of(d.postponed_until)
            if d.postponement_due:
                until = self.tr("%1 (that day has come: look at it again)").replace("%1", until)
            facts.append((self.tr("Postponed until"), escape(until)))
        rows = "".join(f"<tr><td class='k'>{escape(k)}</td><td>{v}</td></tr>" for k, v in facts)
        timeline = "".join(self._entry(t) for t in reversed(d.timeline))
        return (
            "<style>td.k{color:#5f6b76;padding-right:12px;white-space:nowrap}"
            "p.when{color:#5f6b76;margin:0} p.text{margin:2px 0 10px 0}"
            "span.pending{color:#8a5a00;font-weight:bold}</style>"
            f"<p style='margin-bottom:12px'>{body}</p>"
            f"<table style='margin-top:10px' cellspacing='0' cellpadding='2'>{rows}</table>"
            f"<h3>{escape(heading)}</h3>{timeline}"
        )

    def _rating(self, d: ComplaintDetail) -> str:
        """The reporter's rating of the handling: ``4/5 — their note``."""
        text = self.tr("%1/5").replace("%1", str(d.rating))
        if d.rating_note:
            text += " — " + d.rating_note
        if d.rated_at is not None:
            text += " (" + labels.when(d.rated_at) + ")"
        return escape(text)

    def _national(self, d: ComplaintDetail) -> str:
        """The national tracking number and the address of the report there."""
        if d.national_tracking_number is None:
            missing = self.tr("Not yet recorded in SP4N-LAPOR!")
            return f"<i>{escape(missing)}</i>"
        link = f"<br>{escape(d.national_link)}" if d.national_link else ""
        return escape(str(d.national_tracking_number)) + link

    def _entry(self, t: TimelineEntry) -> str:
        head = labels.timeline(t.code)
        if t.kind == "disposition" and (t.from_name or t.to_name):
            head += f": {t.from_name} → {t.to_name}"
        elif t.kind == "event" and t.to_status and t.from_status != t.to_status:
            new_status = labels.status(t.to_status)
            if new_status != head:  # "Tertunda", not "Tertunda (Tertunda)"
                head += f" ({new_status})"
        if t.until is not None:
            head += " · " + self.tr("until %1").replace("%1", labels.day_of(t.until))
        who = f" · {t.actor_name}" if t.actor_name else ""
        waiting = self.tr("waiting to be sent")
        pending = f" <span class='pending'>{escape(waiting)}</span>" if t.pending else ""
        text = escape(t.text).replace("\n", "<br>") if t.text else ""
        if t.redacted:
            hidden = self.tr("Content hidden (confidential)")
            text += ("<br>" if text else "") + f"<i>{escape(hidden)}</i>"
        if t.attachments:
            files = ", ".join(escape(a) for a in t.attachments)
            text += f"<br><span style='color:#5f6b76'>📎 {files}</span>"
        return (f"<p class='when'><b>{escape(head)}</b>{pending}<br>"
                f"{escape(labels.when(t.at))}{escape(who)}</p><p class='text'>{text}</p>")
