"""The directory's other names (aliases): who may set them, what is stored, and that every
desktop pulls the changed row again (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from lapor_desk.models import wire
from tests.server.client import Api, WorldServer


def _path(agency_id: int) -> str:
    return wire.AGENCY_ALIASES.to(agency_id=str(agency_id)).removeprefix(wire.API_PREFIX)


def _agencies(api: Api, cursor: str | None = None) -> tuple[dict[int, dict[str, Any]], str]:
    merged, _pages = api.pull_all(cursor)
    return dict(merged["state"].get("agency", {})), merged["cursor"]


def test_an_agency_admin_names_a_unit_and_everyone_pulls_it_again(server: WorldServer) -> None:
    admin = server.login("admin_kab")
    officer = server.login("lo_kab_health")
    health = server.unit("kab_health")
    before, cursor = _agencies(officer)
    assert before[health]["aliases"] == []

    answer = admin.post(_path(health), json={"aliases": [
        " Dinkes  Konawe ", "dinkes konawe", "", "Dinas Kesehatan Kabupaten Konawe", "Puskes"]})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"id": health, "aliases": ["Dinkes Konawe", "Puskes"]}

    after, _ = _agencies(officer, cursor)  # only what changed since: the one row
    assert list(after) == [health]
    assert after[health]["aliases"] == ["Dinkes Konawe", "Puskes"]

    again = admin.post(_path(health), json={"aliases": []})
    assert again.status_code == 200 and again.json()["aliases"] == []


def test_who_may_not_and_what_is_refused(server: WorldServer) -> None:
    health = server.unit("kab_health")
    ministry_unit = server.unit("ministry_unit")
    refused = server.login("lo_kab_health").post(_path(health), json={"aliases": ["Dinkes"]})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    admin = server.login("admin_kab")
    other = admin.post(_path(ministry_unit), json={"aliases": ["Yankes"]})
    assert other.status_code == 403
    assert admin.post(_path(999_999), json={"aliases": []}).status_code == 404
    many = admin.post(_path(health), json={"aliases": [f"Nama {n}" for n in range(13)]})
    assert many.status_code == 422 and "too_many" in many.json()["error"]["message"]
    assert admin.post(_path(health), json={"aliases": ["x" * 81]}).status_code == 422
    assert admin.post(_path(health), json={"names": []}).status_code == 422
    assert server.anonymous().post(_path(health), json={"aliases": []}).status_code == 401
    national = server.login("nasional")
    assert national.post(_path(ministry_unit), json={"aliases": ["Yankes"]}).status_code == 200
