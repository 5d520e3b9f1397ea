"""The receipt (tanda terima) as a printable page: the complaint's number (or its provisional
reference while it is not synced), when and how it came, the letter's number and date, who
received it. Built as a QTextDocument: shown in the receipt dialog, printed on a printer or
written as an A4 PDF (:func:`write_pdf`), all from the same document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from html import escape

from PySide6.QtCore import QMarginsF, QObject
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from lapor_desk.services.receipts import IntakeReceipt
from lapor_desk.ui import labels

#: Indonesia's three zones by their offset from UTC, in hours.
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


@dataclass(frozen=True)
class ReceivedBy:
    """Who hands the receipt over: the signed-in officer and their unit."""

    officer: str
    unit: str


def local_time(moment: datetime, zone: tzinfo | None = None) -> str:
    """``07/12/2026 09:15 WITA``: in ``zone`` (the complaint's province), else this computer's
    zone, named by its Indonesian name where it is one."""
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0
    name = ZONES.get(int(hours)) if hours == int(hours) else None
    return f"{local:%d/%m/%Y %H:%M} {name or 'UTC' + (f'{hours:+g}' if hours else '')}"


def _row(name: str, value: str) -> str:
    return (f"<tr><td style='padding:3px 14px 3px 0; color:#444'>{escape(name)}</td>"
            f"<td style='padding:3px 0'>{escape(value)}</td></tr>")


class ReceiptPage(QObject):
    """The receipt's words (translated in the ``ReceiptPage`` context) laid out as HTML."""

    def html(self, receipt: IntakeReceipt, received_by: ReceivedBy,
             printed_at: datetime) -> str:
        rows = []
        if receipt.received_at is not None:
            rows.append(_row(self.tr("Received"),
                             local_time(receipt.received_at, receipt.zone)))
        if receipt.channel:
            rows.append(_row(self.tr("Channel"), labels.channel(receipt.channel)))
        if receipt.letter_number:
            rows.append(_row(self.tr("Letter number"), receipt.letter_number))
        if receipt.letter_date is not None:
            rows.append(_row(self.tr("Letter date"), f"{receipt.letter_date:%d/%m/%Y}"))
        rows.append(_row(self.tr("Type"), labels.complaint_type(receipt.complaint_type)))
        rows.append(_row(self.tr("Title"), receipt.title))
        reporter = (self.tr("Anonymous (identity kept confidential)") if receipt.anonymous
                    else receipt.reporter_name or "—")
        rows.append(_row(self.tr("Reporter"), reporter))
        place = ", ".join(p for p in (receipt.regency, receipt.province) if p)
        if place:
            rows.append(_row(self.tr("Location"), place))
        if receipt.attachments:
            rows.append(_row(self.tr("Documents received"),
                             self.tr("%1 file(s)").replace("%1", str(receipt.attachments))))
        if receipt.confidential:
            rows.append(_row(self.tr("Confidential"),
                             self.tr("The content is not shown to the public.")))
        if receipt.synced:
            caption, number = self.tr("Tracking number"), str(receipt.tracking_number)
            under = self.tr("Provisional reference given earlier: %1").replace(
                "%1", receipt.provisional_reference)
            follow = self.tr("Follow your complaint at www.lapor.go.id or by SMS to 1708 with "
                             "the tracking number.")
        else:
            caption, number = self.tr("Provisional reference"), receipt.provisional_reference
            under = self.tr("The tracking number is given once this computer has sent the "
                            "complaint to LAPOR!. Ask with this provisional reference; a "
                            "receipt with the tracking number can be printed for you.")
            follow = self.tr("Keep this receipt until you receive the tracking number.")
        signed = self.tr("Received by %1, %2").replace("%1", received_by.officer) \
            .replace("%2", received_by.unit)
        printed = self.tr("Printed %1").replace("%1", local_time(printed_at, receipt.zone))
        heading = self.tr("COMPLAINT RECEIPT")
        return (
            "<html><body style='font-family:sans-serif; font-size:10pt'>"
            f"<p style='font-size:9pt; color:#444; margin:0'>{escape(received_by.unit)}</p>"
            f"<h2 style='margin:4px 0 10px 0'>{escape(heading)}</h2>"
            f"<p style='font-size:11pt; margin:0'>{escape(caption)}</p>"
            f"<p style='font-size:24pt; font-weight:bold; margin:0'>{escape(number)}</p>"
            f"<p style='font-size:9pt; color:#444'>{escape(under)}</p>"
            f"<table cellspacing='0' style='margin-top:8px'>{''.join(rows)}</table>"
            f"<p style='margin-top:14px'>{escape(follow)}</p>"
            f"<p style='margin-top:18px'>{escape(signed)}</p>"
            f"<p style='font-size:8pt; color:#666'>{escape(printed)}</p>"
            "</body></html>")

    def title(self) -> str:
        return self.tr("Complaint receipt")


def receipt_html(receipt: IntakeReceipt, received_by: ReceivedBy,
                 printed_at: datetime | None = None) -> str:
    return ReceiptPage().html(receipt, received_by, printed_at or datetime.now(UTC))


def receipt_document(receipt: IntakeReceipt, received_by: ReceivedBy,
                     printed_at: datetime | None = None) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(receipt_html(receipt, received_by, printed_at))
    return document


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)


def print_on(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """The document on a printer or PDF writer, A4 with margins."""
    device.setPageLayout(a4_layout())
    document.print_(device)


def write_pdf(document: QTextDocument, path: str) -> None:
    """An A4 PDF of the receipt at ``path``."""
    writer = QPdfWriter(path)
    writer.setResolution(300)
    writer.setTitle(ReceiptPage().title())
    writer.setCreator("LAPOR Desk")
    print_on(document, writer)
