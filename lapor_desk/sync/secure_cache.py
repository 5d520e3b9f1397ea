"""A profile's cache encrypted with its key from the OS keyring, and wiping a profile.

``open_secure_cache(profile_dir)`` is how the desktop (``services.session``) and the headless CLI
open a cache: it finds the profile's cache key in the keyring (creating one for a new cache, or
for a plaintext cache of an earlier version, which :func:`open_cache` then encrypts in place)
and opens the cache with it. An encrypted cache whose key is gone is refused
(:class:`CacheKeyError` ``cache_key_missing``): nobody can read it any more, and only the person
may decide to discard it (:func:`wipe_profile`).

``wipe_profile(profile_dir)`` forgets the cache key first (what is left on disk becomes
unreadable even if deleting fails half-way), then deletes the whole profile directory: the cache
and its ``-wal``/``-shm``, the blob store, drafts, logs, ``profile.json``.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from lapor_desk.models.cache.crypto import CacheKeyError, file_state
from lapor_desk.models.cache.permissions import private_umask
from lapor_desk.models.cache.store import Cache, open_cache
from lapor_desk.paths import CACHE_FILE
from lapor_desk.sync import credentials
from lapor_desk.sync.errors import storage_guard
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.sync.secure_cache")
WIPE_ATTEMPTS = 3


def open_secure_cache(profile_dir: Path | str, *, migrate: bool = True) -> Cache:
    """Open the profile's cache encrypted with its keyring key. Raises :class:`CacheKeyError`
    (``cache_key_missing``, ``cache_key_wrong``, ``cache_encrypt_failed``),
    :class:`credentials.CacheKeyUnavailable` (no usable keyring) or :class:`StorageError` (the
    disk failed: full, read-only, an I/O error... never reported as a wrong key)."""
    private_umask()  # blobs, drafts and logs this process writes are owner-only too
    directory = Path(profile_dir)
    with storage_guard(directory):
        key = credentials.load_cache_key(directory)
        if key is None:
            state = file_state(directory / CACHE_FILE)
            if state == "encrypted":
                raise CacheKeyError(f"the key of {directory / CACHE_FILE} is not in the keyring",
                                    code="cache_key_missing")
            key = credentials.create_cache_key(directory)
            event(log, "cache.key_created", upgrade=state == "plaintext")
        return open_cache(directory, key=key, migrate=migrate)


def wipe_profile(profile_dir: Path | str) -> None:
    """Forget the profile's cache key and delete its directory. Raises ``OSError`` when files
    remain (the key is forgotten all the same, so what remains is unreadable)."""
    directory = Path(profile_dir)
    forgot = credentials.forget_cache_key(directory)
    for attempt in range(WIPE_ATTEMPTS):
        try:
            if directory.exists():
                shutil.rmtree(directory)
            break
        except OSError:
            # A file that appeared while deleting (a log line, a worker finishing) or, on
            # Windows, one a virus scanner holds for a moment: try again, then give up.
            if attempt == WIPE_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    event(log, "profile.wiped", key_forgotten=forgot)
