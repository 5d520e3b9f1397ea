"""The disposition tree (national -> agency -> unit) and who may see what in it.

Each node carries a materialised ``path`` like ``/1/4/27/`` so a subtree is a prefix test, in
Python and in SQL (``path LIKE '/1/4/%'``). Server and client both answer visibility questions with
the functions here, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from lapor_desk.models.enums import AgencyLevel, Role


@dataclass(frozen=True)
class AgencyNode:
    id: int
    parent_id: int | None
    level: AgencyLevel
    path: str
    name: str
    code: str = ""
    region_code: str | None = None
    #: False for a unit the pemda no longer has: it stays for what names it, never a new target.
    active: bool = True

    def contains(self, other: AgencyNode) -> bool:
        """True when ``other`` is this node or lies below it."""
        return other.path.startswith(self.path)


class AgencyDirectory(Protocol):
    def get(self, agency_id: int) -> AgencyNode | None: ...


class DictDirectory:
    """An in-memory directory, loaded from the server database or the local cache."""

    def __init__(self, nodes: list[AgencyNode] | None = None) -> None:
        self._nodes: dict[int, AgencyNode] = {}
        for node in nodes or []:
            self._nodes[node.id] = node

    def add(self, node: AgencyNode) -> None:
        self._nodes[node.id] = node

    def get(self, agency_id: int) -> AgencyNode | None:
        return self._nodes.get(agency_id)

    def all(self) -> list[AgencyNode]:
        return list(self._nodes.values())

    def __len__(self) -> int:
        return len(self._nodes)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user with a role, a home unit and the root of what they may see.

    ``scope_root_id`` is the national node for national admins, the agency that owns the home unit
    for agency admins, and the home unit itself for liaison officers.
    """

    user_id: int
    role: Role
    unit_id: int
    scope_root_id: int
    display_name: str = ""


def owning_agency(directory: AgencyDirectory, node: AgencyNode) -> AgencyNode:
    """The nearest node at agency or national level at or above ``node``."""
    current: AgencyNode | None = node
    while current is not None and current.level == AgencyLevel.UNIT:
        current = directory.get(current.parent_id) if current.parent_id is not None else None
    return current if current is not None else node


def scope_root_for(directory: AgencyDirectory, role: Role, unit: AgencyNode) -> AgencyNode:
    if role == Role.LIAISON_OFFICER:
        return unit
    if role == Role.AGENCY_ADMIN:
        return owning_agency(directory, unit)
    root: AgencyNode = unit
    while root.parent_id is not None:
        parent = directory.get(root.parent_id)
        if parent is None:
            break
        root = parent
    return root


def location_of(responsible_id: int, handling_unit_id: int | None) -> int:
    """The node where a complaint currently sits: its handling unit, else its responsible agency."""
    return handling_unit_id if handling_unit_id is not None else responsible_id


def can_see(actor: Actor, scope_root: AgencyNode, location: AgencyNode) -> bool:
    """Whether ``actor`` may see a complaint currently at ``location``."""
    if actor.role == Role.LIAISON_OFFICER:
        return location.id == actor.unit_id
    return scope_root.contains(location)
