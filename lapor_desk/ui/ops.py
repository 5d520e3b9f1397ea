"""One way to run a desktop operation, in the manner of Anki's ``CollectionOp``.

A widget describes the work as a function of the :class:`Workstation` (run on a worker, never
on the UI thread), what to do with its result (``success``) and, when it must say more than the
banner does, with its failure (``failure``); ``run()`` hands it to the controller::

    controller.op(lambda ws: ws.intake.record(raw, files)) \\
        .changes(Changes(queues=True, rows=True, status=True)).success(done).run()

After a success the op tells every screen what changed (the controller's ``changed`` signal with
a :class:`Changes` value: the result's own for an action, or the one given here) before its
``success`` handler runs; an :class:`ActionResult` is announced first (``action_done``).
A failure goes to the window's banner unless a ``failure`` handler takes it; an exception that
is not a ``ServiceError`` (a bug) is reported then too (logged with its traceback, a generic
message in the banner) unless the handler says it shows every failure itself
(``report_bugs=False``: a dialog that says why it could not save, a log line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Literal, Protocol, TypeVar

from lapor_desk.services.errors import ServiceError
from lapor_desk.services.types import EVERYTHING, ActionResult, Changes
from lapor_desk.services.workstation import Workstation

__all__ = ["EVERYTHING", "Changes", "DeskOp", "OpHost", "Worker"]

T = TypeVar("T")
#: ``db``: reads and writes of the cache, in order; ``net``: the network; ``read``: slow
#: read-only summaries beside the ``db`` worker's queue; ``background``: long work nobody waits
#: for, at a lower priority (ui/taskman.py).
Worker = Literal["db", "net", "read", "background"]


class OpHost(Protocol):
    """What an op needs from the controller that runs it."""

    def submit(self, worker: Worker, fn: Callable[[Workstation], Any],
               on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        ...

    def report(self, error: Exception) -> None:
        ...

    def announce(self, result: ActionResult | None, changes: Changes) -> None:
        ...


class DeskOp(Generic[T]):
    def __init__(self, host: OpHost, fn: Callable[[Workstation], T], *,
                 worker: Worker = "db") -> None:
        self._host = host
        self._fn = fn
        self._worker: Worker = worker
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] | None = None
        self._report_bugs = True
        self._changes: Changes | Callable[[T], Changes] | None = None

    def success(self, handler: Callable[[T], None]) -> DeskOp[T]:
        self._success = handler
        return self

    def failure(self, handler: Callable[[Exception], None], *,
                report_bugs: bool = True) -> DeskOp[T]:
        """``handler`` takes the failure instead of the banner (a bug is reported too, unless
        ``report_bugs`` is false)."""
        self._failure = handler
        self._report_bugs = report_bugs
        return self

    def changes(self, changes: Changes | Callable[[T], Changes]) -> DeskOp[T]:
        """What a success changed, when the result does not say it itself."""
        self._changes = changes
        return self

    def run(self) -> None:
        self._host.submit(self._worker, self._fn, self._succeeded, self._failed)

    def _succeeded(self, value: T) -> None:
        result = value if isinstance(value, ActionResult) else None
        if callable(self._changes):
            changes: Changes = self._changes(value)
        elif self._changes is not None:
            changes = self._changes
        else:
            found = getattr(value, "changes", None)
            changes = found if isinstance(found, Changes) else Changes()
        if result is not None or changes:
            self._host.announce(result, changes)
        if self._success is not None:
            self._success(value)

    def _failed(self, error: Exception) -> None:
        if self._failure is None:
            self._host.report(error)
            return
        try:
            self._failure(error)
        finally:
            if self._report_bugs and not isinstance(error, ServiceError):
                self._host.report(error)
