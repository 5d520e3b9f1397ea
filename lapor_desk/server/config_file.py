"""The server's configuration: a TOML file, environment variables and the command line.

    lapor-server serve --config /etc/lapor-desk/server.toml [--workers N]

Each setting is looked up in this order, the first that gives it wins: the command line, the
environment, the file, the default of :class:`~lapor_desk.server.settings.ServerSettings`. The
file is ``--config PATH``, else ``LAPOR_SERVER_CONFIG``; without either there is none. Its
sections and keys are :data:`~lapor_desk.server.config_keys.KEYS` (docs/server.md has the
table); a key or section the server does not know is an error, so a misspelt key is not silently
ignored. Relative paths in the file are taken from the file's own directory.

Every problem is a :class:`ConfigError` naming where the bad value came from (the file and key,
or the environment variable) and what is expected.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from lapor_desk.server.config_keys import KEYS, BadValue, Key
from lapor_desk.server.config_renamed import RENAMED, Renamed
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.settings import ServerSettings

CONFIG_ENV = "LAPOR_SERVER_CONFIG"


class ConfigError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_input")


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
    except BadValue as error:
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
