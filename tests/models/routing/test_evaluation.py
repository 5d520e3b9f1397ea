"""The bench's time split: the model never learns what was not known at the cut."""

from __future__ import annotations

from dataclasses import replace

from lapor_desk.models.routing.evaluation import time_split
from tests.models.routing.support import history

CUT = "2026-08-01T00:00:00Z"


def test_the_time_split_never_learns_from_the_future() -> None:
    items = history(200)
    # submitted before the cut and finished after it: its label was not known at the cut
    late = replace(items[0], complaint_id="late", created_at="2026-07-30T00:00:00Z",
                   closed_at="2026-08-05T00:00:00Z")
    learned, scored = time_split([*items, late], CUT)
    assert learned and scored
    assert all(h.closed_at is not None and h.closed_at < CUT for h in learned)
    assert all(h.created_at >= CUT for h in scored)
    assert "late" not in {h.complaint_id for h in learned + scored}
    assert not {h.complaint_id for h in learned} & {h.complaint_id for h in scored}
    assert [h.created_at for h in learned] == sorted(h.created_at for h in learned)
