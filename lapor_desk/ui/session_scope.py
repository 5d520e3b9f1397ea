"""When a session ends, nothing of it stays: its whole window goes, not its widgets one by one.

The main window, its controller and everything they own belong to one session: the queues,
the list and its model, the detail, the attachments panel and viewer, dashboards and their
charts, dialogs (hidden ones too), the outbox review, the duplicates panel, notices, the search
text and filter choices, even the undo history of a text field. When the session ends (signed
out, its saved session refused, the training data reset) ``Desk`` builds a new window and
controller, and :func:`dispose` deletes the old ones whole. Nothing is cleared by a list of
widgets that the next widget would be missing from: whatever is made inside the window (or
parented to it) goes with it. With them go

* the session's tasks (``SessionTasks.end``): answers on their way are dropped (a detail read
  just before signing out never lands anywhere) and nothing the old window asks for while it
  is taken down is run,
* what was copied in the application to the clipboard (:class:`ClipboardWatch`),
* Qt's pixmap cache, and
* the Python objects that held the deleted widgets' data, collected (the start-up froze the
  first session's objects out of the collector's sight: they are let back in).
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

log = logging.getLogger("lapor_desk.ui.session_scope")


class ClipboardWatch(QObject):
    """Whether the clipboard holds something copied in this application: it changed while one
    of the application's windows had the focus, or the system says the application owns it.
    What the person copied in another application is never touched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ours = False
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        self.ours = (QGuiApplication.focusWindow() is not None
                     or QGuiApplication.clipboard().ownsClipboard())

    def clear_if_ours(self) -> bool:
        clipboard = QGuiApplication.clipboard()
        cleared = False
        if self.ours or clipboard.ownsClipboard():
            clipboard.clear(QClipboard.Mode.Clipboard)
            cleared = True
        if clipboard.supportsSelection() and clipboard.ownsSelection():  # X11's selection
            clipboard.clear(QClipboard.Mode.Selection)
            cleared = True
        self.ours = False
        return cleared


def belongs_to(widget: QWidget, window: QWidget) -> bool:
    """``widget`` is ``window`` or lives under it (a dialog, viewer or dashboard window)."""
    current: QWidget | None = widget
    while current is not None:
        if current is window:
            return True
        current = current.parentWidget()
    return False


def dispose(window: QMainWindow, *others: QObject) -> None:
    """Hide the ended session's ``window`` and every window it owns, then delete them with
    ``others`` (its controller): later, when the event loop is back (never inside their own
    calls, nor under a dialog's loop they run), and collect what held their data."""
    for widget in QApplication.topLevelWidgets():
        if widget is not window and belongs_to(widget, window) and widget.isVisible():
            widget.close()  # a dashboard keeps its geometry; nothing of the session is kept
    window.hide()
    QPixmapCache.clear()
    doomed = [window, *others]
    left = [len(doomed)]

    def gone(*_args: object) -> None:
        # Only once all of them are gone: the controller's connections (lambdas that hold the
        # window) are released with it.
        left[0] -= 1
        if not left[0]:
            QTimer.singleShot(0, collect)

    for item in doomed:
        item.destroyed.connect(gone)
        item.deleteLater()


def collect() -> None:
    """A full collection, the objects frozen at the start included. They stay thawed: the
    next session's start freezes again (``app.start_up_over``), once whatever the ended session
    still had on its way (a task's answer, a timer) is garbage too."""
    started = time.perf_counter()
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    found = gc.collect()
    log.info("event=session.collected objects=%d was_frozen=%d ms=%.0f", found, frozen,
             (time.perf_counter() - started) * 1000)
