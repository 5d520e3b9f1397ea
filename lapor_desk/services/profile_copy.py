"""This computer's copy of a profile: opening its cache, and deleting it.

A profile's cache is encrypted with the profile's key from the OS keyring
(:func:`lapor_desk.sync.secure_cache.open_secure_cache`); when it cannot be opened the profile is
:class:`ProfileLocked` and nothing deletes it. Deleting the copy (:func:`wipe`) removes cache,
blobs, drafts, cache key and token: signing out does it once the person has confirmed the
:class:`UnsyncedWork` it throws away, and a disabled or revoked account has it done at once
(:func:`wipe_revoked`, which gives the :class:`AccountRevoked` to raise). The session
(:mod:`lapor_desk.services.session`) decides when.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from lapor_desk.models.cache.crypto import CacheKeyError
from lapor_desk.models.cache.store import Cache, open_cache
from lapor_desk.services import errors
from lapor_desk.sync import credentials
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.log import event
from lapor_desk.sync.secure_cache import open_secure_cache, wipe_profile

log = logging.getLogger("lapor_desk.services.profile_copy")


@dataclass(frozen=True)
class UnsyncedWork:
    """What signing out would throw away: actions not yet accepted by the server, and replies
    typed but not sent (drafts: counted by the workstation, which keeps them)."""

    pending: int  # waiting in the outbox
    rejected: int  # refused by the server, not yet resolved by the person
    conflicts: int
    drafts: int = 0

    @property
    def any(self) -> bool:
        return bool(self.pending or self.rejected or self.conflicts or self.drafts)


class UnsyncedWorkError(errors.ServiceError):
    """``sign_out`` refused: there is unsynced work; ask the person, then pass
    ``discard_unsynced=True``."""

    code = "unsynced_work"

    def __init__(self, work: UnsyncedWork) -> None:
        super().__init__(f"{work.pending} pending, {work.rejected} rejected, "
                         f"{work.conflicts} conflicts", code="unsynced_work")
        self.work = work


class AccountRevoked(errors.SignInError):
    """The server said the account is disabled; this computer's copy of the profile (cache,
    blobs, drafts, cache key, token) has been deleted."""

    code = "account_revoked"


class ProfileLocked(errors.SignInError):
    """The profile's cache cannot be opened: ``cache_key_missing`` / ``cache_key_wrong`` (its key
    is gone from the keyring, or another one is there), ``keyring_unavailable`` (no usable OS
    keyring: the cache is never kept unencrypted), ``cache_encrypt_failed``. ``folder`` is the
    profile's: it may hold work not yet sent, so nothing here deletes it (only the person may,
    :meth:`~lapor_desk.services.session.Session.forget_profile`). A failing disk is not a locked
    profile: :class:`~lapor_desk.services.errors.StorageProblem`."""

    def __init__(self, message: str, *, code: str, folder: Path) -> None:
        super().__init__(message, code=code)
        self.folder = str(folder)


def open_profile_cache(directory: Path, *, encrypt: bool) -> Cache:
    """The profile's cache in ``directory`` (encrypted unless ``encrypt`` is False: demo and
    training data only). Raises :class:`ProfileLocked`, or the translated storage error when the
    disk fails."""
    try:
        with sync_errors.storage_guard(directory):
            return open_secure_cache(directory) if encrypt else open_cache(directory)
    except (CacheKeyError, credentials.CacheKeyUnavailable) as exc:
        event(log, "session.cache_locked", logging.WARNING, code=exc.code)
        raise ProfileLocked(str(exc), code=exc.code, folder=directory) from exc
    except sync_errors.StorageError as exc:
        event(log, "session.cache_storage", logging.ERROR, code=exc.code,
              error=exc.fault.detail)
        raise errors.translate(exc) from exc


def wipe(server_url: str, username: str, directory: Path) -> None:
    """Delete this computer's copy of the profile: its token, then cache, blobs, drafts and key."""
    credentials.forget_token(server_url, username)
    try:
        wipe_profile(directory)
    except OSError as exc:
        event(log, "session.wipe_incomplete", logging.ERROR, error=type(exc).__name__)
        raise errors.ServiceError(f"profile not fully deleted: {exc}",
                                  code="wipe_incomplete") from exc


def wipe_revoked(server_url: str, username: str, directory: Path,
                 cause: sync_errors.SyncError) -> AccountRevoked:
    """Delete the copy of a profile whose account the server says is disabled (the profile
    closed first) and give the :class:`AccountRevoked` that says so."""
    wipe(server_url, username, directory)
    event(log, "session.account_revoked_wiped", logging.WARNING, user=username)
    return AccountRevoked("the account is disabled; this computer's copy was deleted",
                          code="account_revoked", request_id=cause.request_id)
