"""The unit suggestions of a forward dialog: asked for when the dialog opens, on the read worker
(``RoutingHelp.suggest`` reads the model in use and the cache, never the network), and shown when
they arrive; the dialog is usable meanwhile. While the model is still being prepared the panel
says so and asks again once a retraining ends (ui/routing_refresh.py). A similar past complaint
opens read-only over the dialog (its detail read from the cache on the read worker).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from shiboken6 import isValid

from lapor_desk.models.routing.types import ModelState, SimilarCase, Suggestions
from lapor_desk.ui.dialogs.similar_case import SimilarCaseDialog

if TYPE_CHECKING:
    from lapor_desk.services.types import ComplaintDetail
    from lapor_desk.ui.controller import DeskController
    from lapor_desk.ui.dialogs.forward import ForwardDialog

log = logging.getLogger("lapor_desk.ui.routing_flow")
#: how many units a forward dialog suggests
TOP = 3


class SuggestionFetch(QObject):
    """Fills ``dialog``'s panel for ``complaint_id``; lives (and stops listening) with it."""

    def __init__(self, controller: DeskController, dialog: ForwardDialog,
                 complaint_id: str) -> None:
        super().__init__(dialog)
        self.controller = controller
        self.dialog = dialog
        self.complaint_id = complaint_id
        self.similar: SimilarCaseDialog | None = None
        self._opening = False  # a similar complaint is being read
        panel = dialog.suggestions
        assert panel is not None
        self.panel = panel
        panel.similar_opened.connect(self.open_similar)
        controller.routing_refresh.refreshed.connect(self._refreshed)

    def ask(self) -> None:
        self.panel.waiting()
        complaint_id = self.complaint_id
        self.controller.op(lambda ws: ws.routing.suggest(complaint_id, TOP), worker="read") \
            .success(self._arrived).failure(self._failed, report_bugs=False).run()

    def _arrived(self, found: Suggestions) -> None:
        if not isValid(self) or not isValid(self.panel):
            return  # the dialog was closed meanwhile
        selectable = {i.id for i in self.dialog.picker.items if i.selectable}
        self.panel.show_suggestions(found, selectable)

    def _failed(self, error: Exception) -> None:
        log.warning("event=routing.suggest_failed complaint=%s error=%r", self.complaint_id,
                    error)
        if isValid(self) and isValid(self.panel):
            self.panel.unavailable()

    def _refreshed(self, state: Any) -> None:
        waiting = self.panel.suggestions
        if (state is ModelState.READY and waiting is not None
                and waiting.state is not ModelState.READY):
            self.ask()

    def open_similar(self, case: SimilarCase) -> None:
        """Show ``case`` read-only over the dialog (what the cache holds of it)."""
        if self.similar is not None or self._opening:
            return
        self._opening = True

        def show(detail: ComplaintDetail | None) -> None:
            if not isValid(self):
                return
            self._opening = False
            dialog = SimilarCaseDialog(case, detail, self.dialog)
            self.similar = dialog

            def closed(_result: int) -> None:
                self.similar = None
                dialog.deleteLater()

            dialog.finished.connect(closed)
            dialog.open()

        def not_here(error: Exception) -> None:
            log.info("event=routing.similar_not_cached complaint=%s error=%r",
                     case.complaint_id, error)
            show(None)

        self.controller.op(lambda ws: ws.detail(case.complaint_id), worker="read") \
            .success(show).failure(not_here, report_bugs=False).run()


def offer_suggestions(controller: DeskController, dialog: ForwardDialog,
                      complaint_id: str) -> SuggestionFetch | None:
    """Ask for ``complaint_id``'s unit suggestions into ``dialog``'s panel (if it has one)."""
    if dialog.suggestions is None:
        return None
    fetch = SuggestionFetch(controller, dialog, complaint_id)
    fetch.ask()
    return fetch
