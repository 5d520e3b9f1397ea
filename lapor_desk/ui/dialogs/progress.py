"""A cancellable progress dialog for the first sync and for preparing the demo."""

from __future__ import annotations

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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Stop"))
        self.buttons.rejected.connect(self._cancel)
        self.buttons.setVisible(cancellable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        for widget in (self.heading, self.step, self.bar, self.numbers, self.buttons):
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
        self.step.setText(steps.get(p.phase, p.phase))
        self.numbers.setText(self.tr("%1 records · %2 · %3 s").replace("%1", f"{p.records:,}")
                             .replace("%2", size_text(p.bytes))
                             .replace("%3", str(int(p.elapsed))))

    def show_demo(self, p: DemoProgress) -> None:
        steps = {"prepare": self.tr("Preparing the training database…"),
                 "seed": self.tr("Creating %1 sample complaints…").replace("%1", f"{p.detail:,}"),
                 "start": self.tr("Starting the local server…"),
                 "ready": self.tr("Signing in as the demo admin…")}
        self.step.setText(steps.get(p.step, p.step))
        order = ["prepare", "seed", "start", "ready"]
        self.bar.setRange(0, len(order))
        self.bar.setValue(order.index(p.step) if p.step in order else 0)
