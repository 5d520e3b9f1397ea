"""Who manages whose account: one rule, asked by the server's people endpoints and the desktop.

- a national admin manages agency admins and liaison officers anywhere;
- an agency admin manages agency admins and liaison officers whose unit lies in their own
  agency's subtree (``scope_path``: the path of the agency that owns their home unit);
- a liaison officer manages nobody.

No one manages a national admin from the desktop (only ``lapor-server user ...`` on the server
does), and no one disables, moves or resets their own account there: an admin cannot lock
themselves out by a slip of the mouse.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from lapor_desk.models.enums import Role

#: The roles each role manages (an empty set: none).
MANAGED: Final[dict[str, frozenset[str]]] = {
    Role.NATIONAL_ADMIN: frozenset({Role.AGENCY_ADMIN, Role.LIAISON_OFFICER}),
    Role.AGENCY_ADMIN: frozenset({Role.AGENCY_ADMIN, Role.LIAISON_OFFICER}),
    Role.LIAISON_OFFICER: frozenset(),
}


class AccountChange(StrEnum):
    """What happened to an account (the audit's ``action``; the wire's spelling)."""

    CREATED = "created"
    DISABLED = "disabled"
    ENABLED = "enabled"
    MOVED = "moved"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"
    UPDATED = "updated"


def manages_anyone(role: str) -> bool:
    """Whether ``role`` sees the people screen at all."""
    return bool(MANAGED.get(role))


def roles_managed_by(role: str) -> frozenset[str]:
    return MANAGED.get(role, frozenset())


def may_manage(role: str, scope_path: str, target_role: str, target_unit_path: str) -> bool:
    """Whether a user of ``role`` whose subtree is ``scope_path`` may manage an account of
    ``target_role`` at the unit whose path is ``target_unit_path`` (or put one there)."""
    if target_role not in roles_managed_by(role):
        return False
    return role == Role.NATIONAL_ADMIN or target_unit_path.startswith(scope_path)
