"""The monthly recap as a PDF report (A4, portrait) an admin can send to leadership as it is.

Pages: the summary (last month beside this month) with two charts (compliance with the
deadlines, the monthly trend); compliance per unit with a chart of the overdue per unit; the
reporters' ratings (average and count per unit and per kabupaten/kota, as the XLSX's columns); the
overdue list per unit; the definitions. Every page carries the scope, the period, the moment the
recap was made (local time of the region) and "Halaman x dari y". Written with reportlab and the
Bitstream Vera fonts it ships (the letters and signs such as ≤ print the same everywhere).
The figures are those of the XLSX: both are written from the same MonthlyReport.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lapor_desk.services.compliance import MEASURES, Compliance, per_unit
from lapor_desk.services.monthly import MonthlyReport, UnitLine
from lapor_desk.services.oversight import GroupStats
from lapor_desk.services.recap_charts import (
    BOLD_FONT,
    FONT,
    INK,
    WIDTH,
    compliance_chart,
    overdue_chart,
    rating_chart,
    trend_chart,
)
from lapor_desk.services.recap_terms import (
    MEDIAN_HEADING,
    OVERDUE_HEADING,
    OVERDUE_NOW_HEADING,
    RATED_HEADING,
    RATING_HEADING,
    REGENCY_HEADING,
    STAGE_HEADINGS,
    STATUS_HEADINGS,
    TITLE,
    TOTAL_HEADING,
    TYPE_HEADINGS,
    UNFOLLOWED_HEADING,
    UNIT_HEADING,
    definitions,
    group_name,
    kind_name,
    measure_heading,
    percent_share,
    percent_text,
    period_text,
    received_phrase,
    write_atomically,
)

MUTED = colors.HexColor("#546E7A")
HEAD = colors.HexColor("#E3EDF7")
RULE = colors.HexColor("#B0BEC5")


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(os.path.dirname(reportlab.__file__)) / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(folder / "VeraBd.ttf")))
    # <b> in a paragraph picks the bold face of the family
    registerFontFamily(FONT, normal=FONT, bold=BOLD_FONT, italic=FONT, boldItalic=BOLD_FONT)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK,
                          alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD_FONT, fontSize=16,
                                leading=20, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD_FONT, fontSize=11.5, leading=15,
                             spaceBefore=8, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD_FONT, fontSize=9.5, leading=12,
                             spaceBefore=6, spaceAfter=2),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows: list[list[Any]], widths: list[float], numeric_from: int = 1,
           bold_last: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, 0), BOLD_FONT, 8),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if bold_last:
        style += [("FONT", (0, -1), (-1, -1), BOLD_FONT, 8),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]
    table.setStyle(TableStyle(style))
    return table


def _share(compliance: Compliance | None, which: str) -> float | None:
    return compliance.measure(which).share if compliance is not None else None


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _change(before: float | None, now: float | None, points: bool = False) -> str:
    if before is None or now is None:
        return "—"
    delta = now - before
    if points:
        return f"{delta * 100:+.1f}".replace(".", ",") + " poin"
    return f"{delta:+.1f}".replace(".", ",") if isinstance(delta, float) else f"{delta:+d}"


def _summary_rows(report: MonthlyReport) -> list[list[Any]]:
    current, previous = report.current.total, report.previous.total if report.previous else None
    last = period_text(report.previous.month) if report.previous else "Sebelumnya: —"
    rows: list[list[Any]] = [["Ukuran", last, period_text(report.current.month), "Perubahan"]]

    def line(name: str, before: float | None, now: float | None) -> None:
        rows.append([name, _number(before), _number(now), _change(before, now)])

    line(TOTAL_HEADING, previous.total if previous else None, current.total)
    line(STATUS_HEADINGS["done"], previous.count("done") if previous else None,
         current.count("done"))
    line(OVERDUE_HEADING, previous.overdue if previous else None, current.overdue)
    line(UNFOLLOWED_HEADING, previous.unfollowed if previous else None, current.unfollowed)
    line(MEDIAN_HEADING, previous.median_follow_up_days if previous else None,
         current.median_follow_up_days)
    line(RATING_HEADING, previous.rating_average if previous else None, current.rating_average)
    line(RATED_HEADING, previous.rated if previous else None, current.rated)
    for which in MEASURES:
        before, now = _share(report.total.previous, which), _share(report.total.current, which)
        rows.append([measure_heading(which, report.sla),
                     percent_text(report.total.previous.measure(which)
                                  if report.total.previous else None),
                     percent_text(report.total.current.measure(which)
                                  if report.total.current else None),
                     _change(before, now, points=True)])
    rows.append([OVERDUE_NOW_HEADING, "", _number(report.total.overdue_now), ""])
    return rows


def _unit_rows(report: MonthlyReport, styles: dict[str, ParagraphStyle]) -> list[list[Any]]:
    rows: list[list[Any]] = [[
        Paragraph(f"<b>{UNIT_HEADING}</b>", styles["cell"]), "Diterima",
        *(Paragraph(f"<b>{_escape(measure_heading(m, report.sla))}</b>", styles["cell"])
          for m in MEASURES),
        Paragraph("<b>Terlambat saat ini</b>", styles["cell"])]]

    def row(name: str, line: UnitLine) -> list[Any]:
        cells: list[Any] = [Paragraph(_escape(name), styles["cell"]),
                            line.current.received if line.current else 0]
        for which in MEASURES:
            now, before = _share(line.current, which), _share(line.previous, which)
            cells.append(f"{percent_share(now)}\n({percent_share(before)})")
        return [*cells, line.overdue_now]

    for line in report.lines:
        rows.append(row(kind_name(line.kind, line.name, line.key), line))
    rows.append(row("Total", report.total))
    return rows


def _rating_flow(report: MonthlyReport, styles: dict[str, ParagraphStyle]) -> list[Any]:
    """The reporters' ratings per unit and per kabupaten/kota, with the total: the groups any
    complaint of was rated (the XLSX lists the others with empty cells)."""
    current = report.current
    flow: list[Any] = [
        Paragraph(f"Penilaian pelapor — {period_text(current.month)}", styles["h2"]),
        Paragraph(f"Nilai yang diberikan pelapor di halaman publik atas penanganan laporan "
                  f"yang {received_phrase(current.month)} (1 = sangat tidak puas, 5 = sangat "
                  "puas). Unit dan kabupaten/kota tanpa penilaian tidak dicantumkan; angkanya "
                  "sama dengan lampiran Excel (lembar Per Unit Kerja dan Per Kabupaten-Kota).",
                  styles["note"]),
        Spacer(1, 2 * mm)]
    if not current.total.rated:
        flow.append(Paragraph("Belum ada laporan yang dinilai pelapor pada periode ini.",
                              styles["body"]))
        return flow
    chart = rating_chart(report)
    if chart is not None:
        flow += [chart, Spacer(1, 4 * mm)]
    for first, groups in ((UNIT_HEADING, current.units), (REGENCY_HEADING, current.regencies)):
        rows: list[list[Any]] = [[first, Paragraph(f"<b>{RATING_HEADING}</b>", styles["cell"]),
                                  Paragraph(f"<b>{RATED_HEADING}</b>", styles["cell"])]]

        def row(name: str, group: GroupStats) -> list[Any]:
            return [Paragraph(_escape(name), styles["cell"]), _number(group.rating_average),
                    group.rated]

        rows += [row(group_name(g), g) for g in groups if g.rated]
        rows.append(row("Total", current.total))
        flow += [_table(rows, [110 * mm, 34 * mm, 30 * mm], bold_last=True), Spacer(1, 5 * mm)]
    return flow


def _overdue_flow(report: MonthlyReport, styles: dict[str, ParagraphStyle]) -> list[Any]:
    flow: list[Any] = [Paragraph("Daftar laporan terlambat per unit kerja", styles["h2"]),
                       Paragraph(f"Semua laporan yang kini terlambat, kapan pun "
                                 f"diterimanya; terlama di atas. Tahap: tenggat verifikasi "
                                 f"atau penyelesaian yang lewat. Waktu "
                                 f"{report.zone.abbreviation}.", styles["note"])]
    grouped = per_unit(report.overdue)
    if not grouped:
        flow.append(Paragraph("Tidak ada laporan yang terlambat.", styles["body"]))
    for line in report.lines:
        items = grouped.get(line.key)
        if not items:
            continue
        rows: list[list[Any]] = [["Nomor", "Jenis", "Status", "Tahap", "Tenggat",
                                  "Lewat (HK)"]]
        for item in sorted(items, key=lambda i: (-i.working_days_late, i.due)):
            rows.append([str(item.tracking_number or "—"),
                         Paragraph(TYPE_HEADINGS.get(item.complaint_type, item.complaint_type),
                                   styles["cell"]),
                         Paragraph(_escape(STATUS_HEADINGS.get(item.status, item.status)),
                                   styles["cell"]),
                         STAGE_HEADINGS[item.stage],
                         report.zone.local(item.due).strftime("%d-%m-%Y %H.%M"),
                         item.working_days_late])
        name = kind_name(line.kind, line.name, line.key)
        # the unit's name is a row of the table, repeated with the header on every page the
        # list runs on
        rows.insert(0, [Paragraph(f"<b>{_escape(name)} — {len(items)} laporan</b>",
                                  styles["body"]), "", "", "", "", ""])
        table = Table(rows, colWidths=[20 * mm, 36 * mm, 48 * mm, 26 * mm, 28 * mm, 18 * mm],
                      repeatRows=2)
        table.setStyle(TableStyle([
            ("SPAN", (0, 0), (-1, 0)),
            ("FONT", (0, 1), (-1, -1), FONT, 8),
            ("FONT", (0, 1), (-1, 1), BOLD_FONT, 8),
            ("BACKGROUND", (0, 1), (-1, 1), HEAD),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (5, 1), (5, -1), "RIGHT"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
        ]))
        flow.append(KeepTogether([table]) if len(rows) < 25 else table)
    return flow


def _footer(report: MonthlyReport) -> type[Canvas]:
    text = (f"{report.current.scope_name} · {period_text(report.current.month)} · dibuat "
            f"{report.zone.stamp(report.current.generated_at)}")

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Draws "Halaman x dari y" once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 7)
                self.setFillColor(MUTED)
                self.drawString(18 * mm, 10 * mm, text)
                self.drawRightString(A4[0] - 18 * mm, 10 * mm,
                                     f"Halaman {self._pageNumber} dari {len(self._pages)}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _story(report: MonthlyReport) -> list[Any]:
    styles = _styles()
    current = report.current
    story: list[Any] = [
        Paragraph(TITLE, styles["title"]),
        Paragraph(f"<b>{_escape(current.scope_name)}</b> — {period_text(current.month)}",
                  styles["body"]),
        Paragraph(f"Laporan yang {received_phrase(current.month)}, menurut waktu "
                  f"{report.zone.abbreviation}; status per "
                  f"{report.zone.stamp(current.generated_at)}. Definisi setiap angka ada di "
                  "halaman terakhir; angkanya sama dengan lampiran Excel.", styles["note"]),
        Spacer(1, 4 * mm),
        Paragraph("Ringkasan", styles["h2"]),
        _table(_summary_rows(report), [70 * mm, 34 * mm, 34 * mm, 36 * mm]),
        Spacer(1, 5 * mm),
        compliance_chart(report),
        Spacer(1, 3 * mm),
        trend_chart(report),
        PageBreak(),
        Paragraph(f"Kepatuhan per unit kerja — {period_text(current.month)}", styles["h2"]),
        Paragraph("Persentase tepat waktu bulan ini; dalam kurung bulan lalu. Lihat lampiran "
                  "Excel (lembar Kepatuhan per OPD) untuk dasar penilaian setiap angka.",
                  styles["note"]),
        Spacer(1, 2 * mm),
    ]
    chart = overdue_chart(report)
    if chart is not None:  # short (at most a dozen bars): above the table, which may run on
        story += [chart, Spacer(1, 4 * mm)]
    story.append(_table(_unit_rows(report, styles),
                        [62 * mm, 17 * mm, 25 * mm, 27 * mm, 25 * mm, 18 * mm], bold_last=True))
    story += [PageBreak(), *_rating_flow(report, styles),
              PageBreak(), *_overdue_flow(report, styles), PageBreak(),
              Paragraph("Definisi", styles["h2"])]
    story.append(_table([["Istilah", "Yang dihitung"]]
                        + [[Paragraph(f"<b>{_escape(term)}</b>", styles["cell"]),
                            Paragraph(_escape(meaning), styles["cell"])]
                           for term, meaning in definitions(report)],
                        [45 * mm, WIDTH - 45 * mm], numeric_from=2))
    return story


def write_pdf(report: MonthlyReport, path: Path) -> None:
    _fonts()

    def write(temporary: Path) -> None:
        document = SimpleDocTemplate(
            str(temporary), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
            topMargin=16 * mm, bottomMargin=18 * mm, title=f"{TITLE} — "
            f"{period_text(report.current.month)}", author=report.current.scope_name,
            subject="Rekapitulasi bulanan", creator="LAPOR Desk")
        document.build(_story(report), canvasmaker=_footer(report))

    write_atomically(path, write)
