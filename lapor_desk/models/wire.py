"""The sync wire, described once: its endpoints and the columns of every replicated entity.

Both sides read this module: the server's routes and pull statements
(:mod:`lapor_desk.server.routes_auth`, ``routes_sync``, ``routes_blobs``,
:mod:`lapor_desk.server.pull_sql`, :mod:`lapor_desk.server.pull`) and the desktop's client and
page readers (:mod:`lapor_desk.sync.api`, :mod:`lapor_desk.sync.rows`,
:mod:`lapor_desk.sync.packed`). ``tests/test_wire.py`` holds them to it: the server serves exactly
these endpoints, its pages carry exactly these columns, and the desktop reads exactly those.
What each column means: docs/sync-protocol.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# --- endpoints ---------------------------------------------------------------------------------

API_PREFIX: Final = "/api/v1"


@dataclass(frozen=True)
class Endpoint:
    """One endpoint: its method and its path (``{sha256}`` stands for a path segment)."""

    method: str
    path: str

    @property
    def route(self) -> tuple[str, str]:
        """``(method, path)``, as the server's per-route settings name a route."""
        return self.method, self.path

    def to(self, **segments: str) -> str:
        """The path with its ``{name}`` segments filled in."""
        return self.path.format(**segments) if segments else self.path


HEALTH: Final = Endpoint("GET", f"{API_PREFIX}/health")
LOGIN: Final = Endpoint("POST", f"{API_PREFIX}/auth/login")
LOGOUT: Final = Endpoint("POST", f"{API_PREFIX}/auth/logout")
ME: Final = Endpoint("GET", f"{API_PREFIX}/me")
PULL: Final = Endpoint("GET", f"{API_PREFIX}/sync/pull")
PUSH: Final = Endpoint("POST", f"{API_PREFIX}/sync/push")
UPLOAD_STATUS: Final = Endpoint("GET", f"{API_PREFIX}/blobs/{{sha256}}/upload")
UPLOAD_CHUNK: Final = Endpoint("PUT", f"{API_PREFIX}/blobs/{{sha256}}/upload")
DOWNLOAD_BLOB: Final = Endpoint("GET", f"{API_PREFIX}/blobs/{{sha256}}")
#: Replace the other names (aliases) of a unit or agency; the row is then pulled again.
AGENCY_ALIASES: Final = Endpoint("POST", f"{API_PREFIX}/agencies/{{agency_id}}/aliases")
#: Choose a new password with the current one (required after an admin's reset); signs in.
CHANGE_PASSWORD: Final = Endpoint("POST", f"{API_PREFIX}/auth/password")
#: People: the accounts an admin manages (docs/sync-protocol.md "People").
USERS: Final = Endpoint("GET", f"{API_PREFIX}/users")
CREATE_USER: Final = Endpoint("POST", f"{API_PREFIX}/users")
DISABLE_USER: Final = Endpoint("POST", f"{API_PREFIX}/users/{{user_id}}/disable")
ENABLE_USER: Final = Endpoint("POST", f"{API_PREFIX}/users/{{user_id}}/enable")
MOVE_USER: Final = Endpoint("POST", f"{API_PREFIX}/users/{{user_id}}/move")
RESET_PASSWORD: Final = Endpoint("POST", f"{API_PREFIX}/users/{{user_id}}/reset-password")
USER_AUDIT: Final = Endpoint("GET", f"{API_PREFIX}/users/audit")
PEOPLE_ENDPOINTS: Final = (USERS, CREATE_USER, DISABLE_USER, ENABLE_USER, MOVE_USER,
                           RESET_PASSWORD, USER_AUDIT)
#: Every endpoint of the sync server.
ENDPOINTS: Final = (HEALTH, LOGIN, LOGOUT, ME, PULL, PUSH, UPLOAD_STATUS, UPLOAD_CHUNK,
                    DOWNLOAD_BLOB, AGENCY_ALIASES, CHANGE_PASSWORD, *PEOPLE_ENDPOINTS)

# --- pull pages --------------------------------------------------------------------------------

#: Schema version of a page in the row layout, the columnar one and the packed one.
ROWS_SCHEMA_VERSION: Final = 1
COLUMNS_SCHEMA_VERSION: Final = 2
PACKED_SCHEMA_VERSION: Final = 3
#: The ``layout`` a client may ask a pull page in.
LAYOUTS: Final = ("rows", "columns", "packed")

# Column kinds. Texts: s=text, t=timestamp (``2026-11-23T04:05:06.123456Z``; numbers in the
# packed layout), u=record id (a UUID; a reference into the page's ids in the columnar layouts),
# h=SHA-256, f=file name, m=media type. Whole numbers (64-bit): p=id made by the server
# (positive), n=count (not negative), z=attachment size. b=bool. JSON: l=array, d=object,
# P=array of server ids, U=array of record ids.
TEXT: Final = "s"
TIME: Final = "t"
RECORD_ID: Final = "u"
SHA256: Final = "h"
FILENAME: Final = "f"
MEDIA_TYPE: Final = "m"
SERVER_ID: Final = "p"
COUNT: Final = "n"
SIZE: Final = "z"
BOOL: Final = "b"
LIST: Final = "l"
OBJECT: Final = "d"
SERVER_IDS: Final = "P"
RECORD_IDS: Final = "U"
#: The kinds whose values are JSON arrays or objects.
JSON_KINDS: Final = frozenset({LIST, OBJECT, SERVER_IDS, RECORD_IDS})


@dataclass(frozen=True)
class Column:
    """One column of an entity: its name, kind and whether it must be present and non-null."""

    name: str
    kind: str
    required: bool = False


def _columns(spec: str) -> tuple[Column, ...]:
    """``"id:u! parent_id:p ..."``: name, kind, ``!`` when required."""
    out = []
    for item in spec.split():
        name, kind = item.split(":")
        out.append(Column(name, kind.rstrip("!"), kind.endswith("!")))
    return tuple(out)


#: Each entity's columns in the order a page sends them, entities in the order a page's
#: changes are applied.
ENTITIES: Final[dict[str, tuple[Column, ...]]] = {
    "agency": _columns("id:p! parent_id:p level:s! path:s! name:s! code:s region_code:s "
                       "aliases:l active:b!"),
    "complaint": _columns(
        "id:u! tracking_number:n complaint_type:s! misconduct:b! title:s! body:s redacted:b! "
        "incident_date:s province:s regency:s district:s village:s category:s subcategory:s "
        "channel:s anonymous:b! confidential:b! reporter_name:s reporter_contact:s status:s! "
        "responsible_id:p! handling_unit_id:p version:n! transition_version:n! created_at:t! "
        "updated_at:t verify_due:t resolution_due:t auto_close_due:t paused_at:t "
        "forwarded_at:t first_follow_up_at:t last_follow_up_at:t closed_at:t "
        "handler_unit_ids:P duplicate_ids:U tags:l recorded_by:p national_tracking_number:n "
        "national_link:s rating:n rating_note:s rated_at:t"),
    "disposition": _columns(
        "id:u! complaint_id:u! from_id:p to_id:p kind:s! note:s actor_id:p actor_name:s at:t!"),
    "follow_up": _columns(
        "id:u! complaint_id:u! kind:s! body:s redacted:b author_id:p author_name:s unit_id:p "
        "at:t!"),
    "attachment": _columns(
        "id:u! complaint_id:u! follow_up_id:u sha256:h! size:z! mime_type:m filename:f "
        "created_at:t"),
    "event": _columns(
        "id:p! complaint_id:u! kind:s! from_status:s to_status:s actor_id:p actor_name:s at:t! "
        "detail:d"),
}
#: Each entity whose own record ids the packed layout counts from a time column, and that column
#: (a UUIDv7 is made when its record is).
TIMED: Final[dict[str, str]] = {"complaint": "created_at", "disposition": "at",
                                "follow_up": "at", "attachment": "created_at"}


def names(entity: str) -> tuple[str, ...]:
    """An entity's column names in wire order."""
    return tuple(column.name for column in ENTITIES[entity])


def names_of_kind(entity: str, *kinds: str) -> frozenset[str]:
    """An entity's columns of the given kinds."""
    return frozenset(column.name for column in ENTITIES[entity] if column.kind in kinds)
