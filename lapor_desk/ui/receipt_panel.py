"""In a complaint's detail, for one received outside the system (at the counter, by letter,
phone, radio or newspaper): how it came (a letter's number and date) and "Print receipt", to
hand the reporter their receipt again, with the tracking number once it is synced."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lapor_desk.services.receipts import IntakeReceipt
from lapor_desk.ui import labels
from lapor_desk.ui.i18n import is_language_change


class ReceiptPanel(QWidget):
    print_requested = Signal(str)   # complaint id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.receipt: IntakeReceipt | None = None
        self.came = QLabel()
        self.came.setObjectName("dialogIntro")
        self.came.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._print)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 6, 0, 0)
        line.addWidget(self.came, 1)
        line.addWidget(self.print_button)
        self.retranslate()
        self.clear()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("Print receipt…"))
        self.print_button.setToolTip(self.tr("The receipt (tanda terima) for the reporter "
                                             "(Ctrl+P)"))
        self._describe()

    def clear(self) -> None:
        self.receipt = None
        self.setVisible(False)

    def show_receipt(self, receipt: IntakeReceipt) -> None:
        self.receipt = receipt
        self._describe()
        self.setVisible(True)

    def _describe(self) -> None:
        receipt = self.receipt
        if receipt is None:
            return
        parts = [self.tr("Came by %1").replace("%1", labels.channel(receipt.channel or ""))]
        if receipt.letter_number:
            parts.append(self.tr("letter number %1").replace("%1", receipt.letter_number))
        if receipt.letter_date is not None:
            parts.append(self.tr("dated %1").replace("%1", f"{receipt.letter_date:%d/%m/%Y}"))
        self.came.setText(", ".join(parts) + ".")

    def _print(self) -> None:
        if self.receipt is not None:
            self.print_requested.emit(self.receipt.complaint_id)
