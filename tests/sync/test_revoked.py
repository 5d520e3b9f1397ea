"""An account disabled on the server (``lapor-server disable-user``) wipes this computer's copy
of the profile at its next contact: a sync (the first one after a resume) or a sign-in. A
session refused otherwise (signed out elsewhere, expired) keeps the profile and asks for the
password again. The real server, over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from lapor_desk.server.cli import main as server_cli
from lapor_desk.server.db import FollowUp
from lapor_desk.server.settings import ServerSettings
from lapor_desk.services import SignInError, Workstation
from lapor_desk.services.profile_copy import AccountRevoked
from lapor_desk.sync import credentials
from lapor_desk.sync.credentials import MemoryKeyring
from lapor_desk.sync.errors import AccountDisabledError, AuthError
from lapor_desk.sync.transport import Transport
from tests.support.clock import MovableClock
from tests.support.live_server import DatabaseFactory, LiveServer, start_server

pytestmark = pytest.mark.timeout(120)
USER = "admin.kendari"


@pytest.fixture
def station(tmp_path: Path, memory: MemoryKeyring) -> Iterator[Workstation]:
    desk = Workstation(tmp_path / "profiles", device="pytest")
    yield desk
    desk.close()


def disable(server: LiveServer, username: str = USER) -> None:
    assert server_cli(["disable-user", "--db", server.database_url,
                       "--username", username]) == 0


def assert_wiped(memory: MemoryKeyring, server: LiveServer, profile: Path) -> None:
    assert not profile.exists()
    assert credentials.load_token(server.url, USER) is None
    assert not [s for s, _u in memory._store if s.startswith("lapor-desk-cache/")]


def test_sync_after_the_account_is_disabled_wipes_the_profile(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    info = station.sign_in(live_server.url, USER, password)
    station.sync()
    profile = Path(info.profile_dir)
    assert station.status().complaints > 0
    assert station.session.outbox is not None
    station.session.outbox.internal_note(station.complaint_ids("needs_verification")[0],
                                         "belum terkirim")  # unsynced work goes too
    disable(live_server)
    with pytest.raises(AccountRevoked) as revoked:
        station.sync()
    assert revoked.value.code == "account_revoked"
    assert isinstance(revoked.value, SignInError)  # the UI goes back to the sign-in screen
    assert station.info is None
    assert_wiped(memory, live_server, profile)
    assert station.known_profiles() == []


def test_resume_after_the_account_is_disabled_wipes_the_profile_at_the_first_sync(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    """A synced profile opens from its cache without asking the server (offline-first); the
    sync the desktop starts right after is the first contact, and it wipes."""
    info = station.sign_in(live_server.url, USER, password)
    station.sync()
    [profile] = station.known_profiles()
    station.close()
    disable(live_server)
    assert station.resume(profile).username == USER
    with pytest.raises(AccountRevoked):
        station.sync()
    assert_wiped(memory, live_server, Path(info.profile_dir))


def test_sign_in_to_a_disabled_account_wipes_only_with_the_right_password(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    info = station.sign_in(live_server.url, USER, password)
    station.sync()
    station.close()
    disable(live_server)
    with pytest.raises(SignInError) as wrong:
        station.sign_in(live_server.url, USER, "bukan-sandinya")
    assert wrong.value.code == "bad_credentials"  # a guesser cannot wipe anything
    assert Path(info.profile_dir, "cache.sqlite3").exists()
    with pytest.raises(AccountRevoked):
        station.sign_in(live_server.url, USER, password)
    assert_wiped(memory, live_server, Path(info.profile_dir))


def test_a_session_ended_elsewhere_keeps_the_profile(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    """``token_revoked`` (signed out from another place) is not a disabled account."""
    info = station.sign_in(live_server.url, USER, password)
    station.sync()
    token = credentials.load_token(live_server.url, USER)
    requests.post(live_server.url + "/api/v1/auth/logout", json={}, timeout=10,
                  headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    with pytest.raises(SignInError) as ended:
        station.sync()
    assert ended.value.code == "token_revoked"
    assert Path(info.profile_dir, "cache.sqlite3").exists()
    # the refused token is forgotten: the next start asks for the password
    assert credentials.load_token(live_server.url, USER) is None
    [profile] = station.known_profiles()
    station.close()
    with pytest.raises(SignInError) as again:
        station.resume(profile)
    assert again.value.code == "auth_required"
    assert station.sign_in(live_server.url, USER, password).profile_dir == info.profile_dir
    assert station.status().complaints > 0  # the same profile, its cache kept


def test_a_session_ended_by_the_idle_timeout_asks_for_the_password_and_keeps_queued_work(
        station: Workstation, db_factory: DatabaseFactory, seeded_template: tuple[str, object],
        password: str, tmp_path: Path) -> None:
    """An idle token ends like an expired one: the desktop asks for the password again, the
    profile and the work queued meanwhile stay, and go out after the new sign-in."""
    clock = MovableClock()
    template_url, report = seeded_template
    settings = ServerSettings(database_url=db_factory.copy_of(template_url),
                              blob_dir=tmp_path / "blobs", auto_close_interval=0)
    server = start_server(settings, seed=report, clock=clock)
    try:
        info = station.sign_in(server.url, USER, password)
        station.sync()
        complaint_id = station.complaint_ids("needs_verification")[0]
        assert station.session.outbox is not None
        station.session.outbox.internal_note(complaint_id, "ditulis sebelum sesi berakhir")
        clock.advance(hours=9)  # the desktop was closed overnight

        with pytest.raises(SignInError) as ended:
            station.sync()
        assert ended.value.code == "token_expired"
        assert credentials.load_token(server.url, USER) is None
        assert Path(info.profile_dir, "cache.sqlite3").exists()
        assert station.status().pending == 1  # nothing lost

        assert station.sign_in(server.url, USER, password).profile_dir == info.profile_dir
        outcome = station.sync()
        assert outcome.pushed == 1 and station.status().pending == 0
        with server.session() as session:
            bodies = session.scalars(select(FollowUp.body).where(
                FollowUp.complaint_id == complaint_id)).all()
        assert "ditulis sebelum sesi berakhir" in bodies
    finally:
        server.stop()


def test_a_synced_profile_resumes_without_asking_the_server(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    station.sign_in(live_server.url, USER, password)
    station.sync()
    [profile] = station.known_profiles()
    station.close()
    asked: list[str] = []
    original = Transport._send

    def counting(transport: Transport, method: str, path: str, **kwargs: Any) -> Any:
        asked.append(path)
        return original(transport, method, path, **kwargs)

    Transport._send = counting  # type: ignore[method-assign]
    try:
        info = station.resume(profile)
        assert info.username == USER and asked == []
        assert station.status().online is None  # not known before the first contact
        station.sync()
        assert asked and station.status().online is True
    finally:
        Transport._send = original  # type: ignore[method-assign]


def test_transport_translates_account_disabled_once(live_server: LiveServer,
                                                    password: str) -> None:
    transport = Transport(live_server.url)
    try:
        login = transport.post_json("/api/v1/auth/login", {"username": USER,
                                                           "password": password}, auth=False)
        transport.token = login["token"]
        disable(live_server)
        with pytest.raises(AccountDisabledError) as caught:
            transport.get_json("/api/v1/me")
        assert caught.value.code == "account_disabled" and caught.value.status == 401
        assert isinstance(caught.value, AuthError)
        with pytest.raises(AccountDisabledError):
            transport.post_json("/api/v1/auth/login", {"username": USER,
                                                       "password": password}, auth=False)
    finally:
        transport.close()


def test_a_disabled_account_on_a_new_computer_leaves_nothing_behind(
        station: Workstation, live_server: LiveServer, password: str,
        memory: MemoryKeyring) -> None:
    disable(live_server)
    with pytest.raises(SignInError) as refused:
        station.sign_in(live_server.url, USER, password)
    assert refused.value.code == "account_disabled"  # nothing was removed: plain refusal
    assert not isinstance(refused.value, AccountRevoked)
    assert list(station.profiles.root.iterdir()) == []
    assert not memory._store
