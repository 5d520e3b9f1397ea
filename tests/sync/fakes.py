"""A scripted stand-in for the transport (unit tests only; integration tests use the real
server)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import orjson
from sqlalchemy import update

from lapor_desk.models.cache import Cache
from lapor_desk.models.cache.schema import SyncState
from lapor_desk.models.enums import Role
from lapor_desk.sync.protocol import UserInfo


class FakeTransport:
    base_url = "http://fake"

    def __init__(self) -> None:
        self.token: str | None = "t"
        self.pages: list[Any] = []
        self.pulls: list[dict[str, Any]] = []
        self.pushes: list[dict[str, Any]] = []
        self.push_handler: Callable[[dict[str, Any]], Any] = self.apply_all
        self.version = 100
        self.user: dict[str, Any] = {"id": 5, "username": "sari", "display_name": "Sari",
                                     "role": "agency_admin", "unit_id": 11, "scope_root_id": 10}

    def apply_all(self, body: dict[str, Any]) -> Any:
        results = []
        for action in body["actions"]:
            self.version += 1
            results.append({"mutation_id": action["mutation_id"], "outcome": "applied",
                            "version": self.version, "reason": None, "detail": None,
                            "current": None})
        return {"results": results}

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        if path == "/api/v1/me":
            return dict(self.user)
        assert path == "/api/v1/sync/pull", path
        self.pulls.append(dict(params or {}))
        item = self.pages.pop(0)
        if callable(item):  # something that happens before the server answers, then the page
            item = item()
        if isinstance(item, Exception):
            raise item
        return orjson.loads(orjson.dumps(item))

    def post_json(self, path: str, body: Any, *, auth: bool = True) -> Any:
        assert path == "/api/v1/sync/push"
        body = orjson.loads(orjson.dumps(body))
        self.pushes.append(body)
        return self.push_handler(body)


def sign_in(cache: Cache, role: Role = Role.AGENCY_ADMIN, unit_id: int = 11,
            scope_root_id: int = 10, user_id: int = 5) -> UserInfo:
    user = UserInfo(user_id, "sari", "Sari", role, unit_id, scope_root_id)
    with cache.engine.begin() as connection:
        connection.execute(update(SyncState).values(
            user_id=user.id, username=user.username, display_name=user.display_name,
            role=str(user.role), unit_id=user.unit_id, scope_root_id=user.scope_root_id))
    return user
