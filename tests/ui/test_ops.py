"""One way to run a desktop operation (ui/ops.py): on a worker, then what it changed is
announced once, then its success; failures to the banner unless a handler takes them, a bug
reported in any case (once)."""

from __future__ import annotations

import threading
from typing import Any

from lapor_desk.services.errors import ServiceError
from lapor_desk.services.types import EVERYTHING, ActionResult, Changes
from lapor_desk.ui.controller import DeskController
from tests.ui.desk_support import WAIT


def recorded(controller: DeskController) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    controller.action_done.connect(lambda r: seen.append(("action_done", r)))
    controller.changed.connect(lambda c: seen.append(("changed", c)))
    controller.error.connect(lambda e: seen.append(("error", e)))
    return seen


def test_an_action_is_announced_then_its_success_runs(qtbot: Any,
                                                      controller: DeskController) -> None:
    seen = recorded(controller)
    result = ActionResult(7, "handle", "c-1", None)
    threads: list[str] = []

    def work(_station: Any) -> ActionResult:
        threads.append(threading.current_thread().name)
        return result

    controller.op(work).success(lambda r: seen.append(("success", r))).run()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=WAIT)
    assert seen == [("action_done", result), ("changed", EVERYTHING), ("success", result)]
    assert threads[0].startswith("lapor-db")


def test_changes_given_to_the_op_and_nothing_changed(qtbot: Any,
                                                     controller: DeskController) -> None:
    seen = recorded(controller)
    counts = Changes(counts=True)
    controller.op(lambda _s: 1, worker="read").changes(counts) \
        .success(lambda v: seen.append(("success", v))).run()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT)  # two workers: one op, then the other
    controller.op(lambda _s: 2).success(lambda v: seen.append(("success", v))).run()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=WAIT)
    assert seen == [("changed", counts), ("success", 1), ("success", 2)]
    assert counts | Changes(rows=True) == Changes(counts=True, rows=True)
    assert not Changes() and counts and not counts.lists and EVERYTHING.lists


def test_failures_go_to_the_banner_unless_a_handler_takes_them(
        qtbot: Any, controller: DeskController) -> None:
    seen = recorded(controller)
    refused = ServiceError("no", code="stale_state")

    def refuse(_station: Any) -> None:
        raise refused

    controller.op(refuse).run()  # to the banner
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT)
    assert seen == [("error", refused)]

    taken: list[Exception] = []
    again = ServiceError("no", code="stale_state")

    def refuse_again(_station: Any) -> None:
        raise again

    controller.op(refuse_again).failure(taken.append).run()  # the handler's alone
    qtbot.waitUntil(lambda: taken == [again], timeout=WAIT)
    assert seen == [("error", refused)]


def test_a_bug_is_reported_once_even_when_a_handler_takes_it(
        qtbot: Any, controller: DeskController) -> None:
    seen = recorded(controller)
    taken: list[Exception] = []

    def bug(_station: Any) -> None:
        raise KeyError("oops")

    def handler(exc: Exception) -> None:
        taken.append(exc)
        controller.report(exc)  # a handler that also shows it: still one banner

    controller.op(bug).failure(handler).run()
    qtbot.waitUntil(lambda: bool(taken) and len(seen) == 1, timeout=WAIT)
    qtbot.wait(50)
    assert len(seen) == 1 and seen[0][0] == "error" and seen[0][1].code == "internal"

    quiet: list[Exception] = []
    controller.op(bug).failure(quiet.append, report_bugs=False).run()
    qtbot.waitUntil(lambda: bool(quiet), timeout=WAIT)
    qtbot.wait(50)
    assert len(seen) == 1  # the handler says it itself
