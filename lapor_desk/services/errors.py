"""Errors of the service layer: the only exceptions the UI catches.

::

    ServiceError              anything a service reports; ``code`` is a stable code the UI words
    ├── SignInError           the server refused the sign-in or the saved session
    │                         (bad_credentials, account_disabled, token_expired, ...)
    ├── OfflineError          the server cannot be reached; work stays in the outbox
    ├── ServerProblem         the server failed or is busy; try again later
    ├── SyncCancelled         the user stopped a sync; what was committed stays
    ├── ActionNotAllowed      the lifecycle refuses a user action (``code`` is a RejectReason)
    ├── NotFound              the complaint (or profile) does not exist in this cache
    └── DemoFailed            the embedded demo server could not be prepared or started

    CacheClosed               (not a ServiceError) a task that ran into the end of its session:
                              the profile was closed under it; there is nothing to show

Sync-layer errors are translated exactly once, here (:func:`translate`). Messages are English for
logs; sentences for people live in the UI, keyed by ``code``.
"""

from __future__ import annotations

from lapor_desk.models.cache.store import CacheClosed  # noqa: F401 - for the UI
from lapor_desk.sync import errors as sync_errors


class ServiceError(Exception):
    code: str = "service_error"

    def __init__(self, message: str = "", *, code: str | None = None,
                 request_id: str | None = None) -> None:
        super().__init__(message or code or self.code)
        if code is not None:
            self.code = code
        self.request_id = request_id


class SignInError(ServiceError):
    code = "auth_required"


class OfflineError(ServiceError):
    code = "offline"


class ServerProblem(ServiceError):
    code = "server_error"


class SyncCancelled(ServiceError):
    code = "cancelled"


class ActionNotAllowed(ServiceError):
    code = "invalid_transition"

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code, code=code)
        self.detail = detail


class NotFound(ServiceError):
    code = "not_found"


class DemoFailed(ServiceError):
    code = "demo_failed"


def translate(error: sync_errors.SyncError) -> ServiceError:
    """The service error for a sync-layer error (the one translation point)."""
    rid = error.request_id
    if isinstance(error, sync_errors.ActionRefused):
        return ActionNotAllowed(error.reason, error.detail)
    if isinstance(error, sync_errors.OfflineError):
        return OfflineError(str(error), code=error.code, request_id=rid)
    if isinstance(error, (sync_errors.AuthError, sync_errors.NotSignedInError)):
        return SignInError(str(error), code=error.code, request_id=rid)
    if isinstance(error, sync_errors.ServerError):
        return ServerProblem(str(error), code=error.code, request_id=rid)
    if isinstance(error, sync_errors.CancelledError):
        return SyncCancelled(str(error))
    return ServiceError(str(error), code=error.code, request_id=rid)
