"""``/openapi.json`` says what the server does: the push body's schema, every error response with
its codes and headers, the bearer scheme where a token is needed, and the same error codes as
docs/sync-protocol.md. (That the server keeps to it: tests/server/test_schemathesis.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.server.client import WorldServer

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"
PUBLIC = {("get", "/api/v1/health"), ("post", "/api/v1/auth/login"),
          ("post", "/api/v1/auth/password")}
SHA = "0" * 64


@pytest.fixture(scope="module")
def document(shared_server: WorldServer) -> dict[str, Any]:
    response = requests.get(shared_server.live.url + "/openapi.json", timeout=30)
    assert response.status_code == 200
    return dict(response.json())


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def codes(answer: dict[str, Any]) -> set[str]:
    schema = answer["content"]["application/json"]["schema"]
    ref, narrowed = schema["allOf"]
    assert ref == {"$ref": "#/components/schemas/Error"}
    return set(narrowed["properties"]["error"]["properties"]["code"]["enum"])


def test_the_push_body_has_its_schema(document: dict[str, Any]) -> None:
    body = document["paths"]["/api/v1/sync/push"]["post"]["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PushIn"}
    schemas = document["components"]["schemas"]
    push = schemas["PushIn"]
    assert set(push["required"]) == {"client_id", "actions"}
    assert push["properties"]["actions"]["items"] == {"$ref": "#/components/schemas/ActionIn"}
    assert push["properties"]["actions"]["maxItems"] == 500  # ServerSettings.max_push_actions
    assert set(schemas["ActionIn"]["required"]) == {"mutation_id", "kind"}


def test_blob_bodies_are_bytes(document: dict[str, Any]) -> None:
    upload = document["paths"]["/api/v1/blobs/{sha256}/upload"]["put"]
    assert upload["requestBody"]["content"] == {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    total = next(p for p in upload["parameters"] if p["name"] == "total")
    assert total["schema"]["maximum"] == 25 * 1024 * 1024  # ServerSettings.max_blob_bytes
    download = document["paths"]["/api/v1/blobs/{sha256}"]["get"]
    for status in ("200", "206"):
        answer = download["responses"][status]
        assert list(answer["content"]) == ["application/octet-stream"]
        assert {"Accept-Ranges", "ETag", "Content-Length"} <= set(answer["headers"])
    assert "Content-Range" in download["responses"]["206"]["headers"]
    assert "Content-Range" in download["responses"]["416"]["headers"]
    assert any(p["name"] == "Range" and p["in"] == "header" for p in download["parameters"])


def test_a_bearer_token_on_every_route_but_login_and_health(document: dict[str, Any]) -> None:
    assert document["components"]["securitySchemes"] == {"bearer": {
        "type": "http", "scheme": "bearer",
        "description": "The token of `POST /api/v1/auth/login`."}}
    for method, path, operation in operations(document):
        if (method, path) in PUBLIC:
            assert "security" not in operation, path
            continue
        assert operation["security"] == [{"bearer": []}], path
        refused = operation["responses"]["401"]
        assert codes(refused) == {"auth_required", "token_invalid", "token_expired",
                                  "token_revoked", "account_disabled"}, path
        assert "WWW-Authenticate" in refused["headers"]
    assert "401" not in document["paths"]["/api/v1/health"]["get"]["responses"]


def test_every_error_response_is_the_error_body(document: dict[str, Any]) -> None:
    for _, path, operation in operations(document):
        answers = operation["responses"]
        assert "413" in answers, path  # every body is bounded
        for status, answer in answers.items():
            assert answer["headers"]["X-Request-ID"]["required"] is True
            if int(status) >= 400:
                listed = codes(answer)
                assert all(f"`{code}`" in answer["description"] for code in listed), path
        if "503" in answers:
            assert answers["503"]["headers"]["Retry-After"]["required"] is True
    login = document["paths"]["/api/v1/auth/login"]["post"]["responses"]
    assert codes(login["401"]) == {"bad_credentials", "account_disabled"}
    assert login["429"]["headers"]["Retry-After"]["required"] is True
    assert codes(login["400"]) == {"invalid_request"}  # malformed JSON
    pull = document["paths"]["/api/v1/sync/pull"]["get"]["responses"]
    assert codes(pull["400"]) == {"cursor_invalid"}
    push = document["paths"]["/api/v1/sync/push"]["post"]["responses"]
    assert codes(push["403"]) == {"client_mismatch"} and "400" in push and "422" in push
    upload = document["paths"]["/api/v1/blobs/{sha256}/upload"]["put"]["responses"]
    assert codes(upload["409"]) == {"upload_offset_mismatch", "upload_total_mismatch"}
    assert codes(upload["422"]) == {"hash_mismatch", "chunk_past_total", "invalid_request"}
    download = document["paths"]["/api/v1/blobs/{sha256}"]["get"]["responses"]
    assert codes(download["403"]) == {"forbidden"} and codes(download["404"]) == {"not_found"}
    assert "503" not in document["paths"]["/api/v1/health"]["get"]["responses"]


def _protocol_errors() -> dict[int, set[str]]:
    """docs/sync-protocol.md's table of errors: status -> codes."""
    text = PROTOCOL.read_text(encoding="utf-8")
    table = text.split("## Errors", 1)[1].split("\n\n", 1)[0]
    found: dict[int, set[str]] = {}
    for row in table.splitlines():
        cells = row.split("|")
        if len(cells) < 4 or not re.search(r"\d{3}", cells[1]):
            continue
        for status in re.findall(r"\d{3}", cells[1]):
            text_of_codes = re.sub(r"\([^)]*\)", "", cells[2])  # not the words in brackets
            found.setdefault(int(status), set()).update(re.findall(r"`([a-z_]+)`", text_of_codes))
    return found


def test_the_protocol_document_names_the_same_errors(document: dict[str, Any]) -> None:
    documented: dict[int, set[str]] = {}
    for _, _, operation in operations(document):
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                documented.setdefault(int(status), set()).update(codes(answer))
    written = _protocol_errors()
    for status, listed in documented.items():
        assert listed <= written.get(status, set()), (status, listed - written.get(status, set()))
    for status, listed in written.items():  # `internal_error` is a fault, no route's answer
        assert listed - {"internal_error"} <= documented.get(status, set()), status


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("OPTIONS", f"/api/v1/blobs/{SHA}/upload", "GET, PUT"),
    ("DELETE", f"/api/v1/blobs/{SHA}/upload", "GET, PUT"),
    ("POST", f"/api/v1/blobs/{SHA}", "GET"),
    ("GET", "/api/v1/sync/push", "POST"),
])
def test_method_not_allowed_names_every_method_of_the_path(
        shared_server: WorldServer, method: str, path: str, allowed: str) -> None:
    response = requests.request(method, shared_server.live.url + path, timeout=30)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.json()["error"]["code"] == "invalid_request"
