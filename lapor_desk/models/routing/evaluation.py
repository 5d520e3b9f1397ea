"""Scoring the routing model honestly: trained on what was known at a date, scored on the
complaints that came after it (bench/routing_bench.py).

The split is by time, never at random: the model learns from the complaints *finished* before
the cut (their label was known then) and is scored on the complaints *submitted* from the cut
on. A complaint submitted before the cut and finished after it is in neither: at the cut its
label was not known, and it was no longer waiting for a suggestion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lapor_desk.models.routing.history import Labelled
from lapor_desk.models.routing.types import Suggestions


def time_split(history: Sequence[Labelled], cut: str) -> tuple[list[Labelled], list[Labelled]]:
    """``(learned from, scored on)`` at ``cut`` (ISO 8601 UTC text, as the cache keeps times);
    each oldest first."""
    learned = [h for h in history if h.closed_at is not None and h.closed_at < cut]
    scored = [h for h in history if h.created_at >= cut]
    learned.sort(key=lambda h: (h.created_at, h.complaint_id))
    scored.sort(key=lambda h: (h.created_at, h.complaint_id))
    return learned, scored


@dataclass(frozen=True)
class Score:
    complaints: int
    top1: int
    top3: int
    #: Scored complaints that were misrouted (came back), and those whose final unit was the
    #: first suggestion (the misroute would have been caught).
    misrouted: int
    caught: int

    def share(self, part: int) -> float:
        return part / self.complaints if self.complaints else 0.0


def score(scored: Sequence[Labelled], suggest: Callable[[Labelled], Suggestions]) -> Score:
    top1 = top3 = misrouted = caught = 0
    for item in scored:
        units = [u.unit_id for u in suggest(item).units]
        first = units[:1] == [item.unit_id]
        top1 += first
        top3 += item.unit_id in units[:3]
        if item.misrouted:
            misrouted += 1
            caught += first
    return Score(len(scored), top1, top3, misrouted, caught)
