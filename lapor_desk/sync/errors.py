"""Errors of the sync layer. Network and HTTP failures are translated into these exactly once, in
:mod:`lapor_desk.sync.transport`; nothing above it sees a ``requests`` exception. Failures of the
disk under the profile (the cache, its blob store) are translated at the sync layer's entry points
(opening the cache, the outbox's writes, a sync, a blob transfer) by :func:`storage_guard`;
nothing above sees an ``OperationalError`` or an ``OSError`` of the profile folder.

::

    SyncError                   anything the sync layer reports; ``code`` is a stable code
    ├── OfflineError            server unreachable: DNS, refused, TLS, timeouts (after retries)
    ├── AddressRefused          the server's address is refused before any connection is made:
    │                           ``plain_http`` (http:// to another computer), ``invalid_address``
    ├── AuthError               401 / 403: log in again (``code``: token_expired, bad_credentials,
    │   │                       forbidden, client_mismatch, ...)
    │   └── AccountDisabledError  ``account_disabled``: the account was disabled (revoked) on the
    │                           server; the desktop wipes the profile's cache, key and token
    ├── ServerError             5xx or 429 after retries; try again later
    ├── ProtocolError           the server answered something we cannot accept (malformed or
    │   │                       hostile body, unknown schema version, 4xx protocol codes);
    │   │                       nothing was changed in the cache
    │   └── BlobIntegrityError  a blob's bytes do not hash to its SHA-256
    ├── CancelledError          the user cancelled; what was committed stays committed
    ├── NotSignedInError        the profile has never signed in (no user, no actor to act as)
    ├── ActionRefused           a user action the lifecycle rules refuse locally (``reason`` is a
    │                           ``RejectReason``); nothing was written
    ├── StorageError            the disk under the profile failed (``code``: disk_full, disk_limit,
    │                           disk_read_only, disk_no_access, disk_error, cache_damaged; see
    │                           models/storage.py); the transaction in progress was rolled
    │                           back, what was committed stays, nothing was deleted
    └── ImportFailed            a register file cannot be imported; ``errors`` lists every bad
                                row (row number, field, code), or the file itself is unusable

Messages are English for logs; the UI words each ``code`` for a person.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lapor_desk.models.storage import StorageFault, classify


class SyncError(Exception):
    code: str = "sync_error"

    def __init__(self, message: str = "", *, code: str | None = None,
                 request_id: str | None = None, status: int | None = None) -> None:
        super().__init__(message or self.code)
        if code is not None:
            self.code = code
        self.request_id = request_id
        self.status = status


class OfflineError(SyncError):
    code = "offline"


class AddressRefused(SyncError):
    """The desktop does not talk to this address (see :mod:`lapor_desk.sync.address`)."""

    code = "plain_http"


class AuthError(SyncError):
    code = "auth_required"


class AccountDisabledError(AuthError):
    code = "account_disabled"


class ServerError(SyncError):
    code = "server_error"


class ProtocolError(SyncError):
    code = "protocol_error"

    def __init__(self, message: str = "", *, code: str | None = None,
                 request_id: str | None = None, status: int | None = None,
                 server_offset: int | None = None) -> None:
        super().__init__(message, code=code, request_id=request_id, status=status)
        self.server_offset = server_offset


class BlobIntegrityError(ProtocolError):
    code = "hash_mismatch"


class CancelledError(SyncError):
    code = "cancelled"


class NotSignedInError(SyncError):
    code = "not_signed_in"


class ActionRefused(SyncError):
    code = "action_refused"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason, code="action_refused")
        self.reason = reason
        self.detail = detail


class StorageError(SyncError):
    """The disk under the profile failed; ``fault`` says how and where (folder, drive)."""

    code = "disk_error"

    def __init__(self, fault: StorageFault) -> None:
        super().__init__(f"{fault.code} in {fault.folder}: {fault.detail}", code=fault.code)
        self.fault = fault


@contextmanager
def storage_guard(folder: Path | str) -> Iterator[None]:
    """Raise a failure of the disk under the profile ``folder`` inside the block as
    :class:`StorageError`; anything else passes unchanged."""
    try:
        yield
    except SyncError:
        raise
    except Exception as exc:
        fault = classify(exc, folder)
        if fault is None:
            raise
        raise StorageError(fault) from exc


@dataclass(frozen=True)
class RowError:
    """One problem in an import file: 1-based row number as a spreadsheet shows it (the header
    is row 1), the field, and a code (``required``, ``invalid``, ``unknown``, ...)."""

    row: int
    field: str
    code: str


class ImportFailed(SyncError):
    code = "import_failed"

    def __init__(self, message: str, *, code: str = "invalid_rows",
                 errors: tuple[RowError, ...] = ()) -> None:
        super().__init__(message, code=code)
        self.errors = errors
