"""The exception hierarchy of the service layer (see ``services/__init__.py``)."""

from __future__ import annotations


class ServiceError(Exception):
    code = "invalid_request"

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message or (code or self.code))
        if code is not None:
            self.code = code
        self.message = message or self.code


class AuthError(ServiceError):
    code = "bad_credentials"


class NotFoundError(ServiceError):
    code = "not_found"


class InvalidInputError(ServiceError):
    code = "invalid_request"
