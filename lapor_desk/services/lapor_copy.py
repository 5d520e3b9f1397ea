""""Salin untuk LAPOR!": a complaint or a follow-up as text to paste into SP4N-LAPOR!'s forms.

A complaint SP4N-LAPOR! has no record of yet (a walk-in complaint, a letter, a phone call) is
copied whole, field by field in the national form's order, for the admin who records it there;
once it carries a national number, the latest public follow-up is copied instead, to post there
as the follow-up of that report. The text is in Bahasa Indonesia, as the national site is.

An anonim reporter's name and contact are never in it (the national form has its own anonim
switch, which the text names); a rahasia complaint the user may not read gives no text.
"""

from __future__ import annotations

from datetime import date

from lapor_desk.models.enums import FollowUpKind
from lapor_desk.services.recap_terms import TYPE_HEADINGS
from lapor_desk.services.types import ComplaintDetail


def _day(text: str | None) -> str:
    if not text:
        return "-"
    try:
        return date.fromisoformat(text).strftime("%d-%m-%Y")
    except ValueError:
        return text


def complaint_text(d: ComplaintDetail) -> str | None:
    """The complaint in the national form's order; None when its content is hidden."""
    if d.body is None or d.row.redacted:
        return None
    place = ", ".join(p for p in (d.village, d.district, d.regency, d.province) if p) or "-"
    category = " > ".join(p for p in (d.category, d.subcategory) if p) or "-"
    if d.row.anonymous:
        reporter = "Anonim (identitas pelapor dirahasiakan)"
    else:
        reporter = " / ".join(p for p in (d.reporter_name, d.reporter_contact) if p) or "-"
    lines = [
        f"Judul: {d.row.title}",
        f"Jenis laporan: {TYPE_HEADINGS.get(d.row.complaint_type, d.row.complaint_type)}",
        "Isi laporan:",
        d.body,
        f"Tanggal kejadian: {_day(d.incident_date)}",
        f"Lokasi kejadian: {place}",
        f"Kategori: {category}",
        f"Instansi tujuan: {d.responsible_name or '-'}",
        f"Pelapor: {reporter}",
        f"Anonim: {'Ya' if d.row.anonymous else 'Tidak'}",
        f"Rahasia: {'Ya' if d.row.confidential else 'Tidak'}",
    ]
    if d.row.tracking_number:
        lines.append(f"Nomor laporan di instansi: {d.row.tracking_number}")
    return "\n".join(lines)


def follow_up_text(d: ComplaintDetail) -> str | None:
    """The latest public follow-up, headed by the national number; None when there is none."""
    replies = [t for t in d.timeline if t.kind == "follow_up" and t.code == FollowUpKind.REPLY
               and t.text and not t.redacted]
    if not replies:
        return None
    latest = max(replies, key=lambda t: t.at)
    unit = d.handling_unit_name or d.responsible_name
    head = f"Tindak lanjut laporan #{d.national_tracking_number}"
    return f"{head}{f' oleh {unit}' if unit else ''}:\n{latest.text}"


def text_for_lapor(d: ComplaintDetail) -> str | None:
    """What "Salin untuk LAPOR!" copies for complaint ``d`` (see the module); None: nothing."""
    if d.national_tracking_number is None:
        return complaint_text(d)
    return follow_up_text(d)
