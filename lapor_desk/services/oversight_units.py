"""The user's part of the agency directory as oversight groups it, and the region's time zone.

A *unit* group is the node right below the user's scope root on the way to where a complaint
sits now: for an agency admin the OPD / unit kerja (plus the agency itself for complaints it has
not forwarded yet), for a national admin the agencies (K/L/D, province). The dashboard, the recap
and the overdue list all group by :meth:`ScopeDirectory.unit_key`, so a unit is the same row on
every sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency, SyncState
from lapor_desk.services.local_time import LocalZone, zone_for_region


@dataclass(frozen=True)
class Node:
    id: int
    level: str
    path: str
    name: str
    region_code: str | None = None


@dataclass
class ScopeDirectory:
    root: Node | None
    nodes: dict[int, Node]
    _memo: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def scope_name(self) -> str:
        return self.root.name if self.root is not None else ""

    def unit_key(self, location: int) -> str:
        """The id of the node right below the scope root on the way to ``location``."""
        found = self._memo.get(location)
        if found is not None:
            return found
        node = self.nodes.get(location)
        root = self.root
        key = str(location)
        if node is not None and root is not None and node.id != root.id \
                and node.path.startswith(root.path):
            child = node.path[len(root.path):].split("/", 1)[0]
            if child.isdigit():
                key = child
        self._memo[location] = key
        return key

    def describe(self, key: str) -> tuple[str, str]:
        """(name, kind) of a unit group: kind is scope (the user's own agency), the directory
        level (agency, unit, ...) or unknown (a unit the directory does not hold)."""
        node = self.nodes.get(int(key)) if key.isdigit() else None
        if node is None:
            return "", "unknown"
        kind = "scope" if self.root is not None and node.id == self.root.id else node.level
        return node.name, kind

    def zone(self) -> LocalZone:
        """The time zone of the scope's region: the nearest region code from the scope root
        upwards (a unit without one keeps its agency's)."""
        if self.root is None:
            return zone_for_region(None)
        for step in reversed([p for p in self.root.path.split("/") if p.isdigit()]):
            node = self.nodes.get(int(step))
            if node is not None and node.region_code:
                return zone_for_region(node.region_code)
        return zone_for_region(self.root.region_code)


def read_directory(connection: Any) -> ScopeDirectory:
    nodes = {row.id: Node(row.id, row.level, row.path, row.name, row.region_code)
             for row in connection.execute(select(Agency.id, Agency.level, Agency.path,
                                                  Agency.name, Agency.region_code))}
    root_id = connection.execute(select(SyncState.scope_root_id)).scalar_one_or_none()
    return ScopeDirectory(nodes.get(root_id) if root_id is not None else None, nodes)
