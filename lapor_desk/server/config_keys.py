"""The keys of the server's configuration and how each value is read.

:data:`KEYS` is the table of every ``[section] key`` the file may hold, the
:class:`~lapor_desk.server.settings.ServerSettings` field it sets and the environment variable
that may give it instead (docs/server.md has the table). Each key's parser takes a value as TOML
or the environment gives it (text from the environment, a whole number or a list from the file)
and returns it checked, or raises :class:`BadValue` saying what is expected;
:mod:`lapor_desk.server.config_file` reads the file and the environment with it and names where a
bad value came from.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from lapor_desk.server.addresses import parse_networks

LOG_FORMATS = ("text", "json")


class BadValue(Exception):
    """A value that is not what its key expects (the message says what is)."""


Parse = Callable[[Any, "Path | None"], Any]


def _text(value: Any, _base: Path | None) -> str:
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BadValue("expected a non-empty text")
    return value.strip()


def _whole(low: int, high: int | None = None) -> Parse:
    def parse(value: Any, _base: Path | None) -> int:
        if isinstance(value, str):
            value = value.strip()
            if not value.lstrip("-").isdigit():
                raise BadValue("expected a whole number")
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue("expected a whole number")
        if value < low or (high is not None and value > high):
            raise BadValue(f"expected a number from {low}" + (f" to {high}" if high else " up"))
        return value
    return parse


def _amount(value: Any, _base: Path | None) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise BadValue("expected a number") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue("expected a number")
    if value < 0 or math.isnan(value):
        raise BadValue("expected a number of 0 or more")
    return float(value)


def _path(value: Any, base: Path | None) -> Path:
    path = Path(_text(value, base)).expanduser()
    return base / path if base is not None and not path.is_absolute() else path


def _networks(value: Any, _base: Path | None) -> tuple[str, ...]:
    items = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise BadValue("expected a list of addresses or networks")
    items = [item.strip() for item in items if item.strip()]
    try:
        parse_networks(items)
    except ValueError as error:
        raise BadValue(str(error)) from None
    return tuple(items)


HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


def _hosts(value: Any, _base: Path | None) -> tuple[str, ...]:
    items = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise BadValue("expected a list of host names such as files.lapor.go.id")
    items = [item.strip().lower() for item in items if item.strip()]
    for item in items:
        if not HOST_NAME.fullmatch(item):
            raise BadValue(f"{item[:100]!r} is not a host name (no scheme, port or path: "
                       "files.lapor.go.id)")
    return tuple(items)


def _database(value: Any, base: Path | None) -> str:
    url = _text(value, base)
    try:
        make_url(url)
    except ArgumentError:
        raise BadValue("expected a database URL such as "
                         "postgresql+psycopg://lapor@127.0.0.1/lapor") from None
    return url


def _level(value: Any, base: Path | None) -> str:
    level = _text(value, base).upper()
    if not isinstance(logging.getLevelName(level), int):
        raise BadValue("expected DEBUG, INFO, WARNING or ERROR")
    return level


def _log_format(value: Any, base: Path | None) -> str:
    chosen = _text(value, base).lower()
    if chosen not in LOG_FORMATS:
        raise BadValue("expected " + " or ".join(f'"{f}"' for f in LOG_FORMATS))
    return chosen


def _choice(*choices: str) -> Parse:
    def parse(value: Any, base: Path | None) -> str:
        chosen = _text(value, base).lower()
        if chosen not in choices:
            raise BadValue("expected " + " or ".join(f'"{c}"' for c in choices))
        return chosen
    return parse


@dataclass(frozen=True)
class Key:
    section: str
    name: str
    #: The :class:`ServerSettings` field it sets.
    field: str
    parse: Parse
    env: str | None = None
    #: A password or token: shown as ``***`` by :func:`effective_toml`.
    secret: bool = False

    @property
    def label(self) -> str:
        return f"[{self.section}] {self.name}"


def _security(value: Any, base: Path | None) -> str:
    chosen = _text(value, base).lower()
    if chosen not in ("ssl", "starttls", "none"):
        raise BadValue('expected "ssl", "starttls" or "none"')
    return chosen


#: The channels the pemda runs itself (server/channels/; docs/server.md, docs/deploy.md).
CHANNEL_KEYS: tuple[Key, ...] = (
    Key("channels", "agency", "channels_agency", _text, "LAPOR_CHANNELS_AGENCY"),
    Key("channels", "province", "channels_province", _text),
    Key("channels", "regency", "channels_regency", _text),
    Key("channels", "category", "channels_category", _text),
    Key("email", "imap_host", "imap_host", _text, "LAPOR_IMAP_HOST"),
    Key("email", "imap_port", "imap_port", _whole(1, 65535)),
    Key("email", "imap_security", "imap_security", _security),
    Key("email", "imap_user", "imap_user", _text, "LAPOR_IMAP_USER"),
    Key("email", "imap_password", "imap_password", _text, "LAPOR_IMAP_PASSWORD", secret=True),
    Key("email", "imap_folder", "imap_folder", _text),
    # Replies to reporters by email (server/notify/): the SMTP server and the sender.
    Key("email", "smtp_host", "smtp_host", _text),
    Key("email", "smtp_port", "smtp_port", _whole(1, 65535)),
    Key("email", "smtp_security", "smtp_security", _choice("starttls", "tls", "none")),
    Key("email", "smtp_username", "smtp_username", _text),
    Key("email", "smtp_password", "smtp_password", _text, "LAPOR_SMTP_PASSWORD", secret=True),
    Key("email", "from", "email_from", _text),
    Key("email", "reply_to", "email_reply_to", _text),
    Key("whatsapp", "verify_token", "whatsapp_verify_token", _text, "LAPOR_WHATSAPP_VERIFY_TOKEN",
        secret=True),
    Key("whatsapp", "app_secret", "whatsapp_app_secret", _text, "LAPOR_WHATSAPP_APP_SECRET",
        secret=True),
    Key("whatsapp", "access_token", "whatsapp_access_token", _text,
        "LAPOR_WHATSAPP_ACCESS_TOKEN", secret=True),
    Key("whatsapp", "graph_url", "whatsapp_graph_url", _text),
    # Replies to reporters by WhatsApp (server/notify/): the number they are sent from and an
    # approved template, with the access token and Graph API address above.
    Key("whatsapp", "phone_number_id", "whatsapp_phone_number_id", _text),
    Key("whatsapp", "template", "whatsapp_template", _text),
    Key("whatsapp", "template_language", "whatsapp_template_language", _text),
    Key("sms", "token", "sms_token", _text, "LAPOR_SMS_TOKEN", secret=True),
    # Replies to reporters by SMS (server/notify/): the gateway's send API.
    Key("sms", "url", "sms_url", _text),
    Key("sms", "username", "sms_username", _text),
    Key("sms", "password", "sms_password", _text, "LAPOR_SMS_PASSWORD", secret=True),
)


def _web_address(value: Any, base: Path | None) -> str:
    url = _text(value, base).rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise BadValue("expected a web address such as https://www.lapor.go.id")
    return url


def _day(value: Any, base: Path | None) -> str:
    if isinstance(value, date):  # TOML's own dates
        return value.isoformat()
    text = _text(value, base)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise BadValue("expected a day such as 2026-12-01") from None


KEYS: tuple[Key, ...] = (
    Key("database", "url", "database_url", _database, "LAPOR_DATABASE_URL"),
    Key("server", "host", "host", _text, "LAPOR_SERVER_HOST"),
    Key("server", "port", "port", _whole(1, 65535), "LAPOR_SERVER_PORT"),
    Key("server", "workers", "workers", _whole(1, 64), "LAPOR_SERVER_WORKERS"),
    Key("server", "keep_alive_seconds", "keep_alive_seconds", _whole(1, 3600)),
    Key("server", "trusted_proxies", "trusted_proxies", _networks, "LAPOR_TRUSTED_PROXIES"),
    Key("metrics", "allow", "metrics_allow", _networks, "LAPOR_METRICS_ALLOW"),
    Key("blobs", "dir", "blob_dir", _path, "LAPOR_BLOB_DIR"),
    Key("blobs", "max_bytes", "max_blob_bytes", _whole(1)),
    Key("tokens", "ttl_hours", "token_ttl_hours", _amount),
    Key("tokens", "idle_hours", "token_idle_hours", _amount),
    Key("domain", "sla_file", "sla_config", _path),
    Key("domain", "auto_close_interval_seconds", "auto_close_interval", _amount),
    Key("public", "agency", "public_agency", _text),
    Key("public", "max_files", "public_max_files", _whole(0, 10)),
    Key("public", "max_file_bytes", "public_max_file_bytes", _whole(1)),
    Key("public", "submits_per_hour", "public_submits_per_hour", _whole(1)),
    Key("public", "lookups_per_hour", "public_lookups_per_hour", _whole(1)),
    Key("logging", "level", "log_level", _level, "LAPOR_LOG_LEVEL"),
    Key("logging", "format", "log_format", _log_format, "LAPOR_LOG_FORMAT"),
    *CHANNEL_KEYS,
    Key("notify", "interval_seconds", "notify_interval", _amount),
    Key("notify", "max_attempts", "notify_max_attempts", _whole(1, 100)),
    Key("notify", "templates", "notify_templates", _path),
    Key("notify", "tracking_url", "notify_tracking_url", _text),
    Key("sp4n", "url", "sp4n_url", _web_address, "LAPOR_SP4N_URL"),
    Key("sp4n", "token_file", "sp4n_token_file", _path, "LAPOR_SP4N_TOKEN_FILE"),
    Key("sp4n", "since", "sp4n_since", _day, "LAPOR_SP4N_SINCE"),
    Key("sp4n", "agency", "sp4n_agency", _text, "LAPOR_SP4N_AGENCY"),
    Key("sp4n", "connector", "sp4n_connector", _text, "LAPOR_SP4N_CONNECTOR"),
    Key("sp4n", "interval_seconds", "sp4n_interval", _amount),
    Key("sp4n", "file_hosts", "sp4n_file_hosts", _hosts, "LAPOR_SP4N_FILE_HOSTS"),
)
