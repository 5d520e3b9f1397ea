"""A headless desk for the clock test, run under libfaketime: the desktop's own services
(Workstation: sign-in, sync, the counter's form) on a PC whose clock is wrong. Prints one JSON
line: what was recorded, what the server answered and what the desk said about its clock.

    python -m tests.services.clock_child PROFILE_ROOT SERVER USER
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from lapor_desk.models.calendar import utcnow
from lapor_desk.services import Workstation
from tests.services.test_intake import form


def main(argv: list[str]) -> int:
    root, server, user = argv
    station = Workstation(Path(root), device="faketime")
    try:
        station.sign_in(server, user, os.environ["LAPOR_PASSWORD"])
        station.sync()
        recorded = station.intake.record(form(regency="Kota Kendari", title="Jam komputer "
                                              "terlalu cepat satu jam di loket"))
        [row] = station.rows([recorded.complaint_id])
        outcome = station.sync()
        skew = station.clock_skew()
        print(json.dumps({
            "complaint_id": recorded.complaint_id, "received_here": row.created_at.isoformat(),
            "pc_now": utcnow().isoformat(), "applied": outcome.applied,
            "rejected": outcome.rejected,
            "ahead": skew.ahead.total_seconds() if skew is not None else None}))
    finally:
        station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
