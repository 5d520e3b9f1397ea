"""``lapor-server channels ...``: the channels a pemda runs itself (server/channels/).

    lapor-server channels fetch-mail [--config FILE]   read the complaints mailbox once
    lapor-server channels status [--config FILE]       which channels are on

The running server reads the mailbox every housekeeping round; ``fetch-mail`` is for a first
check of the mailbox settings, or for a server run without the loop.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.channels import email_in
from lapor_desk.server.channels.intake import destination
from lapor_desk.server.cli_serve import add_config_argument
from lapor_desk.server.config_file import Resolved
from lapor_desk.server.database import make_engine
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.settings import ServerSettings


def add_commands(sub: Any) -> None:
    channels = sub.add_parser("channels", help="email, WhatsApp and SMS (docs/deploy.md)")
    commands = channels.add_subparsers(dest="channels_command", required=True)
    for name, text in (("fetch-mail", "read the complaints mailbox once (IMAP)"),
                       ("status", "which channels are configured, as JSON")):
        p = commands.add_parser(name, help=text)
        p.add_argument("--db", default=None,
                       help="SQLAlchemy URL (else LAPOR_DATABASE_URL or the configuration file)")
        add_config_argument(p)


def status(settings: ServerSettings) -> dict[str, bool]:
    return {"email": email_in.enabled(settings),
            "whatsapp": bool(settings.whatsapp_app_secret),
            "sms": bool(settings.sms_token)}


def run(args: argparse.Namespace, resolved: Resolved) -> int:
    settings = resolved.settings
    engine = make_engine(resolved.database_url())
    try:
        if args.channels_command == "status":
            print(json.dumps(status(settings)))
            return 0
        if not email_in.enabled(settings):
            raise ServiceError("email is off: set [email] imap_host, imap_user and "
                               "imap_password (docs/deploy.md, Channels)", code="invalid_input")
        with Session(engine) as session:
            destination(session, settings)  # says what is missing before the mailbox is read
        report = email_in.fetch_mail(engine, settings.resolved_blob_dir(), settings, utcnow)
        print(json.dumps(report.as_dict()))
        return 0
    finally:
        engine.dispose()
