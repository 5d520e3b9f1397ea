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

import logging
import os

from fastapi import FastAPI

from lapor_desk.server import config_file
from lapor_desk.server.settings import ServerSettings

SETTINGS_ENV = "LAPOR_SERVE_SETTINGS"
LOG_LINE = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str, log_format: str = "text") -> None:
    """The server's log: one line per event on standard error, at ``level``."""
    del log_format  # only the text form so far; ``[logging] format`` selects it
    logging.basicConfig(level=level.upper(), format=LOG_LINE)
    logging.getLogger().setLevel(level.upper())


def settings_from_environment() -> ServerSettings:
    raw = os.environ.get(SETTINGS_ENV)
    if raw:
        return ServerSettings.from_json(raw)
    resolved = config_file.resolve()
    resolved.database_url()
    return resolved.settings


def app_from_config() -> FastAPI:
    """A worker's application (the database must be initialised: ``lapor-server init-db``)."""
    from lapor_desk.server.app import create_app

    settings = settings_from_environment()
    configure_logging(settings.log_level, settings.log_format)
    return create_app(settings)
