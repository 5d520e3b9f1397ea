"""Signing in, resuming, syncing and probing never connect to a plain ``http://`` server on
another computer: each is refused before any connection with ``plain_http`` (the sign-in dialog
words it: use ``https://``), and nothing is left on this computer by the refused sign-in."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from lapor_desk.services import SignInError, Workstation
from lapor_desk.services.reachability import server_answers
from lapor_desk.sync import credentials
from lapor_desk.sync.retry import RetryPolicy
from lapor_desk.sync.transport import Transport
from tests.support.listener import Listener, listening, own_address
from tests.support.live_server import LiveServer


@pytest.fixture
def listener() -> Iterator[Listener]:
    address = own_address()
    if address is None:
        pytest.skip("this computer has no address but loopback to listen on")
    with listening(address) as listening_socket:
        yield listening_socket


def quick(url: str) -> Transport:
    """A transport that gives up at once (were it to connect, the test would not wait)."""
    return Transport(url, timeout=(2.0, 2.0), retry=RetryPolicy(attempts=1))


def test_sign_in_to_plain_http_is_refused_before_connecting(listener: Listener,
                                                            tmp_path: Path) -> None:
    station = Workstation(tmp_path / "profiles", device="pytest", transport_factory=quick)
    try:
        with pytest.raises(SignInError) as info:
            station.sign_in(listener.url, "admin.kendari", "kata-sandi-rahasia")
    finally:
        station.close()
    assert info.value.code == "plain_http"
    assert listener.connections() == 0  # the password never left this computer
    assert not (tmp_path / "profiles").exists() or not any((tmp_path / "profiles").iterdir())
    assert not server_answers(listener.url) and listener.connections() == 0


def test_an_address_typed_without_a_scheme_is_https() -> None:
    from lapor_desk.services.profiles import address_problem

    assert address_problem("lapor.example.go.id") is None
    assert address_problem("http://lapor.example.go.id") == "plain_http"
    assert address_problem("  http://127.0.0.1:8000/ ") is None


def test_a_profile_saved_with_plain_http_opens_but_never_syncs_over_it(
        listener: Listener, live_server: LiveServer, password: str, tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    station = Workstation(root, device="pytest", encrypt_cache=False, transport_factory=quick)
    station.sign_in(live_server.url, "admin.kendari", password)
    station.sync()
    profile = station.known_profiles()[0]
    station.close()
    # The same profile as an older desktop kept it for a plain http:// server elsewhere.
    target = station.profiles.directory(listener.url, "admin.kendari")
    shutil.move(profile.directory, target)
    old = replace(profile, server_url=listener.url, directory=str(target))
    station.profiles.save(old)
    credentials.save_token(listener.url, "admin.kendari", "a-saved-token")
    try:
        info = station.resume(old)  # its cache opens: the work kept there can be seen
        assert info.username == "admin.kendari"
        with pytest.raises(SignInError) as refused:
            station.sync()
        assert refused.value.code == "plain_http"
        station.sign_out(discard_unsynced=True)  # no logout is sent over plain http either
    finally:
        station.close()
    assert listener.connections() == 0
    assert not target.exists()
