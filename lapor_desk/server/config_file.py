"""The server's configuration: a TOML file, environment variables and the command line.

    lapor-server serve --config /etc/lapor-desk/server.toml [--workers N]

Each setting is looked up in this order, the first that gives it wins: the command line, the
environment, the file, the default of :class:`~lapor_desk.server.settings.ServerSettings`. The
file is ``--config PATH``, else ``LAPOR_SERVER_CONFIG``; without either there is none. Its
sections and keys are :data:`KEYS` (docs/server.md has the table); a key or section the server
does not know is an error, so a misspelt key is not silently ignored. Relative paths in the file
are taken from the file's own directory.

Every problem is a :class:`ConfigError` naming where the bad value came from (the file and key,
or the environment variable) and what is expected.
"""

from __future__ import annotations

import logging
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from lapor_desk.server.addresses import parse_networks
from lapor_desk.server.config_renamed import RENAMED, Renamed
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.settings import ServerSettings

CONFIG_ENV = "LAPOR_SERVER_CONFIG"
LOG_FORMATS = ("text", "json")


class ConfigError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_input")


class _Bad(Exception):
    """A value that is not what its key expects (the message says what is)."""


Parse = Callable[[Any, "Path | None"], Any]


def _text(value: Any, _base: Path | None) -> str:
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _Bad("expected a non-empty text")
    return value.strip()


def _whole(low: int, high: int | None = None) -> Parse:
    def parse(value: Any, _base: Path | None) -> int:
        if isinstance(value, str):
            value = value.strip()
            if not value.lstrip("-").isdigit():
                raise _Bad("expected a whole number")
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad("expected a whole number")
        if value < low or (high is not None and value > high):
            raise _Bad(f"expected a number from {low}" + (f" to {high}" if high else " up"))
        return value
    return parse


def _amount(value: Any, _base: Path | None) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise _Bad("expected a number") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad("expected a number")
    if value < 0 or math.isnan(value):
        raise _Bad("expected a number of 0 or more")
    return float(value)


def _path(value: Any, base: Path | None) -> Path:
    path = Path(_text(value, base)).expanduser()
    return base / path if base is not None and not path.is_absolute() else path


def _networks(value: Any, _base: Path | None) -> tuple[str, ...]:
    items = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise _Bad("expected a list of addresses or networks")
    items = [item.strip() for item in items if item.strip()]
    try:
        parse_networks(items)
    except ValueError as error:
        raise _Bad(str(error)) from None
    return tuple(items)


HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


def _hosts(value: Any, _base: Path | None) -> tuple[str, ...]:
    items = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise _Bad("expected a list of host names such as files.lapor.go.id")
    items = [item.strip().lower() for item in items if item.strip()]
    for item in items:
        if not HOST_NAME.fullmatch(item):
            raise _Bad(f"{item[:100]!r} is not a host name (no scheme, port or path: "
                       "files.lapor.go.id)")
    return tuple(items)


def _database(value: Any, base: Path | None) -> str:
    url = _text(value, base)
    try:
        make_url(url)
    except ArgumentError:
        raise _Bad("expected a database URL such as "
                         "postgresql+psycopg://lapor@127.0.0.1/lapor") from None
    return url


def _level(value: Any, base: Path | None) -> str:
    level = _text(value, base).upper()
    if not isinstance(logging.getLevelName(level), int):
        raise _Bad("expected DEBUG, INFO, WARNING or ERROR")
    return level


def _log_format(value: Any, base: Path | None) -> str:
    chosen = _text(value, base).lower()
    if chosen not in LOG_FORMATS:
        raise _Bad("expected " + " or ".join(f'"{f}"' for f in LOG_FORMATS))
    return chosen


def _choice(*choices: str) -> Parse:
    def parse(value: Any, base: Path | None) -> str:
        chosen = _text(value, base).lower()
        if chosen not in choices:
            raise _Bad("expected " + " or ".join(f'"{c}"' for c in choices))
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
        raise _Bad('expected "ssl", "starttls" or "none"')
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
        raise _Bad("expected a web address such as https://www.lapor.go.id")
    return url


def _day(value: Any, base: Path | None) -> str:
    if isinstance(value, date):  # TOML's own dates
        return value.isoformat()
    text = _text(value, base)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise _Bad("expected a day such as 2026-12-01") from None


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
_BY_FIELD = {key.field: key for key in KEYS}

DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Resolved:
    settings: ServerSettings
    #: Where each setting of :data:`KEYS` came from: ``"command line"``, an environment
    #: variable's name, the file's path, or ``"default"``.
    sources: dict[str, str]
    file: Path | None
    #: Keys the file gave under their old names (told in the log: config_renamed.py).
    renamed: tuple[Renamed, ...] = ()

    def database_url(self) -> str:
        """The database's URL; raises ConfigError when nothing gave one."""
        if not self.settings.database_url:
            raise ConfigError(
                "no database: give --db URL, set LAPOR_DATABASE_URL, or name a configuration "
                f"file with a [database] url (--config PATH or {CONFIG_ENV})")
        return self.settings.database_url


def read_file(path: Path) -> dict[str, Any]:
    """``{field: value}`` from the TOML file at ``path``."""
    return read_file_renamed(path)[0]


def read_file_renamed(path: Path) -> tuple[dict[str, Any], tuple[Renamed, ...]]:
    """``{field: value}`` from the TOML file at ``path``, and the keys it gave under their old
    names (:data:`RENAMED`). A key given under both names is an error."""
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration file: "
                          f"{error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot read it as TOML: {error}") from None
    known = {(key.section, key.name): key for key in KEYS}
    sections = sorted({key.section for key in KEYS})
    values: dict[str, Any] = {}
    own: set[str] = set()  # fields given under their own names
    renamed: dict[str, Renamed] = {}  # field -> the old name it was given under
    base = path.resolve().parent
    for section, table in document.items():
        if section not in sections or not isinstance(table, dict):
            raise ConfigError(f"{path}: unknown section [{section}] (known: "
                              + ", ".join(f"[{s}]" for s in sections) + ")")
        for name, raw in table.items():
            key = known.get((section, name))
            if key is not None:
                own.add(key.field)
            elif (section, name) in RENAMED:
                key = known[RENAMED[(section, name)]]
                renamed[key.field] = Renamed(f"[{section}] {name}", key.label)
            else:
                names = ", ".join(k.name for k in KEYS if k.section == section)
                raise ConfigError(f"{path}: [{section}] has no key {name!r} (known: {names})")
            values[key.field] = _parsed(key, raw, base, f"{path}: [{section}] {name}")
    for field, old in renamed.items():
        if field in own:
            raise ConfigError(f"{path}: {old.old} and {old.new} are the same setting: keep "
                              f"{old.new} only ({old.old} is its old name)")
    return values, tuple(renamed.values())


def read_environment(environ: Mapping[str, str]) -> dict[str, tuple[str, Any]]:
    """``{field: (variable, value)}`` from the environment (empty variables are left out)."""
    found: dict[str, tuple[str, Any]] = {}
    for key in KEYS:
        if key.env is not None and environ.get(key.env, "").strip():
            found[key.field] = (key.env, _parsed(key, environ[key.env], None, key.env))
    return found


def resolve(command_line: Mapping[str, Any] | None = None, *, config: Path | None = None,
            environ: Mapping[str, str] | None = None, **fixed: Any) -> Resolved:
    """The effective settings. ``command_line``: ``{field: value}`` given on the command line
    (``None`` values are not given); ``config``: ``--config``; ``fixed``: other
    :class:`ServerSettings` fields that only the command line sets (``training``)."""
    environ = os.environ if environ is None else environ
    path = config or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV, "").strip() else None)
    values: dict[str, Any] = {}
    sources = {key.field: DEFAULT for key in KEYS}
    renamed: tuple[Renamed, ...] = ()
    if path is not None:
        from_file, renamed = read_file_renamed(path)
        for name, value in from_file.items():
            values[name], sources[name] = value, str(path)
    for name, (variable, value) in read_environment(environ).items():
        values[name], sources[name] = value, variable
    for name, raw in (command_line or {}).items():
        if raw is None:
            continue
        key = _BY_FIELD[name]
        values[name] = _parsed(key, raw, None, _option(name))
        sources[name] = COMMAND_LINE
    values.setdefault("database_url", "")
    return Resolved(ServerSettings(**values, **fixed), sources, path, renamed)


def _option(name: str) -> str:
    return {"database_url": "--db", "blob_dir": "--blobs", "trusted_proxies": "--trusted-proxy",
            "metrics_allow": "--metrics-allow",
            "auto_close_interval": "--auto-close-interval"}.get(
        name, "--" + name.replace("_", "-"))


def _parsed(key: Key, raw: Any, base: Path | None, where: str) -> Any:
    try:
        return key.parse(raw, base)
    except _Bad as error:
        raise ConfigError(f"{where}: {error} (got {raw!r})") from None


def masked_url(url: str) -> str:
    """``url`` with its password as ``***`` (for showing and logging)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "***"


def effective_toml(resolved: Resolved) -> str:
    """The effective configuration as a TOML file (the database password masked), each value
    with where it came from."""
    settings = resolved.settings
    lines: list[str] = []
    section = ""
    for key in KEYS:
        if key.section != section:
            section = key.section
            lines += ["", f"[{section}]"] if lines else [f"[{section}]"]
        value = getattr(settings, key.field)
        if key.field == "database_url":
            value = masked_url(value) if value else ""
        if key.secret and value:
            value = "***"
        if key.field == "blob_dir" and value is None:
            value = settings.resolved_blob_dir()
        if value is None or value == "":  # "": a channel's key left unset (server/notify/)
            lines.append(f"# {key.name} is not set  # {resolved.sources[key.field]}")
            continue
        lines.append(f"{key.name} = {_toml_value(value)}  # {resolved.sources[key.field]}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
