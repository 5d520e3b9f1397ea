"""The status bar: online/offline, last sync, pending and rejected counts, sync progress."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from lapor_desk.services.types import StatusSummary, SyncProgress
from lapor_desk.ui import labels
from lapor_desk.ui.i18n import is_language_change


class DeskStatusBar(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.connection = QLabel()
        self.connection.setObjectName("connection")
        self.last_sync = QLabel()
        self.pending = QLabel()
        self.rejected = QLabel()
        self.rejected.setObjectName("rejectedCount")
        self.reconnect = QLabel()
        self.reconnect.setObjectName("reconnecting")
        self.reconnect.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel = QToolButton()
        self.cancel.clicked.connect(self.cancel_requested.emit)
        for label in (self.connection, self.reconnect, self.last_sync, self.pending,
                      self.rejected):
            self.addWidget(label)
        for widget in (self.progress_text, self.progress, self.cancel):
            self.addPermanentWidget(widget)
        self._status: StatusSummary | None = None
        self.set_syncing(False)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("Stop"))
        self.reconnect.setText(self.tr("Trying to reconnect; sync starts by itself"))
        if self._status is not None:
            self.show_status(self._status)
        else:
            self.connection.setText(self.tr("● Not connected yet"))

    def show_status(self, status: StatusSummary) -> None:
        self._status = status
        if status.online is None:
            self.connection.setText(self.tr("● Not connected yet"))
            state = "unknown"
        elif status.online:
            self.connection.setText(self.tr("● Online"))
            state = "online"
        else:
            self.connection.setText(self.tr("● Offline: work is kept and sent later"))
            state = "offline"
        self.connection.setProperty("state", state)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1",
                                                                labels.when(status.last_sync_at)))
        self.pending.setText(self.tr("Waiting to send: %1").replace("%1", str(status.pending)))
        self.rejected.setText(self.tr("Rejected: %1").replace("%1", str(status.rejected)))
        self.rejected.setVisible(status.rejected > 0)
        self.connection.setToolTip(labels.error(status.last_error) if status.last_error else "")

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
