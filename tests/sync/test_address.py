"""No plain ``http://`` to another computer: refused at the transport's boundary before anything
connects (``sync/address.py``); ``https://`` and loopback ``http://`` (the demo, the tests) stay.
Redirects are never followed and TLS verification cannot be turned off."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
import requests

from lapor_desk import cli
from lapor_desk.sync.address import address_problem, check_server_url
from lapor_desk.sync.errors import AddressRefused, ProtocolError
from lapor_desk.sync.retry import RetryPolicy
from lapor_desk.sync.transport import Transport
from tests.support.listener import Listener, listening, own_address
from tests.sync.scripted_http import Reply, scripted_server

ALLOWED = [
    "https://lapor.example.go.id", "https://lapor.example.go.id:8443/", "HTTPS://LAPOR.GO.ID",
    "https://192.0.2.10", "https://[2001:db8::1]:443",
    "http://127.0.0.1:8000", "http://127.9.8.7", "http://localhost:5000", "http://LOCALHOST",
    "http://localhost.:5000", "http://[::1]:8000", "http://[::ffff:127.0.0.1]:8000",
]
PLAIN = [
    "http://lapor.example.go.id", "http://192.0.2.10:8000", "http://10.1.2.3",
    "http://[2001:db8::1]:80", "http://[::ffff:192.0.2.1]", "http://0.0.0.0:8000",
    "http://127.0.0.1.nip.io", "http://localhost.evil.example", "http://localhost@evil.example",
    "http://127.1", "http://0x7f000001", "http://2130706433", "HTTP://lapor.go.id",
]
INVALID = ["lapor.example.go.id", "ftp://lapor.go.id", "file:///etc/passwd", "https://",
           "http://[::1", "https://lapor.go.id:port", "javascript:alert(1)", ""]


@pytest.mark.parametrize("url", ALLOWED)
def test_https_and_loopback_http_are_allowed(url: str) -> None:
    assert address_problem(url) is None
    check_server_url(url)


@pytest.mark.parametrize("url", PLAIN)
def test_plain_http_to_another_computer_is_refused(url: str) -> None:
    assert address_problem(url) == "plain_http"
    with pytest.raises(AddressRefused) as info:
        Transport(url)
    assert info.value.code == "plain_http" and "https://" in str(info.value)


@pytest.mark.parametrize("url", INVALID)
def test_what_is_not_a_web_address_is_refused(url: str) -> None:
    assert address_problem(url) == "invalid_address"
    with pytest.raises(AddressRefused):
        Transport(url)


class Recording(requests.Session):
    """A requests session that records what it would send and sends nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any,
                **kwargs: Any) -> requests.Response:
        self.sent.append(str(url))
        raise AssertionError("nothing may be sent")


def test_the_refusal_comes_before_any_request() -> None:
    session = Recording()
    with pytest.raises(AddressRefused):
        Transport("http://192.0.2.10:8000", session=session)
    assert session.sent == []


@pytest.fixture
def listener() -> Iterator[Listener]:
    address = own_address()
    if address is None:
        pytest.skip("this computer has no address but loopback to listen on")
    with listening(address) as listening_socket:
        yield listening_socket


def test_no_connection_is_made_to_a_plain_http_server(listener: Listener) -> None:
    with pytest.raises(AddressRefused):
        Transport(listener.url).get_json("/api/v1/health")
    assert listener.connections() == 0
    # The listener does record a connection: the same address over https is tried.
    with pytest.raises(Exception):  # noqa: B017 - whatever the TLS failure, it connected
        Transport("https" + listener.url[4:], timeout=(2.0, 0.5),
                  retry=RetryPolicy(attempts=1)).get_json("/api/v1/health")
    assert listener.connections() == 1


def test_the_cli_refuses_plain_http_before_opening_anything(
        listener: Listener, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profile"
    code = cli.main(["sync", "--profile", str(profile), "--server", listener.url,
                     "--user", "admin.kendari", "--once"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and "https://" in err
    assert listener.connections() == 0 and not profile.exists()


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_never_followed(status: int) -> None:
    with scripted_server() as first, scripted_server() as second:
        first.replies = [Reply(status, b"", {"Location": second.url + "/api/v1/auth/login"})]
        transport = Transport(first.url, retry=RetryPolicy(attempts=1))
        with pytest.raises(ProtocolError) as info:
            transport.post_json("/api/v1/auth/login", {"username": "u", "password": "rahasia"},
                                auth=False)
        assert info.value.status == status
        assert len(first.seen) == 1 and second.seen == []


def test_tls_verification_cannot_be_turned_off() -> None:
    for off in (False, ""):
        with pytest.raises(ValueError):
            Transport("https://lapor.example.go.id", verify=off)


def test_loopback_http_still_works() -> None:
    with scripted_server() as script:
        script.replies = [Reply(200, orjson.dumps({"status": "ok"}))]
        assert Transport(script.url).get_json("/api/v1/health") == {"status": "ok"}


TRAINING_ALLOWED = ["bimtek://192.168.1.10:8717", "bimtek://10.0.0.5:8717", "BIMTEK://172.16.4.2",
                    "bimtek://169.254.10.1:8717", "bimtek://[fd00::2]:8717",
                    "bimtek://127.0.0.1:8717"]
TRAINING_REFUSED = ["bimtek://lapor.go.id:8717", "bimtek://8.8.8.8:8717", "bimtek://0.0.0.0:8717",
                    "bimtek://[2606:4700::1111]", "bimtek://224.0.0.1", "bimtek://laptop.local"]


@pytest.mark.parametrize("url", TRAINING_ALLOWED)
def test_a_training_address_is_plain_http_on_the_local_network(url: str) -> None:
    assert address_problem(url) is None
    transport = Transport(url)
    assert transport.base_url == "http://" + url.split("://", 1)[1]
    transport.close()


@pytest.mark.parametrize("url", TRAINING_REFUSED)
def test_a_training_address_elsewhere_is_refused(url: str) -> None:
    assert address_problem(url) == "training_not_local"
    with pytest.raises(AddressRefused) as info:
        Transport(url)
    assert info.value.code == "training_not_local"


def test_a_training_address_never_goes_through_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.kantor.example:3128")
    assert Transport("bimtek://192.168.1.10:8717").session.trust_env is False
    assert Transport("https://lapor.example.go.id").session.trust_env is True
