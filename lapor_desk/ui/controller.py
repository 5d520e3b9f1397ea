"""The bridge between widgets and the services: every call runs on the right worker and comes
back as a signal on the UI thread. Widgets never call the Workstation directly.

Like Anki's ``CollectionOp``: an action runs on the database worker, then ``changed`` tells the
screens what to refresh (queues, rows, detail, status) instead of each screen guessing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from lapor_desk.services import ServiceError, SyncCancelled, Workstation
from lapor_desk.services.types import (
    ActionResult,
    ComplaintFilter,
    ComplaintRow,
    SessionInfo,
    SyncProgress,
    UserProfile,
)
from lapor_desk.ui.taskman import TaskManager

log = logging.getLogger("lapor_desk.ui.controller")


class DeskController(QObject):
    signed_in = Signal(object)          # SessionInfo
    sign_in_failed = Signal(object)     # ServiceError
    signed_out = Signal()
    queues_loaded = Signal(object)      # list[QueueInfo]
    ids_loaded = Signal(int, object)    # request number, list[str]
    detail_loaded = Signal(object)      # ComplaintDetail
    targets_loaded = Signal(object)     # list[AgencyItem]
    status_loaded = Signal(object)      # StatusSummary
    action_done = Signal(object)        # ActionResult
    changed = Signal(object)            # frozenset of what to refresh
    sync_started = Signal()
    sync_progress = Signal(object)      # SyncProgress (emitted from the network worker: queued)
    sync_finished = Signal(object)      # SyncOutcome
    sync_failed = Signal(object)        # ServiceError
    error = Signal(object)              # any other ServiceError, shown in one place

    def __init__(self, workstation: Workstation, taskman: TaskManager,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workstation = workstation
        self.taskman = taskman
        self._cancel: threading.Event | None = None
        self._requests = 0
        taskman.unhandled_error.connect(self._report)

    @property
    def syncing(self) -> bool:
        return self._cancel is not None

    @property
    def info(self) -> SessionInfo | None:
        return self.workstation.info

    def _report(self, exc: Exception) -> None:
        if isinstance(exc, ServiceError):
            self.error.emit(exc)
        else:  # a bug: log it with its traceback and show a generic message
            log.error("unexpected error", exc_info=exc)
            self.error.emit(ServiceError(repr(exc), code="internal"))

    # --- session -----------------------------------------------------------------------------

    def sign_in(self, server: str, username: str, password: str) -> None:
        self.taskman.run_net(lambda: self.workstation.sign_in(server, username, password),
                             self.signed_in.emit, self.sign_in_failed.emit)

    def resume(self, profile: UserProfile) -> None:
        self.taskman.run_net(lambda: self.workstation.resume(profile),
                             self.signed_in.emit, self.sign_in_failed.emit)

    def known_profiles(self) -> list[UserProfile]:
        return self.workstation.known_profiles()

    def sign_out(self) -> None:
        self.cancel_sync()
        self.taskman.run_net(self.workstation.sign_out, lambda _r: self.signed_out.emit())

    # --- reads -------------------------------------------------------------------------------

    def load_queues(self) -> None:
        self.taskman.run_db(self.workstation.queues, self.queues_loaded.emit)

    def load_ids(self, queue_key: str, where: ComplaintFilter) -> int:
        """Ask for a queue's id list; answers with ``ids_loaded(request, ids)``."""
        self._requests += 1
        request = self._requests
        self.taskman.run_db(lambda: self.workstation.complaint_ids(queue_key, where),
                            lambda ids: self.ids_loaded.emit(request, ids))
        return request

    def fetch_rows(self, ids: list[str],
                   deliver: Callable[[list[ComplaintRow]], None]) -> None:
        self.taskman.run_db(lambda: self.workstation.rows(ids), deliver)

    def load_detail(self, complaint_id: str) -> None:
        self.taskman.run_db(lambda: self.workstation.detail(complaint_id),
                            self.detail_loaded.emit)

    def load_targets(self, complaint_id: str) -> None:
        self.taskman.run_db(lambda: self.workstation.forward_targets(complaint_id),
                            self.targets_loaded.emit)

    def load_status(self) -> None:
        self.taskman.run_db(self.workstation.status, self.status_loaded.emit)

    # --- actions -----------------------------------------------------------------------------

    def act(self, name: str, *args: Any,
            on_done: Callable[[ActionResult], None] | None = None,
            on_error: Callable[[Exception], None] | None = None) -> None:
        """Run ``workstation.actions.<name>(*args)`` on the database worker (one transaction)."""

        def done(result: ActionResult) -> None:
            self.action_done.emit(result)
            self.changed.emit(result.changes)
            if on_done is not None:
                on_done(result)

        self.taskman.run_db(lambda: getattr(self.workstation.actions, name)(*args), done,
                            on_error or self._report)

    # --- sync --------------------------------------------------------------------------------

    def sync(self) -> bool:
        """Start a sync on the network worker unless one is running. Never blocks."""
        if self._cancel is not None or self.workstation.info is None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        self.sync_started.emit()

        def finished(outcome: Any) -> None:
            self._cancel = None
            self.sync_finished.emit(outcome)
            self.changed.emit(frozenset({"queues", "rows", "detail", "status"}))

        def failed(exc: Exception) -> None:
            self._cancel = None
            if not isinstance(exc, ServiceError):
                self._report(exc)
                exc = ServiceError(repr(exc), code="internal")
            self.sync_failed.emit(exc)
            self.changed.emit(frozenset({"queues", "rows", "detail", "status"}))

        self.taskman.run_net(lambda: self.workstation.sync(self._progress, cancel),
                             finished, failed)
        return True

    def _progress(self, step: SyncProgress) -> None:
        self.sync_progress.emit(step)  # from the worker: Qt queues it to the UI thread

    def cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def is_cancelled(self, error: Exception) -> bool:
        return isinstance(error, SyncCancelled)
