"""HTTP errors: the one layer that turns exceptions into the contract's error body
``{"error": {"code", "message", "request_id"}}``.

    ApiError(status, code)            raised by routes for protocol, auth and size problems
    services.errors.ServiceError      mapped by its code (AuthError -> 401, NotFoundError -> 404, ...)
    RequestValidationError            400 for malformed JSON, else 422 ``invalid_request``
    starlette HTTPException           404 ``not_found``, 405 ``invalid_request`` (``Allow``: the
                                      methods the API document lists for the path)
    sqlalchemy DataError              422 ``invalid_request`` (a value the database cannot hold)
    sqlalchemy OperationalError       503 ``unavailable`` (database busy or down), Retry-After
    anything else                     500 ``internal_error`` (see middleware.py), logged
"""

from __future__ import annotations

import logging
import re
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from lapor_desk.server.logs import event
from lapor_desk.server.services.errors import AuthError, ServiceError

log = logging.getLogger(__name__)

_SERVICE_STATUS = {
    "bad_credentials": 401, "account_disabled": 401, "token_invalid": 401, "token_expired": 401,
    "token_revoked": 401, "auth_required": 401, "forbidden": 403, "client_mismatch": 403,
    "not_found": 404, "cursor_invalid": 400,
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str = "", *,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message or code)
        self.status = status
        self.code = code
        self.message = message or code.replace("_", " ")
        self.headers = headers or {}
        self.extra = extra or {}


def request_id_of(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))


def error_json(code: str, message: str, request_id: str,
               extra: dict[str, Any] | None = None) -> bytes:
    """The error body (also written by the pure-ASGI middlewares, which have no Request)."""
    body: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    body.update(extra or {})
    return orjson.dumps({"error": body})


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None,
                   extra: dict[str, Any] | None = None) -> Response:
    request.state.error_code = code
    return Response(error_json(code, message, request_id_of(request), extra),
                    status_code=status, media_type="application/json", headers=headers)


def allowed_methods(request: Request) -> str | None:
    """The methods the API document lists for the request's path (Starlette's own 405 names
    only the first route that matched the path: ``GET`` for ``/blobs/{sha256}/upload``)."""
    path = request.scope["path"]
    for template, operations in request.app.openapi()["paths"].items():
        parts = re.split(r"\{[^/{}]+\}", template)
        if re.fullmatch("[^/]+".join(re.escape(part) for part in parts), path):
            return ", ".join(sorted(method.upper() for method in operations))
    return None


def _describe(errors: list[Any]) -> str:
    parts = []
    for error in errors[:5]:
        location = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{location}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)[:500] or "the request does not match the schema"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers, exc.extra)

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> Response:
        status = getattr(exc, "status", None) or _SERVICE_STATUS.get(
            exc.code, 401 if isinstance(exc, AuthError) else 400)
        known = exc.code in _SERVICE_STATUS or hasattr(exc, "status")
        code = exc.code if known else "invalid_request"
        return error_response(request, status, code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        malformed = any(e.get("type") == "json_invalid" for e in errors)
        return error_response(request, 400 if malformed else 422, "invalid_request",
                              "malformed JSON" if malformed else _describe(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, 404, "not_found", "no such endpoint")
        code = "too_large" if exc.status_code == 413 else "invalid_request"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
        return error_response(request, exc.status_code, code, str(exc.detail), headers)

    @app.exception_handler(DataError)
    async def _unstorable(request: Request, exc: DataError) -> Response:
        # A value the database cannot hold (NUL in text, out-of-range number): the input's fault.
        return error_response(request, 422, "invalid_request", "a value cannot be stored")

    @app.exception_handler(OperationalError)
    async def _database(request: Request, exc: OperationalError) -> Response:
        event(log, "database_unavailable", logging.WARNING, request_id=request_id_of(request),
              error=str(exc.orig)[:200])
        return error_response(request, 503, "unavailable", "the database is busy or unavailable",
                              {"Retry-After": "2"})
