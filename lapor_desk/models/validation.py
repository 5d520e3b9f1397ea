"""What an action may carry: ONE check for both sides of the wire.

The desktop runs it before it queues an action (``sync/outbox.py``) and queues what it returns;
the server runs it before it decides or stores one (``server/services/actions.py``, and
``lifecycle.decide`` on both sides), and its answer is the one that counts. Both therefore agree
on every value: what the desktop accepts, the server accepts (``tests/sync/
test_validation_property.py`` holds them to it with generated input over loopback HTTP, on SQLite
and PostgreSQL).

- :func:`check_payload` — a lifecycle action's payload (every kind but ``record_complaint``):
  the keys of its kind, their types, lengths and id shapes; text cleaned (``models/text.py``);
  unknown keys dropped. Raises :class:`ActionRejected` with ``detail`` ``"<field>:<code>"``
  (``required``, ``too_long``, ``invalid``), which the desktop words for a person.
- :func:`check_record` — a ``record_complaint`` action: the complaint (``models/intake.py``)
  and its attachments.
- :func:`check_record_id` — ids made by clients: a UUID in canonical text, the shape every
  desktop checks a pulled page against (``models/shapes.py``); refused, never cleaned. Hashes,
  file names and media types of attachments are held to the same shapes (after cleaning).

Every limit is no longer than the server's column that stores the value
(``tests/server/test_validation_limits.py`` compares them with ``server/db.py``). Cleaning is
idempotent, so checking a checked payload again returns it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from lapor_desk.models.complaint_state import ActionRejected, AttachmentRef
from lapor_desk.models.enums import ActionKind, ArchiveReason, RejectReason
from lapor_desk.models.intake import IntakeError, NewComplaint, validate_new_complaint
from lapor_desk.models.shapes import is_filename, is_mime_type, is_sha256
from lapor_desk.models.shapes import is_record_id as _is_uuid
from lapor_desk.models.text import clean_filename, clean_line, clean_text

__all__ = [
    "FILENAME_MAX",
    "ID_MAX",
    "MAX_AGENCY_ID",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MIME_MAX",
    "TEXT_MAX",
    "ActionRejected",
    "IntakeError",
    "attachment_refs",
    "check_attachments",
    "check_payload",
    "check_record",
    "check_record_id",
    "detail_problems",
    "is_record_id",
]

ID_MAX = 36             # String(36) id columns
TEXT_MAX = 20000        # a note, reason or reply (Text columns; the intake's BODY_MAX alike)
MIME_MAX = 100          # attachments.mime_type String(100)
FILENAME_MAX = 255      # attachments.filename String(255)
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_AGENCY_ID = 2**31 - 1  # agencies.id and dispositions.to_id are Integer columns

_ARCHIVE_REASONS = frozenset(str(r) for r in ArchiveReason)


def _problem(name: str, code: str,
             reason: RejectReason = RejectReason.INVALID_PAYLOAD) -> ActionRejected:
    return ActionRejected(reason, f"{name}:{code}")


def is_record_id(value: object) -> bool:
    """An id a client may make for a new record (and name a complaint by): a UUID in canonical
    text (``models/shapes.py``)."""
    return _is_uuid(value)


def check_record_id(value: object, name: str) -> str:
    if value is None or value == "":
        raise _problem(name, "required")
    if not is_record_id(value):
        raise _problem(name, "invalid")
    assert isinstance(value, str)
    return value


def _text(payload: Mapping[str, Any], name: str, *, required: bool = False,
          reason: RejectReason = RejectReason.INVALID_PAYLOAD) -> str:
    """Long text (note, reason, body): cleaned; ``""`` when absent and not required."""
    value = payload.get(name)
    if value is not None and not isinstance(value, str):
        raise _problem(name, "invalid")
    text = clean_text(value or "")
    if not text and required:
        raise _problem(name, "required", reason)
    if len(text) > TEXT_MAX:
        raise _problem(name, "too_long")
    return text


def _agency_id(payload: Mapping[str, Any], name: str) -> int:
    value = payload.get(name)
    if value is None:
        raise _problem(name, "required")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_AGENCY_ID:
        raise _problem(name, "invalid")
    return value


def check_attachments(raw: object) -> list[dict[str, Any]]:
    """An action's ``attachments``: at most 20 references to blobs of at most 25 MiB, each
    ``{"id", "sha256", "size", "mime_type", "filename"}``; names cleaned."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _problem("attachments", "invalid")
    if len(raw) > MAX_ATTACHMENTS:
        raise _problem("attachments", "too_many")
    refs: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise _problem("attachments", "invalid")
        ident = check_record_id(item.get("id"), "attachments.id")
        sha, size = item.get("sha256"), item.get("size")
        if not is_sha256(sha):
            raise _problem("attachments.sha256", "invalid")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _problem("attachments.size", "invalid")
        if size > MAX_ATTACHMENT_BYTES:
            raise _problem("attachments.size", "too_large")
        mime, name = item.get("mime_type"), item.get("filename")
        if not isinstance(mime, str):
            raise _problem("attachments.mime_type", "invalid")
        if not isinstance(name, str):
            raise _problem("attachments.filename", "invalid")
        mime, name = clean_line(mime), clean_filename(name)
        if len(mime) > MIME_MAX:
            raise _problem("attachments.mime_type", "too_long")
        if not is_mime_type(mime):
            raise _problem("attachments.mime_type", "invalid")
        if not name:
            raise _problem("attachments.filename", "required")
        if len(name) > FILENAME_MAX:
            raise _problem("attachments.filename", "too_long")
        if not is_filename(name):  # a path separator, "." or ".."
            raise _problem("attachments.filename", "invalid")
        refs.append({"id": ident, "sha256": sha, "size": size, "mime_type": mime,
                     "filename": name})
    return refs


def attachment_refs(payload: Mapping[str, Any]) -> tuple[AttachmentRef, ...]:
    """The references of a checked payload."""
    return tuple(AttachmentRef(a["id"], a["sha256"], a["size"], a["mime_type"], a["filename"])
                 for a in payload.get("attachments") or ())


# --- one check per action kind ------------------------------------------------------------------

_Check = Callable[[Mapping[str, Any]], dict[str, Any]]


def _moving(payload: Mapping[str, Any]) -> dict[str, Any]:
    """forward, reroute: a target, a note, the disposition's id."""
    return {"to_id": _agency_id(payload, "to_id"), "note": _text(payload, "note"),
            "disposition_id": check_record_id(payload.get("disposition_id"), "disposition_id")}


def _handle(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"note": _text(payload, "note"),
            "disposition_id": check_record_id(payload.get("disposition_id"), "disposition_id")}


def _day(payload: Mapping[str, Any], name: str) -> str | None:
    """A calendar date written ``YYYY-MM-DD`` (a day in Indonesia, no time), or None when
    absent. Whether the day suits the action (not past, not too far) is the lifecycle's rule."""
    value = payload.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise _problem(name, "invalid")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise _problem(name, "invalid") from None


def _postpone(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A reason, and optionally the day the complaint is to be looked at again (``until``)."""
    checked: dict[str, Any] = {"reason": _text(payload, "reason", required=True,
                                               reason=RejectReason.REASON_REQUIRED)}
    until = _day(payload, "until")
    if until is not None:
        checked["until"] = until
    return checked


def _reopen(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason": _text(payload, "reason", required=True,
                            reason=RejectReason.REASON_REQUIRED)}


def _not_our_authority(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason": _text(payload, "reason", required=True,
                            reason=RejectReason.REASON_REQUIRED),
            "disposition_id": check_record_id(payload.get("disposition_id"), "disposition_id")}


def _archive(payload: Mapping[str, Any]) -> dict[str, Any]:
    code = payload.get("reason_code")
    if code is None or code == "":
        raise _problem("reason_code", "required", RejectReason.REASON_REQUIRED)
    if not isinstance(code, str) or code not in _ARCHIVE_REASONS:
        raise _problem("reason_code", "invalid", RejectReason.REASON_REQUIRED)
    required = code == ArchiveReason.OTHER
    return {"reason_code": code, "note": _text(payload, "note", required=required,
                                               reason=RejectReason.REASON_REQUIRED)}


def _written(payload: Mapping[str, Any]) -> dict[str, Any]:
    """follow_up, internal_note: the text, the follow-up's id, the attachments."""
    return {"follow_up_id": check_record_id(payload.get("follow_up_id"), "follow_up_id"),
            "body": _text(payload, "body", required=True),
            "attachments": check_attachments(payload.get("attachments"))}


def _close(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"note": _text(payload, "note")}


def _duplicate(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {"other_id": check_record_id(payload.get("other_id"), "other_id")}


CHECKS: dict[ActionKind, _Check] = {
    ActionKind.FORWARD: _moving,
    ActionKind.HANDLE: _handle,
    ActionKind.POSTPONE: _postpone,
    ActionKind.NOT_OUR_AUTHORITY: _not_our_authority,
    ActionKind.ARCHIVE: _archive,
    ActionKind.REROUTE: _moving,
    ActionKind.FOLLOW_UP: _written,
    ActionKind.INTERNAL_NOTE: _written,
    ActionKind.CLOSE: _close,
    ActionKind.REOPEN: _reopen,
    ActionKind.LINK_DUPLICATE: _duplicate,
    ActionKind.UNLINK_DUPLICATE: _duplicate,
}


def check_payload(kind: ActionKind, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload of a lifecycle action, checked and cleaned (only the keys of its kind).
    Raises :class:`ActionRejected`; ``record_complaint`` goes through :func:`check_record`."""
    check = CHECKS.get(kind)
    if check is None:
        raise ActionRejected(RejectReason.UNKNOWN_ACTION, str(kind))
    if not isinstance(payload, Mapping):
        raise _problem("payload", "invalid")
    return check(payload)


def check_record(complaint_id: object, payload: Mapping[str, Any],
                 now: datetime) -> tuple[NewComplaint, dict[str, Any]]:
    """A ``record_complaint`` action: the new complaint's id, the complaint (raises
    :class:`IntakeError` listing every bad field) and its attachments (raises
    :class:`ActionRejected`). Returns the complaint and the cleaned payload."""
    check_record_id(complaint_id, "complaint_id")
    raw = payload.get("complaint")
    if not isinstance(raw, dict):
        raise _problem("complaint", "invalid")
    new = validate_new_complaint(raw, now)
    attachments = check_attachments(payload.get("attachments"))
    return new, {"complaint": new.to_payload(), "attachments": attachments}


def detail_problems(detail: str | None) -> list[tuple[str, str]]:
    """``(field, code)`` pairs of a refusal's detail (``"note:too_long"``, or an intake error's
    ``"title:required, body:too_short"``); empty for any other detail."""
    pairs: list[tuple[str, str]] = []
    for part in (detail or "").split(","):
        name, sep, code = part.strip().partition(":")
        if not sep or not name or not code or " " in name or " " in code:
            return []
        pairs.append((name, code))
    return pairs
