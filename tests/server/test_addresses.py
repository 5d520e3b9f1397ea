"""The client's address: the socket's peer, or what a trusted proxy says in X-Forwarded-For."""

from __future__ import annotations

import pytest

from lapor_desk.server.addresses import ClientAddress, client_address, parse_networks


def _scope(peer: str | None, *forwarded: str) -> dict[str, object]:
    headers = [(b"x-forwarded-for", value.encode("latin-1")) for value in forwarded]
    return {"client": (peer, 5000) if peer else None, "headers": headers}


PROXIES = parse_networks(["10.0.0.0/8", "::1"])


@pytest.mark.parametrize(("scope", "trusted", "expected"), [
    (_scope("203.0.113.5", "198.51.100.1"), PROXIES, "203.0.113.5"),  # untrusted peer: header ignored
    (_scope("10.0.0.2", "198.51.100.1"), (), "10.0.0.2"),  # no proxy configured
    (_scope("10.0.0.2", "198.51.100.1"), PROXIES, "198.51.100.1"),
    (_scope("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.3"), PROXIES, "198.51.100.1"),
    (_scope("10.0.0.2", "6.6.6.6", "198.51.100.1"), PROXIES, "198.51.100.1"),  # two headers
    (_scope("10.0.0.2", "10.0.0.9, 10.0.0.3"), PROXIES, "10.0.0.9"),  # every hop a proxy
    (_scope("10.0.0.2", "unknown, garbage"), PROXIES, "10.0.0.2"),  # nothing believable
    (_scope("10.0.0.2", "198.51.100.1:4711"), PROXIES, "198.51.100.1"),
    (_scope("::1", "[2001:db8::7]:443"), PROXIES, "2001:db8::7"),
    (_scope("::ffff:203.0.113.8"), PROXIES, "203.0.113.8"),
    (_scope("10.0.0.2", ""), PROXIES, "10.0.0.2"),
])
def test_client_address(scope: dict[str, object], trusted: tuple[object, ...],
                        expected: str) -> None:
    assert client_address(scope, trusted).address == expected  # type: ignore[arg-type]


def test_ipv6_clients_are_counted_by_their_64_and_a_missing_peer_is_unknown() -> None:
    found = client_address(_scope("2001:db8:1:2:aaaa::1"), ())  # type: ignore[arg-type]
    assert found == ClientAddress("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")
    assert client_address(_scope(None), ()).bucket == "unknown"  # type: ignore[arg-type]


def test_a_bad_trusted_proxy_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_networks(["not-an-address"])
