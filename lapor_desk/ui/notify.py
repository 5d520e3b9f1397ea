"""Telling the user about new work: a tray (desktop) notification when the system has a tray,
otherwise a calm notice inside the window that goes away by itself. Neither ever blocks.

Notices name tracking numbers only, never titles or reporters: a notification can pop up on a
projected screen in a meeting, and rahasia/anonim complaints must not leak there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.lifecycle import PostponedDue
from lapor_desk.services.notifications import NewWork
from lapor_desk.services.types import SyncOutcome
from lapor_desk.ui.resources import icon

#: How many tracking numbers a reminder names (the rest is a count).
SAMPLE = 5
NOTICE_MS = 12_000
NOTICE_STYLE = (
    "QFrame#inWindowNotice { background: #ffffff; border: 1px solid #cfd8dc;"
    " border-left: 4px solid #1565c0; border-radius: 6px; }"
    " QLabel#noticeTitle { font-weight: 600; color: #0d47a1; }"
    " QToolButton { border: none; }")


def describe(work: NewWork) -> tuple[str, str]:
    """Title and text of the notification for ``work`` (translated)."""
    count = str(work.count)
    if work.kind == "forwarded":
        title = (QCoreApplication.translate("Notifier",
                                            "A complaint was forwarded to your unit")
                 if work.count == 1 else
                 QCoreApplication.translate("Notifier",
                                            "%1 complaints were forwarded to your unit"))
    else:
        title = (QCoreApplication.translate("Notifier", "A new complaint needs verification")
                 if work.count == 1 else
                 QCoreApplication.translate("Notifier", "%1 new complaints need verification"))
    numbers = ", ".join(str(n) for n in work.tracking_numbers)
    more = work.count - len(work.tracking_numbers)
    if numbers and more > 0:
        text = QCoreApplication.translate("Notifier", "Tracking numbers %1 and %2 more.") \
            .replace("%1", numbers).replace("%2", str(more))
    elif numbers:
        text = QCoreApplication.translate("Notifier", "Tracking number: %1").replace("%1", numbers)
    else:
        text = ""
    return title.replace("%1", count), text


def describe_reminder(due: list[PostponedDue]) -> tuple[str, str]:
    """Title and text of the reminder that postponed complaints' day has come (translated)."""
    title = (QCoreApplication.translate("Notifier", "A postponed complaint is due")
             if len(due) == 1 else
             QCoreApplication.translate("Notifier", "%1 postponed complaints are due")
             .replace("%1", str(len(due))))
    numbers = [str(d.tracking_number) for d in due if d.tracking_number is not None][:SAMPLE]
    more = len(due) - len(numbers)
    if numbers and more > 0:
        text = QCoreApplication.translate("Notifier", "Tracking numbers %1 and %2 more.") \
            .replace("%1", ", ".join(numbers)).replace("%2", str(more))
    elif numbers:
        text = QCoreApplication.translate("Notifier", "Tracking number: %1") \
            .replace("%1", ", ".join(numbers))
    else:
        text = ""
    hint = QCoreApplication.translate("Notifier", "They are in the Postponed queue.")
    if text and not text.endswith("."):
        text += "."
    return title, f"{text} {hint}".strip()


def describe_restore(outcome: SyncOutcome) -> tuple[str, str]:
    """Title and text telling that the server went back to a backup (translated)."""
    title = QCoreApplication.translate("Notifier", "The server was restored from a backup")
    if outcome.resent:
        text = QCoreApplication.translate(
            "Notifier", "The server went back to an earlier copy of its data. %1 of your "
            "actions that it no longer had were sent to it again; none of your work is lost. "
            "The complaints were loaded again from the server.").replace(
                "%1", str(outcome.resent))
    else:
        text = QCoreApplication.translate(
            "Notifier", "The server went back to an earlier copy of its data. The complaints "
            "were loaded again from the server; none of your actions was missing from it.")
    if outcome.rejected or outcome.conflicts:
        text += " " + QCoreApplication.translate(
            "Notifier", "Some could not be applied as they were: open the Outbox to see them.")
    return title, text


class InWindowNotice(QFrame):
    """A small notice in the window's bottom-right corner; closes itself after a while."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("inWindowNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(NOTICE_STYLE)
        self.title = QLabel()
        self.title.setObjectName("noticeTitle")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.hide)
        column = QWidget()
        lines = QVBoxLayout(column)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addWidget(self.title)
        lines.addWidget(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 8, 10)
        row.addWidget(column, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setMaximumWidth(380)
        self.timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self.timer.timeout.connect(self.hide)
        window.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def show_notice(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        layout = self.layout()
        width = self.maximumWidth()
        # as tall as its wrapped lines need at its width (adjustSize would squeeze them)
        self.resize(width, layout.totalHeightForWidth(width) if layout is not None
                    else self.sizeHint().height())
        self._place()
        self.show()
        self.raise_()
        self.timer.start()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        margin = 16
        bottom = parent.height() - margin - 28  # above the status bar
        self.move(max(margin, parent.width() - self.width() - margin),
                  max(margin, bottom - self.height()))


class Notifier(QObject):
    """Shows new work through the tray when there is one, else inside ``window``."""

    shown = Signal(str, str)  # title, text (tests and the log listen)

    def __init__(self, window: QWidget,
                 tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable
                 ) -> None:
        super().__init__(window)
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        self.notice: InWindowNotice | None = None
        if tray_available():
            self.tray = QSystemTrayIcon(icon("app"), self)
            self.tray.setToolTip("LAPOR Desk")
            self.tray.messageClicked.connect(self._bring_forward)
            self.tray.activated.connect(lambda _reason: self._bring_forward())
            self.tray.show()
        else:
            self.notice = InWindowNotice(window)

    @property
    def uses_tray(self) -> bool:
        return self.tray is not None

    def show_new_work(self, work: NewWork) -> None:
        self._show(*describe(work))

    def show_reminder(self, due: list[PostponedDue]) -> None:
        self._show(*describe_reminder(due))

    def show_sync_outcome(self, outcome: object) -> None:
        """Say so when a sync found the server restored from a backup (else nothing)."""
        if isinstance(outcome, SyncOutcome) and outcome.server_restored:
            self._show(*describe_restore(outcome))

    def _show(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.showMessage(title, text, icon("app"), NOTICE_MS)
        else:
            assert self.notice is not None
            self.notice.show_notice(title, text)
        self.shown.emit(title, text)

    def _bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
