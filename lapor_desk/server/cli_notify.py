"""``lapor-server notify``: the messages to reporters (server/notify/).

    lapor-server notify send   [--config PATH]   send what is due now, once (as a round of the
                                                 housekeeping loop does)
    lapor-server notify list   [--status S] [--limit N]   the latest messages and their state
    lapor-server notify check  [--config PATH]   read the templates and say which channels are on

Addresses are shown masked: the list is for finding what failed and why, not a contact book.
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.cli_serve import add_config_argument
from lapor_desk.server.database import make_engine
from lapor_desk.server.db import Complaint, Notification
from lapor_desk.server.notify import queue
from lapor_desk.server.notify.send import Notifier, senders_of
from lapor_desk.server.notify.templates import load_templates
from lapor_desk.server.settings import ServerSettings

STATUSES = (queue.PENDING, queue.SENDING, queue.SENT, queue.SKIPPED, queue.FAILED)


def add_commands(sub: Any) -> None:
    notify = sub.add_parser("notify", help="messages to reporters: send, list, check")
    commands = notify.add_subparsers(dest="notify_command", required=True)
    for name, help_text in (("send", "send the messages that are due, once"),
                            ("list", "the latest messages and their state"),
                            ("check", "read the templates; which channels are configured")):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--db", default=None,
                       help="SQLAlchemy URL (else LAPOR_DATABASE_URL or the configuration file)")
        add_config_argument(p)
        if name == "list":
            p.add_argument("--status", choices=STATUSES, default=None)
            p.add_argument("--limit", type=int, default=50)


def masked(address: str | None) -> str:
    if not address:
        return "-"
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:2]}***@{domain}"
    return f"{address[:4]}***{address[-2:]}"


def run(args: argparse.Namespace, settings: ServerSettings, database_url: str) -> int:
    if args.notify_command == "check":
        load_templates(settings.notify_templates)
        channels = sorted(senders_of(settings))
        print("templates: " + str(settings.notify_templates or "built-in") + " (read)")
        print("channels on: " + (", ".join(channels) if channels else "none"))
        return 0
    engine = make_engine(database_url)
    try:
        if args.notify_command == "send":
            outcomes = Notifier.from_settings(settings).run_round(engine, utcnow)
            print(", ".join(f"{status}: {outcomes[status]}"
                            for status in (queue.SENT, queue.PENDING, queue.FAILED,
                                           queue.SKIPPED)))
            return 0
        query = (select(Notification, Complaint.tracking_number)
                 .join(Complaint, Complaint.id == Notification.complaint_id)
                 .order_by(Notification.id.desc()).limit(max(1, args.limit)))
        if args.status:
            query = query.where(Notification.status == args.status)
        with engine.connect() as connection, Session(bind=connection) as session:
            for row, number in session.execute(query):
                print(f"{row.id}\t{number}\t{row.kind}\t{row.status}\t{row.channel or '-'}"
                      f"\t{masked(row.address)}\t{row.attempts}\t{row.error or ''}")
        return 0
    finally:
        engine.dispose()
