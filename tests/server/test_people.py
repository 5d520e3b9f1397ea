"""People: who may list, create, disable, enable, move and reset whose account (each cell of
the matrix asserted: 403 where they may not), the audit of every change, and the password an
admin resets being replaced at the next sign-in (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from typing import Any

import pytest
import requests

from lapor_desk.models import wire
from lapor_desk.models.enums import Role
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Agency, User, UserAudit
from lapor_desk.server.services import people
from lapor_desk.server.services.people_import import ImportRefused, Row, import_people
from tests.server.builder import PASSWORD, USERS
from tests.server.client import Api, WorldServer

NOW = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
CALLERS = ("nasional", "admin_prov", "admin_kab", "admin_menkes", "lo_prov_health")
#: The accounts acted on: (role, unit code).
TARGETS = (("liaison_officer", "kab_health"), ("agency_admin", "kab_kominfo"),
           ("liaison_officer", "prov_works"), ("agency_admin", "ministry_unit"),
           ("national_admin", "national"))
MAY = {
    "nasional": set(TARGETS[:4]),
    "admin_prov": set(TARGETS[:3]),
    "admin_kab": set(TARGETS[:2]),
    "admin_menkes": {TARGETS[3]},
    "lo_prov_health": set(),
}
#: Where each target may be moved within the same subtree.
MOVE_TO = {"kab_health": "kab_kominfo", "kab_kominfo": "kab_health",
           "prov_works": "prov_health", "ministry_unit": "ministry", "national": "national"}
_names = count(1)


def _path(endpoint: wire.Endpoint, **segments: Any) -> str:
    return endpoint.to(**{k: str(v) for k, v in segments.items()}).removeprefix(wire.API_PREFIX)


def _make(server: WorldServer, role: str, unit: str, *, disabled: bool = False) -> int:
    """An account made from the shell, for one cell of the matrix."""
    with transaction(server.live.engine) as session:
        person, _ = people.create_person(
            session, people.SHELL, username=f"target{next(_names)}",
            display_name="Sasaran Uji", role=role, unit_id=server.unit(unit), now=NOW)
        if disabled:
            people.set_disabled(session, people.SHELL, person.id, True, NOW)
    return person.id


def _logins(server: WorldServer) -> dict[str, Api]:
    return {name: server.login(name) for name in CALLERS}


def _cells(server: WorldServer, act: Callable[[Api, tuple[str, str], int], requests.Response],
           *, disabled: bool = False) -> None:
    apis = _logins(server)
    for caller in CALLERS:
        for target in TARGETS:
            user_id = _make(server, *target, disabled=disabled)
            answer = act(apis[caller], target, user_id)
            expected = 200 if target in MAY[caller] else 403
            assert answer.status_code == expected, (caller, target, answer.text)
            if expected == 403:
                assert answer.json()["error"]["code"] == "forbidden"
        own = server.world.user(caller).id
        refused = act(apis[caller], ("", ""), own)
        assert refused.status_code == 403, (caller, "own account", refused.text)


def _audit_actions(server: WorldServer, user_id: int) -> list[tuple[str, str]]:
    with server.live.session() as session:
        rows = session.query(UserAudit).filter(UserAudit.target_id == user_id).order_by(
            UserAudit.id)
        return [(row.actor_username, row.action) for row in rows]


def test_disable_matrix_and_its_audit(server: WorldServer) -> None:
    def act(api: Api, target: tuple[str, str], user_id: int) -> requests.Response:
        answer = api.post(_path(wire.DISABLE_USER, user_id=user_id), json={})
        if answer.status_code == 200:
            assert answer.json()["disabled"] is True
            assert _audit_actions(server, user_id)[-1][1] == "disabled"
        return answer

    _cells(server, act)


def test_enable_matrix(server: WorldServer) -> None:
    def act(api: Api, target: tuple[str, str], user_id: int) -> requests.Response:
        answer = api.post(_path(wire.ENABLE_USER, user_id=user_id), json={})
        if answer.status_code == 200:
            assert answer.json()["disabled"] is False
        return answer

    _cells(server, act, disabled=True)


def test_move_matrix(server: WorldServer) -> None:
    def act(api: Api, target: tuple[str, str], user_id: int) -> requests.Response:
        unit = server.unit(MOVE_TO.get(target[1], "kab_health"))
        answer = api.post(_path(wire.MOVE_USER, user_id=user_id), json={"unit_id": unit})
        if answer.status_code == 200:
            assert answer.json()["unit_id"] == unit
        return answer

    _cells(server, act)


def test_reset_password_matrix(server: WorldServer) -> None:
    def act(api: Api, target: tuple[str, str], user_id: int) -> requests.Response:
        answer = api.post(_path(wire.RESET_PASSWORD, user_id=user_id), json={})
        if answer.status_code == 200:
            assert answer.json()["user"]["must_change_password"] is True
            assert len(answer.json()["one_time_password"]) == 14
        return answer

    _cells(server, act)


def test_create_matrix(server: WorldServer) -> None:
    apis = _logins(server)
    for caller in CALLERS:
        for role, unit in TARGETS:
            body = {"username": f"baru{next(_names)}", "display_name": "Petugas Baru",
                    "role": role, "unit_id": server.unit(unit)}
            answer = apis[caller].post(_path(wire.CREATE_USER), json=body)
            if role == "national_admin":  # never made from the desktop: outside the schema
                assert answer.status_code == 422, (caller, answer.text)
                continue
            expected = 200 if (role, unit) in MAY[caller] else 403
            assert answer.status_code == expected, (caller, role, unit, answer.text)
    taken = apis["admin_kab"].post(_path(wire.CREATE_USER), json={
        "username": "lo_kab_health", "display_name": "Lagi", "role": "liaison_officer",
        "unit_id": server.unit("kab_health")})
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "username_taken"


def test_list_matrix(server: WorldServer) -> None:
    apis = _logins(server)
    listed = {}
    for caller in CALLERS:
        answer = apis[caller].get(_path(wire.USERS))
        if caller == "lo_prov_health":
            assert answer.status_code == 403
            continue
        assert answer.status_code == 200, answer.text
        listed[caller] = {u["username"] for u in answer.json()["users"]}
    assert listed["nasional"] == {u for u, role, _ in USERS if role != "national_admin"}
    assert listed["admin_prov"] == {"admin_prov", "admin_kab", "lo_prov_health",
                                    "lo_prov_works", "lo_kab_health"}
    assert listed["admin_kab"] == {"admin_kab", "lo_kab_health"}
    assert listed["admin_menkes"] == {"admin_menkes"}
    only = apis["admin_prov"].get(_path(wire.USERS), params={
        "unit_id": server.unit("kab"), "role": "liaison_officer"}).json()["users"]
    assert [u["username"] for u in only] == ["lo_kab_health"]
    found = apis["nasional"].get(_path(wire.USERS), params={"q": "WORKS"}).json()["users"]
    assert [u["username"] for u in found] == ["lo_prov_works"]
    page = apis["nasional"].get(_path(wire.USERS), params={"limit": 2}).json()
    assert len(page["users"]) == 2 and page["has_more"] is True


def test_who_may_not_give_what_they_do_not_manage(server: WorldServer) -> None:
    admin_kab = server.login("admin_kab")
    officer = server.world.user("lo_kab_health").id
    outside = admin_kab.post(_path(wire.MOVE_USER, user_id=officer),
                             json={"unit_id": server.unit("prov_works")})
    assert outside.status_code == 403
    promoted = admin_kab.post(_path(wire.MOVE_USER, user_id=officer),
                              json={"unit_id": server.unit("kab_health"),
                                    "role": "national_admin"})
    assert promoted.status_code == 422
    nasional = server.login("nasional")
    at_the_top = nasional.post(_path(wire.MOVE_USER, user_id=officer),
                               json={"unit_id": server.unit("national"), "role": "agency_admin"})
    assert at_the_top.status_code == 403  # an agency admin there would see everything
    made_at_top = nasional.post(_path(wire.CREATE_USER), json={
        "username": "puncak", "display_name": "Di Puncak", "role": "agency_admin",
        "unit_id": server.unit("national")})
    assert made_at_top.status_code == 403
    assert admin_kab.post(_path(wire.DISABLE_USER, user_id=999_999), json={}).status_code == 404
    assert admin_kab.post(_path(wire.MOVE_USER, user_id=officer),
                          json={"unit_id": 999_999}).status_code == 404
    assert server.anonymous().get(_path(wire.USERS)).status_code == 401


def test_every_change_is_audited_and_read_by_who_may(server: WorldServer) -> None:
    nasional, admin_kab, admin_menkes = (server.login(n) for n in (
        "nasional", "admin_kab", "admin_menkes"))
    made = admin_kab.post(_path(wire.CREATE_USER), json={
        "username": "lo_kab_baru", "display_name": "Wa Ode Sitti", "role": "liaison_officer",
        "unit_id": server.unit("kab_health")}).json()["user"]
    user_id = made["id"]
    for endpoint, body in ((wire.DISABLE_USER, {}), (wire.DISABLE_USER, {}),
                           (wire.ENABLE_USER, {}),
                           (wire.MOVE_USER, {"unit_id": server.unit("kab_kominfo")}),
                           (wire.RESET_PASSWORD, {})):
        answer = admin_kab.post(_path(endpoint, user_id=user_id), json=body)
        assert answer.status_code == 200, answer.text
    expected = [("admin_kab", "created"), ("admin_kab", "disabled"), ("admin_kab", "enabled"),
                ("admin_kab", "moved"), ("admin_kab", "password_reset")]  # twice: recorded once
    assert _audit_actions(server, user_id) == expected
    moved = nasional.get(_path(wire.USER_AUDIT), params={"user_id": user_id}).json()["entries"]
    assert [e["action"] for e in moved] == [a for _, a in reversed(expected)]
    assert moved[1]["detail"]["from_unit_id"] == server.unit("kab_health")
    assert moved[1]["actor_id"] == server.world.user("admin_kab").id
    assert moved[1]["username"] == "lo_kab_baru" and moved[1]["at"].endswith("Z")
    mine = admin_kab.get(_path(wire.USER_AUDIT)).json()["entries"]
    assert {e["username"] for e in mine} == {"lo_kab_baru"}
    assert admin_menkes.get(_path(wire.USER_AUDIT)).json()["entries"] == []
    assert server.login("lo_kab_health").get(_path(wire.USER_AUDIT)).status_code == 403


def test_a_reset_password_is_replaced_at_the_next_sign_in(server: WorldServer) -> None:
    admin_kab = server.login("admin_kab")
    officer = server.login("lo_kab_health")
    officer_id = server.world.user("lo_kab_health").id
    reset = admin_kab.post(_path(wire.RESET_PASSWORD, user_id=officer_id), json={}).json()
    one_time = reset["one_time_password"]
    assert officer.get("/me").json()["error"]["code"] == "token_revoked"
    login = {"username": "lo_kab_health", "password": one_time, "device": "pytest"}
    refused = server.anonymous().post("/auth/login", json=login)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "password_change_required"
    assert "token" not in refused.json()
    old = server.anonymous().post("/auth/login", json={**login, "password": PASSWORD})
    assert old.status_code == 401
    change = _path(wire.CHANGE_PASSWORD)
    wrong = server.anonymous().post(change, json={**login, "password": "salah-sekali",
                                                  "new_password": "kata-sandi-baru-1"})
    assert wrong.status_code == 401
    same = server.anonymous().post(change, json={**login, "new_password": one_time})
    assert same.status_code == 422 and same.json()["error"]["code"] == "password_unchanged"
    short = server.anonymous().post(change, json={**login, "new_password": "pendek"})
    assert short.status_code == 422
    changed = server.anonymous().post(change, json={**login, "new_password": "kata-sandi-baru-1"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["user"]["username"] == "lo_kab_health"
    assert server.login("lo_kab_health", "kata-sandi-baru-1").get("/me").status_code == 200
    assert server.anonymous().post("/auth/login", json=login).status_code == 401
    with server.live.session() as session:
        user = session.get(User, officer_id)
        assert user is not None and user.must_change_password is False
    assert [a for _, a in _audit_actions(server, officer_id)] == [
        "password_reset", "password_changed"]


@pytest.mark.parametrize("length", [1, 3])
def test_one_time_passwords_are_readable_and_differ(length: int) -> None:
    made = {people.one_time_password() for _ in range(50 * length)}
    assert len(made) == 50 * length
    assert all(len(p) == 14 and p.count("-") == 2 and set(p) <= set(people.OTP_ALPHABET + "-")
               for p in made)


def test_no_account_is_put_in_a_unit_that_left_the_structure(server: WorldServer) -> None:
    """A unit that left the pemda's file (``org import``: inactive) keeps its accounts but gets
    no new ones, neither from the desktop nor from the shell's import."""
    moving = _make(server, "liaison_officer", "kab_kominfo")
    with transaction(server.live.engine) as session:
        unit = session.get(Agency, server.unit("kab_health"))
        assert unit is not None
        unit.active = False
    api = server.login("admin_kab")
    created = api.post(_path(wire.CREATE_USER), json={
        "username": f"baru{next(_names)}", "display_name": "Petugas Baru",
        "role": "liaison_officer", "unit_id": server.unit("kab_health")})
    assert created.status_code == 400, created.text
    assert "no longer active" in created.json()["error"]["message"]
    moved = api.post(_path(wire.MOVE_USER, user_id=moving),
                     json={"unit_id": server.unit("kab_health")})
    assert moved.status_code == 400, moved.text
    assert _audit_actions(server, moving) == [("shell", "created")]  # nothing more recorded
    assert server.login("lo_kab_health") is not None  # who was there stays
    with transaction(server.live.engine) as session:
        code = session.get(Agency, server.unit("kab_health")).code  # type: ignore[union-attr]
        with pytest.raises(ImportRefused) as refused:
            import_people(session, [Row(2, "petugas.baru", "Petugas Baru",
                                        Role.LIAISON_OFFICER, code, True)], NOW)
    said = f"baris 2: unit {code!r} sudah tidak aktif; pilih unit yang mengambil alih tugasnya"
    assert refused.value.problems == (said,)
