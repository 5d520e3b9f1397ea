"""Inputs outside the schema are always 4xx, never 5xx: a compact fuzz loop per endpoint."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import requests

from lapor_desk.models.enums import ActionKind
from tests.server.builder import complaint_payload, new_id
from tests.server.client import Api, WorldServer

JUNK_STRINGS = ["", " ", "\x00", "a\x00b", "\u202e\u0644\u0627\U0001F600", "'; DROP TABLE complaints; --",
                "%", "_", "\\", "x" * 70_000, "null", "💥" * 500, "\ufeff", "../../etc/passwd"]
JUNK_NUMBERS: list[Any] = [0, -1, 1 << 31, 1 << 63, 10**30, -(10**30), 1.5, 1e308, True, False]


def junk(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.35:
        return rng.choice(JUNK_STRINGS)
    if roll < 0.6:
        return rng.choice(JUNK_NUMBERS)
    if roll < 0.7:
        return None
    if roll < 0.85:
        return [junk(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["to_id", "body", "note", "reason", "x", "\x00"]): junk(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def _payload(rng: random.Random, kind: str, server: WorldServer) -> dict[str, Any]:
    good: dict[str, Any] = {"to_id": server.unit("prov_health"), "note": "n", "reason": "r",
                            "reason_code": "spam", "body": "isi", "disposition_id": new_id(),
                            "follow_up_id": new_id(), "other_id": server.cid("kab_plain"),
                            "attachments": [], "complaint": complaint_payload("Judul cukup panjang")}
    for key in rng.sample(sorted(good), rng.randint(0, 4)):
        good[key] = junk(rng)
    if kind == "record_complaint" and isinstance(good.get("complaint"), dict) and rng.random() < 0.7:
        complaint = dict(good["complaint"])
        for key in rng.sample(sorted(complaint), 3):
            complaint[key] = junk(rng)
        good["complaint"] = complaint
    return good


#: The HTTP parser (httptools) refuses a request line longer than this before the application
#: sees it, with its own plain-text 400.
PARSER_URL_LIMIT = 65_535


def _assert_4xx_or_ok(response: requests.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    if len(response.request.url or "") > PARSER_URL_LIMIT:
        assert response.status_code == 400 and "Invalid HTTP request" in response.text
        return
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["request_id"] == response.headers["X-Request-ID"]


def test_push_fuzz(server: WorldServer) -> None:
    rng = random.Random(1708)
    api = server.login("admin_prov")
    kinds = [str(k) for k in ActionKind] + ["", "FORWARD", "x" * 64]
    labels = list(server.world.complaints)
    for round_ in range(40):
        actions = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.choice(kinds)
            action: dict[str, Any] = {
                "mutation_id": api.next_mutation, "kind": kind,
                "complaint_id": server.cid(rng.choice(labels)) if rng.random() < 0.8 else junk(rng),
                "base_version": rng.choice([None, 1, 2, 0]),
                "payload": _payload(rng, kind, server),
            }
            api.next_mutation += 1
            if rng.random() < 0.15:
                action[rng.choice(list(action))] = junk(rng)
            actions.append(action)
        response = api.post("/sync/push", json={"client_id": api.client_id, "actions": actions})
        _assert_4xx_or_ok(response)
        if response.status_code == 200:
            for result in response.json()["results"]:
                assert result["outcome"] in ("applied", "rejected", "conflict")
        # The server keeps working after each round.
        assert api.get("/sync/pull", params={"limit": 1}).status_code == 200, round_


@pytest.mark.parametrize("body", [
    b"", b"{", b"[]", b"null", b"123", b'{"client_id": 5, "actions": {}}', b'"\xed\xa0\x80"',
    b'{"client_id": "\\ud800\\udc00xxxxxxx", "actions": []}', b'{"client_id": "\\ud800", "actions": []}', b'{"client_id":"' + b"a" * 5000 + b'"}',
    b"[" * 5000 + b"]" * 5000, b'{"client_id": "abcdefgh", "actions": [{"mutation_id": 1e400}]}',
    b'{"client_id": "abcdefgh", "actions": [{"mutation_id": 99999999999999999999999, "kind": "x"}]}',
    b'{"client_id": "abcdefgh", "actions": [null, 1, "x"]}', "\u00ff\u00fe".encode("latin-1"),
])
def test_malformed_push_bodies(shared_server: WorldServer, body: bytes) -> None:
    api = shared_server.login("admin_kab")
    response = api.post("/sync/push", data=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    _assert_4xx_or_ok(response)


def test_login_and_pull_and_blob_fuzz(shared_server: WorldServer) -> None:
    rng = random.Random(76)
    anonymous = shared_server.anonymous()
    api: Api = shared_server.login("lo_kab_health")
    for _ in range(60):
        body = {k: junk(rng) for k in rng.sample(["username", "password", "device", "extra"], 3)}
        _assert_4xx_or_ok(anonymous.post("/auth/login", data=json.dumps(body),
                                         headers={"Content-Type": "application/json"}))
        params = {k: junk(rng) for k in rng.sample(["cursor", "limit", "max_bytes"], 2)}
        params = {k: (v if isinstance(v, (str, int, float)) else str(v))[:3000]
                  if isinstance(v, str) else v for k, v in params.items() if v is not None}
        _assert_4xx_or_ok(api.get("/sync/pull", params=params))
        sha = rng.choice(["0" * 64, "g" * 64, "a" * 10, "%2e%2e", str(junk(rng))[:80]])
        _assert_4xx_or_ok(api.get(f"/blobs/{sha}"))
        _assert_4xx_or_ok(api.put(f"/blobs/{sha}/upload", params={"offset": str(junk(rng))[:30],
                                                                  "total": str(junk(rng))[:30]},
                                  data=b"x"))
    for raw in (b"", b"{", b'{"username": []}', b"\xff\xfe", b'{"username": "a", "password": null}'):
        _assert_4xx_or_ok(anonymous.post("/auth/login", data=raw,
                                         headers={"Content-Type": "application/json"}))
    for header in ("Bearer", "Bearer \x7f", "Bearer " + "a" * 10_000, "bearer  x y z", "\u00e9"):
        try:
            response = anonymous.http.get(anonymous.base + "/me", headers={"Authorization": header})
        except (UnicodeEncodeError, requests.exceptions.InvalidHeader):
            continue
        if "\x7f" in header:  # a control byte in a header: the HTTP parser refuses it
            assert response.status_code == 400 and "Invalid HTTP request" in response.text
            continue
        assert response.status_code == 401
