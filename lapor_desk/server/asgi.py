"""The server as an ASGI application factory, for worker processes.

``lapor-server serve`` resolves its settings once (server/config_file.py), hands them to its
workers in ``LAPOR_SERVE_SETTINGS`` and lets uvicorn start them with :func:`app_from_config`.
The same factory serves under uvicorn's own command line, which then reads the configuration
file (``LAPOR_SERVER_CONFIG``) and the environment itself (docs/server.md)::

    LAPOR_SERVER_CONFIG=/etc/lapor-desk/server.toml uvicorn --factory \\
        lapor_desk.server.asgi:app_from_config --workers 4 --no-proxy-headers --no-access-log

Each worker is a process of its own: it sets up its own logging here.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from lapor_desk.server import config_file, logs
from lapor_desk.server.config_renamed import log_deprecations
from lapor_desk.server.settings import ServerSettings

SETTINGS_ENV = "LAPOR_SERVE_SETTINGS"


def configure_logging(level: str, log_format: str = "text") -> None:
    """The server's log: one line per event on standard error, at ``level``, as text or JSON
    (server/logs.py)."""
    logs.configure(level, log_format)


def settings_from_environment() -> ServerSettings:
    raw = os.environ.get(SETTINGS_ENV)
    if raw:
        return ServerSettings.from_json(raw)
    resolved = config_file.resolve()
    resolved.database_url()
    log_deprecations(resolved.renamed, resolved.file)
    return resolved.settings


def app_from_config() -> FastAPI:
    """A worker's application (the database must be initialised: ``lapor-server init-db``)."""
    from lapor_desk.server.app import create_app

    settings = settings_from_environment()
    configure_logging(settings.log_level, settings.log_format)
    return create_app(settings)
