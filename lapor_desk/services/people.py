"""People: the accounts an admin manages, on the server (online only: accounts are the
server's, never cached). Each call is one request on the network worker; the units an account
may be put in come from the cache (the database worker).

The UI gets plain frozen records (:class:`Account`, :class:`NewAccount`, :class:`AccountEvent`,
:class:`UnitChoice`). Who may manage whom is ``models/people.py::may_manage``: the screen offers
only what the server allows, and the server refuses the rest (``forbidden``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from lapor_desk.logline import event
from lapor_desk.models.cache.schema import Agency, SyncState
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import AgencyLevel
from lapor_desk.models.people import may_manage, roles_managed_by
from lapor_desk.services.errors import ServiceError, translate
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.api import Api
from lapor_desk.sync.people_wire import NewPassword, PeoplePage, PersonRecord

if TYPE_CHECKING:  # brings requests: imported where the network is used (sync/retry.py)
    from lapor_desk.sync.transport import Transport

log = logging.getLogger(__name__)

#: The screen lists at most this many accounts (pages of 500); a filter narrows more.
MAX_LISTED = 5000


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int
    unit_name: str
    disabled: bool
    must_change_password: bool


@dataclass(frozen=True)
class NewAccount:
    """An account with its one-time password: shown once, never kept."""

    account: Account
    one_time_password: str


@dataclass(frozen=True)
class AccountEvent:
    at: str
    actor: str
    action: str
    username: str


@dataclass(frozen=True)
class UnitChoice:
    id: int
    name: str
    path: str


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""
    role: str | None = None
    unit_id: int | None = None
    include_disabled: bool = True


class People:
    def __init__(self, cache: Cache, transport: Callable[[], Transport | None]) -> None:
        self.cache = cache
        self.transport = transport

    # --- the cache's part (database worker) ----------------------------------------------------

    def _scope(self) -> tuple[str, str]:
        with self.cache.engine.connect() as connection:
            state = connection.execute(select(SyncState.role, SyncState.scope_root_id)).first()
            if state is None or state.role is None or state.scope_root_id is None:
                raise ServiceError("not signed in", code="not_signed_in")
            path = connection.execute(select(Agency.path).where(
                Agency.id == state.scope_root_id)).scalar_one_or_none()
        return str(state.role), str(path or "/")

    def roles(self) -> tuple[str, ...]:
        """The roles this user may give, agency admin first."""
        role, _ = self._scope()
        return tuple(sorted(roles_managed_by(role)))

    def units(self) -> tuple[UnitChoice, ...]:
        """The active units (not the national root) this user may put accounts in, by name."""
        role, scope = self._scope()
        with self.cache.engine.connect() as connection:
            rows = connection.execute(select(Agency.id, Agency.name, Agency.path, Agency.level)
                                      .where(Agency.active)  # new accounts go to active units
                                      .order_by(Agency.name)).all()
        return tuple(UnitChoice(int(r.id), str(r.name), str(r.path)) for r in rows
                     if r.level != AgencyLevel.NATIONAL
                     and any(may_manage(role, scope, target, str(r.path))
                             for target in roles_managed_by(role)))

    def unit_names(self) -> dict[int, str]:
        with self.cache.engine.connect() as connection:
            return {int(r[0]): str(r[1]) for r in connection.execute(
                select(Agency.id, Agency.name))}

    # --- the server's part (network worker) ----------------------------------------------------

    def _api(self) -> Api:
        transport = self.transport()
        if transport is None:
            raise ServiceError("not connected", code="offline")
        return Api(transport)

    def _call(self, what: str, call: Callable[[Api], Any]) -> Any:
        try:
            return call(self._api())
        except sync_errors.SyncError as exc:
            event(log, "people.refused", what=what, code=exc.code)
            raise translate(exc) from exc

    def _account(self, record: PersonRecord, names: dict[int, str]) -> Account:
        return Account(record.id, record.username, record.display_name, str(record.role),
                       record.unit_id, names.get(record.unit_id, f"#{record.unit_id}"),
                       record.disabled, record.must_change_password)

    def _new(self, answer: NewPassword) -> NewAccount:
        return NewAccount(self._account(answer.person, self.unit_names()),
                          answer.one_time_password)

    def accounts(self, wanted: PeopleFilter = PeopleFilter()) -> tuple[Account, ...]:
        """The accounts this user manages that ``wanted`` lets through, by id."""
        params: dict[str, Any] = {"limit": 500,
                                  "include_disabled": str(wanted.include_disabled).lower()}
        if wanted.text.strip():
            params["q"] = wanted.text.strip()[:64]
        if wanted.role:
            params["role"] = wanted.role
        if wanted.unit_id is not None:
            params["unit_id"] = wanted.unit_id
        names = self.unit_names()
        found: list[Account] = []
        while len(found) < MAX_LISTED:
            asked = {**params, "after": found[-1].id if found else 0}
            page: PeoplePage = self._call("list", partial(Api.list_users, params=asked))
            found.extend(self._account(record, names) for record in page.people)
            if not page.has_more or not page.people:
                break
        return tuple(found[:MAX_LISTED])

    def create(self, username: str, display_name: str, role: str, unit_id: int) -> NewAccount:
        username, display_name = username.strip(), " ".join(display_name.split())
        if not username or not display_name:
            raise ServiceError("username and name are required", code="account_incomplete")
        answer = self._call("create", lambda api: api.create_user(username, display_name, role,
                                                                  unit_id))
        event(log, "people.created", user=username, role=role, unit=unit_id)
        return self._new(answer)

    def set_disabled(self, account_id: int, disabled: bool) -> Account:
        record = self._call("disable" if disabled else "enable", lambda api: (
            api.disable_user(account_id) if disabled else api.enable_user(account_id)))
        event(log, "people.disabled" if disabled else "people.enabled", user=record.username)
        return self._account(record, self.unit_names())

    def move(self, account_id: int, unit_id: int, role: str | None = None) -> Account:
        record = self._call("move", lambda api: api.move_user(account_id, unit_id, role))
        event(log, "people.moved", user=record.username, unit=unit_id)
        return self._account(record, self.unit_names())

    def reset_password(self, account_id: int) -> NewAccount:
        answer = self._call("reset", lambda api: api.reset_password(account_id))
        event(log, "people.password_reset", user=answer.person.username)
        return self._new(answer)

    def history(self, account_id: int | None = None) -> tuple[AccountEvent, ...]:
        """What was done to the accounts (one account's, when given), newest first."""
        params = {"user_id": account_id} if account_id is not None else {}
        entries = self._call("audit", lambda api: api.user_audit(params))
        return tuple(AccountEvent(e.at, e.actor_username, e.action, e.username)
                     for e in entries)
