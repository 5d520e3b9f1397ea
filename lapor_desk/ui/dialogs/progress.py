"""A cancellable progress dialog for the first sync and for preparing the demo.

It shows records, bytes and time so far, and "about N min left" only when there is a basis for
it: a phase that says its total (``SyncProgress.total``) and enough of it done to measure a
rate. The push knows its total (the outbox); the pull's is an estimate from the pages'
``progress`` (how far the cursor has come through the server's changes), so a server that does
not send it gets the rate instead of a guess.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.types import DemoProgress, SyncProgress


def size_text(count: int) -> str:
    if count >= 1 << 20:
        return f"{count / (1 << 20):.1f} MB"
    if count >= 1 << 10:
        return f"{count / (1 << 10):.0f} KB"
    return f"{count} B"


class TimeLeft:
    """Seconds left from the rate so far; None until there is a basis for an estimate.

    The rate is smoothed (exponential moving average over the updates) so one slow page does not
    make the estimate jump. A phase change starts over."""

    MIN_ELAPSED = 2.0   # seconds of a phase before its rate means anything
    MIN_FRACTION = 0.02  # share of the total done before estimating
    SMOOTHING = 0.3

    def __init__(self) -> None:
        self.phase: str | None = None
        self.rate: float | None = None
        self._start_records = 0
        self._start_time = 0.0
        self._last: tuple[int, float] | None = None

    def update(self, p: SyncProgress) -> float | None:
        if p.phase != self.phase:
            self.phase, self.rate = p.phase, None
            self._start_records, self._start_time, self._last = p.records, p.elapsed, None
        if self._last is not None:
            records, at = self._last
            if p.elapsed > at and p.records >= records:
                sample = (p.records - records) / (p.elapsed - at)
                self.rate = sample if self.rate is None else (
                    self.SMOOTHING * sample + (1 - self.SMOOTHING) * self.rate)
        self._last = (p.records, p.elapsed)
        if not p.total or p.total <= 0 or self.rate is None or self.rate <= 0:
            return None
        if p.elapsed - self._start_time < self.MIN_ELAPSED:
            return None
        if p.records / p.total < self.MIN_FRACTION:
            return None
        return max(0.0, (p.total - p.records) / self.rate)

    def records_per_second(self) -> float | None:
        return self.rate


class ProgressDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None,
                 cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.heading = QLabel(title)
        self.heading.setObjectName("dialogHeading")
        self.step = QLabel()
        self.step.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # the server does not say how much there is: busy indicator
        self.bar.setTextVisible(False)
        self.numbers = QLabel()
        self.numbers.setObjectName("dialogIntro")
        self.time_left = QLabel()
        self.time_left.setObjectName("timeLeft")
        self.estimate = TimeLeft()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Stop"))
        self.buttons.rejected.connect(self._cancel)
        self.buttons.setVisible(cancellable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        for widget in (self.heading, self.step, self.bar, self.numbers, self.time_left,
                       self.buttons):
            layout.addWidget(widget)

    def _cancel(self) -> None:
        self.step.setText(self.tr("Stopping after the current page…"))
        self.buttons.setEnabled(False)
        self.cancel_requested.emit()

    def reject(self) -> None:  # Escape and the close button stop, they do not hide
        if self.buttons.isVisible() and self.buttons.isEnabled():
            self._cancel()

    def show_sync(self, p: SyncProgress) -> None:
        steps = {"push": self.tr("Sending your work…"), "upload": self.tr("Uploading files…"),
                 "pull": self.tr("Receiving complaints…"),
                 "download": self.tr("Downloading files…"), "done": self.tr("Finished.")}
        if self.buttons.isEnabled():  # after Stop, keep saying that it is stopping
            self.step.setText(steps.get(p.phase, p.phase))
        if p.bytes:  # pages or files received (no "0 B" before the first)
            self.numbers.setText(self.tr("%1 records · %2 · %3 s")
                                 .replace("%1", f"{p.records:,}")
                                 .replace("%2", size_text(p.bytes))
                                 .replace("%3", str(int(p.elapsed))))
        else:
            self.numbers.setText(self.tr("%1 records · %2 s").replace("%1", f"{p.records:,}")
                                 .replace("%2", str(int(p.elapsed))))
        left = self.estimate.update(p)
        if p.total:
            self.bar.setRange(0, max(p.total, 1))
            self.bar.setValue(min(p.records, p.total))
        else:
            self.bar.setRange(0, 0)
        rate = self.estimate.records_per_second()
        if left is not None:
            self.time_left.setText(self.time_left_text(left))
        elif rate and p.phase == "pull":
            self.time_left.setText(self.tr("%1 records per second").replace(
                "%1", f"{rate:,.0f}"))
        else:
            self.time_left.setText("")

    def time_left_text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("Less than a minute left")
        minutes = math.ceil(seconds / 60)
        return self.tr("About %1 min left").replace("%1", str(minutes))

    def show_demo(self, p: DemoProgress) -> None:
        steps = {"prepare": self.tr("Preparing the training database…"),
                 "seed": self.tr("Creating %1 sample complaints…").replace("%1", f"{p.detail:,}"),
                 "start": self.tr("Starting the local server…"),
                 "ready": self.tr("Signing in as the demo admin…")}
        self.step.setText(steps.get(p.step, p.step))
        order = ["prepare", "seed", "start", "ready"]
        self.bar.setRange(0, len(order))
        self.bar.setValue(order.index(p.step) if p.step in order else 0)
