"""Which server addresses the desktop talks to, decided before any connection is made.

``https://`` always; plain ``http://`` only to this computer (loopback: ``localhost``,
``127.0.0.0/8``, ``::1``), where the demo's embedded server and the tests run. Over plain HTTP to
another computer the password, the session token and the reporters' data would cross the
network readable by anyone on the way, so such an address is refused here, at the transport's
boundary (:class:`lapor_desk.sync.transport.Transport` calls :func:`check_server_url` before it
makes its HTTP session), whatever asks for it: sign-in, sync, the headless CLI, the smoke test.

No ``requests`` here: the sign-in dialog's services ask this before the network stack is loaded.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from lapor_desk.sync.errors import AddressRefused

PLAIN_HTTP = "plain_http"
INVALID_ADDRESS = "invalid_address"


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


def address_problem(url: str) -> str | None:
    """``None`` when the desktop may talk to ``url``; else why not: ``plain_http`` (``http://``
    to a computer other than this one) or ``invalid_address`` (not an http(s) address with a
    host)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        return INVALID_ADDRESS
    scheme = parts.scheme.lower()
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
    if problem is not None:
        raise AddressRefused("the server address is not an http(s) address with a host",
                             code=problem)
