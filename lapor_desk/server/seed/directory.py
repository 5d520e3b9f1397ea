"""The seeded agency tree and its users: fixed, independent of the random seed.

National root -> the province (with its OPDs) -> the 17 kabupaten/kota (each with its OPDs),
plus the national ministries/BUMN with their units; every unit has a liaison officer, every agency
one or two admins at its coordinator unit (Diskominfo in a pemda). Tests and trainers rely on the
usernames, so they never depend on the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.server.seed import people, regions
from lapor_desk.server.seed.regions import AgencySpec


@dataclass(frozen=True)
class SeededUser:
    username: str
    role: str
    unit_id: int
    unit_name: str
    display_name: str
    id: int = 0
    agency_id: int = 0


@dataclass
class Node:
    id: int
    parent_id: int | None
    level: str
    path: str
    name: str
    code: str
    region_code: str | None
    agency_id: int  # owning agency (itself unless a unit)
    slug: str = ""  # agency slug
    unit_slug: str = ""
    coordinator: bool = False
    aliases: tuple[str, ...] = ()

    def row(self, seq: int) -> dict[str, Any]:
        return {"id": self.id, "parent_id": self.parent_id, "level": self.level,
                "path": self.path, "name": self.name, "code": self.code,
                "region_code": self.region_code, "aliases": list(self.aliases), "seq": seq}


_UNIT_REGION = {
    "sppg-kendari": "7471", "sppg-konawe": "7403", "kc-kendari": "7471", "kc-baubau": "7472",
    "kc-kolaka": "7404", "up3-kendari": "7471", "up3-baubau": "7472", "up3-kolaka": "7404",
    "kantah-kendari": "7471", "kantah-konsel": "7405", "kanwil": "74", "bpjn": "74", "bws": "74",
    "bpmp": "74",
}

#: Names the region's admins use for some units that no abbreviation gives (the directory's own
#: aliases; the common abbreviations come from data/unit-abbreviations.json).
_UNIT_ALIASES = {
    "rsud": ("RS Bahteramas", "Rumah Sakit Provinsi"),
    "sppg-kendari": ("Dapur MBG Kendari", "Makan Bergizi Gratis Kendari"),
    "sppg-konawe": ("Dapur MBG Konawe", "Makan Bergizi Gratis Konawe"),
    "kantah-kendari": ("BPN Kota Kendari",),
    "kantah-konsel": ("BPN Konawe Selatan",),
    "bmsda": ("Dinas PU Provinsi", "Bina Marga"),
}


class Directory:
    """The seeded agency tree; independent of the random seed."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.by_id: dict[int, Node] = {}
        self.agency: dict[str, Node] = {}
        self.unit: dict[tuple[str, str], Node] = {}
        self.units_of: dict[int, list[Node]] = {}
        self.coordinator_of: dict[int, Node] = {}
        self.specs: dict[str, AgencySpec] = {}
        root = self._add(None, AgencyLevel.NATIONAL, regions.NATIONAL_NAME, "NASIONAL", None)
        root.slug = "nasional"
        self.root = root
        province = self._agency(regions.PROVINCE_AGENCY, root)
        for regency in regions.REGENCIES:
            self._agency(regions.regency_agency(regency), province)
        self._units(regions.PROVINCE_AGENCY, province)
        for spec in regions.MINISTRIES:
            self._units(spec, self._agency(spec, root, units=False))
        self.province = province

    def _add(self, parent: Node | None, level: str, name: str, code: str,
             region: str | None) -> Node:
        ident = len(self.nodes) + 1
        path = (parent.path if parent else "/") + f"{ident}/"
        node = Node(ident, parent.id if parent else None, str(level), path, name, code, region,
                    agency_id=ident)
        if level == AgencyLevel.UNIT and parent is not None:
            node.agency_id = parent.agency_id
        self.nodes.append(node)
        self.by_id[ident] = node
        return node

    def _agency(self, spec: AgencySpec, parent: Node, units: bool | None = None) -> Node:
        node = self._add(parent, AgencyLevel.AGENCY, spec.name, spec.code, spec.region_code)
        node.slug = spec.slug
        self.agency[spec.slug] = node
        self.specs[spec.slug] = spec
        self.units_of[node.id] = []
        if units is None:
            units = spec.kind == "regency"
        if units:
            self._units(spec, node)
        return node

    def _units(self, spec: AgencySpec, agency: Node) -> None:
        for unit in spec.units:
            node = self._add(agency, AgencyLevel.UNIT, unit.name, f"{spec.code}.{unit.slug.upper()}",
                             _UNIT_REGION.get(unit.slug, spec.region_code))
            node.slug, node.unit_slug, node.coordinator = spec.slug, unit.slug, unit.coordinator
            if spec.kind != "regency":
                node.aliases = _UNIT_ALIASES.get(unit.slug, ())
            self.unit[(spec.slug, unit.slug)] = node
            self.units_of[agency.id].append(node)
            if unit.coordinator:
                self.coordinator_of[agency.id] = node

    def owning_agency(self, node: Node) -> Node:
        return self.by_id[node.agency_id]

    def up_from_agency(self, node: Node) -> Node:
        """Where "bukan wewenang" sends a complaint sitting at an agency: the parent's agency."""
        parent = self.by_id[node.parent_id] if node.parent_id is not None else node
        return self.by_id[parent.agency_id]


def build_users(directory: Directory, created_at: datetime, password_hash: str
                ) -> tuple[list[dict[str, Any]], list[SeededUser]]:
    """Usernames and names are fixed (independent of the seed): tests and trainers rely on them.

    Order: national admins, agency admins (kabupaten/kota first, Kota Kendari leading, then the
    province, then K/L/BUMN), liaison officers in the same agency order, busiest OPDs first.
    """
    rng = random.Random("lapor-desk-staff-v1")
    specs: list[tuple[AgencySpec, Node]] = []
    for regency in regions.REGENCIES:
        specs.append((directory.specs[regency.slug], directory.agency[regency.slug]))
    specs.append((regions.PROVINCE_AGENCY, directory.province))
    for spec in regions.MINISTRIES:
        specs.append((spec, directory.agency[spec.slug]))

    entries: list[tuple[str, Role, Node]] = [
        ("nasional1", Role.NATIONAL_ADMIN, directory.root),
        ("nasional2", Role.NATIONAL_ADMIN, directory.root),
    ]
    for spec, agency in specs:
        coordinator = directory.coordinator_of[agency.id]
        for i in range(spec.admins):
            entries.append((f"admin{'' if i == 0 else i + 1}.{spec.slug}", Role.AGENCY_ADMIN,
                            coordinator))
    for spec, agency in specs:
        for unit in directory.units_of[agency.id]:
            entries.append((f"lo.{spec.slug}.{unit.unit_slug}", Role.LIAISON_OFFICER, unit))
    rows, users = [], []
    for ident, (username, role, unit) in enumerate(entries, start=1):
        display = people.staff_name(rng)
        rows.append({
            "id": ident, "username": username, "display_name": display,
            "password_hash": password_hash, "role": str(role), "unit_id": unit.id,
            "scope_epoch": 1, "disabled": False, "created_at": created_at,
        })
        users.append(SeededUser(username, str(role), unit.id, unit.name, display, ident,
                                unit.agency_id))
    return rows, users
