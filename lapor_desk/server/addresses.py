"""Who is asking: the client's address, behind a reverse proxy only when it is trusted.

The direct peer of the connection is the client, unless it is one of the configured trusted
proxies (``ServerSettings.trusted_proxies``, ``lapor-server serve --trusted-proxy``): then
``X-Forwarded-For`` is read from its right end, skipping further trusted proxies, and the first
address that is not one is the client. From any other peer the header is ignored: anyone can
write it. (uvicorn's own proxy-header handling is switched off where the server is started, so
the peer seen here is the socket's.)

The login throttle counts an IPv6 client by its /64 network (one host usually holds a whole
/64); logs name the address itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import Scope

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class ClientAddress:
    address: str  # for logs
    bucket: str  # for the throttle: the address, or its /64 for IPv6


UNKNOWN = ClientAddress("unknown", "unknown")


def parse_networks(items: Iterable[str]) -> tuple[Network, ...]:
    """``["10.0.0.1", "192.168.0.0/16", "::1"]`` -> networks; raises ValueError on a bad one."""
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        return found.ipv4_mapped
    return found


def _client(found: Address) -> ClientAddress:
    if isinstance(found, ipaddress.IPv6Address):
        return ClientAddress(str(found), str(ipaddress.ip_network(f"{found}/64", strict=False)))
    return ClientAddress(str(found), str(found))


def _forwarded_for(scope: Scope) -> list[str]:
    entries: list[str] = []
    for name, raw in scope.get("headers", []):
        if name == b"x-forwarded-for":
            entries.extend(raw.decode("latin-1").split(","))
    return entries


def client_address(scope: Scope, trusted: tuple[Network, ...]) -> ClientAddress:
    client = scope.get("client")
    peer = _address(str(client[0])) if client else None
    if peer is None:
        return UNKNOWN

    def is_trusted(found: Address) -> bool:
        return any(found in network for network in trusted)

    if not trusted or not is_trusted(peer):
        return _client(peer)
    current = peer
    for entry in reversed(_forwarded_for(scope)):
        hop = _address(entry)
        if hop is None:
            break  # garbage in the header: the last trusted hop is all that is known
        current = hop
        if not is_trusted(hop):
            break
    return _client(current)
