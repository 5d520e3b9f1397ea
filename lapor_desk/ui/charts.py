"""Small charts drawn with QPainter (PySide6-Essentials ships no QtCharts).

- :class:`StackedBarChart`: one horizontal bar per category (a unit, a kabupaten/kota), split
  into one segment per series (a status); long agency names fit on the left, the total at the
  bar's end. Its height grows with the categories, so put it in a scroll area.
- :class:`ColumnChart`: grouped vertical columns per category (a month), one per series
  (received, finished).

Both draw in logical pixels with font metrics (sharp at any device pixel ratio), share the calm
colours of ``resources/style.qss``, show a legend, axes with round ticks and grid lines, answer
tooltips for the segment under the pointer, and describe their data in
``accessibleDescription`` for screen readers. Data comes in as plain lists; the charts know
nothing of complaints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

TEXT = QColor("#263238")
MUTED = QColor("#546e7a")
GRID = QColor("#e6eaee")
AXIS = QColor("#b0bec5")
BACKGROUND = QColor("#ffffff")


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    color: str


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 past ``maximum`` (steps of 1, 2 or 5 times a power of ten)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)
    top = math.ceil(maximum / step) * step
    return [i * step for i in range(round(top / step) + 1)]


def _number(value: float) -> str:
    return f"{int(value):,}".replace(",", ".") if value == int(value) else f"{value:.1f}"


class _Chart(QWidget):
    """Data, legend, tooltips and accessibility shared by both charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.values: list[list[float]] = []   # values[category][series]
        self.empty_text = ""
        self._hits: list[tuple[QRectF, int, int]] = []  # drawn areas for tooltips
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_data(self, categories: Sequence[str], series: Sequence[Series],
                 values: Sequence[Sequence[float]]) -> None:
        if len(values) != len(categories) or any(len(v) != len(series) for v in values):
            raise ValueError("values must be one row per category and one value per series")
        self.categories = list(categories)
        self.series = list(series)
        self.values = [list(v) for v in values]
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The chart's data as text (screen readers, tests)."""
        lines = []
        for name, row in zip(self.categories, self.values, strict=True):
            parts = ", ".join(f"{s.label} {_number(v)}" for s, v in
                              zip(self.series, row, strict=True) if v)
            lines.append(f"{name}: {parts or '0'}")
        return "; ".join(lines)

    def hit(self, point: QPointF) -> tuple[int, int] | None:
        """(category, series) drawn under ``point``, if any."""
        for rect, category, series in self._hits:
            if rect.contains(point):
                return category, series
        return None

    def tooltip_at(self, point: QPointF) -> str:
        found = self.hit(point)
        if found is None:
            return ""
        category, series = found
        row = self.values[category]
        text = f"<b>{self.categories[category]}</b><br>{self.series[series].label}: " \
               f"{_number(row[series])}"
        if len(self.series) > 1:
            text += f"<br>{self.total_label}: {_number(sum(row))}"
        return text

    total_label = "Total"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """The tooltip follows the segment under the pointer. Set on the widget rather than
        shown with the static ``QToolTip.showText``: in PySide6 6.12 static void calls drop a
        reference to ``None`` each time, and a pointer moving over a chart calls often."""
        text = self.tooltip_at(event.position())
        if text != self.toolTip():
            self.setToolTip(text)
        super().mouseMoveEvent(event)

    # --- drawing helpers ----------------------------------------------------------------------

    def _legend(self, painter: QPainter, top: float, left: float, right: float) -> float:
        """Draws the legend in rows from ``top``; returns the height it took."""
        metrics = QFontMetricsF(self.font())
        box = metrics.height() * 0.7
        x, y, line = left, top, metrics.height() + 6
        painter.setPen(TEXT)
        for series in self.series:
            width = box + 6 + metrics.horizontalAdvance(series.label) + 16
            if x + width > right and x > left:
                x, y = left, y + line
            painter.fillRect(QRectF(x, y + (metrics.height() - box) / 2, box, box),
                             QColor(series.color))
            painter.drawText(QRectF(x + box + 6, y, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             series.label)
            x += width
        return y - top + line if self.series else 0

    def _legend_height(self, width: float) -> float:
        metrics = QFontMetricsF(self.font())
        box, x, rows = metrics.height() * 0.7, 0.0, 1
        for series in self.series:
            item = box + 6 + metrics.horizontalAdvance(series.label) + 16
            if x + item > width and x > 0:
                rows, x = rows + 1, 0.0
            x += item
        return rows * (metrics.height() + 6) if self.series else 0

    def _begin(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(self.rect(), BACKGROUND)
        self._hits = []
        return painter

    def _empty(self, painter: QPainter) -> None:
        painter.setPen(MUTED)
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)


class StackedBarChart(_Chart):
    MARGIN = 12.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[tuple[QRectF, int]] = []  # category names drawn, for tooltips
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 12

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        width = max(self.width(), 420)
        rows = max(len(self.categories), 2)
        height = (self.MARGIN * 2 + self._legend_height(width - 2 * self.MARGIN) + 8
                  + metrics.height() + 6 + rows * self._row_height())  # legend, ticks, bars
        return QSize(560, math.ceil(height))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def resizeEvent(self, event: object) -> None:
        self.updateGeometry()  # the legend may wrap differently
        super().resizeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = self._begin()
        try:
            if not self.categories:
                self._empty(painter)
                return
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        metrics = QFontMetricsF(self.font())
        m = self.MARGIN
        self._names = []
        width = self.width() - 2 * m
        top = m + self._legend(painter, m, m, m + width) + 8
        tick_row = top
        top += metrics.height() + 6  # tick labels above the bars: they stay near the legend
        totals = [sum(row) for row in self.values]
        ticks = nice_ticks(max(totals, default=0))
        label_width = min(max(metrics.horizontalAdvance(c) for c in self.categories) + 10,
                          width * 0.38)
        number_width = metrics.horizontalAdvance(_number(ticks[-1])) + 12
        left = m + label_width
        right = m + width - number_width
        span = max(right - left, 10)
        row_h = self._row_height()
        bottom = top + row_h * len(self.categories)
        scale = span / ticks[-1]
        # grid and axis
        for tick in ticks:
            x = left + tick * scale
            painter.setPen(QPen(GRID if tick else AXIS, 1))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(MUTED)
            text = _number(tick)
            advance = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - advance / 2, tick_row + metrics.ascent()), text)
        bar_h = row_h * 0.62
        for index, (name, row) in enumerate(zip(self.categories, self.values, strict=True)):
            y = top + index * row_h
            painter.setPen(TEXT)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_width - 10)
            painter.drawText(QRectF(m, y, label_width - 10, row_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            x = left
            bar_top = y + (row_h - bar_h) / 2
            for series_index, value in enumerate(row):
                if value <= 0:
                    continue
                rect = QRectF(x, bar_top, value * scale, bar_h)
                painter.fillRect(rect, QColor(self.series[series_index].color))
                self._hits.append((rect, index, series_index))
                x += value * scale
            self._names.append((QRectF(m, y, label_width, row_h), index))
            painter.setPen(MUTED)
            painter.drawText(QRectF(x + 6, y, number_width, row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             _number(totals[index]))

    def tooltip_at(self, point: QPointF) -> str:
        """Over a segment: that status; over a name: the whole bar, status by status."""
        named = next((c for rect, c in self._names if rect.contains(point)), None)
        if named is None:
            return super().tooltip_at(point)
        row = self.values[named]
        parts = "".join(f"<br>{s.label}: {_number(v)}" for s, v in
                        zip(self.series, row, strict=True) if v)
        return (f"<b>{self.categories[named]}</b>{parts}<br>{self.total_label}: "
                f"{_number(sum(row))}")


class ColumnChart(_Chart):
    MARGIN = 12.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(520, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 200)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = self._begin()
        try:
            if not self.categories:
                self._empty(painter)
                return
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        metrics = QFontMetricsF(self.font())
        m = self.MARGIN
        top = m + self._legend(painter, m, m, self.width() - m) + 10
        ticks = nice_ticks(max((max(row, default=0) for row in self.values), default=0))
        axis_width = metrics.horizontalAdvance(_number(ticks[-1])) + 10
        left, right = m + axis_width, self.width() - m
        bottom = self.height() - m - metrics.height() - 6
        height = max(bottom - top, 10)
        scale = height / ticks[-1]
        for tick in ticks:
            y = bottom - tick * scale
            painter.setPen(QPen(GRID if tick else AXIS, 1))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(MUTED)
            text = _number(tick)
            painter.drawText(QRectF(m, y - metrics.height() / 2, axis_width - 6,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        slot = (right - left) / len(self.categories)
        group = slot * 0.7
        bar = group / max(len(self.series), 1)
        every = max(1, math.ceil(max(metrics.horizontalAdvance(c) for c in self.categories)
                                 / max(slot - 4, 1)))
        for index, (name, row) in enumerate(zip(self.categories, self.values, strict=True)):
            x = left + index * slot + (slot - group) / 2
            for series_index, value in enumerate(row):
                rect = QRectF(x + series_index * bar, bottom - value * scale, bar - 2,
                              value * scale)
                painter.fillRect(rect, QColor(self.series[series_index].color))
                # the whole column height answers the tooltip, even for small values
                self._hits.append((QRectF(rect.left(), top, rect.width(), bottom - top),
                                   index, series_index))
            if (len(self.categories) - 1 - index) % every == 0:  # the newest always named
                painter.setPen(MUTED)
                painter.drawText(QRectF(left + index * slot - slot, bottom + 4, slot * 3,
                                        metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 name)
