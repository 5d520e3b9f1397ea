"""What a role may do comes from the session (``SessionInfo.capabilities``), defined once; no
widget decides by the role's spelling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lapor_desk.models.enums import Role
from lapor_desk.services.types import Capabilities, SessionInfo

ROOT = Path(__file__).resolve().parents[2] / "lapor_desk"
#: A set of roles written out: ``frozenset({Role.NATIONAL_ADMIN, Role.AGENCY_ADMIN})`` or with
#: the codes spelled as text.
ROLE_SET = re.compile(r"frozenset\(\{[^}]*(NATIONAL_ADMIN|\"national_admin\")")
#: A decision on the session's role itself: ``info.role in ...``, ``info.role == "..."``.
ROLE_TEST = re.compile(r"\.role\b\s*(?:in|not in|==|!=)\s")


def info(role: str) -> SessionInfo:
    return SessionInfo("https://lapor.example.go.id", "sari", "Sari", role, 7, "Dinas PU",
                       "/tmp/profile")


@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.AGENCY_ADMIN])
def test_coordinators_verify_record_act_on_selections_and_oversee(role: Role) -> None:
    assert info(str(role)).capabilities == Capabilities(
        verify=True, record_complaints=True, bulk_actions=True, oversight=True,
        unit_names=True, people=True)


@pytest.mark.parametrize("role", [str(Role.LIAISON_OFFICER), "", "auditor"])
def test_other_roles_get_none_of_it(role: str) -> None:
    assert info(role).capabilities == Capabilities()


def _lines(layer: str, pattern: re.Pattern[str]) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{number}"
            for path in sorted((ROOT / layer).rglob("*.py"))
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if pattern.search(line) and not line.lstrip().startswith("#")]


def test_the_coordinator_set_is_written_once() -> None:
    found = _lines("ui", ROLE_SET) + _lines("services", ROLE_SET)
    assert [place.partition(":")[0] for place in found] == ["services/types.py"], found


def test_no_widget_decides_by_role() -> None:
    assert _lines("ui", ROLE_TEST) == []
