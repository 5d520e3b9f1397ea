"""Background work off the UI thread, in the manner of Anki's ``aqt/taskman.py``.

Five serial workers: ``db`` for everything that reads or writes the profile's cache (one at a
time, in submission order), ``net`` for the network (sign-in, sync), ``probe`` for the server's
health checks (asked while a sync may be stuck on ``net`` waiting for a silent server),
``read`` for slow
read-only summaries (the filter bar's choices) that must not hold up the list behind them: it
reads the cache on its own connection (SQLite's WAL lets readers run beside the writer), and
``background`` for long work nobody waits for (retraining the routing help after a sync): its
thread runs at a lower scheduling priority than the window's, its tasks do not count as
outstanding (``idle`` says whether the answers the window waits for are in), and quitting does
not wait for the task it runs (a child process it started ends with the desktop,
services/child_process.py). A task's function runs
on its worker and must not touch widgets; its result (or exception) comes back to the UI thread
through a queued signal and is handed to the ``on_done`` / ``on_error`` callback there.

A session's window asks through its own :class:`SessionTasks` (its controller's), on the
same workers. When the session ends (:meth:`SessionTasks.end`), what it asked for still runs to
its end, but the answers are dropped, never handed on; and what its window would ask for while
it is being taken down is not run at all (a selection reset by the deletion must not read the
next session's cache, nor the closed one's).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from lapor_desk.services.errors import CacheClosed

log = logging.getLogger("lapor_desk.ui.taskman")

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]
#: How much nicer than the window the background worker's thread is (Unix niceness).
BACKGROUND_NICENESS = 10


def _lower_priority() -> None:
    """Run the calling worker thread (and the threads it starts) at a lower priority, where
    the system allows a thread its own (Linux); elsewhere it runs at the normal priority."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(),
                       os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS)
    except (AttributeError, OSError) as exc:
        log.debug("event=taskman.background_priority_kept error=%r", exc)


class QuietWorker:
    """The background worker: one daemon thread at a lower priority taking its tasks in order.
    :meth:`shutdown` drops the tasks not started and does not wait for the running one."""

    def __init__(self, name: str) -> None:
        self._tasks: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        _lower_priority()
        while True:
            task = self._tasks.get()
            if task is None:
                return
            task()
            del task  # nothing of a finished task is held while waiting for the next one

    def submit(self, task: Callable[[], None]) -> None:
        self._tasks.put(task)

    def shutdown(self) -> None:
        while not self._tasks.empty():
            self._tasks.get_nowait()
        self._tasks.put(None)


class TaskManager(QObject):
    #: (callback, value) to run on the UI thread.
    _delivered = Signal(object)
    #: An exception no task handled: the window shows it (errors are never swallowed).
    unhandled_error = Signal(object)
    #: Tasks submitted and not yet delivered changed (tests wait on ``idle``).
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(1, thread_name_prefix="lapor-db")
        self._net = ThreadPoolExecutor(1, thread_name_prefix="lapor-net")
        self._read = ThreadPoolExecutor(1, thread_name_prefix="lapor-read")
        self._probe = ThreadPoolExecutor(1, thread_name_prefix="lapor-probe")
        self._background = QuietWorker("lapor-background")
        self._outstanding = 0
        self._closed = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def idle(self) -> bool:
        return self._outstanding == 0

    def run_db(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        self._submit(self._db, fn, on_done, on_error)

    def run_net(self, fn: Callable[[], Any], on_done: Done | None = None,
                on_error: Failed | None = None) -> None:
        self._submit(self._net, fn, on_done, on_error)

    def run_read(self, fn: Callable[[], Any], on_done: Done | None = None,
                 on_error: Failed | None = None) -> None:
        """A slow read-only summary, beside (not behind) the ``db`` worker's queue."""
        self._submit(self._read, fn, on_done, on_error)

    def run_probe(self, fn: Callable[[], Any], on_done: Done | None = None,
                  on_error: Failed | None = None) -> None:
        """A short health check of the server, beside (not behind) the ``net`` worker."""
        self._submit(self._probe, fn, on_done, on_error)

    def run_background(self, fn: Callable[[], Any], on_done: Done | None = None,
                       on_error: Failed | None = None) -> None:
        """Long work nobody waits for, at a lower priority; not counted in ``idle``."""
        self._submit(self._background, fn, on_done, on_error, counted=False)

    def session(self) -> SessionTasks:
        """The tasks of one session (its controller's ``taskman``)."""
        return SessionTasks(self)

    def _submit(self, pool: ThreadPoolExecutor | QuietWorker, fn: Callable[[], Any], on_done: Done | None,
                on_error: Failed | None, owner: SessionTasks | None = None, *,
                counted: bool = True) -> None:
        if self._closed:
            return
        if owner is not None and owner.ended:
            log.debug("task of an ended session not run")
            return
        if counted:
            self._outstanding += 1
            self.busy_changed.emit(self._outstanding)

        def work() -> None:
            try:
                value = fn()
            except Exception as exc:  # noqa: BLE001 - handed to the UI thread, never dropped
                log.debug("task failed: %r", exc)
                self._delivered.emit((on_error, exc, True, owner, counted))
            else:
                self._delivered.emit((on_done, value, False, owner, counted))

        pool.submit(work)

    def _deliver(self, item: tuple[Callable[[Any], None] | None, Any, bool,
                                   SessionTasks | None, bool]) -> None:
        callback, value, failed, owner, counted = item
        self._outstanding -= 1 if counted else 0
        try:
            if owner is not None and (owner.ended or (failed and isinstance(value, CacheClosed))):
                # An ended session's answer (its data, or the error of a closed cache), or a
                # task that ran into the session's end (its cache closed under it).
                log.debug("task of an ended session dropped (failed=%s)", failed)
            elif self._closed and not counted:
                log.debug("background task that outlived the desk dropped (failed=%s)", failed)
            elif callback is not None:
                callback(value)
            elif failed:
                self.unhandled_error.emit(value)
        finally:
            if counted:
                self.busy_changed.emit(self._outstanding)

    def shutdown(self) -> None:
        """Wait for running tasks (a sync stops at its next page when cancelled first)."""
        self._closed = True
        self._net.shutdown(wait=True, cancel_futures=True)
        self._probe.shutdown(wait=True, cancel_futures=True)
        self._background.shutdown()  # not waited for
        self._read.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True, cancel_futures=True)


class SessionTasks:
    """The tasks one session asks for, run by the desk's :class:`TaskManager` on its workers
    (the controller's; widgets run operations, ui/ops.py). Once :meth:`end` is called, nothing
    more is run for it and the answers still on their way are dropped."""

    def __init__(self, manager: TaskManager) -> None:
        self.manager = manager
        self.ended = False

    @property
    def idle(self) -> bool:
        return self.manager.idle

    @property
    def unhandled_error(self) -> Any:
        return self.manager.unhandled_error

    @property
    def busy_changed(self) -> Any:
        return self.manager.busy_changed

    def run_db(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> None:
        self.manager._submit(self.manager._db, fn, on_done, on_error, self)

    def run_net(self, fn: Callable[[], Any], on_done: Done | None = None,
                on_error: Failed | None = None) -> None:
        self.manager._submit(self.manager._net, fn, on_done, on_error, self)

    def run_read(self, fn: Callable[[], Any], on_done: Done | None = None,
                 on_error: Failed | None = None) -> None:
        self.manager._submit(self.manager._read, fn, on_done, on_error, self)

    def run_probe(self, fn: Callable[[], Any], on_done: Done | None = None,
                  on_error: Failed | None = None) -> None:
        self.manager._submit(self.manager._probe, fn, on_done, on_error, self)

    def run_background(self, fn: Callable[[], Any], on_done: Done | None = None,
                       on_error: Failed | None = None) -> None:
        self.manager._submit(self.manager._background, fn, on_done, on_error, self,
                             counted=False)

    def shutdown(self) -> None:
        self.manager.shutdown()

    def end(self) -> None:
        """The session ended: run nothing more for it, hand none of its answers on."""
        self.ended = True
