"""Windows fit the screen they open on: the common office laptop has 1366x768 pixels, less a
taskbar. A window's preferred size is bounded by the screen's available area
(:func:`fitted_size`), and every dialog a flow opens (``ui/dialog_slot.py``) is kept inside that
area when it is shown (:func:`fit_to_screen`): a dialog whose contents would want more room opens
at the screen's size, never beyond the edge where its buttons cannot be reached."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of ``widget``'s screen (the primary one otherwise) windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fitted_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred``, no larger than the area of ``widget``'s screen less its window frame."""
    area = available_area(widget)
    frame = _frame(widget)
    room = QSize(area.width() - frame.width(), area.height() - frame.height())
    return preferred.boundedTo(room)


#: a title bar's height, assumed for a window not yet shown (its frame is not known then)
TITLE_BAR = 32


def _frame(widget: QWidget) -> QSize:
    """What the window manager adds around ``widget``: at least a title bar (its frame is not
    known before it is shown, nor at once after, while the window manager places it)."""
    outer, inner = widget.frameGeometry(), widget.geometry()
    return QSize(max(outer.width() - inner.width(), 0),
                 max(outer.height() - inner.height(), TITLE_BAR))


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen's available area (never below its minimum) and move it
    so that it lies inside that area. A maximized or full-screen window is the screen's size
    already: left as it is."""
    if window.isMaximized() or window.isFullScreen():
        return
    size = fitted_size(window, window.size()).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    area, frame = available_area(window), window.frameGeometry()
    x = min(max(frame.x(), area.left()), max(area.right() - frame.width() + 1, area.left()))
    y = min(max(frame.y(), area.top()), max(area.bottom() - frame.height() + 1, area.top()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
