"""The main window's layout, remembered between sessions in ``QSettings`` (widget state only,
STYLE.md rule 7): geometry, toolbar and dock state, the splitter's sizes, the list's header
(column widths, order and sort indicator) and the last open queue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

GROUP = "main"
VERSION = 1  # bump when the layout changes so an old saved state is not applied


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


class WindowState(QObject):
    """The layout of ``window``: its own state, its ``splitter``, the list's ``header``, and
    the open queue (``queue()``)."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, header: QHeaderView,
                 queue: Callable[[], str | None]) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.header = header
        self.queue = queue

    def install(self) -> str | None:
        """Apply the saved layout and save it whenever the window closes; returns the last
        open queue (or None)."""
        self.window.installEventFilter(self)
        return self.restore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    def restore(self) -> str | None:
        """Apply the saved layout; returns the last open queue (or None)."""
        settings = QSettings()
        settings.beginGroup(GROUP)
        try:
            if settings.value("version") not in (VERSION, str(VERSION)):
                return None
            w = self.window
            geometry = _bytes(settings.value("geometry"))
            if geometry is not None:
                w.restoreGeometry(geometry)
            state = _bytes(settings.value("state"))
            if state is not None:
                w.restoreState(state, VERSION)
            splitter = _bytes(settings.value("splitter"))
            if splitter is not None:
                self.splitter.restoreState(splitter)
            header = _bytes(settings.value("header"))
            if header is not None:
                self.header.restoreState(header)
            queue = settings.value("queue")
            return str(queue) if queue else None
        finally:
            settings.endGroup()

    def save(self) -> None:
        w = self.window
        settings = QSettings()
        settings.beginGroup(GROUP)
        settings.setValue("version", VERSION)
        settings.setValue("geometry", w.saveGeometry())
        settings.setValue("state", w.saveState(VERSION))
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("header", self.header.saveState())
        queue = self.queue()
        if queue:
            settings.setValue("queue", queue)
        settings.endGroup()
        settings.sync()
