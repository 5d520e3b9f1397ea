"""The background worker (ui/taskman.py): long work nobody waits for (the routing help's
retraining) runs on its own thread at a lower scheduling priority than the window's, and the
window's ``idle`` does not wait for it."""

from __future__ import annotations

import os
import sys
import threading
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
