"""What the UI benchmark's probe measures with: memory, summaries, the heartbeat's gaps, and a
stack sampler that says who held the interpreter while the event loop stalled (diagnosis)."""

from __future__ import annotations

import resource
import statistics
import sys
import threading
import time
import traceback
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def summary(values: list[float]) -> dict[str, float]:
    """Median and max in milliseconds (values are seconds)."""
    if not values:
        return {"n": 0, "median_ms": 0.0, "max_ms": 0.0}
    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1)}


def pulled_rows(outcome: object) -> int:
    return int(getattr(outcome, "pulled_rows", getattr(outcome, "rows", 0)) or 0)


class StallSampler:
    """Diagnosis only (``--stall-stacks``): while the heartbeat is late by more than ``late``
    seconds, samples where every thread is, to say who held the interpreter during a stall."""

    def __init__(self, beats: list[float], late: float = 0.05) -> None:
        self.beats = beats
        self.late = late
        self.samples: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="stall-sampler")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> dict[str, int]:
        self._stop.set()
        self._thread.join(1)
        return dict(self.samples.most_common(25))

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            if not self.beats or time.perf_counter() - self.beats[-1] < self.late:
                continue
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                name = names.get(ident, "?")
                if name == "stall-sampler":
                    continue
                stack = traceback.extract_stack(frame)[-4:]
                where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                   for f in reversed(stack))
                self.samples[f"{name}: {where}"] += 1


def heartbeat_report(beats: list[float], since: float, until: float) -> dict[str, Any]:
    """Longest gap, 99th percentile and count of gaps over 100 ms between heartbeats."""
    inside = [b for b in beats if since <= b <= until]
    gaps = sorted(b - a for a, b in pairwise(inside))
    return {"max_gap_ms": round(gaps[-1] * 1000, 1) if gaps else 0.0,
            "p99_gap_ms": round(gaps[int(len(gaps) * 0.99)] * 1000, 1) if gaps else 0.0,
            "gaps_over_100ms": sum(1 for g in gaps if g > 0.1),
            "beats": len(inside)}
