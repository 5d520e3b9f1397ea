"""Errors of the service layer: the only exceptions the UI catches.

::

    ServiceError              anything a service reports; ``code`` is a stable code the UI words
    ├── SignInError           the server refused the sign-in or the saved session
    │                         (bad_credentials, account_disabled, token_expired, ...), or the
    │                         desktop refuses its address (plain_http, invalid_address)
    ├── OfflineError          the server cannot be reached; work stays in the outbox
    ├── ServerProblem         the server failed or is busy; try again later
    ├── SyncCancelled         the user stopped a sync; what was committed stays
    ├── ActionNotAllowed      the lifecycle refuses a user action (``code`` is a RejectReason)
    ├── NotFound              the complaint (or profile) does not exist in this cache
    ├── DemoFailed            the embedded demo server could not be prepared or started
    └── StorageProblem        the disk under the profile failed (disk_full, disk_limit,
                              disk_read_only, disk_no_access, disk_error, cache_damaged): what was
                              being written was not, what was saved stays; ``folder`` and
                              ``drive`` say where

    CacheClosed               (not a ServiceError) a task that ran into the end of its session:
                              the profile was closed under it; there is nothing to show

Sync-layer errors are translated exactly once, here (:func:`translate`); so are the failures of
the service layer's own files in the profile (drafts, settings: :func:`storage_guard`). Messages
are English for logs; sentences for people live in the UI, keyed by ``code`` (with ``folder`` and
``drive`` where an error has them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lapor_desk.models.cache.store import CacheClosed as CacheClosed  # noqa: PLC0414 - for the UI
from lapor_desk.models.validation import detail_problems
from lapor_desk.sync import errors as sync_errors


class ServiceError(Exception):
    code: str = "service_error"
    #: The profile folder and the drive it is on, for errors about them (else None).
    folder: str | None = None
    drive: str | None = None

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
    """``problems`` names the bad fields of a refused action: ``(field, code)`` pairs such as
    ``("note", "too_long")`` (``models/validation.py``), empty when the refusal is not about a
    value."""

    code = "invalid_transition"

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code, code=code)
        self.detail = detail
        self.problems: tuple[tuple[str, str], ...] = tuple(detail_problems(detail))


class NotFound(ServiceError):
    code = "not_found"


class DemoFailed(ServiceError):
    code = "demo_failed"


class StorageProblem(ServiceError):
    code = "disk_error"

    def __init__(self, message: str, *, code: str, folder: str, drive: str) -> None:
        super().__init__(message, code=code)
        self.folder = folder
        self.drive = drive


@contextmanager
def storage_guard(folder: Path | str) -> Iterator[None]:
    """A failure of the disk under the profile ``folder`` inside (a service's own file: drafts,
    settings) becomes :class:`StorageProblem`; anything else passes unchanged."""
    try:
        with sync_errors.storage_guard(folder):
            yield
    except sync_errors.StorageError as exc:
        raise translate(exc) from exc


def translate(error: sync_errors.SyncError) -> ServiceError:
    """The service error for a sync-layer error (the one translation point)."""
    rid = error.request_id
    if isinstance(error, sync_errors.ActionRefused):
        return ActionNotAllowed(error.reason, error.detail)
    if isinstance(error, sync_errors.OfflineError):
        return OfflineError(str(error), code=error.code, request_id=rid)
    if isinstance(error, (sync_errors.AuthError, sync_errors.NotSignedInError,
                          sync_errors.AddressRefused)):
        return SignInError(str(error), code=error.code, request_id=rid)
    if isinstance(error, sync_errors.ServerError):
        return ServerProblem(str(error), code=error.code, request_id=rid)
    if isinstance(error, sync_errors.CancelledError):
        return SyncCancelled(str(error))
    if isinstance(error, sync_errors.StorageError):
        fault = error.fault
        return StorageProblem(str(error), code=fault.code, folder=fault.folder,
                              drive=fault.drive)
    return ServiceError(str(error), code=error.code, request_id=rid)
