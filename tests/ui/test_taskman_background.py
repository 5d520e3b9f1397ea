"""The background worker (ui/taskman.py): long work nobody waits for (the routing help's
retraining) runs on its own thread at a lower scheduling priority than the window's, the
window's ``idle`` does not wait for it, and neither does quitting."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

import pytest

from lapor_desk.ui.taskman import BACKGROUND_NICENESS, TaskManager


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own priority is Linux's")
def test_background_work_runs_nicer_and_is_not_waited_for(qtbot: Any) -> None:
    taskman = TaskManager()
    tasks = taskman.session()
    gate = threading.Event()
    seen: list[tuple[str, int]] = []

    def work() -> str:
        seen.append((threading.current_thread().name,
                     os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        gate.wait(30)
        return "done"

    answers: list[str] = []
    try:
        tasks.run_background(work, answers.append)
        qtbot.waitUntil(lambda: bool(seen))
        assert tasks.idle  # the window waits for none of it
        name, niceness = seen[0]
        assert name.startswith("lapor-background")
        assert niceness == min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS)
        gate.set()
        qtbot.waitUntil(lambda: answers == ["done"])
        assert tasks.idle
    finally:
        gate.set()
        taskman.shutdown()


def test_quitting_does_not_wait_for_background_work(qtbot: Any) -> None:
    """A retraining may run for minutes on a large history: the desk quits at once, drops
    what was not started, and hands no answer on."""
    taskman = TaskManager()
    tasks = taskman.session()
    gate = threading.Event()
    started: list[str] = []
    answers: list[object] = []

    def long_work() -> str:
        started.append("long")
        gate.wait(60)
        return "late"

    try:
        tasks.run_background(long_work, answers.append)
        tasks.run_background(lambda: started.append("next"), answers.append)
        qtbot.waitUntil(lambda: started == ["long"])
        begun = time.monotonic()
        taskman.shutdown()
        assert time.monotonic() - begun < 5
    finally:
        gate.set()
    qtbot.wait(200)
    assert started == ["long"] and answers == []
