"""Validation of the row blocks of a pull page: ``{"columns": [...], "rows": [[...], ...]}``.

Each column of a block is checked at once (set of value types, lengths and ranges with builtins
running at C speed) rather than value by value, so a 10,000-row page costs milliseconds. Rows come
out as tuples in the cache's column order and spelling (datetimes as the ISO text the server sent,
JSON arrays/objects as JSON text). Columns we do not know are dropped (forward compatibility);
known optional columns a server omits become ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from lapor_desk.sync.errors import ProtocolError

MAX_TEXT = 200_000
MAX_LIST = 10_000

def invalid(message: str) -> ProtocolError:
    return ProtocolError(message, code="invalid_response")


def expect_object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise invalid(f"{what} must be an object")
    return value


def expect_int(value: Any, what: str, minimum: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(f"{what} must be an integer")
    if minimum is not None and value < minimum:
        raise invalid(f"{what} is out of range")
    return value


def expect_text(value: Any, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise invalid(f"{what} must be text of at most {limit} characters")
    return value


def expect_optional_text(value: Any, what: str, limit: int = MAX_TEXT) -> str | None:
    return None if value is None else expect_text(value, what, limit)


def expect_bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(f"{what} must be true or false")
    return value


# Column kinds: s=str, k=id (text, or an integer sent as text), i=int, b=bool, l/d=JSON.
_S, _K, _I, _B, _L, _D = "s", "k", "i", "b", "l", "d"
MAX_ID = 64

#: entity -> column -> (kind, required). Required columns must be present and non-null.
COLUMNS: dict[str, dict[str, tuple[str, bool]]] = {
    "agency": {
        "id": (_I, True), "parent_id": (_I, False), "level": (_S, True), "path": (_S, True),
        "name": (_S, True), "code": (_S, False), "region_code": (_S, False),
    },
    "complaint": {
        "id": (_K, True), "tracking_number": (_I, False), "complaint_type": (_S, True),
        "misconduct": (_B, True), "title": (_S, True), "body": (_S, False),
        "redacted": (_B, True), "incident_date": (_S, False), "province": (_S, False),
        "regency": (_S, False), "district": (_S, False), "village": (_S, False),
        "category": (_S, False), "subcategory": (_S, False), "channel": (_S, False),
        "anonymous": (_B, True), "confidential": (_B, True), "reporter_name": (_S, False),
        "reporter_contact": (_S, False), "status": (_S, True), "responsible_id": (_I, True),
        "handling_unit_id": (_I, False), "version": (_I, True),
        "transition_version": (_I, True), "created_at": (_S, True), "updated_at": (_S, False),
        "verify_due": (_S, False), "resolution_due": (_S, False), "auto_close_due": (_S, False),
        "paused_at": (_S, False), "forwarded_at": (_S, False),
        "first_follow_up_at": (_S, False), "last_follow_up_at": (_S, False),
        "closed_at": (_S, False), "handler_unit_ids": (_L, False), "duplicate_ids": (_L, False),
        "tags": (_L, False), "recorded_by": (_I, False),
    },
    "disposition": {
        "id": (_K, True), "complaint_id": (_K, True), "from_id": (_I, False),
        "to_id": (_I, False), "kind": (_S, True), "note": (_S, False), "actor_id": (_I, False),
        "actor_name": (_S, False), "at": (_S, True),
    },
    "follow_up": {
        "id": (_K, True), "complaint_id": (_K, True), "kind": (_S, True), "body": (_S, False),
        "redacted": (_B, False), "author_id": (_I, False), "author_name": (_S, False),
        "unit_id": (_I, False), "at": (_S, True),
    },
    "attachment": {
        "id": (_K, True), "complaint_id": (_K, True), "follow_up_id": (_K, False),
        "sha256": (_S, True), "size": (_I, True), "mime_type": (_S, False),
        "filename": (_S, False), "created_at": (_S, False),
    },
    "event": {
        "id": (_K, True), "complaint_id": (_K, True), "kind": (_S, True),
        "from_status": (_S, False), "to_status": (_S, False), "actor_id": (_I, False),
        "actor_name": (_S, False), "at": (_S, True), "detail": (_D, False),
    },
}
#: Order in which a page's entities are applied.
ENTITY_ORDER = ("agency", "complaint", "disposition", "follow_up", "attachment", "event")
_JSON_DEFAULT = {_L: "[]", _D: "{}"}
#: What a JSON column holds when a server leaves it out or sends null.
JSON_DEFAULT = _JSON_DEFAULT


def check_json(value: Any, depth: int = 0) -> None:
    if depth > 8:
        raise invalid("JSON value nested too deep")
    if isinstance(value, dict):
        if len(value) > MAX_LIST:
            raise invalid("JSON object too large")
        for item in value.values():
            check_json(item, depth + 1)
    elif isinstance(value, list):
        if len(value) > MAX_LIST:
            raise invalid("JSON array too large")
        for item in value:
            check_json(item, depth + 1)
    elif isinstance(value, str) and len(value) > MAX_TEXT:
        raise invalid("JSON text too long")


_NONE = type(None)
_ALLOWED: dict[str, frozenset[type]] = {
    _S: frozenset({str}), _K: frozenset({str, int}), _I: frozenset({int}),
    _B: frozenset({bool}), _L: frozenset({list}), _D: frozenset({dict}),
}
_MIN_INT, _MAX_INT = -(2**63), 2**63 - 1
#: Value types that end a JSON value (no nesting below them).
_JSON_LEAVES = frozenset({str, int, float, bool, _NONE})


def _json_column(present: list[Any], what: str) -> None:
    """Check the JSON values of a column against the nesting and size limits. The usual shape
    (flat arrays or objects of scalars) is checked at once; anything deeper value by value."""
    if max(map(len, present)) > MAX_LIST:
        raise invalid(f"{what}: JSON value too large")
    members = [v for value in present
               for v in (value.values() if type(value) is dict else value)]
    if not set(map(type, members)) <= _JSON_LEAVES:
        for value in present:
            check_json(value)
        return
    texts = [v for v in members if type(v) is str]
    if texts and max(map(len, texts)) > MAX_TEXT:
        raise invalid(f"{what}: JSON text too long")


def _column(values: Sequence[Any], kind: str, required: bool, what: str,
            as_text: bool = True) -> Sequence[Any]:
    """Validate one column of a block at once (set-of-types and min/max checks run at C speed)
    and return it in cache spelling: the same object when nothing needed converting.

    Integer ids are turned into text when ``as_text``; otherwise they stay integers and the
    database's TEXT affinity stores them as the same text."""
    types = set(map(type, values))
    if _NONE in types:
        if required:
            raise invalid(f"{what} must not be null")
        types.discard(_NONE)
        present: Sequence[Any] = [v for v in values if v is not None]
    else:
        present = values
    if not types <= _ALLOWED[kind]:
        raise invalid(f"{what} has values of the wrong type")
    if not present:
        return values if kind not in _JSON_DEFAULT else [_JSON_DEFAULT[kind]] * len(values)
    if kind == _S:
        if max(map(len, present)) > MAX_TEXT:
            raise invalid(f"{what} is too long")
    elif kind == _K:
        if int in types:
            numbers = [v for v in present if type(v) is int]
            if min(numbers) < _MIN_INT or max(numbers) > _MAX_INT:
                raise invalid(f"{what} is out of range")
            if as_text:
                values = [str(v) if type(v) is int else v for v in values]
                present = [v for v in values if v is not None]
            elif str not in types:
                return values  # integers within range: at most 20 characters of text
            else:
                present = [v for v in present if type(v) is str]
        if max(map(len, present)) > MAX_ID:
            raise invalid(f"{what} is too long")
    elif kind == _I:
        if min(present) < _MIN_INT or max(present) > _MAX_INT:
            raise invalid(f"{what} is out of range")
    elif kind in _JSON_DEFAULT:
        _json_column(list(present), what)
        default = _JSON_DEFAULT[kind]
        dumps = orjson.dumps
        return [default if value is None else dumps(value).decode() for value in values]
    return values


column = _column


@dataclass(frozen=True)
class EntityRows:
    """One entity's rows of a page, validated: ``columns`` are all the cache columns we know
    (in ``COLUMNS`` order), each row a sequence (list or tuple) in that order."""

    columns: tuple[str, ...]
    rows: list[Sequence[Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


#: Entities whose rows are read back in Python (snapshots of complaints): their integer ids are
#: turned into text here; other ids go to the database as sent (TEXT affinity makes them text).
_IDS_AS_TEXT = frozenset({"complaint", "agency"})


def ids_as_text(entity: str) -> bool:
    return entity in _IDS_AS_TEXT


def parse_rows(entity: str, columns: Any, rows: Any) -> EntityRows:
    """Validate one entity's ``columns``/``rows`` block.

    The block is transposed once (``zip(*rows)``, at C speed) and each column checked at once.
    When the server sent exactly our columns in our order, the parsed row lists are reused (the
    few converted values are written into them in place); otherwise rows are rebuilt as tuples.
    """
    spec = COLUMNS[entity]
    if not isinstance(columns, list) or not 0 < len(columns) <= 500:
        raise invalid(f"{entity}.columns must be a non-empty list")
    if len(set(columns)) != len(columns) or not all(isinstance(c, str) for c in columns):
        raise invalid(f"{entity}.columns must be distinct names")
    if not isinstance(rows, list):
        raise invalid(f"{entity}.rows must be a list")
    missing = [name for name, (_kind, required) in spec.items() if required and name not in columns]
    if missing:
        raise invalid(f"{entity} lacks required columns {missing}")
    width = len(columns)
    if rows and (set(map(type, rows)) != {list} or set(map(len, rows)) != {width}):
        raise invalid(f"{entity} rows do not match their columns")
    if not rows:
        return EntityRows(tuple(spec), [])
    transposed = list(zip(*rows, strict=True))
    position = {name: index for index, name in enumerate(columns)}
    as_text = entity in _IDS_AS_TEXT
    out_columns: list[Sequence[Any]] = []
    changed: list[int] = []
    for name, (kind, required) in spec.items():
        index = position.get(name)
        if index is None:
            out_columns.append([_JSON_DEFAULT.get(kind)] * len(rows))
            continue
        values = transposed[index]
        checked = _column(values, kind, required, f"{entity}.{name}", as_text)
        if checked is not values:
            changed.append(len(out_columns))
        out_columns.append(checked)
    if tuple(columns) == tuple(spec):
        for index in changed:
            for row, value in zip(rows, out_columns[index]):
                row[index] = value
        return EntityRows(tuple(spec), rows)
    return EntityRows(tuple(spec), list(zip(*out_columns, strict=True)))


def parse_complaint_object(value: Any) -> dict[str, Any]:
    """A complaint row keyed by column name (the ``current`` of a conflict)."""
    data = expect_object(value, "complaint")
    columns = [name for name in data if isinstance(name, str)]
    return parse_rows("complaint", columns, [[data[name] for name in columns]]).dicts()[0]
