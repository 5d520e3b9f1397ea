"""Validation of the row blocks of a pull page: ``{"columns": [...], "rows": [[...], ...]}``.

Each column of a block is checked at once (set of value types, lengths and ranges with builtins
running at C speed) rather than value by value, so a 10,000-row page costs milliseconds. Rows come
out as tuples in the cache's column order and spelling (datetimes as the ISO text the server sent,
JSON arrays/objects as JSON text). Columns we do not know are dropped (forward compatibility);
known optional columns a server omits become ``None``.

Beyond its type, every value that names a record, a file or a number is checked by shape
(:mod:`lapor_desk.models.shapes`): record ids are UUIDs, ``sha256`` is 64 lowercase hex digits,
file names and media types carry no path separator, control or bidirectional formatting
character, ids made by the server are positive, counts and sizes within their range. A page
that breaks any of it is refused whole (``invalid_response``), before its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from lapor_desk.models import wire
from lapor_desk.models.lifecycle import MAX_ATTACHMENT_BYTES
from lapor_desk.models.shapes import filenames_ok, mime_types_ok, record_ids_ok, sha256s_ok
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
    """A whole number of at most 64 bits (what the cache can store), at least ``minimum``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(f"{what} must be an integer")
    if not -(2**63) <= value < 2**63 or (minimum is not None and value < minimum):
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


# Column kinds (models/wire.py, where the columns of every entity are described).
_S, _T, _U, _H, _F, _M = (wire.TEXT, wire.TIME, wire.RECORD_ID, wire.SHA256, wire.FILENAME,
                          wire.MEDIA_TYPE)
_P, _N, _Z, _B = wire.SERVER_ID, wire.COUNT, wire.SIZE, wire.BOOL
_L, _D, _LP, _LU = wire.LIST, wire.OBJECT, wire.SERVER_IDS, wire.RECORD_IDS
#: Text kinds checked for their length alone.
_TEXTS = frozenset({_S, _T})
#: The longest text a tombstone's record id may be before its shape is even looked at.
MAX_ID = 64

#: entity -> column -> (kind, required). Required columns must be present and non-null.
COLUMNS: dict[str, dict[str, tuple[str, bool]]] = {
    entity: {column.name: (column.kind, column.required) for column in columns}
    for entity, columns in wire.ENTITIES.items()
}
#: Order in which a page's entities are applied.
ENTITY_ORDER = tuple(wire.ENTITIES)
_JSON_DEFAULT = {_L: "[]", _D: "{}", _LP: "[]", _LU: "[]"}
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
_MAX_INT = 2**63 - 1
#: Whole-number kinds: their smallest and largest value.
_RANGES: dict[str, tuple[int, int]] = {_P: (1, _MAX_INT), _N: (0, _MAX_INT),
                                       _Z: (0, MAX_ATTACHMENT_BYTES)}
#: Text kinds with a shape: the check of a whole column (models/shapes.py).
_SHAPES: dict[str, Callable[[Sequence[str]], bool]] = {
    _U: record_ids_ok, _H: sha256s_ok, _F: filenames_ok, _M: mime_types_ok}
_ALLOWED: dict[str, frozenset[type]] = {
    **{kind: frozenset({str}) for kind in (*_TEXTS, *_SHAPES)},
    **{kind: frozenset({int}) for kind in _RANGES},
    _B: frozenset({bool}), _D: frozenset({dict}),
    **{kind: frozenset({list}) for kind in (_L, _LP, _LU)},
}
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


def _members_ok(present: Sequence[list[Any]], kind: str) -> bool:
    """The members of a column of JSON arrays of server ids (``P``) or record ids (``U``)."""
    members = [v for value in present for v in value]
    if not members:
        return True
    types = set(map(type, members))
    if kind == _LP:
        return types == {int} and min(members) >= 1 and max(members) <= _MAX_INT
    return types == {str} and record_ids_ok(members)


def _column(values: Sequence[Any], kind: str, required: bool, what: str) -> Sequence[Any]:
    """Validate one column of a block at once (set-of-types, min/max and shape checks run at C
    speed) and return it in cache spelling: the same object when nothing needed converting."""
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
    if kind in _TEXTS:
        if max(map(len, present)) > MAX_TEXT:
            raise invalid(f"{what} is too long")
    elif kind in _SHAPES:
        if not _SHAPES[kind](present):
            raise invalid(f"{what} has a value of the wrong shape")
    elif kind in _RANGES:
        low, high = _RANGES[kind]
        if min(present) < low or max(present) > high:
            raise invalid(f"{what} is out of range")
    elif kind in _JSON_DEFAULT:
        _json_column(list(present), what)
        if kind in (_LP, _LU) and not _members_ok(present, kind):
            raise invalid(f"{what} has a member of the wrong shape")
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
    out_columns: list[Sequence[Any]] = []
    changed: list[int] = []
    for name, (kind, required) in spec.items():
        index = position.get(name)
        if index is None:
            out_columns.append([_JSON_DEFAULT.get(kind)] * len(rows))
            continue
        values = transposed[index]
        checked = _column(values, kind, required, f"{entity}.{name}")
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
