"""Importing and exporting the organisation on the server's database.

:func:`import_units` checks the whole file first (``server/org/plan.py``) and then writes every
change in one transaction: all or nothing. A row that changes nothing gets no new change number,
so importing the same file again changes nothing and sends the desktops nothing; a changed unit
gets a new ``seq`` and reaches every desktop at its next pull.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, literal_column, select, union
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


def _uses(session: Session) -> tuple[dict[int, int], dict[int, int]]:
    """Per node: the complaints that name it (responsible, handling, or a disposition from or to
    it) and the users whose home unit it is."""
    c, d = Complaint.__table__.c, Disposition.__table__.c
    named = union(
        select(c.responsible_id.label("node"), c.id.label("cid")),
        select(c.handling_unit_id, c.id).where(c.handling_unit_id.is_not(None)),
        select(d.to_id, d.complaint_id),
        select(d.from_id, d.complaint_id),
    ).subquery()
    complaints = {int(node): int(count) for node, count in session.execute(
        select(named.c.node, func.count(literal_column("*"))).group_by(named.c.node))
        if node is not None}
    users = {int(node): int(count) for node, count in session.execute(
        select(User.unit_id, func.count(User.id)).group_by(User.unit_id))}
    return complaints, users


def load_tree(session: Session) -> tuple[list[Existing], str | None]:
    """The server's nodes with what names them, and the national root's code (None: no root)."""
    complaints, users = _uses(session)
    tree = [Existing(a.id, a.parent_id, a.level, a.path, a.name, a.code,
                     tuple(str(x) for x in (a.aliases or [])), bool(a.active),
                     complaints.get(a.id, 0), users.get(a.id, 0))
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


def _apply(session: Session, plan: Plan) -> None:
    root = _root(session)
    nodes = {a.code.casefold(): a for a in session.scalars(select(Agency))}
    created, moved, updated = set(plan.create), set(plan.move), set(plan.update)
    changed: list[Agency] = []
    for row in plan.rows:
        parent = nodes[row.parent_code.casefold()] if row.parent_code else root
        if row.code in created:
            node = Agency(parent_id=parent.id, level=str(row.level), path="", name=row.name,
                          code=row.code, region_code=None, aliases=list(row.aliases),
                          active=row.active, seq=next_seqs(session))
            session.add(node)
            session.flush()
            node.path = f"{parent.path}{node.id}/"
            nodes[row.code.casefold()] = node
            continue
        if row.code not in moved and row.code not in updated:
            continue  # as it was: no new change number, nothing sent again
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
        plan = plan_import(raw, tree, root_code)
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
