"""The main window's layout, remembered between sessions in ``QSettings`` (widget state only,
STYLE.md rule 7): geometry, toolbar and dock state, the splitter's sizes, the list's header
(column widths, order and sort indicator) and the last open queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from lapor_desk.ui.main_window import MainWindow

GROUP = "main"
VERSION = 1  # bump when the layout changes so an old saved state is not applied


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


class WindowState:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

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
                w.splitter.restoreState(splitter)
            header = _bytes(settings.value("header"))
            if header is not None:
                w.table.horizontalHeader().restoreState(header)
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
        settings.setValue("splitter", w.splitter.saveState())
        settings.setValue("header", w.table.horizontalHeader().saveState())
        if w.queue_key:
            settings.setValue("queue", w.queue_key)
        settings.endGroup()
        settings.sync()
