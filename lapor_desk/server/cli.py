"""``lapor-server``: set up, seed, serve and administer the reference server.

    lapor-server init-db --db URL
    lapor-server seed --db URL --complaints N --seed S --password P [--json]
    lapor-server serve [--config FILE] [--host 127.0.0.1] [--port 8000] [--workers N]
                       [--blobs DIR] [--trusted-proxy ADDR|CIDR ...] [--token-idle-hours H]
                       [--token-ttl-hours H]
    lapor-server config show [--config FILE]
    lapor-server --log-format json ...  log lines as JSON objects (docs/observability.md)
    lapor-server create-user --db URL --username U --display-name N --role R --unit ID|CODE
    lapor-server set-password USERNAME --db URL [--password-stdin]
    lapor-server move-user --db URL --username U --unit ID|CODE [--role R]
    lapor-server disable-user --db URL --username U [--enable]
    lapor-server purge-complaint --db URL (--id UUID | --tracking-number N)
    lapor-server auto-close --db URL
    lapor-server training-setup --db URL --trainees N --roster FILE
    lapor-server training-progress --db URL
    lapor-server training-reset --db URL --trainee USERNAME
    lapor-server serve --training ...   a training (bimtek) server (server/training/)
    lapor-server org import|export|template FILE   the pemda's units (server/cli_org.py)
    lapor-server backup --db URL --to DIR / restore --db URL --from DIR --yes (cli_backup.py)
    lapor-server notify send|list|check (cli_notify.py)
    lapor-server sp4n-send / sp4n-round / sp4n-import FILE /
                 sp4n-record --tracking-number N --national M (cli_sp4n.py)
    lapor-server user import FILE | user reset-password USERNAME   (server/cli_people.py)
    lapor-server channels fetch-mail | status   the pemda's own channels (server/cli_channels.py)

Every command's ``--db`` may be left out when ``LAPOR_DATABASE_URL`` or the configuration file
(``--config FILE`` or ``LAPOR_SERVER_CONFIG``: server/config_file.py) names the database.

Passwords of ``seed`` and ``create-user`` come from ``--password``, else ``LAPOR_PASSWORD``, else a
prompt. ``set-password`` never takes one on the command line (other users of the machine can
read it there): it asks twice without echo, or reads one line from standard input with
``--password-stdin``; it ends the user's sessions and lifts any login throttle on the username.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lapor_desk.models.enums import Role
from lapor_desk.server import (
    cli_backup,
    cli_channels,
    cli_notify,
    cli_org,
    cli_people,
    cli_serve,
    cli_sp4n,
    logs,
)
from lapor_desk.server.asgi import configure_logging
from lapor_desk.server.config_file import Resolved
from lapor_desk.server.config_renamed import log_deprecations
from lapor_desk.server.database import init_database, make_engine, transaction
from lapor_desk.server.db import Agency, Complaint
from lapor_desk.server.lifeline import follow_parent
from lapor_desk.server.services import complaints, throttle, users
from lapor_desk.server.services.errors import ServiceError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lapor-server", description=__doc__.splitlines()[0])
    parser.add_argument("--log-level", default=None, help="default INFO, or [logging] level")
    parser.add_argument("--log-format", choices=logs.FORMATS, default=None,
                        help="text (default) or json: one JSON object per line "
                             "(or LAPOR_LOG_FORMAT, [logging] format)")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=None, help="SQLAlchemy URL, e.g. sqlite:///lapor.sqlite3 "
                       "(default: $LAPOR_DATABASE_URL, else [database] url of the --config file)")
        cli_serve.add_config_argument(p)
        return p

    command("init-db", "create or migrate the database")
    p = command("seed", "fill the database with a realistic demo world")
    p.add_argument("--complaints", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--password", default=None)
    p.add_argument("--json", action="store_true", help="print users and counts as JSON")
    p.add_argument("--blobs", type=Path, default=None,
                   help="where attachment files go (default: beside the SQLite file)")
    cli_serve.add_serve_arguments(command("serve", "run the HTTP server"))
    p = command("create-user", "add a desktop user")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", required=True)
    p.add_argument("--role", required=True, choices=[str(r) for r in Role])
    p.add_argument("--unit", required=True, help="unit code (or id)")
    p.add_argument("--password", default=None)
    p = command("set-password", "give a user a new password (their sessions end)")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    p = command("move-user", "move a user to another unit (their cursors reset)")
    p.add_argument("--username", required=True)
    p.add_argument("--unit", required=True, help="unit code (or id)")
    p.add_argument("--role", choices=[str(r) for r in Role], default=None)
    p = command("disable-user", "disable (or --enable) an account")
    p.add_argument("--username", required=True)
    p.add_argument("--enable", action="store_true")
    p = command("purge-complaint", "delete a complaint and its reporter's data")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--id")
    group.add_argument("--tracking-number", type=int)
    command("auto-close", "close unanswered complaints whose deadline passed, once")
    p = command("training-setup", "add the trainees' practice pemda, accounts and exercises")
    p.add_argument("--trainees", type=int, required=True)
    p.add_argument("--roster", type=Path, required=True,
                   help="the roster file (usernames, units, passwords; its passwords are kept)")
    command("training-progress", "print each trainee's exercises, done or not, as JSON")
    p = command("training-reset", "put one trainee's exercises back at the start")
    p.add_argument("--trainee", required=True)
    cli_serve.add_config_command(sub)
    cli_org.register(sub)
    cli_backup.add_commands(command)
    cli_sp4n.add_commands(command)
    cli_people.add_commands(sub)
    cli_channels.add_commands(sub)
    cli_notify.add_commands(sub)
    return parser


def _password(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("LAPOR_PASSWORD")
    if env:
        return env
    return getpass.getpass("Password: ")


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise ServiceError("no terminal to ask for the password on: use --password-stdin",
                           code="invalid_input")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Again: ") != first:
        raise ServiceError("the two passwords differ; nothing changed", code="invalid_input")
    return first


def _unit_id(session: Any, ref: str) -> int:
    """The unit whose code is ``ref``, else (digits) whose id is: a pemda's own codes are often
    all digits (BPS codes such as ``7405``), and the code is what its sysadmin knows."""
    found = session.scalars(select(Agency.id).where(Agency.code == ref)).first()
    if found is None and ref.isdigit():
        found = session.scalars(select(Agency.id).where(Agency.id == int(ref))).first()
    if found is None:
        raise ServiceError(f"no unit {ref!r}", code="not_found")
    return int(found)


def _seed(args: argparse.Namespace, blob_dir: Path) -> int:
    from lapor_desk.server.seed import seed_database

    report = seed_database(args.db, complaints=args.complaints, seed=args.seed,
                           password=_password(args.password), blob_dir=blob_dir)
    if args.json:
        print(json.dumps({
            "users": [{"username": u.username, "role": str(u.role), "unit_id": u.unit_id,
                       "unit_name": u.unit_name} for u in report.users],
            "counts": dict(report.counts),
        }, ensure_ascii=False))
    else:
        for key, value in dict(report.counts).items():
            print(f"{key}: {value}")
        print(f"users: {len(report.users)}")
    return 0


def _training(args: argparse.Namespace) -> int:
    from lapor_desk.models.calendar import default_config
    from lapor_desk.server.services.directory import load_directory
    from lapor_desk.server.training import reset_trainee, setup_training, training_progress
    from lapor_desk.server.training.clock import world_time

    engine = make_engine(args.db)
    try:
        now = world_time(engine)  # the training world's time, never the wall clock's
        if args.command == "training-setup":
            made = setup_training(engine, args.roster, args.trainees, now)
            print(f"trainees: {len(made)}")
        elif args.command == "training-progress":
            with transaction(engine) as session:
                progress = [p.as_dict() for p in training_progress(session)]
            print(json.dumps({"trainees": progress}, ensure_ascii=False))
        else:
            with transaction(engine) as session:
                gone = reset_trainee(session, args.trainee, load_directory(session),
                                     default_config(), now)
            print(f"{args.trainee}: exercises reset ({gone} complaint(s) removed)")
        return 0
    finally:
        engine.dispose()


def run(args: argparse.Namespace, resolved: Resolved | None = None) -> int:
    resolved = resolved or cli_serve.resolve_args(args)
    if args.command == "config":
        return cli_serve.config_show(resolved)
    if args.command == "serve":
        return cli_serve.serve(resolved)
    if args.command == "org":
        if args.org_command != "template":  # the only one without a database
            args.db = resolved.database_url()
        return cli_org.run(args)
    if args.command == "user":
        if args.user_command != "template":  # the only one without a database
            args.db = resolved.database_url()
        return cli_people.run(args)
    if args.command == "channels":
        return cli_channels.run(args, resolved)
    if args.command == "notify":
        return cli_notify.run(args, resolved.settings, resolved.database_url()
                              if args.notify_command != "check" else "")
    args.db = resolved.database_url()
    if args.command == "init-db":
        init_database(args.db)
        print("database ready")
        return 0
    if args.command == "seed":
        return _seed(args, resolved.settings.resolved_blob_dir())
    if args.command.startswith("training-"):
        return _training(args)
    if args.command in cli_sp4n.COMMANDS:
        return cli_sp4n.run(args, resolved)
    if args.command in cli_backup.COMMANDS:
        return cli_backup.run(args, resolved.settings.resolved_blob_dir())
    # Asked before the transaction: a prompt must not hold the database's write lock.
    new_password = ""
    if args.command == "set-password":
        new_password = _new_password(args.password_stdin)
    elif args.command == "create-user":
        new_password = _password(args.password)
    engine = make_engine(args.db)
    try:
        if args.command == "auto-close":
            print(f"closed: {complaints.auto_close_due(engine)}")
            return 0
        with transaction(engine) as session:
            before = cli_people.account_before(session, args)  # for the audit row
            if args.command == "create-user":
                user_id = users.create_user(
                    session, username=args.username, display_name=args.display_name,
                    role=args.role, unit_id=_unit_id(session, args.unit),
                    password=new_password)
                print(f"user {args.username} created (id {user_id})")
            elif args.command == "set-password":
                ended = users.set_password(session, args.username, new_password)
                throttle.forget_user(session, args.username)
                print(f"password of {args.username} set; {ended} session(s) ended")
            elif args.command == "move-user":
                users.move_user(session, args.username, _unit_id(session, args.unit), args.role)
                print(f"user {args.username} moved")
            elif args.command == "disable-user":
                users.disable_user(session, args.username, disabled=not args.enable)
                print(f"user {args.username} {'enabled' if args.enable else 'disabled'}")
            elif args.command == "purge-complaint":
                complaint_id = args.id or session.scalars(
                    select(Complaint.id).where(Complaint.tracking_number == args.tracking_number)
                ).first()
                if complaint_id is None:
                    raise ServiceError("no such complaint", code="not_found")
                complaints.delete_complaint(session, complaint_id)
                print(f"complaint {complaint_id} purged")
            cli_people.audit_account_command(session, args, before)
        return 0
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    follow_parent()  # started by the desktop's demo: end with it (server/lifeline.py)
    args = _parser().parse_args(argv)
    try:
        resolved = cli_serve.resolve_args(args)
        configure_logging(resolved.settings.log_level, resolved.settings.log_format)
        log_deprecations(resolved.renamed, resolved.file)
        return run(args, resolved)
    except ServiceError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
