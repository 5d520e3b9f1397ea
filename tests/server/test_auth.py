"""Login, tokens, logout, throttle, request ids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from lapor_desk.server.database import transaction
from lapor_desk.server.db import Token
from lapor_desk.server.services.users import disable_user
from tests.server.client import WorldServer


def _error(response) -> str:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["request_id"] == response.headers["X-Request-ID"]
    return str(body["error"]["code"])


def test_health_needs_no_auth_and_names_the_instance(shared_server: WorldServer) -> None:
    response = shared_server.anonymous().get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["schema_version"] == 1 and body["instance_id"]


def test_login_returns_token_and_user(shared_server: WorldServer) -> None:
    api = shared_server.anonymous()
    response = api.post("/auth/login", json={"username": "admin_prov", "password": "rahasia-uji-123",
                                             "device": "laptop-konawe"})
    assert response.status_code == 200
    body = response.json()
    assert len(body["token"]) >= 40 and body["expires_at"].endswith("Z")
    user = body["user"]
    assert user["role"] == "agency_admin"
    assert user["unit_id"] == shared_server.unit("prov_kominfo")
    assert user["scope_root_id"] == shared_server.unit("prov")
    api.token = body["token"]
    assert api.get("/me").json() == user


def test_unknown_user_and_wrong_password_look_the_same(shared_server: WorldServer) -> None:
    api = shared_server.anonymous()
    wrong = api.post("/auth/login", json={"username": "lo_kab_health", "password": "salah-salah"})
    unknown = api.post("/auth/login", json={"username": "tidak_ada", "password": "salah-salah"})
    assert wrong.status_code == unknown.status_code == 401
    assert _error(wrong) == _error(unknown) == "bad_credentials"
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


def test_missing_and_garbage_tokens(shared_server: WorldServer) -> None:
    api = shared_server.anonymous()
    missing = api.get("/me")
    assert missing.status_code == 401 and _error(missing) == "auth_required"
    api.token = "not-a-token"
    garbage = api.get("/sync/pull")
    assert garbage.status_code == 401 and _error(garbage) == "token_invalid"
    basic = api.http.get(api.base + "/me", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401 and _error(basic) == "auth_required"


def test_logout_revokes_and_expiry_expires(server: WorldServer) -> None:
    api = server.login("nasional")
    assert api.post("/auth/logout").status_code == 200
    revoked = api.get("/me")
    assert revoked.status_code == 401 and _error(revoked) == "token_revoked"

    api = server.login("nasional")
    with transaction(server.live.engine) as session:
        session.execute(update(Token).values(expires_at=datetime.now(UTC) - timedelta(1)))
    expired = api.get("/me")
    assert expired.status_code == 401 and _error(expired) == "token_expired"


def test_disabled_account(server: WorldServer) -> None:
    api = server.login("lo_prov_works")
    with transaction(server.live.engine) as session:
        disable_user(session, "lo_prov_works")
    used = api.get("/me")
    assert used.status_code == 401 and _error(used) == "account_disabled"
    again = server.anonymous().post("/auth/login", json={"username": "lo_prov_works",
                                                         "password": "rahasia-uji-123"})
    assert again.status_code == 401 and _error(again) == "account_disabled"


def test_repeated_failures_are_throttled(server: WorldServer) -> None:
    api = server.anonymous()
    codes = [api.post("/auth/login", json={"username": "admin_kab", "password": f"x{i}"}).status_code
             for i in range(5)]
    assert codes == [401] * 5
    throttled = api.post("/auth/login", json={"username": "admin_kab", "password": "rahasia-uji-123"})
    assert throttled.status_code == 429 and _error(throttled) == "too_many_requests"
    assert int(throttled.headers["Retry-After"]) > 0
    # Another account is not affected.
    assert server.login("admin_prov").token


def test_request_id_is_echoed_when_sane(shared_server: WorldServer) -> None:
    api = shared_server.anonymous()
    mine = api.http.get(api.base + "/health", headers={"X-Request-ID": "desk-123.abc"})
    assert mine.headers["X-Request-ID"] == "desk-123.abc"
    # Too long, with spaces and a character outside the sane set (a DEL byte is refused by
    # httptools' parser before the application sees the request, so it cannot be the test).
    insane = api.http.get(api.base + "/health", headers={"X-Request-ID": "a b~" * 40})
    assert insane.headers["X-Request-ID"] != "a b~" * 40 and len(insane.headers["X-Request-ID"]) >= 16
    missing = api.get("/nowhere")
    assert missing.status_code == 404 and _error(missing) == "not_found"


def test_openapi_lists_the_endpoints(shared_server: WorldServer) -> None:
    paths = shared_server.anonymous().http.get(shared_server.live.url + "/openapi.json").json()["paths"]
    for path in ("/api/v1/auth/login", "/api/v1/sync/pull", "/api/v1/sync/push",
                 "/api/v1/blobs/{sha256}/upload", "/api/v1/blobs/{sha256}", "/api/v1/me"):
        assert path in paths
