"""The desktop under measurement: the real Desk, controller, workers and main window, offscreen.

    python -m bench.ui_probe start    --profiles DIR --settings DIR --keyring FILE (cold start)
    python -m bench.ui_probe interact --profiles DIR --settings DIR --keyring FILE --writer JSON
    python -m bench.ui_probe initial  --profiles DIR --settings DIR --keyring FILE --server URL
                                      --user U   (password in LAPOR_PASSWORD)

Each run is its own process (its memory and start-up are its own) and prints one JSON line.
The desktop's secrets (session token, cache key) live in a bench-only keyring file
(``bench/ui_keyring.py``, ``--keyring``) so that every fresh process finds them again, as it
would find them in the OS keyring.

Clocks: a step's clock starts when the user's gesture is made (queue clicked, filter chosen,
search fired, row selected) and stops when the answer is on screen: the ids are in the table
model, the first visible page of rows has arrived from the database worker, and the pending
paint has been processed. Nothing is mocked.
"""

from __future__ import annotations

import time

STARTED = time.time()  # first line of the program: the interpreter is up, nothing imported yet

import gc

gc.disable()  # as ``lapor-desk`` does for its start (cli.main; resumed by ui.app.start_up_over)

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.ui_measure import (
    StallSampler,
    heartbeat_report,
    peak_rss_mb,
    pulled_rows,
    rss_mb,
    summary,
)

WAIT = 120.0
HEARTBEAT_MS = 10


def trace_tasks(slow: float = 0.04) -> None:
    """Diagnosis (``LAPOR_BENCH_TRACE_TASKS``): write each worker task that waited or ran longer
    than ``slow`` seconds to stderr (the desktop's log): worker, function, wait, run."""
    from lapor_desk.ui.taskman import TaskManager

    submit = TaskManager._submit

    def traced_submit(manager: Any, pool: Any, fn: Any, on_done: Any, on_error: Any) -> None:
        queued = time.perf_counter()

        def traced() -> Any:
            started = time.perf_counter()
            try:
                return fn()
            finally:
                ran = time.perf_counter() - started
                if ran > slow or started - queued > slow:
                    name = getattr(fn, "__qualname__", repr(fn))
                    print(f"TASK {pool._thread_name_prefix} {name} waited "
                          f"{(started - queued) * 1000:.0f} ran {ran * 1000:.0f} ms",
                          file=sys.stderr, flush=True)

        submit(manager, pool, traced, on_done, on_error)

    TaskManager._submit = traced_submit  # type: ignore[method-assign]


class Probe:
    """Drives one Desk and times what the user sees."""

    def __init__(self, args: argparse.Namespace) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        self.args = args
        self.marks: dict[str, float] = {"started": STARTED}
        # What the ``lapor-desk`` entry point imports, then the desktop itself.
        import keyring
        from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
        from PySide6.QtWidgets import QApplication

        import lapor_desk.cli  # noqa: F401
        from bench.ui_keyring import FileKeyring
        from lapor_desk.services import Workstation
        from lapor_desk.services.preferences import PreferencesFile
        from lapor_desk.sync import credentials
        from lapor_desk.ui import i18n
        from lapor_desk.ui.app import Desk, make_application

        self.marks["imported"] = time.time()
        if os.environ.get("LAPOR_BENCH_TRACE_TASKS"):
            trace_tasks()
        self.QEventLoop, self.QTimer, self.Qt = QEventLoop, QTimer, Qt
        self.credentials = credentials
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(args.settings))
        i18n.use_preferences(PreferencesFile(Path(args.settings) / "preferences.json"))
        keyring.set_keyring(FileKeyring(args.keyring))
        self.app: QApplication = make_application(["lapor-desk"])
        self.marks["application"] = time.time()
        self.profile_root = Path(args.profiles)
        self.workstation = Workstation(self.profile_root, device="bench-ui")
        self.desk = Desk(self.workstation)
        self.marks["desk"] = time.time()
        self.window = self.desk.window
        self.controller = self.desk.controller
        self.controller.signed_in.connect(
            lambda _info: self.marks.setdefault("signed_in", time.time()))
        self.window.table_model.modelReset.connect(
            lambda: self.marks.setdefault("first_ids", time.time()))
        self.resets = 0
        self.last_reset = 0.0
        self.ids_times: list[float] = []  # gesture -> ids in the model, per timed reload
        self.filter_steps: list[tuple[str, float, float]] = []
        self.window.table_model.modelReset.connect(self._reset)
        self.synced: list[object] = []
        self.sync_errors: list[object] = []
        self.sync_starts: list[float] = []
        self.controller.sync_started.connect(lambda: self.sync_starts.append(time.perf_counter()))
        self.controller.sync_finished.connect(self.synced.append)
        self.controller.sync_failed.connect(self.sync_errors.append)
        self.errors: list[str] = []
        self.controller.error.connect(lambda e: self.errors.append(repr(e)))
        # Wakes the loop now and then so a wait never sleeps past its condition.
        self._guard = QTimer(interval=20)
        self._guard.start()
        self.beats: list[float] = []
        self._heart = QTimer(interval=HEARTBEAT_MS)
        self._heart.setTimerType(Qt.TimerType.PreciseTimer)
        self._heart.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def _reset(self) -> None:
        self.resets += 1
        self.last_reset = time.perf_counter()

    # --- waiting -------------------------------------------------------------------------------

    def wait(self, condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        deadline = time.perf_counter() + timeout
        flags = self.QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"waited {timeout:.0f} s for {what}; errors {self.errors}")
            self.app.processEvents(flags)

    def settle(self) -> None:
        """Process what is already posted (the paint the last answer scheduled)."""
        self.app.processEvents()

    def idle(self) -> bool:
        return self.controller.taskman.idle

    def visible_rows_loaded(self) -> bool:
        model, table = self.window.table_model, self.window.table
        count = model.rowCount()
        if count == 0:
            return True
        top = max(0, table.rowAt(0))
        bottom = table.rowAt(max(0, table.viewport().height() - 1))
        bottom = count - 1 if bottom < 0 else bottom
        for row in {top, bottom}:
            complaint_id = model.id_at(row)
            if complaint_id is None or model.loaded_row(complaint_id) is None:
                return False
        return True

    def timed_reload(self, gesture: Callable[[], None], what: str) -> float:
        """Seconds from ``gesture`` to the new list's first rows on screen."""
        resets = self.resets
        started = time.perf_counter()
        gesture()
        self.wait(lambda: self.resets > resets and self.visible_rows_loaded(), what)
        self.settle()
        self.ids_times.append(self.last_reset - started)
        return time.perf_counter() - started

    def rows_ready(self) -> None:
        self.wait(lambda: self.idle() and self.visible_rows_loaded(), "rows")
        self.settle()

    # --- steps -------------------------------------------------------------------------------

    def window_ready(self) -> bool:
        return (self.window.isVisible() and self.window.queue_key is not None
                and self.resets > 0 and self.visible_rows_loaded())

    def start(self) -> dict[str, Any]:
        self.marks["start"] = time.time()
        self.desk.start()
        self.wait(self.window_ready, "the main window with its first rows")
        self.settle()
        self.marks["usable"] = time.time()
        return {"rows": self.window.table_model.rowCount(), "queue": self.window.queue_key}

    def queue_keys(self) -> list[str]:
        model = self.window.queue_model
        return [k for k in (model.key_at(r) for r in range(model.rowCount())) if k]

    def switch_to(self, key: str) -> float | None:
        if key == self.window.queue_key:
            return None
        return self.timed_reload(lambda: self.window.select_queue(key), f"queue {key}")

    def filter_changes(self) -> list[float]:
        """Choose each filter's first choice and then "all" again, as a user does."""
        bar = getattr(self.window, "filter_bar", None)
        combos = list(bar.combos) if bar is not None else [self.window.type_filter]
        times: list[float] = []
        for combo in combos:
            if combo.count() < 2 or not combo.isEnabled():
                continue
            for index in (1, 0):
                times.append(self.timed_reload(partial(combo.setCurrentIndex, index),
                                               f"{combo.objectName()} = {index}"))
                # each step: the choice (on) or "all" again (off), whole gesture and ids only
                self.filter_steps.append(("on" if index else "off", round(times[-1] * 1000, 1),
                                          round(self.ids_times[-1] * 1000, 1)))
                self.rows_ready()
        return times

    def interact(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.start()
        self.wait(lambda: bool(self.synced or self.sync_errors) and self.idle(),
                  "the start-up sync")
        self.rows_ready()
        keys = self.queue_keys()
        sizes: dict[str, int] = {}
        # Queues: every queue, twice round (the second round is what a day's use looks like).
        queue_times: list[float] = []
        self.ids_times.clear()
        for _round in range(self.args.queue_rounds):
            for key in keys:
                seconds = self.switch_to(key)
                if seconds is not None:
                    queue_times.append(seconds)
                sizes[key] = self.window.table_model.rowCount()
        result["queues"] = summary(queue_times)
        result["queues_ids"] = summary(self.ids_times)
        result["queue_sizes"] = sizes
        biggest = max((k for k in keys if k not in ("outbox", "conflicts")),
                      key=lambda k: sizes[k])
        # Filters: every combo box of the filter bar (its first choice, then back to all), on
        # the two biggest queues.
        filter_times: list[float] = []
        filter_ids: list[float] = []
        for key in sorted(sizes, key=sizes.__getitem__, reverse=True)[:self.args.filter_queues]:
            self.switch_to(key)
            self.rows_ready()
            self.ids_times.clear()
            filter_times += self.filter_changes()
            filter_ids += self.ids_times
        result["filters"] = summary(filter_times)
        for side in ("on", "off"):
            result[f"filters_{side}"] = summary([t / 1000 for s, t, _ in self.filter_steps
                                                 if s == side])
        result["filters_ids"] = summary(filter_ids)
        # Full-text search through the search box (the 250 ms typing pause is not counted).
        search_times: list[float] = []
        hits: dict[str, int] = {}
        self.ids_times.clear()
        search_ids: list[float] = []
        slowest = (0.0, "")
        for key in (biggest, keys[0]):
            self.switch_to(key)
            self.rows_ready()
            self.ids_times.clear()
            for term in self.args.terms:
                search_times.append(self.timed_reload(partial(self.search, term), term))
                slowest = max(slowest, (search_times[-1], f"{term} in {key}"))
                hits[term] = max(hits.get(term, 0), self.window.table_model.rowCount())
            search_ids += self.ids_times
            self.timed_reload(lambda: self.search(""), "search cleared")
        result["search"] = summary(search_times)
        result["search_ids"] = summary(search_ids)
        result["search_hits"] = hits
        result["search_slowest"] = slowest[1]
        # Opening complaints: rows spread over the status queues, each scrolled into view first.
        result["open"] = summary(self.open_complaints(keys, sizes, self.args.opens))
        # Scrolling the biggest queue to its end, one page of rows at a time.
        steps = self.scroll_to_end(biggest)
        result["scroll"] = summary(steps)
        result["scrolled_rows"] = sizes[biggest]
        result["scrolled_queue"] = biggest
        for key in keys:  # and round the queues once more with every row of one list held
            self.switch_to(key)
        result["rss_after_use_mb"] = round(rss_mb(), 1)
        result["peak_rss_after_use_mb"] = round(peak_rss_mb(), 1)
        self.switch_to(keys[0])
        self.rows_ready()
        result["idle_heartbeat"] = self.idle_heartbeat(self.args.control_seconds)
        if self.args.writer:
            result["writer"] = self.run_writer()
            result["background_sync"] = self.background_sync()
        result["peak_rss_mb"] = round(peak_rss_mb(), 1)
        return result

    def search(self, term: str) -> None:
        if os.environ.get("LAPOR_BENCH_TRACE_TASKS"):
            print(f"SEARCH {term!r} at {time.perf_counter():.3f}", file=sys.stderr, flush=True)
        window = self.window
        window.search.setText(term)
        window._search_timer.stop()  # the typing pause (250 ms) is left out of the clock
        window.reload_ids()

    def open_complaints(self, keys: list[str], sizes: dict[str, int], count: int) -> list[float]:
        status_queues = [k for k in keys if sizes.get(k) and k not in ("outbox", "conflicts")]
        times: list[float] = []
        table, model = self.window.table, self.window.table_model
        for n in range(count):
            key = status_queues[n % len(status_queues)]
            self.switch_to(key)
            self.rows_ready()
            rounds = (count + len(status_queues) - 1) // len(status_queues)
            row = min(model.rowCount() - 1, (n // len(status_queues)) * model.rowCount() // rounds
                      + n % 7)
            table.scrollTo(model.index(row, 0))
            self.rows_ready()
            complaint_id = model.id_at(row)
            started = time.perf_counter()
            table.selectRow(row)
            self.wait(partial(self.showing, complaint_id), f"detail of {complaint_id}")
            self.settle()
            times.append(time.perf_counter() - started)
        return times

    def showing(self, complaint_id: str | None) -> bool:
        return bool(self.window.detail.complaint_id == complaint_id)

    def scroll_to_end(self, key: str) -> list[float]:
        from lapor_desk.ui.models import complaint_table

        page = int(getattr(complaint_table, "PAGE", 200))
        self.switch_to(key)
        self.rows_ready()
        bar = self.window.table.verticalScrollBar()
        steps: list[float] = []
        value = 0
        while value < bar.maximum():
            value = min(bar.maximum(), value + page)
            started = time.perf_counter()
            bar.setValue(value)
            self.settle()  # the repaint that asks for the rows
            self.wait(self.visible_rows_loaded, f"rows at {value}")
            self.settle()
            steps.append(time.perf_counter() - started)
        return steps

    def run_writer(self) -> dict[str, Any]:
        command = json.loads(self.args.writer)
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    def heartbeat_report(self, since: float, until: float) -> dict[str, Any]:
        return heartbeat_report(self.beats, since, until)

    def idle_heartbeat(self, seconds: float) -> dict[str, Any]:
        """The control: the heartbeat with nothing to do, to show the machine's own noise."""
        self.beats.clear()
        self._heart.start()
        started = time.perf_counter()
        self.wait(lambda: time.perf_counter() - started > seconds, "the idle heartbeat")
        self._heart.stop()
        return self.heartbeat_report(started, time.perf_counter())

    def sampler(self) -> StallSampler | None:
        if not self.args.stall_stacks:
            return None
        sampler = StallSampler(self.beats)
        sampler.start()
        return sampler

    def background_sync(self) -> dict[str, Any]:
        """F5 while the window is open: the heartbeat's longest gap while the sync runs and the
        window refreshes after it."""
        done = len(self.synced) + len(self.sync_errors)
        self.beats.clear()
        self._heart.start()
        sampler = self.sampler()
        self.wait(lambda: len(self.beats) > 10, "heartbeat")
        started = time.perf_counter()
        assert self.controller.sync(), "a sync was already running"
        self.wait(lambda: len(self.synced) + len(self.sync_errors) > done, "the sync", 600)
        synced = time.perf_counter()
        self.wait(lambda: self.idle() and self.visible_rows_loaded(), "the refresh")
        self.settle()
        finished = time.perf_counter()
        self._heart.stop()
        stacks = sampler.stop() if sampler else {}
        if self.sync_errors:
            raise RuntimeError(f"sync failed: {self.sync_errors[-1]!r}")
        outcome = self.synced[-1]
        return {"seconds": round(synced - started, 2), "stall_stacks": stacks,
                "refresh_ms": round((finished - synced) * 1000, 1),
                "rows": pulled_rows(outcome),
                **self.heartbeat_report(started, finished)}

    def initial(self) -> dict[str, Any]:
        """Sign in to an empty profile and run the first sync, as the login dialog does."""
        self.desk.start()
        self.wait(lambda: self.desk.login is not None and self.desk.login.isVisible(),
                  "the login dialog")
        self.beats.clear()
        self._heart.start()
        sampler = self.sampler()
        self.wait(lambda: len(self.beats) > 10, "heartbeat")
        started = time.perf_counter()
        assert self.desk.login is not None
        self.desk.login.submitted.emit(self.args.server, self.args.user,
                                       os.environ["LAPOR_PASSWORD"])
        self.wait(lambda: bool(self.synced or self.sync_errors), "the first sync", 1800)
        synced = time.perf_counter()
        if self.sync_errors:
            raise RuntimeError(f"first sync failed: {self.sync_errors[-1]!r}")
        self.wait(lambda: self.idle() and self.window.queue_key is not None
                  and self.visible_rows_loaded(), "the window after the first sync")
        self.settle()
        finished = time.perf_counter()
        self._heart.stop()
        stacks = sampler.stop() if sampler else {}
        sync_started = self.sync_starts[0] if self.sync_starts else started
        info = self.workstation.info
        assert info is not None
        outcome = self.synced[-1]
        return {"seconds": round(synced - sync_started, 2),
                "sign_in_ms": round((sync_started - started) * 1000, 1),
                "rows": pulled_rows(outcome),
                "profile_dir": info.profile_dir, "stall_stacks": stacks,
                **self.heartbeat_report(sync_started, finished),
                "with_sign_in": self.heartbeat_report(started, finished)}

    def close(self) -> None:
        self._heart.stop()
        self._guard.stop()
        self.desk.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["start", "interact", "initial"])
    parser.add_argument("--profiles", required=True, type=Path)
    parser.add_argument("--settings", required=True, type=Path)
    parser.add_argument("--keyring", required=True, type=Path)
    parser.add_argument("--server", default="")
    parser.add_argument("--user", default="")
    parser.add_argument("--writer", default="", help="JSON argv of the writer to run first")
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--queue-rounds", type=int, default=2)
    parser.add_argument("--control-seconds", type=float, default=5.0)
    parser.add_argument("--stall-stacks", action="store_true",
                        help="diagnosis: sample every thread's stack while the loop stalls")
    parser.add_argument("--filter-queues", type=int, default=2)
    parser.add_argument("--terms", nargs="*", default=["jalan rusak", "air bersih", "KTP"])
    args = parser.parse_args()

    probe = Probe(args)
    if args.mode == "start":
        result = probe.start()
    elif args.mode == "interact":
        result = probe.interact()
    else:
        result = probe.initial()
    closing = time.time()
    probe.close()
    result.update(marks=probe.marks, closing=closing, errors=probe.errors,
                  peak_rss_mb=result.get("peak_rss_mb", round(peak_rss_mb(), 1)))
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    # PySide6 can abort while CPython finalises after a Qt session (see tests/ui/conftest.py):
    # leave without the interpreter's teardown once the answer is out.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
