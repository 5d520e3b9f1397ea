"""The server's clock is kept with the profile: a desk started again while the server cannot be
reached still records at the server's time and still warns, until the server answers again."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from lapor_desk.models.cache.schema import OutboxEntry
from lapor_desk.models.calendar import utcnow
from lapor_desk.services import Workstation
from tests.services.test_intake import form
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)
AHEAD = timedelta(hours=1)


def pc() -> datetime:
    return utcnow() + AHEAD


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True, scope="session")
def test_an_offline_start_keeps_the_servers_clock(live_server: LiveServer, tmp_path: Path,
                                                  password: str) -> None:
    first = Workstation(tmp_path / "profiles", device="pytest", clock=pc)
    first.sign_in(live_server.url, "admin.kendari", password)
    first.sync()
    skew = first.clock_skew()
    assert skew is not None and skew.confirmed
    assert abs(skew.ahead - AHEAD) < timedelta(seconds=3)
    [profile] = first.known_profiles()
    first.close()
    live_server.stop()  # the server is gone: the next start is offline

    again = Workstation(tmp_path / "profiles", device="pytest", clock=pc)
    try:
        again.resume(profile)
        skew = again.clock_skew()
        assert skew is not None and not skew.confirmed  # saved by the earlier start
        assert abs(skew.ahead - AHEAD) < timedelta(seconds=3)
        assert abs(again.session.server_clock.now() - utcnow()) < timedelta(seconds=3)
        recorded = again.intake.record(form(regency="Kota Kendari"))
        cache = again.session.require_cache()
        with cache.engine.connect() as connection:
            payload = orjson.loads(connection.execute(select(OutboxEntry.payload).where(
                OutboxEntry.mutation_id == recorded.mutation_id)).scalar_one())
        received = datetime.fromisoformat(payload["complaint"]["received_at"])
        assert abs(received - utcnow()) < timedelta(seconds=5)  # not the PC's hour ahead
    finally:
        again.close()
