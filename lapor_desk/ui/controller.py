"""The bridge between widgets and the services: every call runs on the right worker and comes
back as a signal on the UI thread. Widgets never call the Workstation directly.

Like Anki's ``CollectionOp``: widgets run their work as a :class:`~lapor_desk.ui.ops.DeskOp`
(``controller.op(...)``): it runs on a worker, then ``changed`` tells the screens what to
refresh (a :class:`Changes` value) instead of each screen guessing; failures go to the banner.

Work leaves at once: an operation that wrote something starts a sync ``push_delay_ms`` later
(actions in a row go in one push; one written during a sync is sent by the next), unless the
server is known to be unreachable. A sync that shows no sign of life for ``silence_ms`` has the
server's health endpoint asked on the probe worker (beside the sync that waits): no answer means
the server stopped answering, said at once (``server_silent``) and the sync cancelled (it stops
at its request's timeout, without retries), instead of the window saying "syncing" for minutes.

While the last sync failed because the server could not be reached, the controller probes the
server's health endpoint on the probe worker (first after ``reconnect_first_ms``, then with
doubling, jittered intervals up to ``reconnect_max_ms``) and syncs as soon as it answers. After
every finished sync it asks the services whether new work arrived (``new_work``).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from lapor_desk.services import ServiceError, SignInError, SyncCancelled, Workstation
from lapor_desk.services.notifications import check_new_work
from lapor_desk.services.reachability import server_answers
from lapor_desk.services.types import (
    ActionResult,
    SessionInfo,
    SyncProgress,
    UserProfile,
)
from lapor_desk.ui.controller_reads import DeskReads
from lapor_desk.ui.ops import EVERYTHING, Changes, DeskOp, Worker
from lapor_desk.ui.routing_refresh import RoutingRefresh
from lapor_desk.ui.taskman import SessionTasks, TaskManager

T = TypeVar("T")

log = logging.getLogger("lapor_desk.ui.controller")

#: Sync failures that mean "the server cannot be reached": probe until it answers.
UNREACHABLE = frozenset({"offline", "timeout", "connection_broken"})
RECONNECT_FIRST_MS = 20_000
RECONNECT_MAX_MS = 2 * 60_000
#: After an action, the sync that sends it waits this long (further actions join the push).
PUSH_DELAY_MS = 1_500
#: A sync silent this long has the server asked whether it answers at all; with the probe's
#: own limit (``SILENCE_PROBE_TIMEOUT``) a server that stopped answering is said within the
#: bound that tests/ui/test_work_leaves.py holds them to.
SILENCE_MS = 9_000
SILENCE_PROBE_TIMEOUT = (2.0, 3.0)


class DeskController(DeskReads):
    signed_in = Signal(object)          # SessionInfo
    sign_in_failed = Signal(object)     # ServiceError
    signed_out = Signal()
    action_done = Signal(object)        # ActionResult
    changed = Signal(object)            # Changes: what to refresh
    sync_started = Signal()
    sync_progress = Signal(object)      # SyncProgress (emitted from the network worker: queued)
    sync_finished = Signal(object)      # SyncOutcome
    sync_failed = Signal(object)        # ServiceError
    error = Signal(object)              # any other ServiceError, shown in one place
    new_work = Signal(object)           # services.notifications.NewWork after a sync
    reconnect_probed = Signal(bool)     # the server answered the probe (or not)
    reconnecting_changed = Signal(bool)  # started / stopped waiting for the server
    server_silent = Signal(bool)        # the server stopped answering (or answers again)
    _alive = Signal()                   # a sign of life of the running sync (queued)

    def __init__(self, workstation: Workstation, taskman: TaskManager,
                 parent: QObject | None = None, *, reconnect_first_ms: int = RECONNECT_FIRST_MS,
                 reconnect_max_ms: int = RECONNECT_MAX_MS,
                 jitter: Callable[[], float] = random.random,
                 push_delay_ms: int | None = PUSH_DELAY_MS, silence_ms: int = SILENCE_MS,
                 silence_probe_timeout: tuple[float, float] = SILENCE_PROBE_TIMEOUT,
                 retrain_after_sync: bool = True) -> None:
        super().__init__(parent)
        self.workstation = workstation
        #: this session's tasks (ended with the session: ``Desk.end_session``)
        self.taskman: SessionTasks = taskman.session()
        self._cancel: threading.Event | None = None
        self.reconnect_first_ms = reconnect_first_ms
        self.reconnect_max_ms = reconnect_max_ms
        self._jitter = jitter
        self._reconnect_delay = reconnect_first_ms
        self._probing = False
        self._reconnecting = False
        self.reconnect_timer = QTimer(self, singleShot=True)
        self.reconnect_timer.timeout.connect(self._probe)
        #: the sync that sends what was just written (``push_soon``)
        #: None: nothing is sent until a sync is asked for (tests that send by hand)
        self.push_delay_ms = push_delay_ms
        self.push_timer = QTimer(self, singleShot=True, interval=push_delay_ms or 0)
        self.push_timer.timeout.connect(self._push_due)
        self._push_again = False
        #: a running sync's silence (``silence_ms`` without progress: is the server there?)
        self.silence_timer = QTimer(self, singleShot=True, interval=silence_ms)
        self.silence_timer.timeout.connect(self._silence)
        self.silence_probe_timeout = silence_probe_timeout
        self._silent = False
        self._alive.connect(self._sync_alive)
        taskman.unhandled_error.connect(self.report)
        #: the routing help learns after each sync, on the background worker
        self.routing_refresh = RoutingRefresh(self, self, enabled=retrain_after_sync)
        self.sync_finished.connect(self.routing_refresh.after_sync)

    @property
    def syncing(self) -> bool:
        return self._cancel is not None

    @property
    def info(self) -> SessionInfo | None:
        return self.workstation.info

    def report(self, exc: Exception) -> None:
        """Show ``exc`` in the window's banner (once, however many handlers pass it on)."""
        if getattr(exc, "_shown_in_banner", False):
            return
        try:  # marked on the exception itself: the controller holds no reference to it
            setattr(exc, "_shown_in_banner", True)  # noqa: B010
        except AttributeError:  # an exception without a __dict__: shown again if passed on
            pass
        if isinstance(exc, ServiceError):
            self.error.emit(exc)
        else:  # a bug: log it with its traceback and show a generic message
            log.error("unexpected error", exc_info=exc)
            self.error.emit(ServiceError(repr(exc), code="internal"))

    # --- operations (ui/ops.py) ----------------------------------------------------------------

    def op(self, fn: Callable[[Workstation], T], *, worker: Worker = "db") -> DeskOp[T]:
        """An operation on the workstation, run on ``worker`` once ``run()`` is called."""
        return DeskOp(self, fn, worker=worker)

    def submit(self, worker: Worker, fn: Callable[[Workstation], Any],
               on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        run = {"db": self.taskman.run_db, "net": self.taskman.run_net,
               "read": self.taskman.run_read,
               "background": self.taskman.run_background}[worker]
        station = self.workstation
        run(lambda: fn(station), on_done, on_error)

    def announce(self, result: ActionResult | None, changes: Changes) -> None:
        """An operation succeeded: say what it wrote and what the screens refresh."""
        if result is not None:
            self.action_done.emit(result)
        if changes:
            self.changed.emit(changes)
        if result is not None or changes:
            self.push_soon()  # whatever it wrote to the outbox leaves at once

    def end(self) -> None:
        """The session ended: nothing more is run for it, no answer handed on."""
        self.stop_background()
        self.taskman.end()

    def stop_background(self) -> None:
        """No more long background work (the routing help's retraining) is started."""
        self.routing_refresh.stop()

    def close(self) -> None:
        """The desk shuts down: the services let go of the profile."""
        self.workstation.close()

    # --- session -----------------------------------------------------------------------------

    def sign_in(self, server: str, username: str, password: str) -> None:
        self.taskman.run_net(lambda: self.workstation.sign_in(server, username, password),
                             self.signed_in.emit, self.sign_in_failed.emit)

    def sign_in_new_password(self, server: str, username: str, password: str,
                             new_password: str) -> None:
        """Sign in with a one-time password, choosing ``new_password`` in its place."""
        self.taskman.run_net(
            lambda: self.workstation.sign_in(server, username, password, new_password),
            self.signed_in.emit, self.sign_in_failed.emit)

    def resume(self, profile: UserProfile) -> None:
        self.taskman.run_net(lambda: self.workstation.resume(profile),
                             self.signed_in.emit, self.sign_in_failed.emit)

    def known_profiles(self) -> list[UserProfile]:
        return self.workstation.known_profiles()

    def queue_keys(self) -> list[str]:
        """The signed-in role's queues in the sidebar's order (known without a read)."""
        return self.workstation.queue_keys()

    def load_unsynced_work(self, deliver: Callable[[Any], None]) -> None:
        """Count what signing out would throw away (``UnsyncedWork``), on the database worker."""
        self.taskman.run_db(self.workstation.unsynced_work, deliver)

    def sign_out(self, discard_unsynced: bool = False) -> None:
        """End the session and delete this computer's copy of the profile; the window asks
        first (dialogs/sign_out.py). Refused with ``unsynced_work`` unless ``discard_unsynced``."""
        self.cancel_sync()
        self.stop_reconnecting()
        self.push_timer.stop()
        self.silence_timer.stop()
        self.taskman.run_net(
            lambda: self.workstation.sign_out(discard_unsynced=discard_unsynced),
            lambda _r: self.signed_out.emit(), self.report)

    # --- sync --------------------------------------------------------------------------------

    def sync(self) -> bool:
        """Start a sync on the network worker unless one is running. Never blocks."""
        if self._cancel is not None or self.workstation.info is None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        self.push_timer.stop()  # this sync sends it
        self.sync_started.emit()
        self.silence_timer.start()

        def finished(outcome: Any) -> None:
            if self._cancel is cancel:
                self._cancel = None
            self.silence_timer.stop()
            self._set_silent(False)
            self.stop_reconnecting()
            self.sync_finished.emit(outcome)
            if getattr(outcome, "pushed", 1) or getattr(outcome, "pulled_rows", 1):
                self.changed.emit(EVERYTHING)
            else:
                # Nothing came or went: the list and the detail stand (reading them again would
                # reset the list under the person's eyes); the counts of overdue complaints
                # move with the clock.
                self.changed.emit(Changes(counts=True, status=True))
            if getattr(outcome, "pulled_rows", 1):  # new work only ever comes by a pull
                self.check_new_work()
            if self._push_again:  # written while this sync ran
                self._push_again = False
                self.push_soon()

        def failed(exc: Exception) -> None:
            if self._cancel is not cancel:
                # Given up on already (the server stopped answering): only the status moves.
                self.changed.emit(Changes(status=True))
                return
            self._cancel = None
            self.silence_timer.stop()
            if not isinstance(exc, ServiceError):
                self.report(exc)
                exc = ServiceError(repr(exc), code="internal")
            if exc.code in UNREACHABLE:
                self._schedule_probe()
            self.sync_failed.emit(exc)
            if isinstance(exc, SignInError):
                # The saved session was refused (or the account disabled and the profile
                # wiped): back to the sign-in screen, which says why.
                self.stop_reconnecting()
                self.signed_out.emit()
                return
            self.changed.emit(EVERYTHING)

        self.taskman.run_net(lambda: self.workstation.sync(self._progress, cancel),
                             finished, failed)
        return True

    # --- work leaves at once -------------------------------------------------------------------

    def push_soon(self) -> None:
        """Something was written: sync in a moment (at once when nothing else follows)."""
        if self.workstation.info is not None and self.push_delay_ms is not None:
            self.push_timer.start(self.push_delay_ms)

    def _push_due(self) -> None:
        if self.workstation.info is None or self._reconnecting or self._silent:
            return  # unreachable: the probe syncs as soon as the server answers
        if self.syncing:
            self._push_again = True
            return

        def counted(pending: Any) -> None:
            if pending and not self.syncing:
                self.sync()

        self.taskman.run_db(lambda: self.workstation.status().pending, counted)

    # --- a server that stopped answering -------------------------------------------------------

    @property
    def silent(self) -> bool:
        """The server stopped answering in the middle of a sync (until it answers again)."""
        return self._silent

    def _set_silent(self, silent: bool) -> None:
        if silent != self._silent:
            self._silent = silent
            self.server_silent.emit(silent)

    def _silence(self) -> None:
        """The running sync has shown no sign of life for ``silence_ms``: is the server there?"""
        info, cancel = self.workstation.info, self._cancel
        if info is None or cancel is None:
            return
        url, timeout = info.server_url, self.silence_probe_timeout

        def probed(answered: Any) -> None:
            if self._cancel is not cancel:
                return  # that sync ended meanwhile
            if answered:  # slow, not gone: keep waiting for it
                self.silence_timer.start()
                return
            log.warning("event=sync.server_silent")
            cancel.set()  # it stops at its request's timeout, without retrying
            self._cancel = None
            self._set_silent(True)
            self._schedule_probe()
            self.sync_failed.emit(ServiceError("the server does not answer", code="no_answer"))
            self.changed.emit(Changes(status=True))

        self.taskman.run_probe(lambda: server_answers(url, timeout=timeout), probed,
                               lambda _exc: probed(False))

    def _progress(self, step: SyncProgress) -> None:
        self.sync_progress.emit(step)  # from the worker: Qt queues it to the UI thread
        self._alive.emit()

    def _sync_alive(self) -> None:
        if self._cancel is not None:
            self.silence_timer.start()

    def cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def is_cancelled(self, error: Exception) -> bool:
        return isinstance(error, SyncCancelled)

    # --- new work ------------------------------------------------------------------------------

    def check_new_work(self) -> None:
        """Ask (on the read worker, beside the lists) whether the sync brought new work."""
        session = self.workstation.session

        def done(found: Any) -> None:
            if found is not None:
                self.new_work.emit(found)

        self.taskman.run_read(lambda: check_new_work(session.cache, session.info), done)

    # --- sync on reconnect ---------------------------------------------------------------------

    @property
    def reconnecting(self) -> bool:
        """Waiting for an unreachable server to answer again."""
        return self._reconnecting

    def stop_reconnecting(self) -> None:
        self.reconnect_timer.stop()
        self._reconnect_delay = self.reconnect_first_ms
        if self._reconnecting:
            self._reconnecting = False
            self.reconnecting_changed.emit(False)

    def _schedule_probe(self) -> None:
        if not self._reconnecting:
            self._reconnecting = True
            self.reconnecting_changed.emit(True)
        delay = self._reconnect_delay
        self._reconnect_delay = min(self._reconnect_delay * 2, self.reconnect_max_ms)
        # Jitter (80-120 %): desktops that lost the same server do not all come back at once.
        self.reconnect_timer.start(max(1, int(delay * (0.8 + 0.4 * self._jitter()))))

    def _probe(self) -> None:
        info = self.workstation.info
        if info is None or self._probing:
            return
        if self.syncing:  # a sync (by hand or on the timer) is already trying
            return
        self._probing = True
        url = info.server_url
        self.taskman.run_probe(lambda: server_answers(url), self._probed, self._probe_failed)

    def _probed(self, answered: bool) -> None:
        self._probing = False
        self.reconnect_probed.emit(bool(answered))
        if self.workstation.info is None:
            return
        if answered:
            log.info("event=reconnect.server_answers")
            self._set_silent(False)
            self.sync()  # on failure it schedules the next probe itself
        else:
            self._schedule_probe()

    def _probe_failed(self, exc: Exception) -> None:
        self._probing = False
        self.report(exc)
        self._schedule_probe()
