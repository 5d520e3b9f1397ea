"""HTTP transport to the sync server: the one place where ``requests`` is used.

One :class:`requests.Session` per transport; every call has a (connect, read) timeout; TLS
verification is always on (``verify`` is ``True`` or a CA bundle path); redirects are never
followed (a ``3xx`` is a protocol error), so nothing can send a request on to plain ``http://``.
A transport is only made for an address :func:`lapor_desk.sync.address.check_server_url` allows
(``https://``, or ``http://`` to this computer): the check runs before anything connects.
Failures are translated once, here, into :mod:`lapor_desk.sync.errors`.

Retries (own loop, exponential backoff with full jitter, ``Retry-After`` honoured):
connection errors, timeouts, bodies broken mid-read (chunked encoding / decoding errors, truncated
JSON) and HTTP 429/502/503/504. ``POST /sync/push`` is retried because actions are idempotent by
mutation id; login is never retried on 401 (4xx other than 429 is never retried), nor on 429: a
throttled login waits for the person, who sees at once that they must wait (``Retry-After`` is
minutes there; a retry would send the same, perhaps wrong, password again). TLS certificate
errors are not retried. Each logical request sends one ``X-Request-ID`` (kept across retries).

Every answer's ``Date`` header, with when the request left and its answer arrived, goes to the
transport's :class:`~lapor_desk.sync.clock.ServerClock` (when its owner gave it one): that is how
the desktop learns the server's clock.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

import orjson
import requests
import urllib3
from requests.exceptions import (
    ChunkedEncodingError,
    ContentDecodingError,
    SSLError,
    Timeout,
)
from requests.exceptions import (
    ConnectionError as RequestsConnectionError,
)

from lapor_desk.sync.address import check_server_url, is_training_url, wire_url
from lapor_desk.sync.clock import ServerClock
from lapor_desk.sync.errors import (
    AccountDisabledError,
    AuthError,
    OfflineError,
    ProtocolError,
    ServerError,
    SyncError,
)
from lapor_desk.sync.log import event
from lapor_desk.sync.retry import RetryPolicy

log = logging.getLogger("lapor_desk.sync.transport")

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024


class _Retryable(Exception):
    """Internal: one attempt failed in a way worth retrying."""

    def __init__(self, final: SyncError, retry_after: float | None = None) -> None:
        super().__init__(str(final))
        self.final = final
        self.retry_after = retry_after


def _retry_after(response: requests.Response) -> float | None:
    raw = response.headers.get("Retry-After")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None


def _error_body(response: requests.Response) -> tuple[str | None, str, str | None]:
    try:
        data = orjson.loads(response.content[:65536])
        err = data.get("error") if isinstance(data, dict) else None
        if isinstance(err, dict):
            code = err.get("code")
            message = err.get("message")
            request_id = err.get("request_id")
            return (
                code if isinstance(code, str) else None,
                message if isinstance(message, str) else "",
                request_id if isinstance(request_id, str) else None,
            )
    except (orjson.JSONDecodeError, ValueError, RequestsConnectionError, ChunkedEncodingError):
        pass
    return None, "", None


class Transport:
    """Talks JSON (and blob bytes) to ``base_url`` (e.g. ``https://lapor.example.go.id``)."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        verify: bool | str = True,
        timeout: tuple[float, float] = (10.0, 60.0),
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        session: requests.Session | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        user_agent: str = "lapor-desk/0.1",
        server_clock: ServerClock | None = None,
    ) -> None:
        if verify is False or verify == "":
            raise ValueError("TLS verification cannot be turned off; pass a CA bundle path")
        check_server_url(base_url)  # before any session or connection exists
        self.base_url = wire_url(base_url).rstrip("/")
        self.token = token
        self.verify: bool | str = verify
        self.timeout = timeout
        self.retry = retry
        self.sleep = sleep
        self.rand = rand
        self.max_response_bytes = max_response_bytes
        #: Learns the server's clock from every answer's ``Date`` (None: nobody asks).
        self.server_clock = server_clock
        #: Asked before every retry: when it answers true the call ends with its last failure
        #: instead of trying again (a cancelled sync does not sit through the retries of a
        #: server that stopped answering; the engine sets it to its cancel flag).
        self.should_stop: Callable[[], bool] = never
        self.session = session or requests.Session()
        if is_training_url(base_url):
            # The room's network: an office proxy (from the environment or the system's
            # settings) cannot reach the facilitator's laptop, so it is never asked.
            self.session.trust_env = False
        self.session.headers["User-Agent"] = user_agent
        # zstd when urllib3 can decode it (backports.zstd / Python 3.14), else gzip.
        self.session.headers["Accept-Encoding"] = (
            "zstd, gzip" if "zstd" in urllib3.util.request.ACCEPT_ENCODING else "gzip")

    def close(self) -> None:
        self.session.close()

    # --- public calls -------------------------------------------------------------------------

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._call("GET", path, params=params)

    def post_json(self, path: str, body: Any, *, auth: bool = True,
                  retry_throttled: bool = True) -> Any:
        return self._call("POST", path, data=orjson.dumps(body), auth=auth,
                          content_type="application/json", retry_throttled=retry_throttled)

    def put_bytes(self, path: str, params: Mapping[str, Any], data: bytes) -> Any:
        return self._call("PUT", path, params=params, data=data,
                          content_type="application/octet-stream")

    def download(
        self,
        path: str,
        sink: BinaryIO,
        offset: int,
        on_bytes: Callable[[int], None] | None = None,
    ) -> int:
        """Append the resource's bytes from ``offset`` to ``sink``, resuming after broken reads.

        Returns the number of bytes in ``sink`` (the new offset). ``sink`` must be positioned at
        ``offset``; when the server ignores the Range header the sink is rewound and rewritten.
        """
        request_id = uuid.uuid4().hex
        position = offset

        def attempt() -> int:
            nonlocal position
            headers = {"X-Request-ID": request_id, "Accept-Encoding": "identity"}
            if position:
                headers["Range"] = f"bytes={position}-"
            response = self._send("GET", path, headers=headers, stream=True)
            with response:
                if response.status_code == 416:
                    return position  # nothing more to send
                self._raise_for_status(response, request_id)
                if position and response.status_code == 200:
                    sink.seek(0)
                    sink.truncate()
                    position = 0
                try:
                    for chunk in response.iter_content(CHUNK):
                        sink.write(chunk)
                        position += len(chunk)
                        if position > self.max_response_bytes:
                            raise ProtocolError("blob larger than allowed", code="too_large")
                        if on_bytes is not None:
                            on_bytes(len(chunk))
                except (ChunkedEncodingError, ContentDecodingError, RequestsConnectionError,
                        Timeout) as exc:
                    sink.flush()
                    raise _Retryable(OfflineError(f"download broken: {exc}",
                                                  code="connection_broken")) from exc
            return position

        return int(self._with_retries("GET", path, attempt))

    # --- machinery ----------------------------------------------------------------------------

    def _headers(self, request_id: str, auth: bool, content_type: str | None) -> dict[str, str]:
        headers = {"X-Request-ID": request_id, "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _send(self, method: str, path: str, *, headers: dict[str, str],
              params: Mapping[str, Any] | None = None, data: bytes | None = None,
              stream: bool = False, auth: bool = True) -> requests.Response:
        if auth and self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        clock = self.server_clock
        sent = clock.elapsed() if clock is not None else 0.0
        try:
            response = self.session.request(
                method, self.base_url + path, params=params, data=data, headers=headers,
                timeout=self.timeout, verify=self.verify, stream=stream, allow_redirects=False,
            )
        except SSLError as exc:
            raise OfflineError(f"TLS failure: {exc}", code="tls_error") from exc
        except Timeout as exc:
            raise _Retryable(OfflineError(f"timed out: {exc}", code="timeout")) from exc
        except (ChunkedEncodingError, ContentDecodingError) as exc:
            raise _Retryable(OfflineError(f"connection broken: {exc}",
                                          code="connection_broken")) from exc
        except RequestsConnectionError as exc:
            raise _Retryable(OfflineError(f"cannot connect: {exc}", code="offline")) from exc
        except requests.RequestException as exc:
            raise OfflineError(f"request failed: {exc}", code="offline") from exc
        if clock is not None:  # the headers are in: the server made the answer since ``sent``
            clock.observe(response.headers.get("Date"), sent, clock.elapsed())
        return response

    def _raise_for_status(self, response: requests.Response, request_id: str) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        code, message, server_request_id = _error_body(response)
        rid = server_request_id or response.headers.get("X-Request-ID") or request_id
        text = f"HTTP {status} {code or ''}: {message}".strip()
        if status in RETRY_STATUSES:
            raise _Retryable(
                ServerError(text, code=code or "unavailable", request_id=rid, status=status),
                _retry_after(response),
            )
        if status in (401, 403):
            refused = AccountDisabledError if code == AccountDisabledError.code else AuthError
            raise refused(text, code=code or "auth_required", request_id=rid, status=status)
        if status >= 500:
            raise ServerError(text, code=code or "internal_error", request_id=rid, status=status)
        server_offset: int | None = None
        if status == 409:
            try:
                body = orjson.loads(response.content[:65536])
                raw = body.get("offset", body.get("error", {}).get("offset"))
                server_offset = raw if isinstance(raw, int) and raw >= 0 else None
            except (orjson.JSONDecodeError, AttributeError, TypeError):
                server_offset = None
        raise ProtocolError(text, code=code or "invalid_request", request_id=rid, status=status,
                            server_offset=server_offset)

    #: bytes of the last JSON answer as they crossed the network (compressed); progress only
    last_wire_bytes = 0

    def _read_body(self, response: requests.Response) -> bytes:
        parts: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(CHUNK):
                total += len(chunk)
                if total > self.max_response_bytes:
                    raise ProtocolError("response larger than allowed", code="too_large")
                parts.append(chunk)
        except (ChunkedEncodingError, ContentDecodingError, RequestsConnectionError,
                Timeout) as exc:
            raise _Retryable(OfflineError(f"response broken mid-read: {exc}",
                                          code="connection_broken")) from exc
        return b"".join(parts)

    def _call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
              data: bytes | None = None, auth: bool = True,
              content_type: str | None = None, retry_throttled: bool = True) -> Any:
        request_id = uuid.uuid4().hex

        def attempt() -> Any:
            headers = self._headers(request_id, auth, content_type)
            response = self._send(method, path, headers=headers, params=params, data=data,
                                  stream=True, auth=auth)
            with response:
                try:
                    self._raise_for_status(response, request_id)
                except _Retryable as failure:
                    if retry_throttled or response.status_code != 429:
                        raise
                    raise failure.final from None
                body = self._read_body(response)
                self.last_wire_bytes = _wire_bytes(response, len(body))
            try:
                return orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise _Retryable(ProtocolError(f"response is not valid JSON: {exc}",
                                               code="invalid_json", request_id=request_id)) from exc

        return self._with_retries(method, path, attempt)

    def _with_retries(self, method: str, path: str, attempt: Callable[[], Any]) -> Any:
        retry_number = 0
        while True:
            try:
                return attempt()
            except _Retryable as failure:
                retry_number += 1
                if retry_number >= self.retry.attempts or self.should_stop():
                    event(log, "http.gave_up", logging.WARNING, method=method, path=path,
                          attempts=retry_number, error=failure.final.code,
                          stopped=retry_number < self.retry.attempts)
                    raise failure.final from failure
                delay = self.retry.backoff(retry_number - 1, self.rand)
                if failure.retry_after is not None:
                    delay = max(delay, min(failure.retry_after, self.retry.max_retry_after))
                event(log, "http.retry", logging.INFO, method=method, path=path,
                      attempt=retry_number, delay=round(delay, 3), error=failure.final.code)
                self.sleep(delay)


def never() -> bool:
    """The default of :attr:`Transport.should_stop`."""
    return False


def _wire_bytes(response: requests.Response, fallback: int) -> int:
    """What urllib3 read off the socket for ``response`` (before decompression)."""
    try:
        told = response.raw.tell()
    except Exception:  # noqa: BLE001 - a transport adapter without tell(): count the body
        return fallback
    return told if isinstance(told, int) and told > 0 else fallback
