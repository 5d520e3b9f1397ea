"""A sync that finds the server restored from a backup says so in its outcome, with how many of
the desktop's actions it sent again (the window words it: ui/notify.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lapor_desk.services import Workstation
from lapor_desk.services.errors import ServiceError
from tests.support.live_server import DatabaseFactory
from tests.support.restorable import Restorable

pytestmark = pytest.mark.timeout(180)


def test_the_sync_after_a_restore_says_so_and_what_it_sent_again(
        workstation: Workstation, db_factory: DatabaseFactory, seeded_template: tuple[str, Any],
        tmp_path: Path, password: str) -> None:
    server = Restorable.start(db_factory, seeded_template, tmp_path / "blobs")
    try:
        workstation.sign_in(server.url, "admin.kendari", password)
        assert not workstation.sync().server_restored
        server.backup(tmp_path / "backup")
        complaint_id = workstation.complaint_ids("needs_verification")[0]
        workstation.actions.postpone(complaint_id, "data pelapor belum lengkap")
        assert workstation.sync().applied == 1
        server.restore(tmp_path / "backup")
        with pytest.raises(ServiceError):  # a restore ends every session: sign in again
            workstation.sync()
        workstation.sign_in(server.url, "admin.kendari", password)
        outcome = workstation.sync()
        assert outcome.server_restored and outcome.resent == 1 and outcome.applied == 1
        assert workstation.status().pending == 0
        assert not workstation.sync().server_restored
    finally:
        server.stop()
