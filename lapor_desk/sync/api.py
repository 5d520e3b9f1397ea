"""The sync server's endpoints as typed calls: the one place the desktop names an endpoint.

Each method sends one request through the :class:`~lapor_desk.sync.transport.Transport` (which
keeps its retries, timeouts, TLS verification, ``Date`` reading and the refusal of plain
``http://``) to a path from :mod:`lapor_desk.models.wire`, and reads the answer with
:mod:`lapor_desk.sync.protocol`. A pull page comes back as its JSON, not yet checked: the
engine checks it where it applies it (:meth:`lapor_desk.sync.engine.SyncEngine.pull`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, BinaryIO, Protocol

from lapor_desk.models import wire
from lapor_desk.sync.errors import ProtocolError
from lapor_desk.sync.people_wire import (
    AuditEntry,
    NewPassword,
    PeoplePage,
    PersonRecord,
    parse_audit,
    parse_new_password,
    parse_people,
    parse_person,
)
from lapor_desk.sync.protocol import (
    Health,
    Login,
    PushAnswer,
    UploadState,
    UserInfo,
    parse_health,
    parse_login,
    parse_push_answer,
    parse_upload_state,
    parse_user,
)


class Carrier(Protocol):
    """What the client needs of a transport (:class:`~lapor_desk.sync.transport.Transport`)."""

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any: ...

    def post_json(self, path: str, body: Any, *, auth: bool = True,
                  retry_throttled: bool = True) -> Any: ...

    def put_bytes(self, path: str, params: Mapping[str, Any], data: bytes) -> Any: ...

    def download(self, path: str, sink: BinaryIO, offset: int,
                 on_bytes: Callable[[int], None] | None = None) -> int: ...


class Api:
    """Every endpoint of the sync server (``wire.ENDPOINTS``), called through ``transport``."""

    def __init__(self, transport: Carrier) -> None:
        self.transport = transport

    # --- account ------------------------------------------------------------------------------

    def health_answer(self) -> Any:
        """``GET health``: the answer as it came (a probe judges it itself)."""
        return self.transport.get_json(wire.HEALTH.path)

    def health(self) -> Health:
        return parse_health(self.health_answer())

    def login(self, username: str, password: str, device: str) -> Login:
        """``POST auth/login``: never retried when throttled (the person sees they must wait;
        a retry would send the same, perhaps wrong, password again)."""
        body = self.transport.post_json(
            wire.LOGIN.path, {"username": username, "password": password, "device": device},
            auth=False, retry_throttled=False)
        return parse_login(body)

    def logout(self) -> None:
        """``POST auth/logout``: the token is revoked on the server."""
        self.transport.post_json(wire.LOGOUT.path, {})

    def me(self) -> UserInfo:
        return parse_user(self.transport.get_json(wire.ME.path))

    # --- sync ---------------------------------------------------------------------------------

    def pull_answer(self, params: Mapping[str, Any]) -> Any:
        """``GET sync/pull``: one page's JSON, not yet checked (``protocol.parse_page``)."""
        return self.transport.get_json(wire.PULL.path, params)

    def push(self, client_id: str, actions: list[dict[str, Any]],
             sent: Sequence[int], epoch: str | None = None) -> PushAnswer:
        """``POST sync/push``: the answer to each of ``sent`` (the actions' mutation ids).
        With ``epoch`` (the server's as last heard), a server restored since answers 409
        ``epoch_changed`` and applies nothing."""
        request: dict[str, Any] = {"client_id": client_id, "actions": actions}
        if epoch is not None:
            request["epoch"] = epoch
        return parse_push_answer(self.transport.post_json(wire.PUSH.path, request), sent)

    # --- blobs --------------------------------------------------------------------------------

    def upload_status(self, sha256: str, total: int) -> UploadState:
        """``GET blobs/{sha256}/upload``: how much of our upload of the blob the server holds."""
        return parse_upload_state(
            self.transport.get_json(wire.UPLOAD_STATUS.to(sha256=sha256)), total)

    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> UploadState:
        """``PUT blobs/{sha256}/upload``: the bytes from ``offset`` on."""
        return parse_upload_state(self.transport.put_bytes(
            wire.UPLOAD_CHUNK.to(sha256=sha256), {"offset": offset, "total": total}, chunk),
            total)

    def download_blob(self, sha256: str, sink: BinaryIO, offset: int,
                      on_bytes: Callable[[int], None] | None = None) -> int:
        """``GET blobs/{sha256}``: the blob's bytes from ``offset`` appended to ``sink``; the
        number of bytes in ``sink`` after."""
        return self.transport.download(wire.DOWNLOAD_BLOB.to(sha256=sha256), sink, offset,
                                       on_bytes)

    # --- directory ----------------------------------------------------------------------------

    def set_aliases(self, agency_id: int, aliases: list[str]) -> tuple[str, ...]:
        """``POST agencies/{agency_id}/aliases``: replace a node's other names; the names as
        the server stored them."""
        body = self.transport.post_json(wire.AGENCY_ALIASES.to(agency_id=str(agency_id)),
                                        {"aliases": aliases})
        stored = body.get("aliases") if isinstance(body, dict) else None
        if not isinstance(stored, list) or not all(isinstance(a, str) for a in stored):
            raise ProtocolError("the server's answer lacks the stored aliases")
        return tuple(stored)

    # --- people -------------------------------------------------------------------------------

    def change_password(self, username: str, password: str, new_password: str,
                        device: str) -> Login:
        """``POST auth/password``: a new password chosen with the current (one-time) one; the
        answer is a login's. Never retried when throttled, as the login."""
        body = self.transport.post_json(
            wire.CHANGE_PASSWORD.path, {"username": username, "password": password,
                                        "new_password": new_password, "device": device},
            auth=False, retry_throttled=False)
        return parse_login(body)

    def list_users(self, params: Mapping[str, Any]) -> PeoplePage:
        """``GET users``: one page of the accounts the caller manages."""
        return parse_people(self.transport.get_json(wire.USERS.path, params))

    def create_user(self, username: str, display_name: str, role: str,
                    unit_id: int) -> NewPassword:
        return parse_new_password(self.transport.post_json(wire.CREATE_USER.path, {
            "username": username, "display_name": display_name, "role": role,
            "unit_id": unit_id}))

    def disable_user(self, user_id: int) -> PersonRecord:
        return parse_person(self.transport.post_json(
            wire.DISABLE_USER.to(user_id=str(user_id)), {}))

    def enable_user(self, user_id: int) -> PersonRecord:
        return parse_person(self.transport.post_json(
            wire.ENABLE_USER.to(user_id=str(user_id)), {}))

    def move_user(self, user_id: int, unit_id: int, role: str | None) -> PersonRecord:
        body: dict[str, Any] = {"unit_id": unit_id}
        if role is not None:
            body["role"] = role
        return parse_person(self.transport.post_json(
            wire.MOVE_USER.to(user_id=str(user_id)), body))

    def reset_password(self, user_id: int) -> NewPassword:
        return parse_new_password(self.transport.post_json(
            wire.RESET_PASSWORD.to(user_id=str(user_id)), {}))

    def user_audit(self, params: Mapping[str, Any]) -> tuple[AuditEntry, ...]:
        """``GET users/audit``: newest first."""
        return parse_audit(self.transport.get_json(wire.USER_AUDIT.path, params))
