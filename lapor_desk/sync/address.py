"""Which server addresses the desktop talks to, decided before any connection is made.

``https://`` always; plain ``http://`` only to this computer (loopback: ``localhost``,
``127.0.0.0/8``, ``::1``), where the demo's embedded server and the tests run. Over plain HTTP to
another computer the password, the session token and the reporters' data would cross the
network readable by anyone on the way, so such an address is refused here, at the transport's
boundary (:class:`lapor_desk.sync.transport.Transport` calls :func:`check_server_url` before it
makes its HTTP session), whatever asks for it: sign-in, sync, the headless CLI, the smoke test.

A training (bimtek) server is the one exception, and a deliberate one: its address is typed as
``bimtek://192.168.1.10:8717`` — the scheme the facilitator's screen shows — and means plain HTTP
to an IP address on the local network (private, link-local or loopback; never a name, never the
internet). The person chose it by typing ``bimtek://``; the data behind it is synthetic and its
passwords exist only on that server. Before a password goes to it, the session asks the server
whether it is a training server (``GET health`` says ``"training": true``) and refuses otherwise
(services/session.py), so a real server is never signed in to over plain HTTP.

No ``requests`` here: the sign-in dialog's services ask this before the network stack is loaded.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from lapor_desk.sync.errors import AddressRefused

PLAIN_HTTP = "plain_http"
INVALID_ADDRESS = "invalid_address"
#: ``bimtek://`` to something other than an IP address on the local network.
TRAINING_NOT_LOCAL = "training_not_local"
#: The scheme of a training server's address (plain HTTP on the local network).
TRAINING_SCHEME = "bimtek"


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (as ``urlsplit`` gives it: no brackets, lowercase) is this computer."""
    if not host:
        return False
    host = host.rstrip(".")
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name other than localhost (or 127.1 and other short forms): not known
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def is_local_network(host: str | None) -> bool:
    """Whether ``host`` is an IP address of the local network: private (RFC 1918, unique local
    IPv6), link-local or loopback; never a name (it could resolve anywhere), never ``0.0.0.0``."""
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return False
    return address.is_private or address.is_link_local or address.is_loopback


def is_training_url(url: str) -> bool:
    """Whether ``url`` names a training server (``bimtek://``)."""
    return url.strip().lower().startswith(TRAINING_SCHEME + "://")


def wire_url(url: str) -> str:
    """The HTTP address the transport connects to: ``bimtek://`` is plain ``http://``."""
    url = url.strip()
    if is_training_url(url):
        return "http://" + url[len(TRAINING_SCHEME) + 3:]
    return url


def training_url(host: str, port: int) -> str:
    """The address trainees type for a training server at ``host``:``port``."""
    shown = f"[{host}]" if ":" in host else host
    return f"{TRAINING_SCHEME}://{shown}:{port}"


def address_problem(url: str) -> str | None:
    """``None`` when the desktop may talk to ``url``; else why not: ``plain_http`` (``http://``
    to a computer other than this one), ``training_not_local`` (``bimtek://`` to anything but an
    IP address of the local network) or ``invalid_address`` (not an http(s) address with a
    host)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        return INVALID_ADDRESS
    scheme = parts.scheme.lower()
    if scheme == TRAINING_SCHEME and host:
        return None if is_local_network(host) else TRAINING_NOT_LOCAL
    if scheme not in ("http", "https") or not host:
        return INVALID_ADDRESS
    if scheme == "http" and not is_loopback(host):
        return PLAIN_HTTP
    return None


def check_server_url(url: str) -> None:
    """Raise :class:`AddressRefused` unless the desktop may talk to ``url``."""
    problem = address_problem(url)
    if problem == PLAIN_HTTP:
        raise AddressRefused("plain http:// to a computer other than this one is refused; "
                             "use the server's https:// address", code=PLAIN_HTTP)
    if problem == TRAINING_NOT_LOCAL:
        raise AddressRefused("a bimtek:// address is an IP address on the local network",
                             code=TRAINING_NOT_LOCAL)
    if problem is not None:
        raise AddressRefused("the server address is not an http(s) address with a host",
                             code=problem)
