"""The receipt (tanda terima) of a recorded complaint: shown as it will print, then printed on a
printer or saved as a PDF. Opened right after a complaint is recorded, and again from
File > Print receipt for any complaint received outside the system (a receipt printed offline
names the provisional reference; printed again after a sync, the tracking number).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.services.receipts import IntakeReceipt
from lapor_desk.ui.receipt_document import ReceivedBy, print_on, receipt_document, write_pdf


class ReceiptDialog(QDialog):
    saved = Signal(str)     # the PDF's path (tests wait on it)
    printed = Signal()

    def __init__(self, receipt: IntakeReceipt, received_by: ReceivedBy,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.receipt = receipt
        self.document = receipt_document(receipt, received_by)
        self.setWindowTitle(self.tr("Complaint receipt"))
        self.resize(620, 640)
        heading = QLabel(self.tr("Receipt for the reporter"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("Print it or save it as a PDF and hand it to the reporter.")
                       if receipt.synced else
                       self.tr("Not synced yet: the receipt names a provisional reference. "
                               "Print it again after the next sync for the tracking number "
                               "(File > Print receipt)."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setDocument(self.document)
        self.failure = QLabel()
        self.failure.setObjectName("errorText")
        self.failure.setWordWrap(True)
        self.failure.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.print_button = self.buttons.addButton(self.tr("Print…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = self.buttons.addButton(self.tr("Save as PDF…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button.clicked.connect(self.pick_pdf)
        self.buttons.rejected.connect(self.reject)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        for widget in (heading, intro, self.preview, self.failure, self.buttons):
            layout.addWidget(widget)

    def file_name(self) -> str:
        number = self.receipt.tracking_number or self.receipt.provisional_reference
        return self.tr("tanda-terima-%1.pdf").replace("%1", str(number))

    def pick_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the receipt as PDF"),
                                                    self.file_name(), "PDF (*.pdf)")
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> None:
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_pdf(self.document, path)
            with open(path, "rb") as written:
                complete = written.read(5) == b"%PDF-"
        except OSError:
            complete = False
        if not complete:
            self.failure.setText(self.tr("The PDF could not be written to %1. Choose another "
                                         "folder, or print the receipt.").replace("%1", path))
            self.failure.setVisible(True)
            return
        self.failure.setVisible(False)
        self.saved.emit(path)

    def print_receipt(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name())
        chooser = QPrintDialog(printer, self)
        if chooser.exec() == QDialog.DialogCode.Accepted:
            print_on(self.document, printer)
            self.printed.emit()
