"""``lapor-server``: set up, seed, serve and administer the reference server.

    lapor-server init-db --db URL
    lapor-server seed --db URL --complaints N --seed S --password P [--json]
    lapor-server serve --db URL [--host 127.0.0.1] [--port 8000] [--blobs DIR]
                       [--trusted-proxy ADDR|CIDR ...] [--token-idle-hours H] [--token-ttl-hours H]
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
    lapor-server user import FILE | user reset-password USERNAME   (server/cli_people.py)

Passwords of ``seed`` and ``create-user`` come from ``--password``, else ``LAPOR_PASSWORD``, else a
prompt. ``set-password`` never takes one on the command line (other users of the machine can
read it there): it asks twice without echo, or reads one line from standard input with
``--password-stdin``; it ends the user's sessions and lifts any login throttle on the username.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lapor_desk.models.enums import Role
from lapor_desk.server import cli_people
from lapor_desk.server.addresses import parse_networks
from lapor_desk.server.database import init_database, make_engine, transaction
from lapor_desk.server.db import Agency, Complaint
from lapor_desk.server.lifeline import follow_parent
from lapor_desk.server.services import complaints, throttle, users
from lapor_desk.server.services.errors import ServiceError
from lapor_desk.server.settings import ServerSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lapor-server", description=__doc__.splitlines()[0])
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", required=True, help="SQLAlchemy URL, e.g. sqlite:///lapor.sqlite3")
        return p

    command("init-db", "create or migrate the database")
    p = command("seed", "fill the database with a realistic demo world")
    p.add_argument("--complaints", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--password", default=None)
    p.add_argument("--json", action="store_true", help="print users and counts as JSON")
    p.add_argument("--blobs", type=Path, default=None,
                   help="where attachment files go (default: beside the SQLite file)")
    p = command("serve", "run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--blobs", type=Path, default=None, help="attachment blob directory")
    p.add_argument("--auto-close-interval", type=float, default=600.0)
    p.add_argument("--training", action="store_true",
                   help="a training (bimtek) server: the training world's clock, no auto-close, "
                        "the exercises' staged conflict")
    defaults = ServerSettings(database_url="")
    p.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDR|CIDR",
                   help="a reverse proxy whose X-Forwarded-For names the client (repeatable); "
                        "from other peers the header is ignored")
    p.add_argument("--token-idle-hours", type=float, default=defaults.token_idle_hours,
                   help="a token ends after this long unused (0: never; default %(default)s)")
    p.add_argument("--token-ttl-hours", type=float, default=defaults.token_ttl_hours,
                   help="a token ends this long after the login (default %(default)s)")
    p = command("create-user", "add a desktop user")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", required=True)
    p.add_argument("--role", required=True, choices=[str(r) for r in Role])
    p.add_argument("--unit", required=True, help="unit id or code")
    p.add_argument("--password", default=None)
    p = command("set-password", "give a user a new password (their sessions end)")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    p = command("move-user", "move a user to another unit (their cursors reset)")
    p.add_argument("--username", required=True)
    p.add_argument("--unit", required=True, help="unit id or code")
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
    cli_people.add_commands(sub)
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
    query = select(Agency.id).where(Agency.id == int(ref)) if ref.isdigit() else select(
        Agency.id).where(Agency.code == ref)
    found = session.scalars(query).first()
    if found is None:
        raise ServiceError(f"no unit {ref!r}", code="not_found")
    return int(found)


def _seed(args: argparse.Namespace) -> int:
    from lapor_desk.server.seed import seed_database

    blob_dir = args.blobs or Path(ServerSettings(database_url=args.db).resolved_blob_dir())
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


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from lapor_desk.server.app import create_app

    try:
        parse_networks(args.trusted_proxy)
    except ValueError as error:
        raise ServiceError(f"--trusted-proxy: {error}", code="invalid_input") from None
    init_database(args.db)
    settings = ServerSettings(database_url=args.db, blob_dir=args.blobs,
                              auto_close_interval=args.auto_close_interval,
                              training=args.training,
                              trusted_proxies=tuple(args.trusted_proxy),
                              token_idle_hours=args.token_idle_hours,
                              token_ttl_hours=args.token_ttl_hours)
    # proxy_headers=False: uvicorn would otherwise take X-Forwarded-For from any local peer;
    # the server reads it itself, from trusted proxies only (server/addresses.py).
    # A training server dates its answers by the training world's clock (server/training/).
    uvicorn.run(create_app(settings), host=args.host, port=args.port, access_log=False,
                log_level=args.log_level.lower(), proxy_headers=False,
                date_header=not args.training)
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


def run(args: argparse.Namespace) -> int:
    if args.command == "init-db":
        init_database(args.db)
        print("database ready")
        return 0
    if args.command == "seed":
        return _seed(args)
    if args.command == "serve":
        return _serve(args)
    if args.command.startswith("training-"):
        return _training(args)
    if args.command == "user":
        return cli_people.run(args)
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
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        return run(args)
    except ServiceError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
