"""What the fault proxy does to a request (``Fault``), which requests it picks (``Rule``) and what
it records (``RequestRecord``). See ``tests/support/faultproxy.py``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.support.faultproxy import FaultProxy


class FaultKind(Enum):
    PASS = "passthrough"
    STALL = "stall"
    RESET_REQUEST = "reset_request"
    RESET_RESPONSE = "reset_response"
    TRUNCATE_RESPONSE = "truncate_response"
    INJECT_STATUS = "inject_status"
    LOSE_RESPONSE = "lose_response"


@dataclass(frozen=True)
class Fault:
    """What happens to one request (or every request of one connection).

    ``after_bytes`` counts from the first byte of the message, or from the first byte of its
    body when ``from_body``; when the message is shorter the fault fires at its end.
    """

    kind: FaultKind = FaultKind.PASS
    request_delay: float = 0.0
    response_delay: float = 0.0
    bytes_per_second: int | None = None
    after_bytes: int = 0
    from_body: bool = False
    status: int = 503
    retry_after: int | None = None
    body: bytes | None = None
    stall_seconds: float | None = None
    then_forward: bool = False

    @classmethod
    def passthrough(cls) -> Fault:
        return cls()

    @classmethod
    def delay(cls, request: float = 0.0, response: float = 0.0) -> Fault:
        """Wait ``request`` s before forwarding each request, ``response`` s before each answer."""
        return cls(request_delay=request, response_delay=response)

    @classmethod
    def bandwidth(cls, bytes_per_second: int) -> Fault:
        return cls(bytes_per_second=bytes_per_second)

    @classmethod
    def reset_request(cls, after_bytes: int = 0, *, from_body: bool = False) -> Fault:
        """Forward ``after_bytes`` of the request upstream, then reset both connections."""
        return cls(FaultKind.RESET_REQUEST, after_bytes=after_bytes, from_body=from_body)

    @classmethod
    def reset_response(cls, after_bytes: int = 0, *, from_body: bool = False) -> Fault:
        """Send ``after_bytes`` of the upstream's answer, then reset the client (RST)."""
        return cls(FaultKind.RESET_RESPONSE, after_bytes=after_bytes, from_body=from_body)

    @classmethod
    def truncate_response(cls, after_bytes: int = 0, *, from_body: bool = True) -> Fault:
        """Send ``after_bytes`` of the upstream's answer, then close the client cleanly (FIN)."""
        return cls(FaultKind.TRUNCATE_RESPONSE, after_bytes=after_bytes, from_body=from_body)

    @classmethod
    def stall(cls, seconds: float | None = None, *, then_forward: bool = False) -> Fault:
        """Hold the request silent for ``seconds`` (``None``: until ``clear()``/``close()``),
        then close the connection, or forward the request as usual when ``then_forward``."""
        return cls(FaultKind.STALL, stall_seconds=seconds, then_forward=then_forward)

    @classmethod
    def inject_status(
        cls, status: int = 503, *, retry_after: int | None = None, body: bytes | None = None
    ) -> Fault:
        """Answer ``status`` without contacting the upstream (the request body is drained)."""
        return cls(FaultKind.INJECT_STATUS, status=status, retry_after=retry_after, body=body)

    @classmethod
    def lose_response(cls) -> Fault:
        """Forward the whole request, read the whole answer, drop it and reset the client."""
        return cls(FaultKind.LOSE_RESPONSE)

    def with_delay(self, request: float = 0.0, response: float = 0.0) -> Fault:
        return dataclasses.replace(self, request_delay=request, response_delay=response)

    def with_bandwidth(self, bytes_per_second: int) -> Fault:
        return dataclasses.replace(self, bytes_per_second=bytes_per_second)

    def describe(self) -> str:
        args: list[str] = []
        if self.kind in (
            FaultKind.RESET_REQUEST,
            FaultKind.RESET_RESPONSE,
            FaultKind.TRUNCATE_RESPONSE,
        ):
            args.append(
                f"after_bytes={self.after_bytes}" + (", from_body" if self.from_body else "")
            )
        elif self.kind is FaultKind.INJECT_STATUS:
            args.append(str(self.status))
            if self.retry_after is not None:
                args.append(f"retry_after={self.retry_after}")
        elif self.kind is FaultKind.STALL:
            args.append(
                f"seconds={self.stall_seconds}" + (", then_forward" if self.then_forward else "")
            )
        if self.request_delay or self.response_delay:
            args.append(f"delay={self.request_delay}/{self.response_delay}")
        if self.bytes_per_second:
            args.append(f"bandwidth={self.bytes_per_second}")
        return f"{self.kind.value}({', '.join(args)})"


PASSTHROUGH = Fault()


@dataclass(frozen=True)
class RequestInfo:
    """What a rule's ``match`` predicate sees."""

    seq: int
    connection: int
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class RequestRecord:
    """One request as the proxy saw it. ``outcome``: ``pending``, ``forwarded``, ``injected``,
    ``stalled``, ``reset_request``, ``reset_response``, ``truncated``, ``lost``,
    ``upstream_unavailable`` or ``aborted`` (the client or upstream went away mid-exchange)."""

    seq: int
    connection: int
    method: str
    path: str
    fault: str
    status: int | None = None
    outcome: str = "pending"
    request_bytes: int = 0
    response_bytes: int = 0


@dataclass
class Rule:
    fault: Fault
    path_prefix: str | None = None
    method: str | None = None
    match: Callable[[RequestInfo], bool] | None = None
    skip: int = 0
    times: int | None = None
    seen: int = 0
    hits: int = 0
    _owner: FaultProxy | None = field(default=None, repr=False)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def remove(self) -> None:
        if self._owner is not None:
            self._owner._remove_rule(self)

    def _passes(self, info: RequestInfo | None) -> bool:
        if info is None:
            return True
        if self.method is not None and info.method != self.method.upper():
            return False
        if self.path_prefix is not None and not info.path.startswith(self.path_prefix):
            return False
        return self.match is None or self.match(info)

    def _claim(self, info: RequestInfo | None, taken: bool) -> bool:
        """Count ``info`` if it passes the filters; claim it when due and not ``taken``."""
        if not self._passes(info):
            return False
        self.seen += 1
        if taken or self.seen <= self.skip or self.exhausted:
            return False
        self.hits += 1
        return True
