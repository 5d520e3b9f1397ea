"""The status bar: online/offline (or a server that stopped answering), last sync, the actions
waiting, refused and in conflict (the same counts as Kotak Keluar and Konflik in the sidebar; a
click on a count opens its queue), sync progress, and a warning when this computer's clock is off
from the server's by more than a few minutes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from lapor_desk.services.types import ClockSkew, StatusSummary, SyncProgress
from lapor_desk.ui import labels
from lapor_desk.ui.i18n import is_language_change


class ShortenedLabel(QLabel):
    """A label that shows only its first part when the status bar is full (nothing, when the
    first part is empty), and its whole text when there is room. Its size hints come from the
    texts, not from what is shown, so giving way never makes the window wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = ""
        self.first = ""

    def set_texts(self, first: str, full: str) -> None:
        self.full, self.first = full, first
        self._fit()
        self.updateGeometry()

    def _advance(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text)

    def _hint(self, text: str) -> QSize:
        hint = super().sizeHint()  # the style's padding and border around what is shown
        return QSize(hint.width() - self._advance(self.text()) + self._advance(text),
                     hint.height())

    def sizeHint(self) -> QSize:
        return self._hint(self.full)

    def minimumSizeHint(self) -> QSize:
        if not self.first:
            return QSize(0, super().minimumSizeHint().height())  # it may give way entirely
        return self._hint(self.first)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        fits = self._advance(self.full) <= self.contentsRect().width() or not self.isVisible()
        shown = self.full if fits else self.first
        if shown != self.text():
            self.setText(shown)


class CountLabel(QLabel):
    """A count that opens its queue when clicked."""

    clicked = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DeskStatusBar(QStatusBar):
    cancel_requested = Signal()
    #: a count was clicked: the queue that lists those actions ("outbox" or "conflicts")
    queue_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        # When the bar is full the connection's explanation, the reconnect note, the words
        # before the last sync's time and the clock warning's advice give way (each whole in
        # its tooltip), so the window never widens.
        self.connection = ShortenedLabel()
        self.connection.setObjectName("connection")
        self.last_sync = ShortenedLabel()
        self.pending = CountLabel("pendingCount")
        self.rejected = CountLabel("rejectedCount")
        self.conflicts = CountLabel("conflictCount")
        self.pending.clicked.connect(lambda: self.queue_requested.emit("outbox"))
        self.rejected.clicked.connect(lambda: self.queue_requested.emit("outbox"))
        self.conflicts.clicked.connect(lambda: self.queue_requested.emit("conflicts"))
        self._silent = False
        self.reconnect = ShortenedLabel()
        self.reconnect.setObjectName("reconnecting")
        self.reconnect.setVisible(False)
        self.clock_warning = ShortenedLabel()
        self.clock_warning.setObjectName("clockWarning")
        self.clock_warning.setVisible(False)
        #: a quiet note while the unit suggestions learn from the history after a sync
        self.learning = ShortenedLabel()
        self.learning.setObjectName("routingLearning")
        self.learning.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel = QToolButton()
        self.cancel.clicked.connect(self.cancel_requested.emit)
        for label in (self.connection, self.reconnect, self.last_sync, self.pending,
                      self.rejected, self.conflicts, self.clock_warning, self.learning):
            self.addWidget(label)
        for widget in (self.progress_text, self.progress, self.cancel):
            self.addPermanentWidget(widget)
        self._status: StatusSummary | None = None
        self._skew: ClockSkew | None = None
        self.set_syncing(False)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("Stop"))
        trying = self.tr("Trying to reconnect; sync starts by itself")
        self.reconnect.set_texts("", trying)
        self.reconnect.setToolTip(trying)
        learning = self.tr("Preparing unit suggestions from the history")
        self.learning.set_texts("", learning)
        self.learning.setToolTip(learning)
        if self._status is not None:
            self.show_status(self._status)
        else:
            self._connection(self.tr("● Not connected yet"))
        self.show_clock(self._skew)

    def show_status(self, status: StatusSummary) -> None:
        self._status = status
        if self._silent:
            self._connection(self.tr("● Server not answering: work is kept and sent when it "
                                     "answers"))
            state = "offline"
        elif status.online is None:
            self._connection(self.tr("● Not connected yet"))
            state = "unknown"
        elif status.online:
            self._connection(self.tr("● Online"))
            state = "online"
        else:
            self._connection(self.tr("● Offline: work is kept and sent later"))
            state = "offline"
        self.connection.setProperty("state", state)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)
        when = labels.when(status.last_sync_at)
        last_sync = self.tr("Last sync: %1").replace("%1", when)
        self.last_sync.set_texts(when, last_sync)
        self.last_sync.setToolTip(last_sync)
        # The Outbox's count as the sidebar and its heading say it (waiting + refused), and
        # how many of them were refused.
        outbox = str(status.pending + status.rejected)
        self.pending.setText(self.tr("Outbox: %1").replace("%1", outbox))
        self.pending.setToolTip(self.tr("Waiting to send: %1 · Refused: %2").replace(
            "%1", str(status.pending)).replace("%2", str(status.rejected)))
        self.rejected.setText(self.tr("(%1 refused)").replace("%1", str(status.rejected)))
        self.rejected.setToolTip(self.tr("Refused by the server: open the Outbox to fix or "
                                         "discard them"))
        self.rejected.setVisible(status.rejected > 0)
        self.conflicts.setText(self.tr("Conflicts: %1").replace("%1", str(status.conflicts)))
        self.conflicts.setToolTip(self.tr("Someone else changed these complaints first: open "
                                          "Conflicts to re-apply or drop your action"))
        self.conflicts.setVisible(status.conflicts > 0)
        if status.last_error:
            self.connection.setToolTip(labels.error(status.last_error))

    def set_learning(self, running: bool) -> None:
        """The routing help is being retrained (ui/routing_refresh.py): nothing to do about it."""
        self.learning.setVisible(running)

    def _connection(self, text: str) -> None:
        """The connection's state; what follows a colon is the part that may give way."""
        self.connection.set_texts(text.split(":")[0], text)
        self.connection.setToolTip(text)

    def set_silent(self, silent: bool) -> None:
        """The server stopped answering in the middle of a sync (or answers again)."""
        self._silent = silent
        if self._status is not None:
            self.show_status(self._status)
        elif silent:
            self._connection(self.tr("● Server not answering: work is kept and sent when it "
                                     "answers"))

    def set_reconnecting(self, reconnecting: bool) -> None:
        """While offline: say that the desktop keeps trying, so nobody has to press Sync."""
        self.reconnect.setVisible(reconnecting)

    def set_syncing(self, syncing: bool) -> None:
        for widget in (self.progress, self.progress_text, self.cancel):
            widget.setVisible(syncing)
        if syncing:
            self.progress_text.setText(self.tr("Syncing…"))

    def show_progress(self, p: SyncProgress) -> None:
        self.progress_text.setText(self.tr("Syncing: %1 records").replace("%1",
                                                                          f"{p.records:,}"))

    def show_clock(self, skew: ClockSkew | None) -> None:
        """Warn while this computer's clock is off by minutes; nothing when it is right."""
        self._skew = skew
        self.clock_warning.setVisible(skew is not None)
        if skew is None:
            self.clock_warning.set_texts("", "")
            self.clock_warning.setToolTip("")
            return
        amount = self.duration(abs(skew.ahead).total_seconds())
        first = (self.tr("⚠ The computer's clock is %1 fast") if skew.ahead.total_seconds() > 0
                 else self.tr("⚠ The computer's clock is %1 slow")).replace("%1", amount)
        full = self.tr("%1: set it, or turn on automatic time.").replace("%1", first)
        self.clock_warning.set_texts(first, full)
        compared = labels.when(skew.learned_at)
        tip = (self.tr("Compared with the server's clock at %1. Until the clock is set, the "
                       "times you record are taken from the server's clock.")
               if skew.confirmed else
               self.tr("Compared with the server's clock at %1, before this start; it is "
                       "checked again at the next sync. Until the clock is set, the times you "
                       "record are taken from the server's clock."))
        self.clock_warning.setToolTip(full + "\n" + tip.replace("%1", compared))

    def duration(self, seconds: float) -> str:
        """A clock difference in words: minutes, hours and minutes, or days."""
        minutes = round(seconds / 60)
        if minutes < 60:
            return self.tr("%1 min").replace("%1", str(max(minutes, 1)))
        if minutes < 48 * 60:
            hours, rest = divmod(minutes, 60)
            return (self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))
                    if rest else self.tr("%1 h").replace("%1", str(hours)))
        return self.tr("%1 days").replace("%1", str(round(minutes / (24 * 60))))
