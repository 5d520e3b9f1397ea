"""A thin HTTP client for the server tests (the real client lives in lapor_desk/sync)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.server.builder import PASSWORD, World
from tests.support.live_server import LiveServer


@dataclass
class Api:
    base: str
    token: str | None = None
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    next_mutation: int = 1
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.base + path, headers=self.headers, timeout=30, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.http.post(self.base + path, headers=headers, timeout=30, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.http.put(self.base + path, headers=headers, timeout=30, **kwargs)

    def pull(self, cursor: str | None = None, **params: Any) -> dict[str, Any]:
        if cursor:
            params["cursor"] = cursor
        response = self.get("/sync/pull", params=params)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def pull_all(self, cursor: str | None = None, **params: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Follow has_more; returns (merged state, pages). State: entity -> id -> row dict."""
        state: dict[str, dict[Any, dict[str, Any]]] = {}
        pages = []
        while True:
            page = self.pull(cursor, **params)
            pages.append(page)
            apply_page(state, page)
            cursor = page["cursor"]
            if not page["has_more"]:
                return {"state": state, "cursor": cursor}, pages

    def action(self, kind: str, complaint_id: str | None, base_version: int | None = None,
               **payload: Any) -> dict[str, Any]:
        mutation = {"mutation_id": self.next_mutation, "kind": kind, "complaint_id": complaint_id,
                    "base_version": base_version, "payload": payload}
        self.next_mutation += 1
        return mutation

    def push(self, *actions: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post("/sync/push", json={"client_id": self.client_id, "actions": list(actions)})
        assert response.status_code == 200, response.text
        return list(response.json()["results"])

    def do(self, kind: str, complaint_id: str | None, base_version: int | None = None,
           **payload: Any) -> dict[str, Any]:
        return self.push(self.action(kind, complaint_id, base_version, **payload))[0]

    def upload(self, data: bytes, chunk: int = 1 << 20) -> str:
        sha = hashlib.sha256(data).hexdigest()
        status = self.get(f"/blobs/{sha}/upload")
        assert status.status_code == 200, status.text
        if status.json()["complete"]:
            return sha
        offset = status.json()["offset"]
        while True:
            part = data[offset:offset + chunk]
            response = self.put(f"/blobs/{sha}/upload", params={"offset": offset, "total": len(data)},
                                data=part, headers={"Content-Type": "application/octet-stream"})
            assert response.status_code == 200, response.text
            offset = response.json()["offset"]
            if response.json()["complete"]:
                return sha


def apply_page(state: dict[str, dict[Any, dict[str, Any]]], page: dict[str, Any]) -> None:
    if page["reset"]:
        state.clear()
        return
    for entity, block in page["changes"].items():
        table = state.setdefault(entity, {})
        for row in block["rows"]:
            record = dict(zip(block["columns"], row, strict=True))
            table[record["id"]] = record
    for tomb in page["tombstones"]:
        if tomb["entity"] == "complaint":
            state.get("complaint", {}).pop(tomb["id"], None)
            for entity in ("disposition", "follow_up", "attachment", "event"):
                table = state.get(entity, {})
                for key in [k for k, v in table.items() if v["complaint_id"] == tomb["id"]]:
                    del table[key]
        else:
            state.get(tomb["entity"], {}).pop(tomb["id"], None)


@dataclass
class WorldServer:
    live: LiveServer
    world: World

    @property
    def base(self) -> str:
        return self.live.url + "/api/v1"

    def anonymous(self) -> Api:
        return Api(self.base)

    def login(self, username: str, password: str = PASSWORD) -> Api:
        api = Api(self.base)
        response = api.post("/auth/login", json={"username": username, "password": password,
                                                 "device": "pytest"})
        assert response.status_code == 200, response.text
        api.token = response.json()["token"]
        return api

    def cid(self, label: str) -> str:
        return self.world.complaints[label]

    def unit(self, code: str) -> int:
        return self.world.agencies[code]
