"""The link with SP4N-LAPOR! as the configuration sets it up (``[sp4n]``; docs/sp4n.md): the
connector it names with the agency's token, the first day whose complaints are sent, and the
unit new national records go to. Used alike by ``lapor-server sp4n-*`` and the server's own
round (:mod:`.loop`), so both speak to the national system the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lapor_desk.server.config_file import ConfigError
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Agency
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.sp4n.addstream import AddstreamConnector
from lapor_desk.server.sp4n.bridge import BridgeConnector
from lapor_desk.server.sp4n.connector import Connector

TOKEN_ENV = "LAPOR_SP4N_TOKEN"


def configured(settings: ServerSettings) -> bool:
    """Whether the link is switched on (``[sp4n] url`` set): it is off until then."""
    return bool(settings.sp4n_url)


def token_of(settings: ServerSettings) -> str:
    """The agency's token: ``LAPOR_SP4N_TOKEN``, else the file ``[sp4n] token_file`` names."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    path = settings.sp4n_token_file
    if not token and path is not None:
        try:
            token = path.read_text("utf-8").strip()
        except OSError as error:
            raise ConfigError(f"[sp4n] token_file {path}: {error.strerror}") from None
    if not token:
        raise ConfigError(f"no SP4N-LAPOR! token: set [sp4n] token_file or {TOKEN_ENV}")
    return token


def connector_of(settings: ServerSettings) -> Connector:
    """The connector ``[sp4n] connector`` names, at ``[sp4n] url`` with the agency's token."""
    if not settings.sp4n_url:
        raise ConfigError("the link with SP4N-LAPOR! is off: set [sp4n] url (docs/sp4n.md)")
    kinds: dict[str, Callable[[str, str], Connector]] = {
        "addstream": AddstreamConnector,
        "bridge": lambda url, token: BridgeConnector(
            url, token, file_hosts=settings.sp4n_file_hosts)}
    make = kinds.get(settings.sp4n_connector)
    if make is None:
        raise ConfigError(f"[sp4n] connector: {settings.sp4n_connector!r} is none of "
                          f"{', '.join(kinds)}")
    return make(settings.sp4n_url, token_of(settings))


def since_of(settings: ServerSettings) -> datetime:
    """``[sp4n] since``: complaints received from that day on are sent."""
    if not settings.sp4n_since:
        raise ConfigError("set [sp4n] since: the first day whose complaints are sent")
    return datetime.fromisoformat(settings.sp4n_since).replace(tzinfo=UTC)


def agency_of(engine: Engine, settings: ServerSettings) -> int | None:
    """The unit ``[sp4n] agency`` names (None when unset); ConfigError when it names none."""
    code = settings.sp4n_agency
    if not code:
        return None
    with transaction(engine) as session:
        found = session.scalars(select(Agency.id).where(Agency.code == code)).first()
    if found is None:
        raise ConfigError(f"[sp4n] agency: no unit with code {code!r}")
    return int(found)
