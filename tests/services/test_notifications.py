"""New work after a sync, against the real reference server: a complaint the agency admin
forwards to a unit is news for that unit's liaison officer (once, also across a restart); a
complaint the national admin forwards to the agency is news for the agency admin; the first
check of a profile and the desktop's own work are never news."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapor_desk.services import Workstation
from lapor_desk.services.notifications import STATE_FILE, NewWork, check_new_work
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


def station(root: Path, live_server: LiveServer, user: str, password: str) -> Workstation:
    ws = Workstation(root / user, device=f"pytest-{user}")
    ws.sign_in(live_server.url, user, password)
    ws.sync()
    return ws


def news(ws: Workstation) -> NewWork | None:
    return check_new_work(ws.session.cache, ws.info)


def test_forwarded_to_my_unit_is_news_once(tmp_path: Path, live_server: LiveServer,
                                           password: str) -> None:
    admin = station(tmp_path, live_server, "admin.kendari", password)
    liaison = station(tmp_path, live_server, "lo.kendari.pupr", password)
    try:
        assert liaison.info is not None and liaison.info.role == "liaison_officer"
        assert news(liaison) is None  # the first check only remembers the queue
        assert (Path(liaison.info.profile_dir) / STATE_FILE).is_file()
        liaison.sync()
        assert news(liaison) is None  # nothing changed

        first, second = admin.complaint_ids("needs_verification")[:2]
        admin.actions.forward(first, liaison.info.unit_id, "mohon ditindaklanjuti")
        admin.actions.forward(second, liaison.info.unit_id, "mohon ditindaklanjuti")
        assert admin.sync().applied == 2
        assert news(admin) is None  # the admin's own forwards are not news to the admin

        liaison.sync()
        found = news(liaison)
        assert found is not None and found.kind == "forwarded"
        assert set(found.complaint_ids) == {first, second} and found.count == 2
        numbers = {r.tracking_number for r in liaison.rows([first, second])}
        assert set(found.tracking_numbers) == numbers and None not in numbers
        assert news(liaison) is None  # told once

        # A restart (a new session on the same profile) does not announce it again.
        profile = liaison.known_profiles()[0]
        liaison.close()
        liaison.resume(profile)
        liaison.sync()
        assert news(liaison) is None
    finally:
        admin.close()
        liaison.close()


def test_forwarded_to_the_agency_is_news_for_its_admin(tmp_path: Path, live_server: LiveServer,
                                                       password: str) -> None:
    national = station(tmp_path, live_server, "nasional1", password)
    admin = station(tmp_path, live_server, "admin.kendari", password)
    try:
        assert admin.info is not None
        assert news(admin) is None and news(national) is None
        before = set(admin.complaint_ids("needs_verification"))
        targets = {t.name: t for t in national.forward_targets(
            national.complaint_ids("needs_verification")[0])}
        kendari = next(t for name, t in targets.items() if "Kendari" in name and t.selectable
                       and t.level == "agency")
        complaint = national.complaint_ids("needs_verification")[0]
        national.actions.forward(complaint, kendari.id, "kewenangan Kota Kendari")
        assert national.sync().applied == 1

        admin.sync()
        assert complaint in set(admin.complaint_ids("needs_verification")) - before
        found = news(admin)
        assert found is not None and found.kind == "needs_verification"
        assert found.complaint_ids == (complaint,)
    finally:
        national.close()
        admin.close()


def test_nothing_without_a_session() -> None:
    assert check_new_work(None, None) is None
