"""The agency tree as the unit pickers show it: each node with its other names, the agencies
above it and whether this user sent complaints there lately (models/unit_names.py finds them)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from lapor_desk.logline import event
from lapor_desk.models.cache.schema import Agency, Disposition, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import AgencyLevel
from lapor_desk.models.unit_names import AliasProblem, clean_aliases, may_edit_aliases
from lapor_desk.services.errors import ActionNotAllowed, NotFound, ServiceError, translate
from lapor_desk.services.types import AgencyItem
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.api import Api
from lapor_desk.sync.transport import Transport

log = logging.getLogger(__name__)

#: How many recently chosen targets come first in a picker.
RECENT = 8


def aliases_of(value: str | None) -> tuple[str, ...]:
    """The aliases column as pulled (a JSON array of texts); anything else: none."""
    try:
        data = orjson.loads(value or "[]")
    except orjson.JSONDecodeError:
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(str(a).strip() for a in data if isinstance(a, str) and a.strip())


def recent_targets(connection: Connection, kind: str, limit: int = RECENT) -> list[int]:
    """The nodes this profile's user moved complaints to with ``kind`` (forward, reroute),
    the latest first (from the dispositions the cache holds, so it follows the user from
    one computer to another)."""
    user_id = connection.execute(select(SyncState.user_id)).scalar_one_or_none()
    if user_id is None:
        return []
    last = func.max(Disposition.at)
    rows = connection.execute(
        select(Disposition.to_id, last).where(
            Disposition.actor_id == user_id, Disposition.kind == kind,
            Disposition.to_id.is_not(None))
        .group_by(Disposition.to_id).order_by(last.desc()).limit(limit))
    return [int(row[0]) for row in rows if row[0] is not None]


def agency_items(connection: Connection, nodes: Sequence[Any], kind: str,
                 selectable: Callable[[Any], bool], flat: bool = False) -> list[AgencyItem]:
    """``nodes`` (rows of ``agency``, parents first) as picker items; ``flat``: without their
    parents (a list). A unit the pemda no longer has (``active`` false) is never offered: left
    out, or shown unselectable while an active unit still lies below it."""
    nodes = offered(nodes)
    recent = {node_id: rank for rank, node_id in enumerate(recent_targets(connection, kind))}
    names = _names_above(connection, nodes)
    editable = _editor(connection)
    return [AgencyItem(
        n.id, None if flat else n.parent_id, n.level, n.name, n.code or "",
        bool(n.active) and selectable(n),
        aliases=aliases_of(n.aliases), above=names(n), recent=recent.get(n.id),
        names_editable=editable(n.path)) for n in nodes]


def offered(nodes: Sequence[Any]) -> list[Any]:
    """The nodes a picker shows: the active ones and the inactive ones above an active one (so
    the tree stays whole), in their order."""
    above_active = {int(part) for n in nodes if n.active
                    for part in str(n.path).strip("/").split("/") if part}
    return [n for n in nodes if n.active or int(n.id) in above_active]


def _editor(connection: Connection) -> Callable[[str], bool]:
    """Whether this profile's user may edit the aliases of a node (by its path)."""
    state = connection.execute(select(SyncState.role, SyncState.scope_root_id)).first()
    if state is None or state.role is None or state.scope_root_id is None:
        return lambda _path: False
    scope = connection.execute(select(Agency.path).where(
        Agency.id == state.scope_root_id)).scalar_one_or_none()
    role = str(state.role)
    return lambda path: scope is not None and may_edit_aliases(role, scope, path)


class UnitNames:
    """Edits the aliases of a unit on the server (online only: the directory is the server's)
    and keeps the answer in the cache at once; the next pull brings the same row."""

    def __init__(self, cache: Cache, transport: Callable[[], Transport | None]) -> None:
        self.cache = cache
        self.transport = transport

    def send_aliases(self, agency_id: int, aliases: Sequence[str]) -> tuple[str, ...]:
        """Check and send the unit's names to the server (the network worker's part); the
        names as the server stored them. Nothing is written here: :meth:`keep_aliases`."""
        with self.cache.engine.connect() as connection:
            row = connection.execute(select(Agency.name, Agency.path).where(
                Agency.id == agency_id)).first()
            editable = _editor(connection)
        if row is None:
            raise NotFound(f"agency {agency_id}", code="not_found")
        if not editable(str(row.path)):
            raise ActionNotAllowed("not_permitted", "may not edit this unit's names")
        try:
            cleaned = clean_aliases(list(aliases), str(row.name))
        except AliasProblem as problem:
            raise ServiceError(str(problem), code=f"aliases_{problem.code}") from None
        transport = self.transport()
        if transport is None:
            raise ServiceError("not connected", code="offline")
        try:
            stored = Api(transport).set_aliases(agency_id, list(cleaned))
        except sync_errors.SyncError as exc:
            raise translate(exc) from exc
        event(log, "unit_names.saved", agency=agency_id, count=len(stored))
        return stored

    def keep_aliases(self, agency_id: int, stored: Sequence[str]) -> None:
        """Write the names the server stored into the cache (the database worker's part)."""
        with self.cache.engine.begin() as connection:
            connection.execute(update(Agency).where(Agency.id == agency_id).values(
                aliases=orjson.dumps(list(stored)).decode()))

    def set_aliases(self, agency_id: int, aliases: Sequence[str]) -> tuple[str, ...]:
        """Send and keep, in one call (the command line, tests)."""
        stored = self.send_aliases(agency_id, aliases)
        self.keep_aliases(agency_id, stored)
        return stored


def _names_above(connection: Connection,
                 nodes: Sequence[Any]) -> Callable[[Any], tuple[str, ...]]:
    """For a node, the names of the nodes above it (nearest first), the national root left
    out; read once for every parent the nodes' paths name."""
    wanted = {int(part) for n in nodes for part in n.path.strip("/").split("/")[:-1] if part}
    found: dict[int, tuple[str, str]] = {}
    if wanted:
        for row in connection.execute(select(Agency.id, Agency.name, Agency.level)
                                      .where(Agency.id.in_(sorted(wanted)))):
            found[int(row[0])] = (str(row[1]), str(row[2]))

    def names(node: Any) -> tuple[str, ...]:
        parts = [int(p) for p in node.path.strip("/").split("/")[:-1] if p]
        return tuple(found[p][0] for p in reversed(parts)
                     if p in found and found[p][1] != AgencyLevel.NATIONAL)
    return names
