"""What ``/openapi.json`` says about the server, in one place.

Routes name the ways they refuse a request with :func:`responses` (the :class:`Refusal`
constants below: status, the error codes it carries, when), so every error response is
described once and carries the one error body ``{"error": {"code", "message", "request_id"}}``
with exactly the codes that route can answer. :func:`raw_body` describes a request body that a
route reads itself (so that its size is bounded before it is read, ``body_limit.py``).

:func:`install` makes the document: FastAPI's, plus the schemas of those raw bodies, the limits
that come from the settings (the body limit of each route, the largest batch and blob) and
``X-Request-ID`` on every response. Authenticated routes name the bearer scheme through their
dependency (``auth.py``). docs/sync-protocol.md says the same in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from lapor_desk.server.body_limit import BodyLimits

COMPONENTS = "#/components/schemas/"


class ErrorDetail(BaseModel):
    """Every non-2xx answer of the server carries one of these (``errors.py``)."""

    model_config = ConfigDict(extra="allow", title="ErrorDetail")

    code: str = Field(description="What went wrong, for programs (docs/sync-protocol.md).")
    message: str = Field(description="What went wrong, in English, for people.")
    request_id: str = Field(description="The request's id, as in `X-Request-ID` and the log.")
    offset: int | SkipJsonSchema[None] = Field(
        default=None, ge=0,
        description="With `upload_offset_mismatch`: how many bytes of the upload the server holds.")


class ErrorBody(BaseModel):
    model_config = ConfigDict(title="Error")

    error: ErrorDetail


@dataclass(frozen=True)
class Header:
    description: str
    schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "string"})
    required: bool = True

    def document(self) -> dict[str, Any]:
        return {"description": self.description, "required": self.required,
                "schema": dict(self.schema)}


@dataclass(frozen=True)
class Refusal:
    """One way a route refuses a request: the status, the error codes it carries, when."""

    status: int
    codes: tuple[str, ...]
    when: str
    headers: Mapping[str, Header] = field(default_factory=dict)


RETRY_AFTER = Header("Seconds to wait before trying again.", {"type": "integer", "minimum": 0})

#: Every endpoint bounds its body before reading it (``body_limit.py``); the limit of each
#: route is filled in by :func:`install`.
BODY_TOO_LARGE = Refusal(413, ("too_large",), "the body is over this endpoint's limit")
MALFORMED_JSON = Refusal(400, ("invalid_request",), "the body is not JSON")
INVALID = Refusal(422, ("invalid_request",),
                  "a parameter or the body is outside the schema (`message` says which)")
NOT_SIGNED_IN = Refusal(
    401, ("auth_required", "token_invalid", "token_expired", "token_revoked", "account_disabled"),
    "no usable bearer token: none sent, unknown, expired (30 days after the login or 8 hours "
    "unused, as configured), revoked (signed out, new password), or its account is disabled",
    {"WWW-Authenticate": Header("`Bearer`, when no bearer token was sent.", required=False)})
UNAVAILABLE = Refusal(503, ("unavailable",), "the database is busy or down; try again",
                      {"Retry-After": RETRY_AFTER})

#: What every authenticated route can answer besides its own refusals.
AUTHENTICATED: tuple[Refusal, ...] = (NOT_SIGNED_IN, UNAVAILABLE)


def error_schema(codes: tuple[str, ...]) -> dict[str, Any]:
    """The error body, with ``code`` one of ``codes``."""
    return {"allOf": [
        {"$ref": COMPONENTS + "Error"},
        {"type": "object", "properties": {"error": {
            "type": "object", "properties": {"code": {"enum": list(codes)}}}}},
    ]}


def responses(*refusals: Refusal) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route that refuses requests as ``refusals`` (and with 413 for a
    body over its limit, as every route does). Refusals of one status are merged."""
    merged: dict[int, list[Refusal]] = {}
    for refusal in (*refusals, BODY_TOO_LARGE):
        merged.setdefault(refusal.status, []).append(refusal)
    documented: dict[int | str, dict[str, Any]] = {}
    for status, same in sorted(merged.items()):
        codes = tuple(dict.fromkeys(code for refusal in same for code in refusal.codes))
        whens = "; ".join(dict.fromkeys(refusal.when for refusal in same))
        headers = {name: header.document() for refusal in same
                   for name, header in refusal.headers.items()}
        listed = ", ".join(f"`{code}`" for code in codes)
        documented[status] = {
            "description": f"{whens[:1].upper()}{whens[1:]}. Codes: {listed}.",
            "content": {"application/json": {"schema": error_schema(codes)}},
            **({"headers": headers} if headers else {}),
        }
    return documented


@dataclass(frozen=True)
class Link:
    """An operation a client can call next with values from this answer (OpenAPI links:
    ``$request.path.sha256``, ``$response.body#/cursor``)."""

    operation_id: str
    parameters: Mapping[str, str]
    description: str

    def document(self) -> dict[str, Any]:
        return {"operationId": self.operation_id, "parameters": dict(self.parameters),
                "description": self.description}


def success(model: type[BaseModel], description: str,
            links: Mapping[str, Link] | None = None) -> dict[int | str, dict[str, Any]]:
    """A 200 answer with a JSON body of ``model`` (the route builds the body itself)."""
    answer: dict[str, Any] = {"model": model, "description": description}
    if links:
        answer["links"] = {name: link.document() for name, link in links.items()}
    return {200: answer}


BINARY: Mapping[str, str] = {"type": "string", "format": "binary"}


def octet_stream(description: str, headers: Mapping[str, Header]) -> dict[str, Any]:
    """A response whose body is bytes (``application/octet-stream``)."""
    return {"description": description,
            "headers": {name: header.document() for name, header in headers.items()},
            "content": {"application/octet-stream": {"schema": dict(BINARY)}}}


def raw_body(schema: Mapping[str, Any], media_type: str = "application/json", *,
             required: bool = True, description: str = "") -> dict[str, Any]:
    """``openapi_extra`` for a route that reads its body itself."""
    body: dict[str, Any] = {"required": required,
                            "content": {media_type: {"schema": dict(schema)}}}
    if description:
        body["description"] = description
    return {"requestBody": body}


def model_ref(model: type[BaseModel]) -> dict[str, str]:
    """A reference to ``model`` among the document's schemas (:func:`install` puts it there)."""
    return {"$ref": COMPONENTS + model.__name__}


@dataclass(frozen=True)
class Limits:
    """What of the document depends on the settings: each route's body limit, the largest value
    of a parameter (``(method, path, name)``), the most items of an array property of a schema
    (``(schema, property)``)."""

    bodies: BodyLimits
    parameter_maximums: Mapping[tuple[str, str, str], int] = field(default_factory=dict)
    max_items: Mapping[tuple[str, str], int] = field(default_factory=dict)


def install(app: FastAPI, limits: Limits, models: tuple[type[BaseModel], ...]) -> None:
    """Serve this module's document at ``/openapi.json``; ``models``: the schemas that
    :func:`model_ref` names (with the models they use)."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app, limits, models)
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]


def _document(app: FastAPI, limits: Limits,
              models: tuple[type[BaseModel], ...]) -> dict[str, Any]:
    spec = get_openapi(title=app.title, version=app.version, description=app.description,
                       routes=app.routes)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    named: dict[str, type[BaseModel]] = {"Error": ErrorBody}
    named.update((model.__name__, model) for model in models)
    for name, model in named.items():
        found = model.model_json_schema(ref_template=COMPONENTS + "{model}")
        schemas.update(found.pop("$defs", {}))
        schemas[name] = found
    for (schema, field_name), most in limits.max_items.items():
        schemas[schema]["properties"][field_name]["maxItems"] = most
    request_id = Header("The request's id: the client's own when it sent a sane one.")
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            _apply_limits(operation, method.upper(), path, limits)
            for answer in operation.get("responses", {}).values():
                answer.setdefault("headers", {})["X-Request-ID"] = request_id.document()
    return spec


def _apply_limits(operation: dict[str, Any], method: str, path: str, limits: Limits) -> None:
    too_large = operation.get("responses", {}).get("413")
    if too_large is not None:
        limit = limits.bodies.limit_for(method, path)
        too_large["description"] = too_large["description"].replace(
            "this endpoint's limit", f"this endpoint's limit ({limit} bytes)", 1)
    for parameter in operation.get("parameters", []):
        most = limits.parameter_maximums.get((method, path, parameter["name"]))
        if most is not None:
            parameter["schema"]["maximum"] = most
