"""Loads the filter bar's choices for the open queue (``Workstation.filter_options``) on the
read worker — beside the database worker, so counting a big queue's choices never holds up the
next list — a moment after the list itself, and keeps them per queue until something changes
(a sync or an action)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from lapor_desk.services.filter_options import FilterOptions
from lapor_desk.ui.controller import DeskController
from lapor_desk.ui.filter_bar import FilterBar

log = logging.getLogger("lapor_desk.ui.filter_choices")

DELAY_MS = 400  # after the list and its first rows, which it would otherwise slow down


class FilterChoices(QObject):
    def __init__(self, controller: DeskController, bar: FilterBar,
                 queue: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.bar = bar
        self.queue = queue
        self._known: dict[str, FilterOptions] = {}
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.load)

    def queue_opened(self, key: str) -> None:
        known = self._known.get(key)
        if known is not None:
            self.bar.set_options(known)
        else:
            self._timer.start()

    def changed(self) -> None:
        """The cache changed: every queue's choices are read again (the open one soon)."""
        self._known.clear()
        if self.queue():
            self._timer.start()

    def load(self) -> None:
        key = self.queue()
        if not key:
            return
        self.controller.op(lambda ws: ws.filter_options(key), worker="read") \
            .success(lambda options: self._loaded(key, options)).failure(self._failed, report_bugs=False).run()

    def _failed(self, error: Exception) -> None:
        # The choices stay as they were (e.g. the profile closed while they were counted);
        # the next change or queue reads them again.
        log.warning("filter choices not read: %r", error)

    def _loaded(self, key: str, options: FilterOptions) -> None:
        self._known[key] = options
        if key == self.queue():
            self.bar.set_options(options)
