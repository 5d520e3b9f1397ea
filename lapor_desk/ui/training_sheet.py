"""What the facilitator shows and hands out: the QR code of the training address, and the printed
list of trainee accounts (A4) with the exercises, made from the roster."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, Qt, QUrl
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QTextDocument

from lapor_desk.services.training import TraineeAccount

QR_URL = QUrl("lapor-training:qr.png")


def qr_image(text: str, module: int = 8) -> QImage:
    """``text`` as a QR code (error correction M, the standard quiet zone of four modules)."""
    import qrcode  # only the facilitator's window needs it

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module, y * module, module, module, Qt.GlobalColor.black)
    painter.end()
    return image


#: The sheet's words (translated when the sheet is made: the facilitator's language).
WORDS = {
    "title": QT_TRANSLATE_NOOP("TrainingSheet", "LAPOR Desk training (bimtek): trainee accounts"),
    "type": QT_TRANSLATE_NOOP("TrainingSheet",
                              "On the sign-in screen of LAPOR Desk, type in Server:"),
    "then": QT_TRANSLATE_NOOP("TrainingSheet",
                              "then your user name and password from the list below."),
    "no": QT_TRANSLATE_NOOP("TrainingSheet", "No."),
    "participant": QT_TRANSLATE_NOOP("TrainingSheet", "Participant (name)"),
    "user": QT_TRANSLATE_NOOP("TrainingSheet", "User name"),
    "password": QT_TRANSLATE_NOOP("TrainingSheet", "Password"),
    "pemda": QT_TRANSLATE_NOOP("TrainingSheet", "Practice pemda"),
    "exercises": QT_TRANSLATE_NOOP("TrainingSheet", "Exercises"),
    "only_here": QT_TRANSLATE_NOOP(
        "TrainingSheet", "These passwords are for this training server only. Never use them, or "
        "your own password, anywhere else; they end with the training."),
}
EXERCISES = (
    (QT_TRANSLATE_NOOP("TrainingSheet", "Verify and forward"), QT_TRANSLATE_NOOP(
        "TrainingSheet", "Open “[Latihan 1] …”, check it and forward it to the Dinas Pekerjaan "
        "Umum dan Penataan Ruang of your practice pemda.")),
    (QT_TRANSLATE_NOOP("TrainingSheet", "Reply with a template"), QT_TRANSLATE_NOOP(
        "TrainingSheet", "Open “[Latihan 2] …”, write the reply to the reporter starting from a "
        "reply template, and send it.")),
    (QT_TRANSLATE_NOOP("TrainingSheet", "Record a walk-in"), QT_TRANSLATE_NOOP(
        "TrainingSheet", "Record a citizen who came to the counter: a new complaint with the "
        "channel “walk-in”.")),
    (QT_TRANSLATE_NOOP("TrainingSheet", "Repair a conflict"), QT_TRANSLATE_NOOP(
        "TrainingSheet", "Forward “[Latihan 4] …” to Dinas PUPR. A colleague forwarded it "
        "elsewhere a moment before you: open the conflict, see who changed it, and apply your "
        "forward again on the complaint as it now stands.")),
)


def _t(text: object) -> str:
    return QCoreApplication.translate("TrainingSheet", str(text))


def exercise_texts() -> list[tuple[str, str]]:
    """(short name, what to do) of the four exercises, in their order, translated."""
    return [(_t(name), _t(text)) for name, text in EXERCISES]


def roster_html(address: str, trainees: Sequence[TraineeAccount]) -> str:
    e = html.escape
    w = {key: e(_t(text)) for key, text in WORDS.items()}
    rows = "".join(
        f"<tr><td align='right'>{t.number}</td><td></td><td nowrap><b>{e(t.username)}</b></td>"
        f"<td nowrap><tt>{e(t.password)}</tt></td><td>{e(t.agency)}</td></tr>"
        for t in trainees)
    steps = "".join(f"<li><b>{e(name)}.</b> {e(text)}</li>" for name, text in exercise_texts())
    return (
        "<html><body style='font-family: sans-serif; font-size: 10pt'>"
        f"<h2>{w['title']}</h2><table width='100%'><tr>"
        f"<td width='120'><img src='{QR_URL.toString()}' width='110' height='110'></td>"
        f"<td valign='middle'>{w['type']}<br><span style='font-size: 16pt'><b><tt>"
        f"{e(address)}</tt></b></span><br>{w['then']}</td></tr></table>"
        "<p></p><table width='100%' border='1' cellspacing='0' cellpadding='4'>"
        f"<tr><th width='7%'>{w['no']}</th><th width='25%'>{w['participant']}</th>"
        f"<th width='17%'>{w['user']}</th><th width='24%'>{w['password']}</th>"
        f"<th width='27%'>{w['pemda']}</th></tr>{rows}</table>"
        f"<h3>{w['exercises']}</h3><ol>{steps}</ol><p><i>{w['only_here']}</i></p>"
        "</body></html>")


def roster_document(address: str, trainees: Sequence[TraineeAccount]) -> QTextDocument:
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QR_URL, qr_image(address, 6))
    document.setHtml(roster_html(address, trainees))
    return document


def print_roster(device: QPagedPaintDevice, address: str,
                 trainees: Sequence[TraineeAccount]) -> None:
    """The list on A4 portrait pages of ``device`` (a printer or a PDF writer)."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    # No page size of its own: print_ lays the document out for the device's page, in points.
    roster_document(address, trainees).print_(device)
