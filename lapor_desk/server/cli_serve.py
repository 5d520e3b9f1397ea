"""``lapor-server serve`` and ``lapor-server config show``: the configuration and the workers.

    lapor-server serve [--config FILE] [--db URL] [--host H] [--port P] [--workers N] ...
    lapor-server config show [--config FILE]

Several workers (``--workers N``, ``[server] workers``) are processes of their own that share
nothing but the database: the login throttle, tokens, users, the agency tree and uploads live
there, and each worker looks again at every request (docs/server.md, "Several workers"). They
need PostgreSQL; a training server runs one (its clock is the process's).
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from lapor_desk.server import config_file, logs, metrics
from lapor_desk.server.asgi import SETTINGS_ENV
from lapor_desk.server.config_file import ConfigError, Resolved
from lapor_desk.server.database import init_database, is_sqlite
from lapor_desk.server.notify.templates import load_templates
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.sp4n import loop as sp4n_loop

log = logging.getLogger(__name__)
#: Seconds a worker process may take to answer its supervisor (uvicorn's healthcheck) before it
#: is taken for hung and replaced: also the time a new worker has to start.
WORKER_ANSWER_SECONDS = 60


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help=f"the configuration file (TOML; default: ${config_file.CONFIG_ENV})")


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``serve``; each one left out comes from the environment, the file or
    the default (``lapor-server config show`` prints the result)."""
    defaults = ServerSettings(database_url="")
    parser.add_argument("--host", default=None, help=f"default {defaults.host}")
    parser.add_argument("--port", type=int, default=None, help=f"default {defaults.port}")
    parser.add_argument("--workers", type=int, default=None,
                        help=f"worker processes (PostgreSQL only; default {defaults.workers})")
    parser.add_argument("--blobs", type=Path, default=None, help="attachment blob directory")
    parser.add_argument("--auto-close-interval", type=float, default=None,
                        help=f"seconds between auto-close rounds (0: off; default "
                             f"{defaults.auto_close_interval:g})")
    parser.add_argument("--training", action="store_true",
                        help="a training (bimtek) server: the training world's clock, no "
                             "auto-close, the exercises' staged conflict")
    parser.add_argument("--trusted-proxy", action="append", default=None, metavar="ADDR|CIDR",
                        help="a reverse proxy whose X-Forwarded-For names the client "
                             "(repeatable); from other peers the header is ignored")
    parser.add_argument("--token-idle-hours", type=float, default=None,
                        help=f"a token ends after this long unused (0: never; default "
                             f"{defaults.token_idle_hours:g})")
    parser.add_argument("--token-ttl-hours", type=float, default=None,
                        help=f"a token ends this long after the login (default "
                             f"{defaults.token_ttl_hours:g})")
    parser.add_argument("--metrics-allow", action="append", default=None, metavar="ADDR|CIDR",
                        help="who may read /metrics (repeatable; default this machine only)")


def add_config_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("config", help="show the effective configuration")
    parser.add_argument("action", choices=["show"])
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (overrides the file)")
    add_config_argument(parser)


def resolve_args(args: argparse.Namespace) -> Resolved:
    """The effective settings of the command in ``args``."""
    given = {"database_url": getattr(args, "db", None), "log_level": args.log_level,
             "log_format": getattr(args, "log_format", None)}
    if args.command == "serve":
        given |= {"host": args.host, "port": args.port, "workers": args.workers,
                  "blob_dir": args.blobs, "auto_close_interval": args.auto_close_interval,
                  "trusted_proxies": args.trusted_proxy,
                  "token_idle_hours": args.token_idle_hours,
                  "token_ttl_hours": args.token_ttl_hours,
                  "metrics_allow": args.metrics_allow}
    elif args.command in ("seed", "backup", "restore"):
        given["blob_dir"] = args.blobs
    return config_file.resolve(given, config=getattr(args, "config", None),
                               training=bool(getattr(args, "training", False)))


def config_show(resolved: Resolved) -> int:
    print(config_file.effective_toml(resolved), end="")
    return 0


def serve(resolved: Resolved) -> int:
    import uvicorn

    settings = resolved.settings
    url = resolved.database_url()
    if settings.workers > 1 and is_sqlite(url):
        raise ConfigError("several workers need PostgreSQL (SQLite takes one writer at a time): "
                          "set [database] url to PostgreSQL, or run one worker")
    if settings.workers > 1 and settings.training:
        raise ConfigError("a training server runs one worker: leave out --workers")
    load_templates(settings.notify_templates)  # a broken template file stops here, not later
    sp4n_loop.link_of(settings)  # so does a wrong [sp4n] (no token, no since, no connector)
    init_database(url)
    metrics.prepare_for_workers(settings.workers)  # their counts summed in one scrape
    # The workers are new processes: they read the settings resolved here, not the sources.
    os.environ[SETTINGS_ENV] = settings.to_json()
    logs.event(log, "serve", host=settings.host, port=settings.port, workers=settings.workers,
          database=config_file.masked_url(url), config=str(resolved.file or "-"))
    # proxy_headers=False: uvicorn would otherwise take X-Forwarded-For from any local peer;
    # the server reads it itself, from trusted proxies only (server/addresses.py).
    # A training server dates its answers by the training world's clock (server/training/).
    # uvicorn kills a worker that has not answered its supervisor's ping within
    # ``timeout_worker_healthcheck`` seconds, also while it is still starting; its default (5)
    # is shorter than a worker's start on a busy machine, and the workers were then killed and
    # started again without end. WORKER_ANSWER_SECONDS gives them the time.
    uvicorn.run("lapor_desk.server.asgi:app_from_config", factory=True,
                host=settings.host, port=settings.port, workers=settings.workers,
                timeout_worker_healthcheck=WORKER_ANSWER_SECONDS,
                timeout_keep_alive=settings.keep_alive_seconds, access_log=False,
                log_level=settings.log_level.lower(), proxy_headers=False,
                log_config=logs.logging_config(settings.log_level, settings.log_format),
                date_header=not settings.training)
    return 0
