"""The controller's reads (:class:`DeskReads`, the base of
:class:`~lapor_desk.ui.controller.DeskController`): the sidebar's counts, a queue's id list with
its first rows, rows, a complaint's detail, forward targets, the status bar's summary, the
clock's check. Each runs on its worker and answers with a signal on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from lapor_desk.services import Workstation
from lapor_desk.services.types import ComplaintFilter, ComplaintRow
from lapor_desk.ui.taskman import SessionTasks

log = logging.getLogger("lapor_desk.ui.controller")


class DeskReads(QObject):
    queues_loaded = Signal(object)      # list[QueueInfo]
    ids_loaded = Signal(int, object, object)  # request number, list[str], first rows
    detail_loaded = Signal(object)      # ComplaintDetail
    targets_loaded = Signal(object)     # list[AgencyItem]
    status_loaded = Signal(object)      # StatusSummary
    clock_checked = Signal(object)      # ClockSkew, or None when the PC's clock is right

    workstation: Workstation
    taskman: SessionTasks

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requests = 0
        self._remembering = 0

    def load_queues(self, *, beside: bool = False) -> None:
        """The sidebar's counts; ``beside``: on the read worker, not in front of the lists
        (a refresh of the counts alone, the clock having moved)."""
        run = self.taskman.run_read if beside else self.taskman.run_db
        run(self.workstation.queues, self.queues_loaded.emit)

    def load_ids(self, queue_key: str, where: ComplaintFilter, first_rows: int = 0) -> int:
        """Ask for a queue's id list; answers with ``ids_loaded(request, ids, rows)``, the
        rows of the list's first ``first_rows`` ids read in the same task (the list is then
        painted once, with its rows, instead of empty first)."""
        self._requests += 1
        request = self._requests

        def read() -> tuple[list[str], list[ComplaintRow]]:
            ids = self.workstation.complaint_ids(queue_key, where)
            return ids, (self.workstation.rows(ids[:first_rows]) if first_rows else [])

        self.taskman.run_db(read, lambda found: self.ids_loaded.emit(request, *found))
        return request

    def remember_queues(self, keys: list[str]) -> None:
        """Read the queues' lists ahead of their first opening, one queue per task on the
        database worker: whatever the person asks meanwhile waits behind one queue at most.
        A newer call (the cache changed again) ends an older chain."""
        self._remembering += 1
        chain = self._remembering

        def next_one(left: list[str]) -> None:
            if not left or chain != self._remembering or self.workstation.info is None:
                return
            key = left[0]
            self.taskman.run_db(lambda: self.workstation.remember_queue(key),
                                lambda _read: next_one(left[1:]),
                                lambda exc: log.info("queue %s not read ahead: %r", key, exc))

        next_one(list(keys))

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

    def check_clock(self) -> None:
        """Is this PC's clock off from the server's? (Arithmetic on what the answers taught,
        no I/O: answered at once.)"""
        self.clock_checked.emit(self.workstation.clock_skew())
