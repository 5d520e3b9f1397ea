"""The PDF report's charts (reportlab drawings): compliance with the deadlines, last month beside
this month; received and finished per month; the units with the most complaints overdue now; the
reporters' average rating of the units rated most often."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from lapor_desk.services.compliance import MEASURES, Compliance
from lapor_desk.services.local_time import MONTHS_ID
from lapor_desk.services.monthly import MonthlyReport
from lapor_desk.services.recap_terms import (
    FINISHED_IN_MONTH_HEADING,
    OVERDUE_NOW_HEADING,
    group_name,
    kind_name,
    measure_heading,
    percent_share,
    period_text,
)

FONT, BOLD_FONT = "LaporVera", "LaporVera-Bold"
INK = colors.HexColor("#263238")
PREVIOUS_COLOR, CURRENT_COLOR = colors.HexColor("#90A4AE"), colors.HexColor("#1565C0")
RECEIVED_COLOR, FINISHED_COLOR = colors.HexColor("#1565C0"), colors.HexColor("#43A047")
OVERDUE_COLOR = colors.HexColor("#C62828")
RATING_COLOR = colors.HexColor("#F9A825")
WIDTH = A4[0] - 36 * mm   # the text width between the margins
MAX_OVERDUE_BARS = 12


def _share(compliance: Compliance | None, which: str) -> float | None:
    return compliance.measure(which).share if compliance is not None else None


def _legend(drawing: Drawing, x: float, y: float, pairs: list[tuple[Any, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.colorNamePairs = pairs
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax, legend.dx, legend.dy = 130, 7, 7
    drawing.add(legend)


def _chart_title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 11, text, fontName=BOLD_FONT, fontSize=9,
                       fillColor=INK))


def compliance_chart(report: MonthlyReport) -> Drawing:
    """Grouped bars: each compliance share, last month beside this month (0-100%)."""
    drawing = Drawing(WIDTH, 62 * mm)
    _chart_title(drawing, "Kepatuhan terhadap tenggat (persen tepat waktu)")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 30, WIDTH - 40, drawing.height - 72
    def percents(compliance: Compliance | None) -> list[float | None]:
        shares = [_share(compliance, m) for m in MEASURES]
        return [None if v is None else v * 100 for v in shares]  # None: no bar, nothing judged

    chart.data = [percents(report.total.previous), percents(report.total.current)] \
        if report.previous is not None else [percents(report.total.current)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [measure_heading(m, report.sla) for m in MEASURES]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7.5
    if report.previous is not None:
        chart.bars[0].fillColor, chart.bars[1].fillColor = PREVIOUS_COLOR, CURRENT_COLOR
    else:
        chart.bars[0].fillColor = CURRENT_COLOR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 18, 2
    chart.barLabelFormat = lambda v: percent_share(v / 100)
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 6.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    pairs = [(CURRENT_COLOR, period_text(report.current.month))]
    if report.previous is not None:
        pairs.insert(0, (PREVIOUS_COLOR, period_text(report.previous.month)))
    _legend(drawing, 0, drawing.height - 20, pairs)
    return drawing


def trend_chart(report: MonthlyReport) -> Drawing:
    """Bars per month: received, and finished within the month."""
    drawing = Drawing(WIDTH, 60 * mm)
    _chart_title(drawing, "Laporan per bulan")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 22, WIDTH - 40, drawing.height - 60
    trend = report.current.trend
    chart.data = [[m.received for m in trend], [m.finished for m in trend]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.categoryNames = [f"{MONTHS_ID[m.month.month - 1][:3]} "
                                        f"{m.month.year % 100:02d}" for m in trend]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.bars[0].fillColor, chart.bars[1].fillColor = RECEIVED_COLOR, FINISHED_COLOR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 6, 1
    drawing.add(chart)
    _legend(drawing, 0, drawing.height - 20,
            [(RECEIVED_COLOR, "Diterima"), (FINISHED_COLOR, FINISHED_IN_MONTH_HEADING)])
    return drawing


def overdue_chart(report: MonthlyReport) -> Drawing | None:
    """Horizontal bars: the units with the most complaints overdue now."""
    if not report.overdue:
        return None
    top = [line for line in sorted(report.lines, key=lambda l: -l.overdue_now)
           if line.overdue_now][:MAX_OVERDUE_BARS]
    height = 24 + 13 * len(top)
    drawing = Drawing(WIDTH, height + 20)
    _chart_title(drawing, f"{OVERDUE_NOW_HEADING}: unit terbanyak")
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 190, 14, WIDTH - 220, height - 10
    chart.data = [[line.overdue_now for line in reversed(top)]]
    chart.categoryAxis.categoryNames = [
        _short(kind_name(line.kind, line.name, line.key)) for line in reversed(top)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.bars[0].fillColor = OVERDUE_COLOR
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.nudge = 7
    drawing.add(chart)
    return drawing


def rating_chart(report: MonthlyReport) -> Drawing | None:
    """Horizontal bars: the average rating (1-5) of the units rated most often, each labelled
    with its average and how many complaints were rated."""
    rated = [g for g in report.current.units if g.rated and g.rating_average is not None]
    if not rated:
        return None
    top = sorted(rated, key=lambda g: (-g.rated, group_name(g)))[:MAX_OVERDUE_BARS]
    height = 24 + 13 * len(top)
    drawing = Drawing(WIDTH, height + 20)
    _chart_title(drawing, "Rata-rata penilaian pelapor (1-5): unit yang paling sering dinilai")
    chart = HorizontalBarChart()
    shown = list(reversed(top))
    names = [_short(group_name(g), 80) for g in shown]
    # the names whole, as wide as the longest (at most 60 % of the width); the bars the rest
    left = min(max(stringWidth(n, FONT, 7) for n in names) + 8, WIDTH * 0.6)
    chart.x, chart.y, chart.width, chart.height = left, 14, WIDTH - left - 50, height - 10
    chart.data = [[g.rating_average for g in shown]]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.bars[0].fillColor = RATING_COLOR
    chart.bars.strokeColor = None
    labels = {id(g): f"{g.rating_average:.1f}".replace(".", ",") + f" ({g.rated})"
              for g in shown}
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[labels[id(g)] for g in shown]]
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.nudge = 18
    drawing.add(chart)
    return drawing


def _short(name: str, limit: int = 44) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"
