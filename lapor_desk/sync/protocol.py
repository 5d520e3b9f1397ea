"""Strict parsing of what the sync server sends (``docs/sync-protocol.md``, schema version 3).

Every response goes through a parser here before anything touches the cache. A body with wrong
types, missing keys, absurd sizes, a value of the wrong shape (a record id that is not a UUID, a
``sha256`` that is not 64 hex digits, a file name with a path separator or a control character,
a number out of its range: :mod:`lapor_desk.models.shapes`) or a ``schema_version`` newer than
ours raises :class:`~lapor_desk.sync.errors.ProtocolError`; since parsing happens before the
transaction that applies a page, a bad page changes nothing, on disk or in the cache.

Row blocks are validated by :mod:`lapor_desk.sync.rows` (the row layout, schema version 1) and
:mod:`lapor_desk.sync.columnar` (the columnar layout, version 2, and the packed layout built on it,
version 3, which this desktop asks for: :mod:`lapor_desk.sync.packed`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from lapor_desk.models import wire
from lapor_desk.models.enums import Outcome, Role
from lapor_desk.models.shapes import is_record_id, showable
from lapor_desk.sync.columnar import parse_columns, parse_ids
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.packed import decode_ids
from lapor_desk.sync.rows import (
    COLUMNS,
    ENTITY_ORDER,
    EntityRows,
    check_json,
    expect_bool,
    expect_int,
    expect_object,
    expect_optional_text,
    expect_text,
    invalid,
    parse_complaint_object,
    parse_rows,
)

SCHEMA_VERSION = wire.PACKED_SCHEMA_VERSION
#: The first schema version whose pages may come in the columnar layout.
COLUMNS_SCHEMA_VERSION = wire.COLUMNS_SCHEMA_VERSION
#: The first schema version whose pages may come in the packed layout (columnar, each column in
#: the form that compresses best: :mod:`lapor_desk.sync.packed`).
PACKED_SCHEMA_VERSION = wire.PACKED_SCHEMA_VERSION
MAX_PAGE_ROWS = 250_000
MAX_PAGE_IDS = 3 * MAX_PAGE_ROWS
MAX_TOMBSTONES = 250_000
MAX_CURSOR = 4096
MAX_RESULTS = 500

@dataclass(frozen=True)
class Tombstone:
    entity: str
    id: str | int


@dataclass(frozen=True)
class ServerEpoch:
    """Which history of changes the server holds (a restore from a backup changes ``id``) and
    where its newest backup stands (docs/sync-protocol.md, "Restores and the epoch")."""

    id: str
    backup_seq: int | None = None


def parse_epoch(data: Mapping[str, Any]) -> ServerEpoch | None:
    """The ``epoch`` and ``backup_seq`` of a page, a push answer or health (None: not said)."""
    raw = data.get("epoch")
    if raw is None:
        return None
    backup = data.get("backup_seq")
    return ServerEpoch(expect_text(raw, "epoch", 64),
                       None if backup is None else expect_int(backup, "backup_seq", 0))


@dataclass(frozen=True)
class PushAnswer:
    results: list[PushResult]
    #: The server's epoch, and its change counter after the batch (None from older servers).
    epoch: ServerEpoch | None
    seq: int | None


@dataclass(frozen=True)
class Page:
    schema_version: int
    cursor: str | None
    has_more: bool
    reset: bool
    server_time: str | None
    changes: dict[str, EntityRows]
    tombstones: tuple[Tombstone, ...]
    #: ``(from, at, head)`` change sequence numbers, when the server says them (an estimate of
    #: how far the pull has come; see :func:`pull_fraction`)
    progress: tuple[int, int, int] | None = None
    wire_bytes: int = 0  # the page's size on the wire (compressed), set by the engine
    #: The server's epoch and newest backup, when it says them (older servers do not).
    epoch: ServerEpoch | None = None

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.changes.values()) + len(self.tombstones)


def check_schema_version(value: Any) -> int:
    version = expect_int(value, "schema_version", 1)
    if version > SCHEMA_VERSION:
        raise ProtocolError(
            f"server speaks schema version {version}; this desktop knows {SCHEMA_VERSION}",
            code="schema_too_new",
        )
    return version


def parse_page(body: Any) -> Page:
    data = expect_object(body, "page")
    for key in ("schema_version", "cursor", "has_more"):
        if key not in data:
            raise invalid(f"page lacks {key}")
    version = check_schema_version(data["schema_version"])
    reset = expect_bool(data.get("reset", False), "reset")
    cursor = expect_optional_text(data["cursor"], "cursor", MAX_CURSOR)
    has_more = expect_bool(data["has_more"], "has_more")
    if cursor is None and not reset:
        raise invalid("page without a cursor")
    server_time = expect_optional_text(data.get("server_time"), "server_time", 64)
    raw_changes = expect_object({} if data.get("changes") is None else data["changes"], "changes")
    changes: dict[str, EntityRows] = {}
    total = 0
    if version >= COLUMNS_SCHEMA_VERSION:  # the columnar layout
        packed = version >= PACKED_SCHEMA_VERSION
        raw_ids = data.get("ids")
        if packed and isinstance(raw_ids, dict):
            ids = decode_ids(raw_ids, raw_changes, MAX_PAGE_IDS)
        else:
            ids = parse_ids(raw_ids, MAX_PAGE_IDS)
        for entity, block in raw_changes.items():
            if entity not in COLUMNS:
                continue  # an entity a newer server knows: ignore
            parsed = parse_columns(entity, block, ids, MAX_PAGE_ROWS - total, packed)
            total += len(parsed)
            changes[entity] = parsed
    else:  # the row layout
        for entity, block in raw_changes.items():
            if entity not in COLUMNS:
                continue
            block_obj = expect_object(block, f"changes.{entity}")
            rows = block_obj.get("rows")
            if isinstance(rows, list):
                total += len(rows)
            if total > MAX_PAGE_ROWS:
                raise invalid("page has too many rows")
            changes[entity] = parse_rows(entity, block_obj.get("columns"), rows)
    raw_tombs = [] if data.get("tombstones") is None else data["tombstones"]
    if not isinstance(raw_tombs, list) or len(raw_tombs) > MAX_TOMBSTONES:
        raise invalid("tombstones must be a list")
    tombstones: list[Tombstone] = []
    for raw in raw_tombs:
        tomb = expect_object(raw, "tombstone")
        entity = expect_text(tomb.get("entity"), "tombstone.entity", 64)
        ident = tomb.get("id")
        if entity == "agency":
            tombstones.append(Tombstone(entity, expect_int(ident, "tombstone.id", 1)))
        elif entity == "event":  # made by the server; the cache keeps it as text
            tombstones.append(Tombstone(entity, str(expect_int(ident, "tombstone.id", 1))))
        elif entity in COLUMNS:
            if not is_record_id(ident):
                raise invalid("tombstone.id must be a record id (a UUID)")
            tombstones.append(Tombstone(entity, ident))
    if reset and (changes or tombstones):
        raise invalid("a reset page must not carry changes")
    return Page(version, cursor, has_more, reset, server_time, changes, tuple(tombstones),
                parse_progress(data.get("progress")), epoch=parse_epoch(data))


def parse_progress(value: Any) -> tuple[int, int, int] | None:
    """A page's optional ``progress`` object: ``from <= at <= head``, all non-negative."""
    if value is None:
        return None
    data = expect_object(value, "progress")
    start = expect_int(data.get("from"), "progress.from", 0)
    at = expect_int(data.get("at"), "progress.at", start)
    head = expect_int(data.get("head"), "progress.head", at)
    return start, at, head


def pull_fraction(first: tuple[int, int, int] | None,
                  last: tuple[int, int, int] | None) -> float | None:
    """How much of a pull is done, from its first page's and its latest page's progress: the
    share of the change sequence between where the pull started and the server's newest change
    that lies behind the cursor. An estimate (changes outside the caller's scope count too),
    None when the server does not say."""
    if first is None or last is None:
        return None
    start, head = first[0], last[2]
    if head <= start:
        return 1.0
    return min(1.0, max(0.0, (last[1] - start) / (head - start)))


@dataclass(frozen=True)
class PushResult:
    mutation_id: int
    outcome: Outcome
    version: int | None
    reason: str | None
    detail: str | None
    current: dict[str, Any] | None


def parse_push_answer(body: Any, sent: Sequence[int]) -> PushAnswer:
    """A push's answer: the results, and where the server stood after the batch."""
    data = expect_object(body, "push response")
    seq = data.get("seq")
    return PushAnswer(parse_push_results(data, sent), parse_epoch(data),
                      None if seq is None else expect_int(seq, "seq", 0))


def parse_push_results(body: Any, sent: Sequence[int]) -> list[PushResult]:
    """Results of a push; each sent mutation id must be answered exactly once."""
    data = expect_object(body, "push response")
    raw = data.get("results")
    if not isinstance(raw, list) or len(raw) > MAX_RESULTS:
        raise invalid("results must be a list")
    expected = set(sent)
    results: list[PushResult] = []
    seen: set[int] = set()
    for item in raw:
        obj = expect_object(item, "result")
        mutation_id = expect_int(obj.get("mutation_id"), "mutation_id", 1)
        if mutation_id not in expected or mutation_id in seen:
            raise invalid(f"unexpected result for mutation {mutation_id}")
        seen.add(mutation_id)
        try:
            outcome = Outcome(str(obj.get("outcome")))
        except ValueError:
            raise invalid("unknown outcome") from None
        version = obj.get("version")
        version = None if version is None else expect_int(version, "version", 0)
        reason = expect_optional_text(obj.get("reason"), "reason", 64)
        raw_detail = obj.get("detail")
        if raw_detail is None or isinstance(raw_detail, str):
            detail = expect_optional_text(raw_detail, "detail", 4000)
        else:
            check_json(raw_detail)
            detail = orjson.dumps(raw_detail).decode()[:4000]
        current = None
        if obj.get("current") is not None:
            current = parse_complaint_object(obj["current"])
        if outcome == Outcome.REJECTED and reason is None:
            raise invalid("a rejection needs a reason")
        results.append(PushResult(mutation_id, outcome, version, reason, detail, current))
    if seen != expected:
        raise invalid("the server did not answer every action")
    return results


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int
    scope_root_id: int


def parse_user(value: Any) -> UserInfo:
    data = expect_object(value, "user")
    try:
        role = Role(str(data.get("role")))
    except ValueError:
        raise invalid("unknown role") from None
    username = expect_text(data.get("username"), "user.username", 200)
    if not username or not showable(username):
        raise invalid("user.username must be a name without control characters")
    return UserInfo(
        id=expect_int(data.get("id"), "user.id"),
        username=username,
        display_name=expect_optional_text(data.get("display_name"), "user.display_name", 400) or "",
        role=role,
        unit_id=expect_int(data.get("unit_id"), "user.unit_id"),
        scope_root_id=expect_int(data.get("scope_root_id"), "user.scope_root_id"),
    )


@dataclass(frozen=True)
class Login:
    token: str
    expires_at: str | None
    user: UserInfo


def parse_login(body: Any) -> Login:
    data = expect_object(body, "login")
    token = expect_text(data.get("token"), "token", 512)
    if not token or not (token.isascii() and token.isprintable()) or " " in token:
        raise invalid("token must be visible ASCII characters")  # it goes into a header
    return Login(
        token=token,
        expires_at=expect_optional_text(data.get("expires_at"), "expires_at", 64),
        user=parse_user(data.get("user")),
    )


@dataclass(frozen=True)
class UploadState:
    offset: int
    complete: bool


def parse_upload_state(body: Any, total: int | None = None) -> UploadState:
    data = expect_object(body, "upload")
    offset = expect_int(data.get("offset"), "offset", 0)
    if total is not None and offset > total:
        raise invalid("upload offset beyond the blob")
    return UploadState(offset, expect_bool(data.get("complete"), "complete"))


@dataclass(frozen=True)
class Health:
    status: str
    schema_version: int
    instance_id: str
    epoch: ServerEpoch | None = None


def parse_health(body: Any) -> Health:
    data = expect_object(body, "health")
    return Health(
        status=expect_text(data.get("status"), "status", 64),
        schema_version=check_schema_version(data.get("schema_version")),
        instance_id=expect_text(data.get("instance_id"), "instance_id", 200),
        epoch=parse_epoch(data),
    )


__all__ = [
    "COLUMNS",
    "ENTITY_ORDER",
    "SCHEMA_VERSION",
    "EntityRows",
    "Health",
    "Login",
    "Page",
    "PushAnswer",
    "PushResult",
    "ServerEpoch",
    "Tombstone",
    "UploadState",
    "UserInfo",
    "check_schema_version",
    "parse_epoch",
    "parse_health",
    "parse_login",
    "parse_page",
    "parse_push_answer",
    "parse_push_results",
    "parse_rows",
    "parse_upload_state",
    "parse_user",
]
