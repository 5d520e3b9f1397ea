"""After a bulk forward or archive: how many were done, and which were refused here and why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.verification import BulkOutcome
from lapor_desk.ui import labels, verify_labels


class BulkSummaryDialog(QDialog):
    def __init__(self, outcome: BulkOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        total = len(outcome.done) + len(outcome.refused)
        self.setWindowTitle(verify_labels.action(outcome.kind))
        self.resize(600, 380 if outcome.refused else 180)
        text = (self.tr("%1 of %2 complaints archived.") if outcome.kind == "archive" else
                self.tr("%1 of %2 complaints forwarded."))
        heading = QLabel(text.replace("%1", str(len(outcome.done))).replace("%2", str(total)))
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        intro = QLabel(self.tr("They wait in the outbox and are sent at the next sync.")
                       if outcome.done else "")
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.refused_heading = QLabel(self.tr("Not done (refused on this computer, nothing was "
                                              "written for them):"))
        self.refused_heading.setWordWrap(True)
        self.refused = QListWidget()
        self.refused.setWordWrap(True)
        self.refused.setAlternatingRowColors(True)
        self.refused.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        for item in outcome.refused:
            number = str(item.tracking_number) if item.tracking_number else "—"
            text = (self.tr("No. %1 · %2").replace("%1", number)
                    .replace("%2", labels.complaint_title(item.title))
                    + "\n" + labels.error(item.code))
            self.refused.addItem(QListWidgetItem(text))
        self.refused_heading.setVisible(bool(outcome.refused))
        self.refused.setVisible(bool(outcome.refused))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        widgets: tuple[QWidget, ...] = (heading, intro, self.refused_heading, self.refused,
                                        buttons)
        for widget in widgets:
            layout.addWidget(widget)
        if not outcome.refused:
            layout.addStretch(1)
