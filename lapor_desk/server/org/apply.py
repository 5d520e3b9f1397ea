"""Importing and exporting the organisation on the server's database.

:func:`import_units` checks the whole file first (``server/org/plan.py``) and then writes every
change in one transaction: all or nothing. A row that changes nothing gets no new change number,
so importing the same file again changes nothing and sends the desktops nothing; a changed unit
gets a new ``seq`` and reaches every desktop at its next pull.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select, union
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.models.enums import AgencyLevel
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Agency, Complaint, Disposition, User, next_seqs
from lapor_desk.server.logs import event
from lapor_desk.server.org.plan import Existing, Plan, plan_import
from lapor_desk.server.org.table import read_table, write_table

log = logging.getLogger(__name__)

#: The national root an import makes on a server that has none yet (``init-db`` makes none).
ROOT_CODE = "NASIONAL"
ROOT_NAME = "Kementerian PANRB (Admin Nasional SP4N-LAPOR!)"


@dataclass(frozen=True)
class ImportReport:
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    deactivated: tuple[str, ...] = ()
    unchanged: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    written: bool = False

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.moved) + len(self.deactivated)


def complaints_naming(session: Session, node_ids: Sequence[int]) -> int:
    """How many complaints name any of ``node_ids``: as responsible agency, handling unit, or in
    a disposition from or to it."""
    c, d = Complaint.__table__.c, Disposition.__table__.c
    ids = list(node_ids)
    named = union(
        select(c.id).where(or_(c.responsible_id.in_(ids), c.handling_unit_id.in_(ids))),
        select(d.complaint_id).where(or_(d.to_id.in_(ids), d.from_id.in_(ids))),
    ).subquery()
    return int(session.execute(select(func.count()).select_from(named)).scalar_one())


def load_tree(session: Session) -> tuple[list[Existing], str | None]:
    """The server's nodes with the users in each, and the national root's code (None: none)."""
    users = {int(node): int(count) for node, count in session.execute(
        select(User.unit_id, func.count(User.id)).group_by(User.unit_id))}
    tree = [Existing(a.id, a.parent_id, a.level, a.path, a.name, a.code,
                     tuple(str(x) for x in (a.aliases or [])), bool(a.active),
                     users.get(a.id, 0))
            for a in session.scalars(select(Agency).order_by(Agency.path))]
    root = next((n.code for n in tree if n.parent_id is None), None)
    return tree, root


def _root(session: Session) -> Agency:
    root = session.scalars(select(Agency).where(Agency.parent_id.is_(None))
                           .order_by(Agency.id)).first()
    if root is not None:
        return root
    root = Agency(parent_id=None, level=str(AgencyLevel.NATIONAL), path="", name=ROOT_NAME,
                  code=ROOT_CODE, region_code=None, aliases=[], active=True,
                  seq=next_seqs(session))
    session.add(root)
    session.flush()
    root.path = f"/{root.id}/"
    return root


def _create(session: Session, plan: Plan, root: Agency, nodes: dict[str, Agency]) -> None:
    """Insert the new units a depth at a time (one flush gives a whole depth its ids, from which
    their paths follow), with change numbers reserved at once."""
    created = set(plan.create)
    depth: dict[str, int] = {}
    for row in plan.rows:  # parents first
        above = row.parent_code.casefold() if row.parent_code else None
        depth[row.code.casefold()] = depth.get(above, 0) + 1 if above else 1
    rows = sorted((r for r in plan.rows if r.code in created),
                  key=lambda r: depth[r.code.casefold()])
    if not rows:
        return
    seq = next_seqs(session, len(rows))
    wave: list[tuple[Agency, Agency]] = []
    level = 0
    for row in rows:
        if depth[row.code.casefold()] != level:
            _flush_wave(session, wave)
            level = depth[row.code.casefold()]
        parent = nodes[row.parent_code.casefold()] if row.parent_code else root
        node = Agency(parent_id=parent.id, level=str(row.level), path="", name=row.name,
                      code=row.code, region_code=None, aliases=list(row.aliases),
                      active=row.active, seq=seq)
        seq += 1
        session.add(node)
        wave.append((node, parent))
        nodes[row.code.casefold()] = node
    _flush_wave(session, wave)


def _flush_wave(session: Session, wave: list[tuple[Agency, Agency]]) -> None:
    if not wave:
        return
    session.flush()
    for node, parent in wave:
        node.path = f"{parent.path}{node.id}/"
    wave.clear()


def _apply(session: Session, plan: Plan) -> None:
    root = _root(session)
    nodes = {a.code.casefold(): a for a in session.scalars(select(Agency))}
    _create(session, plan, root, nodes)
    moved, updated = set(plan.move), set(plan.update)
    changed: list[Agency] = []
    for row in plan.rows:
        if row.code not in moved and row.code not in updated:
            continue  # new (above) or as it was: no new change number, nothing sent again
        parent = nodes[row.parent_code.casefold()] if row.parent_code else root
        node = nodes[row.code.casefold()]
        if row.code in moved:
            old_path, new_path = node.path, f"{parent.path}{node.id}/"
            node.parent_id, node.level = parent.id, str(row.level)
            for below in session.scalars(select(Agency).where(
                    Agency.path.startswith(old_path, autoescape=True), Agency.id != node.id)):
                below.path = new_path + below.path[len(old_path):]
                changed.append(below)
            node.path = new_path
        node.name, node.aliases, node.active = row.name, list(row.aliases), row.active
        changed.append(node)
    for gone in plan.deactivate:
        node = nodes[gone.code.casefold()]
        node.active = False
        changed.append(node)
    unique = list({id(n): n for n in changed}.values())
    if unique:
        first = next_seqs(session, len(unique))
        for offset, node in enumerate(unique):
            node.seq = first + offset


def import_units(engine: Engine, path: Path, dry_run: bool = False) -> ImportReport:
    """Import ``path`` (CSV or XLSX). Raises ``TableError`` or ``ImportRejected``; then nothing
    was written."""
    raw = read_table(path)
    with transaction(engine) as session:
        tree, root_code = load_tree(session)
        plan = plan_import(raw, tree, root_code,
                           lambda ids: complaints_naming(session, ids))
        if not dry_run and plan.changes:
            _apply(session, plan)
    report = ImportReport(tuple(plan.create), tuple(plan.update), tuple(plan.move),
                          tuple(n.code for n in plan.deactivate), plan.unchanged,
                          tuple(plan.warnings), written=not dry_run and plan.changes > 0)
    event(log, "org_import", file=path.name, rows=len(raw), created=len(report.created),
          updated=len(report.updated), moved=len(report.moved),
          deactivated=len(report.deactivated), unchanged=report.unchanged, dry_run=dry_run)
    return report


def export_units(engine: Engine, path: Path) -> int:
    """Write every unit but the national root in the import's format, parents first; the number
    of units written."""
    with Session(engine) as session:
        nodes = list(session.scalars(select(Agency).order_by(Agency.path)))
    by_id = {n.id: n for n in nodes}
    rows = []
    for node in nodes:
        if node.parent_id is None:
            continue
        parent = by_id.get(node.parent_id)
        induk = "" if parent is None or parent.parent_id is None else parent.code
        rows.append([node.code, node.name, ", ".join(str(a) for a in node.aliases or []), induk,
                     "instansi" if node.level == AgencyLevel.AGENCY else "unit",
                     "ya" if node.active else "tidak"])
    write_table(path, rows)
    return len(rows)
