"""Retraining the routing help costs the admin nothing visible: after each sync that finished,
the routing help is asked to learn from the history that grew (``RoutingHelp.refresh``), on the
background worker (a lower priority than the window's, ui/taskman.py), without a progress dialog.
At most one runs at a time; a sync that finishes while one runs has it run once more after it.
A failure is logged, never shown: the suggestions stay those of the model in use. Once the
session ends none is started; quitting does not wait for the one running (ui/taskman.py).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from lapor_desk.models.routing.types import ModelState
from lapor_desk.ui.ops import DeskOp, OpHost

log = logging.getLogger("lapor_desk.ui.routing_refresh")


class RoutingRefresh(QObject):
    #: a retraining started (True) or ended (False); the status bar may say so quietly
    running_changed = Signal(bool)
    #: a retraining ended with the model's state (``ModelState``): waiting suggestions ask again
    refreshed = Signal(object)

    def __init__(self, host: OpHost, parent: QObject, *, enabled: bool = True) -> None:
        """``host`` runs the op (the controller); the controller calls :meth:`after_sync`
        when a sync finished."""
        super().__init__(parent)
        self.host = host
        #: retrain after each sync (off: tests that are not about the routing help)
        self.enabled = enabled
        self.running = False
        self._again = False
        self._stopped = False

    def after_sync(self, _outcome: Any = None) -> None:
        if self._stopped or not self.enabled:
            return
        if self.running:
            self._again = True  # the history this sync brought: learnt once this one ends
            return
        self.running = True
        self.running_changed.emit(True)
        DeskOp(self.host, lambda ws: ws.routing.refresh(), worker="background") \
            .success(self._done).failure(self._failed, report_bugs=False).run()

    def stop(self) -> None:
        """Nothing more is started (the session or the desk ends)."""
        self._stopped = True
        self._again = False

    def _done(self, state: ModelState) -> None:
        log.info("event=routing.refreshed state=%s", state.value)
        self._ended()
        self.refreshed.emit(state)

    def _failed(self, error: Exception) -> None:
        log.warning("event=routing.refresh_failed error=%r", error)
        self._ended()

    def _ended(self) -> None:
        self.running = False
        self.running_changed.emit(False)
        if self._again:
            self._again = False
            self.after_sync()
