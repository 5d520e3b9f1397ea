"""What a sync tells the progress dialog: the push knows how much it has to send (the outbox);
the pull estimates its total from the pages' progress and counts the bytes it received, so the
dialog can show records, bytes and time left for both."""

from __future__ import annotations

import pytest

from lapor_desk.services import Workstation
from lapor_desk.services.types import SyncProgress

pytestmark = pytest.mark.timeout(120)


def test_push_progress_carries_the_outbox_total(signed_in: Workstation) -> None:
    for complaint_id in signed_in.complaint_ids("needs_verification")[:3]:
        signed_in.actions.handle(complaint_id, "dikelola")
    steps: list[SyncProgress] = []
    outcome = signed_in.sync(steps.append)
    assert outcome.applied == 3
    pushes = [s for s in steps if s.phase == "push"]
    assert pushes and all(s.total == 3 for s in pushes) and pushes[-1].records == 3
    pulls = [s for s in steps if s.phase == "pull"]
    assert pulls and pulls[-1].total == pulls[-1].records  # the last page: all of it
    assert pulls[-1].bytes > 0
