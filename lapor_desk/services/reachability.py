"""Is the server back? A cheap probe of the health endpoint, for syncing on reconnect.

The UI calls :func:`server_answers` on its network worker while the last sync failed as
offline; it costs one small unauthenticated GET with short timeouts and no retries (the caller
probes again later, with backoff).
"""

from __future__ import annotations

import logging

from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.api import Api
from lapor_desk.sync.log import event
from lapor_desk.sync.retry import RetryPolicy

log = logging.getLogger("lapor_desk.services.reachability")

PROBE_TIMEOUT = (3.0, 5.0)
_ONE_TRY = RetryPolicy(attempts=1)


def server_answers(server_url: str, *, timeout: tuple[float, float] = PROBE_TIMEOUT) -> bool:
    """True when ``GET /api/v1/health`` answers ``ok``; False when it cannot be reached or
    answers with an error. Never raises for network trouble."""
    from lapor_desk.sync.transport import Transport  # brings requests: see sync/retry.py

    try:
        transport = Transport(server_url, timeout=timeout, retry=_ONE_TRY)
    except sync_errors.AddressRefused as exc:  # never probed over plain http://
        event(log, "reachability.address_refused", logging.DEBUG, code=exc.code)
        return False
    try:
        body = Api(transport).health_answer()
    except sync_errors.SyncError as exc:
        event(log, "reachability.down", logging.DEBUG, code=exc.code)
        return False
    finally:
        transport.close()
    ok = isinstance(body, dict) and body.get("status") == "ok"
    event(log, "reachability.up" if ok else "reachability.odd_answer")
    return ok
