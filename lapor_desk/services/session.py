"""Signing in and out of a profile, syncing it, and its status.

A :class:`Session` owns one profile's cache, HTTP transport and sync engine. ``sign_in``,
``resume``, ``start``, ``sign_out`` and ``sync`` talk to the network: the UI runs them on its
network worker. ``status`` and ``unsynced_work`` only read the cache (database worker). The
headless ``lapor-desk sync`` is a session too (``start``: the saved session, else the password).

The cache is encrypted with the profile's key from the OS keyring; opening and deleting this
computer's copy of a profile is :mod:`lapor_desk.services.profile_copy`. Signing out deletes the
profile: cache, blobs, drafts, cache key and token; with unsynced actions it refuses
(:class:`~lapor_desk.services.profile_copy.UnsyncedWorkError`) until the person has confirmed
(``sign_out(discard_unsynced=True)``). When the server answers ``account_disabled`` (the account
was disabled or revoked) at any contact, the profile is wiped the same way at once and
:class:`~lapor_desk.services.profile_copy.AccountRevoked` says why.

The session keeps the server's clock (:class:`~lapor_desk.sync.clock.ServerClock`, learned from
every answer and saved in the profile): the times the profile records and sends are in it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from lapor_desk.models.cache.schema import Agency
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.calendar import DomainConfig, default_config, utcnow
from lapor_desk.paths import SERVER_CLOCK_FILE
from lapor_desk.services import errors

# What ``lapor-desk sync`` (lapor_desk/cli.py) catches, named where it finds the session.
from lapor_desk.services.profile_copy import AccountRevoked as AccountRevoked  # noqa: PLC0414
from lapor_desk.services.profile_copy import ProfileLocked as ProfileLocked  # noqa: PLC0414
from lapor_desk.services.profile_copy import (
    UnsyncedWork,
    UnsyncedWorkError,
    open_profile_cache,
    wipe,
    wipe_revoked,
)
from lapor_desk.services.profiles import ProfileStore, normalise_server
from lapor_desk.services.session_status import (
    progress_reporter,
    read_cache_status,
    status_summary,
    sync_outcome,
    unsynced_work,
)
from lapor_desk.services.types import (
    SessionInfo,
    StatusSummary,
    SyncOutcome,
    SyncProgress,
    UserProfile,
)
from lapor_desk.sync import credentials
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.address import check_server_url, is_training_url
from lapor_desk.sync.api import Api
from lapor_desk.sync.clock import ServerClock
from lapor_desk.sync.log import event
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.retry import RetryPolicy

if TYPE_CHECKING:  # imported when first used: they bring requests (see sync/retry.py)
    from lapor_desk.sync.engine import SyncEngine
    from lapor_desk.sync.transport import Transport

log = logging.getLogger("lapor_desk.services.session")

#: A desktop gives up sooner than the headless CLI: the person is waiting and work is kept.
DESKTOP_RETRY = RetryPolicy(attempts=3, base_delay=0.5, max_delay=5.0)
TransportFactory = Callable[[str], "Transport"]


def _default_transport(url: str) -> Transport:
    from lapor_desk.sync.transport import Transport

    return Transport(url, timeout=(5.0, 60.0), retry=DESKTOP_RETRY)


class Session:
    def __init__(self, store: ProfileStore, *, device: str = "lapor-desk",
                 clock: Callable[[], datetime] = utcnow, config: DomainConfig | None = None,
                 transport_factory: TransportFactory = _default_transport,
                 encrypt_cache: bool = True) -> None:
        self.store = store
        #: False only for demo/training mode: seeded, made-up data whose sandbox outlives the
        #: in-memory keyring the demo uses, so a key kept there would be lost at every restart.
        self.encrypt_cache = encrypt_cache
        self.device = device
        self.clock = clock
        #: The server's clock, learned from its answers (this PC's own clock is ``clock``).
        self.server_clock = ServerClock(wall=clock)
        self.config = config or default_config()
        self.transport_factory = transport_factory
        self.info: SessionInfo | None = None
        self.cache: Cache | None = None
        self.outbox: Outbox | None = None
        self._transport: Transport | None = None
        self._engine: SyncEngine | None = None
        self._server_url: str | None = None
        self._token: str | None = None
        self._connect_lock = threading.Lock()
        self._online: bool | None = None
        self._last_error: str | None = None
        self._lock = threading.Lock()  # one sync at a time

    # --- signing in and out -------------------------------------------------------------------

    def _open(self, server_url: str, username: str) -> Path:
        self.close()
        directory = self.store.directory(server_url, username)
        self.cache = open_profile_cache(directory, encrypt=self.encrypt_cache)
        self._server_url = server_url
        self.server_clock.load(directory / SERVER_CLOCK_FILE)
        self.outbox = Outbox(self.cache, config=self.config, clock=self.server_clock.now)
        return directory

    def _connect(self) -> SyncEngine:
        """The profile's transport and sync engine, made at their first use (a resumed session
        shows its cache before the network stack is even imported), with the saved token."""
        with self._connect_lock:
            if self._engine is None:
                if self.cache is None or self._server_url is None:
                    raise errors.SignInError("not signed in", code="not_signed_in")
                from lapor_desk.sync.engine import SyncEngine

                transport = self.transport_factory(self._server_url)
                transport.token = self._token
                transport.server_clock = self.server_clock
                self._engine = SyncEngine(self.cache, transport, clock=self.server_clock.now,
                                          config=self.config)
                self._transport = transport
            return self._engine

    def sign_in(self, server_url: str, username: str, password: str,
                new_password: str | None = None) -> SessionInfo:
        """``new_password``: choose it with ``password`` (a one-time password an admin gave
        answers ``password_change_required`` until one is chosen so)."""
        server_url = normalise_server(server_url)
        try:  # before any profile is made or anything connects (the transport checks it too)
            check_server_url(server_url)
        except sync_errors.AddressRefused as exc:
            event(log, "session.address_refused", logging.WARNING, code=exc.code)
            raise errors.translate(exc) from exc
        username = username.strip()
        fresh = not self.store.directory(server_url, username).exists()
        directory = self._open(server_url, username)
        return self._login(server_url, username, password, directory, fresh=fresh,
                           new_password=new_password)

    def start(self, server_url: str, username: str, password: str | None) -> SessionInfo:
        """Sign in with no one at the screen (``lapor-desk sync``): with the session saved in the
        keyring while the server still accepts it (asked at once), else with ``password``
        (:class:`SignInError` ``auth_required`` when there is none). A profile that holds
        another user's data is refused (``client_mismatch``). Signing in again after a
        refused session (:meth:`sync` has forgotten it) is this call again."""
        directory = self._open(server_url, username)
        assert self.cache is not None
        owner = read_cache_status(self.cache).user
        if owner and owner != username:
            self.close()
            raise errors.SignInError(f"profile belongs to {owner}", code="client_mismatch")
        token = credentials.load_token(server_url, username)
        if token:
            self._token = token
            try:
                self._connect().me()
                self._online = True
                return self._started(server_url, directory)
            except sync_errors.AuthError as exc:  # the password decides (a disabled account too)
                event(log, "session.token_refused", code=exc.code)
                credentials.forget_token(server_url, username)
                self._token = None
                if self._transport is not None:
                    self._transport.token = None
            except sync_errors.SyncError as exc:
                self.close()
                raise errors.translate(exc) from exc
        if not password:
            self.close()
            raise errors.SignInError("no saved session and no password", code="auth_required")
        return self._login(server_url, username, password, directory, fresh=False)

    def _login(self, server_url: str, username: str, password: str, directory: Path, *,
               fresh: bool, new_password: str | None = None) -> SessionInfo:
        """Sign in with the password on the opened profile; ``fresh``: nothing was ever stored
        in it (a failed sign-in leaves no empty cache or key behind)."""
        try:
            if is_training_url(server_url):  # plain HTTP: only to a server that says it trains
                self._check_training_server()
            engine = self._connect()
            if new_password is None:
                login = engine.login(username, password, self.device)
            else:
                login = engine.api.change_password(username, password, new_password,
                                                   self.device)
                engine.transport.token = login.token
                engine.remember_user(login.user)
                event(log, "session.password_changed", user=username)
        except sync_errors.SyncError as exc:
            self._online = not isinstance(exc, sync_errors.OfflineError)
            self.close()
            if fresh:  # nothing was ever stored here: leave no empty cache or key behind
                wipe(server_url, username, directory)
            elif isinstance(exc, sync_errors.AccountDisabledError):
                self._wipe_revoked(server_url, username, directory, exc)
            raise errors.translate(exc) from exc
        self._online = True
        try:
            credentials.save_token(server_url, username, login.token)
        except Exception as exc:  # noqa: BLE001 - no keyring: the session still works
            event(log, "session.keyring_unavailable", logging.WARNING,
                  error=type(exc).__name__)
        return self._started(server_url, directory)

    def _check_training_server(self) -> None:
        """A ``bimtek://`` address gets the password only from a server whose ``health`` says
        it is a training server (sync/address.py): a real one is never signed in to over plain
        HTTP, and a training password never goes anywhere else."""
        answer = self._connect().api.health_answer()
        if not (isinstance(answer, dict) and answer.get("training") is True):
            raise sync_errors.AddressRefused("not a training server", code="not_training_server")

    def resume(self, profile: UserProfile) -> SessionInfo:
        """Open a known profile with the token saved in the keyring; raises
        :class:`SignInError` when a password is needed.

        A profile that has synced before opens from its cache at once, without asking the
        server anything: on a slow link or none the window does not wait for it. The sync that
        follows (the desktop starts one) is where the server says whether the saved session
        still stands: a refused one ends the session there (:meth:`sync`), a disabled account
        wipes the profile. A profile never synced asks the server who it is first."""
        token = credentials.load_token(profile.server_url, profile.username)
        if not token:
            raise errors.SignInError("no saved session", code="auth_required")
        directory = self._open(profile.server_url, profile.username)
        self._token = token
        assert self.cache is not None
        if read_cache_status(self.cache).user is not None:
            self._online = None  # not known until the first contact
            return self._started(profile.server_url, directory)
        try:
            self._connect().me()
            self._online = True
        except sync_errors.AuthError as exc:
            credentials.forget_token(profile.server_url, profile.username)
            self.close()
            if isinstance(exc, sync_errors.AccountDisabledError):
                self._wipe_revoked(profile.server_url, profile.username, directory, exc)
            raise errors.translate(exc) from exc
        except sync_errors.SyncError as exc:
            self._online = False
            self._last_error = exc.code
            assert self.cache is not None
            if read_cache_status(self.cache).user is None:
                self.close()
                raise errors.translate(exc) from exc
        return self._started(profile.server_url, directory)

    def _started(self, server_url: str, directory: Path) -> SessionInfo:
        assert self.cache is not None
        status = read_cache_status(self.cache)
        with self.cache.engine.connect() as connection:
            state = connection.exec_driver_sql(
                "SELECT user_id, display_name, unit_id FROM sync_state WHERE id = 1").one()
            unit_name = connection.execute(select(Agency.name).where(
                Agency.id == state.unit_id)).scalar_one_or_none()
        self.info = SessionInfo(
            server_url=server_url, username=status.user or "", display_name=state.display_name
            or "", role=status.role or "", unit_id=int(state.unit_id or 0),
            unit_name=unit_name or "", profile_dir=str(directory))
        try:
            self.store.save(UserProfile(server_url, self.info.username, str(directory),
                                        self.info.display_name, self.info.role,
                                        self.clock().isoformat()))
        except OSError as exc:  # only what the sign-in screen offers; the old file stays whole
            event(log, "session.profile_not_saved", logging.WARNING, error=str(exc))
        event(log, "session.started", user=self.info.username, role=self.info.role)
        return self.info

    def refresh_info(self) -> SessionInfo | None:
        """Re-read who we are (the unit's name arrives with the first sync)."""
        if self.info is not None and self.cache is not None:
            return self._started(self.info.server_url, Path(self.info.profile_dir))
        return None

    def unsynced_work(self) -> UnsyncedWork:
        """Counts the sign-out confirmation shows (database worker)."""
        return unsynced_work(self.cache)

    def sign_out(self, *, discard_unsynced: bool = False) -> None:
        """End the session on the server when reachable, then delete this computer's copy of the
        profile: cache, blobs, drafts, cache key and token. With unsynced work and without
        ``discard_unsynced`` nothing happens but :class:`UnsyncedWorkError`."""
        with self._lock:  # a running sync finishes (or sees its cancel) first
            work = self.unsynced_work()
            if work.any and not discard_unsynced:
                raise UnsyncedWorkError(work)
            info = self.info
            transport = self.transport
            if info is not None and transport is not None:
                try:
                    Api(transport).logout()
                except sync_errors.SyncError as exc:
                    event(log, "session.logout_unreached", code=exc.code)
            self.close()
            if info is not None:
                wipe(info.server_url, info.username, Path(info.profile_dir))
                event(log, "session.signed_out", discarded_pending=work.pending,
                      discarded_rejected=work.rejected)

    def forget_profile(self, profile: UserProfile) -> None:
        """Delete a profile that is not open (e.g. one whose cache key is lost)."""
        if self.info is not None and Path(self.info.profile_dir) == Path(profile.directory):
            self.close()
        wipe(profile.server_url, profile.username, Path(profile.directory))

    def _wipe_revoked(self, server_url: str, username: str, directory: Path,
                      cause: sync_errors.SyncError) -> None:
        self.close()
        raise wipe_revoked(server_url, username, directory, cause) from cause

    def close(self) -> None:
        self.server_clock.persist()  # the PC's clock may have been set since the last answer
        self.server_clock.load(None)
        if self._transport is not None:
            self._transport.close()
        if self.cache is not None:
            self.cache.close()
        self.cache = self._transport = self._engine = self.outbox = None
        self._server_url = self._token = None
        self.info = None

    # --- sync ---------------------------------------------------------------------------------

    def sync(self, progress: Callable[[SyncProgress], None] | None = None,
             cancel: threading.Event | None = None) -> SyncOutcome:
        engine = self._require_engine()
        report = progress_reporter(progress, engine.cache)
        with self._lock:
            engine.progress = report
            engine.cancel = cancel or threading.Event()
            try:
                result = engine.sync()
            except sync_errors.AccountDisabledError as exc:
                if self.info is not None:  # raises AccountRevoked
                    info = self.info
                    self._wipe_revoked(info.server_url, info.username,
                                       Path(info.profile_dir), exc)
                raise errors.translate(exc) from exc
            except sync_errors.AuthError as exc:
                # The saved session is refused (expired, revoked, unknown): it is of no more
                # use; the person signs in again with the password (the profile stays).
                self._online, self._last_error = True, exc.code
                if self.info is not None:
                    credentials.forget_token(self.info.server_url, self.info.username)
                event(log, "session.refused", logging.WARNING, code=exc.code)
                raise errors.translate(exc) from exc
            except sync_errors.StorageError as exc:  # the network said nothing new
                self._last_error = exc.code
                event(log, "session.sync_storage", logging.ERROR, code=exc.code,
                      error=exc.fault.detail)
                raise errors.translate(exc) from exc
            except sync_errors.SyncError as exc:
                if not isinstance(exc, sync_errors.CancelledError):
                    self._online = not isinstance(exc, sync_errors.OfflineError)
                    self._last_error = exc.code
                raise errors.translate(exc) from exc
            finally:
                engine.progress = None
        self._online, self._last_error = True, None
        if self.info is not None and not self.info.unit_name:
            self.refresh_info()
        return sync_outcome(result)

    def status(self) -> StatusSummary:
        return status_summary(self.cache, self._online, self._last_error)

    @property
    def transport(self) -> Transport | None:
        """The signed-in session's connection to the server (None when signed out, or when the
        profile's address is one the desktop no longer talks to: plain http://)."""
        if self.cache is None:
            return None
        try:
            self._connect()
        except sync_errors.AddressRefused:
            return None
        return self._transport

    def require_cache(self) -> Cache:
        if self.cache is None:
            raise errors.SignInError("not signed in", code="not_signed_in")
        return self.cache

    def _require_engine(self) -> SyncEngine:
        try:
            return self._connect()
        except sync_errors.AddressRefused as exc:  # a profile saved with plain http://
            raise errors.translate(exc) from exc
