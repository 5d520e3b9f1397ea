"""The answers of the people endpoints, read and checked (docs/sync-protocol.md "People").

Plain frozen records: the services hand them on to the screen as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lapor_desk.models.enums import Role
from lapor_desk.models.shapes import showable
from lapor_desk.sync.rows import (
    expect_bool,
    expect_int,
    expect_object,
    expect_optional_text,
    expect_text,
    invalid,
)

#: What a one-time password may look like: short, visible ASCII (it is shown and read out).
OTP_LIMIT = 64


@dataclass(frozen=True)
class PersonRecord:
    id: int
    username: str
    display_name: str
    role: Role
    unit_id: int
    disabled: bool
    must_change_password: bool
    created_at: str


@dataclass(frozen=True)
class PeoplePage:
    people: tuple[PersonRecord, ...]
    has_more: bool


@dataclass(frozen=True)
class NewPassword:
    """An account with the one-time password the server made for it (shown once)."""

    person: PersonRecord
    one_time_password: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor_username: str
    action: str
    username: str
    detail: dict[str, Any]


def _name(value: Any, what: str) -> str:
    text = expect_text(value, what, 200)
    if not text or not showable(text):
        raise invalid(f"{what} must be a name without control characters")
    return text


def parse_person(value: Any) -> PersonRecord:
    data = expect_object(value, "user")
    try:
        role = Role(str(data.get("role")))
    except ValueError:
        raise invalid("unknown role") from None
    return PersonRecord(
        id=expect_int(data.get("id"), "user.id", 1),
        username=_name(data.get("username"), "user.username"),
        display_name=expect_optional_text(data.get("display_name"), "user.display_name",
                                          400) or "",
        role=role,
        unit_id=expect_int(data.get("unit_id"), "user.unit_id", 1),
        disabled=expect_bool(data.get("disabled"), "user.disabled"),
        must_change_password=expect_bool(data.get("must_change_password"),
                                         "user.must_change_password"),
        created_at=expect_text(data.get("created_at"), "user.created_at", 64),
    )


def parse_people(body: Any) -> PeoplePage:
    data = expect_object(body, "users")
    rows = data.get("users")
    if not isinstance(rows, list):
        raise invalid("users must be a list")
    return PeoplePage(tuple(parse_person(row) for row in rows),
                      expect_bool(data.get("has_more"), "has_more"))


def parse_new_password(body: Any) -> NewPassword:
    data = expect_object(body, "answer")
    password = expect_text(data.get("one_time_password"), "one_time_password", OTP_LIMIT)
    if not password or not (password.isascii() and password.isprintable()):
        raise invalid("one_time_password must be visible ASCII characters")
    return NewPassword(parse_person(data.get("user")), password)


def parse_audit(body: Any) -> tuple[AuditEntry, ...]:
    data = expect_object(body, "audit")
    rows = data.get("entries")
    if not isinstance(rows, list):
        raise invalid("entries must be a list")
    entries = []
    for row in rows:
        entry = expect_object(row, "entry")
        detail = entry.get("detail")
        entries.append(AuditEntry(
            id=expect_int(entry.get("id"), "entry.id", 1),
            at=expect_text(entry.get("at"), "entry.at", 64),
            actor_username=_name(entry.get("actor_username"), "entry.actor_username"),
            action=expect_text(entry.get("action"), "entry.action", 32),
            username=_name(entry.get("username"), "entry.username"),
            detail=dict(detail) if isinstance(detail, dict) else {}))
    return tuple(entries)
