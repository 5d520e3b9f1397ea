"""Who sees what, as SQL: the server-side twin of ``models.agencies.can_see``.

A :class:`Viewer` is the authenticated user with their home unit and scope root. Its clauses
filter complaints (and, joined through them, every child record) on every endpoint; the
``readable`` clause is the rahasia rule: the words of a confidential complaint (its title, body,
reporter, tags, disposition notes, event reasons and notes, follow-ups and attachments) go only to
units in ``handler_unit_ids``, to the liaison of the handling unit and to the admins of the agency
responsible for it (they must read it to verify it); others get its routing facts
(``pull_sql.Selects``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB

from lapor_desk.models.agencies import Actor, AgencyNode, DictDirectory, can_see, location_of
from lapor_desk.models.enums import Role
from lapor_desk.server.db import Complaint
from lapor_desk.server.services.directory import UserRecord, actor_for

COMPLAINTS = Complaint.__table__


@dataclass(frozen=True)
class Viewer:
    user: UserRecord
    actor: Actor
    unit: AgencyNode
    scope_root: AgencyNode
    dialect: str

    @classmethod
    def of(cls, user: UserRecord, directory: DictDirectory, dialect: str) -> Viewer:
        actor = actor_for(user, directory)
        unit = directory.get(user.unit_id)
        root = directory.get(actor.scope_root_id)
        assert unit is not None and root is not None
        return cls(user, actor, unit, root, dialect)

    @property
    def sees_everything(self) -> bool:
        return self.user.role == Role.NATIONAL_ADMIN and self.scope_root.parent_id is None

    @property
    def kind(self) -> str:
        """The shape of the viewer's SQL: ``unit`` (liaison), ``subtree`` (admin) or ``all``."""
        if self.user.role == Role.LIAISON_OFFICER:
            return "unit"
        return "all" if self.sees_everything else "subtree"

    def params(self) -> dict[str, Any]:
        """Values of the bind parameters the clauses below use (same names, same values)."""
        return {"v_unit_id": self.unit.id, "v_unit_path": self.unit.path,
                "v_root_pattern": like_prefix(self.scope_root.path), "v_root_id": self.scope_root.id,
                "v_unit_json": f"[{self.unit.id}]"}

    # --- SQL (bind parameters carry the values, so a statement's text depends on kind only) -----

    def _bind(self, name: str) -> Any:
        return bindparam(name, self.params()[name])

    def path_clause(self, path: Any) -> ColumnElement[bool] | None:
        """Whether a complaint sitting at node ``path`` is in scope (``None``: everything is)."""
        if self.kind == "unit":
            return path == self._bind("v_unit_path")  # type: ignore[no-any-return]
        if self.kind == "all":
            return None
        return path.like(self._bind("v_root_pattern"), escape="\\")  # type: ignore[no-any-return]

    def complaint_clause(self, complaints: Any = COMPLAINTS) -> ColumnElement[bool]:
        clause = self.path_clause(complaints.c.location_path)
        return clause if clause is not None else true()

    def readable_clause(self, complaints: Any = COMPLAINTS) -> ColumnElement[bool]:
        """SQL: the caller may read the content of the complaint row in ``complaints``."""
        c = complaints.c
        member: ColumnElement[bool]
        if self.dialect == "postgresql":
            member = cast(c.handler_unit_ids, JSONB).op("@>")(
                cast(self._bind("v_unit_json"), JSONB))
        else:
            each = func.json_each(c.handler_unit_ids).table_valued("value")
            member = exists(select(literal(1)).select_from(each).where(
                each.c.value == self._bind("v_unit_id")))
        options: list[ColumnElement[bool]] = [c.confidential == false(), member]
        if self.kind == "unit":
            options.append(c.handling_unit_id == self._bind("v_unit_id"))
        else:
            options.append(c.responsible_id == self._bind("v_root_id"))
        return or_(*options)

    # --- Python --------------------------------------------------------------------------------

    def can_see(self, directory: DictDirectory, responsible_id: int,
                handling_unit_id: int | None) -> bool:
        location = directory.get(location_of(responsible_id, handling_unit_id))
        return location is not None and can_see(self.actor, self.scope_root, location)

    def can_read(self, confidential: bool, handler_unit_ids: list[int] | tuple[int, ...],
                 responsible_id: int, handling_unit_id: int | None) -> bool:
        if not confidential or self.unit.id in handler_unit_ids:
            return True
        if self.user.role == Role.LIAISON_OFFICER:
            return handling_unit_id == self.unit.id
        return responsible_id == self.scope_root.id


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching every string that starts with ``prefix`` (escape char ``\\``)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
