"""``lapor-desk``: the desktop workstation, and headless sync, status and register import.

    lapor-desk [--demo [--reset]]  open the desktop (--demo: a seeded training server on
                            loopback; --reset: wipe the training data and start from the sample)
    lapor-desk sync   --profile DIR --server URL --user NAME [--once] [--interval SECONDS]
    lapor-desk status --profile DIR [--json]
    lapor-desk import FILE --profile DIR [--preset NAME] [--default FIELD=VALUE ...]
                           [--skip-invalid --rejects FILE]   (docs/import-format.md)
    lapor-desk suggest-unit --profile DIR [--top 3] FILE.jsonl
                            the likeliest units for each complaint of the file (docs/routing.md)
    lapor-desk training [--host ADDRESS] [--port 8717] [--trainees 30]
                            the facilitator's window on a training (bimtek) server for a room;
                            it listens beyond this computer only on the --host given
    lapor-desk --smoke-test SERVER USER   check an installation: window, sign-in, sync, JSON
    lapor-desk --version

The password comes from ``LAPOR_PASSWORD`` when there is no saved session token in the
operating system's keyring; the token obtained is saved there (never in a file).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import signal
import sys
import threading
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desk import __version__
from lapor_desk.paths import CACHE_FILE, LOG_FILE, desk_paths, profile_log_dir
from lapor_desk.sync.errors import (
    AddressRefused,
    ProtocolError,
    ServerError,
    StorageError,
    SyncError,
)
from lapor_desk.sync.log import event

# The headless commands import the cache and the sync engine when they run: the desktop's
# start imports only what its window needs, with the collector held off (``main``).
if TYPE_CHECKING:
    from lapor_desk.models.cache.store import Cache
    from lapor_desk.services.errors import ServiceError
    from lapor_desk.services.types import SyncOutcome

log = logging.getLogger("lapor_desk.cli")

EXIT_OK, EXIT_USAGE, EXIT_OFFLINE, EXIT_AUTH, EXIT_SERVER, EXIT_PROTOCOL, EXIT_IMPORT = (
    0, 2, 3, 4, 5, 6, 7)
EXIT_STORAGE = 8  # the disk under the profile failed (full, read-only, I/O error...)
EXIT_INTERRUPTED = 130

ADVICE = {
    "offline": "Cannot reach the server. Check the network connection and the --server address; "
               "your work is kept and will be sent at the next sync.",
    "timeout": "The server did not answer in time. The connection may be slow; try again later.",
    "connection_broken": "The connection broke during the transfer. Try again; sync resumes "
                         "where it stopped.",
    "tls_error": "The server's security certificate could not be verified. Check the address "
                 "or ask your administrator for the correct CA bundle (--ca-bundle).",
    "plain_http": "Nothing was sent: over http:// the password and complaints would cross the "
                  "network unprotected. Use the server's https:// address in --server.",
    "invalid_address": "Nothing was sent: give --server as https://lapor.example.go.id.",
    "bad_credentials": "The user name or password is wrong. Check LAPOR_PASSWORD and --user.",
    "account_disabled": "This account is disabled on the server, so this profile's data was "
                        "removed from this computer. Ask your national or agency administrator.",
    "token_expired": "Your session has expired. Set LAPOR_PASSWORD and run sync again.",
    "token_revoked": "Your session was ended. Set LAPOR_PASSWORD and run sync again.",
    "token_invalid": "Your saved session is not valid. Set LAPOR_PASSWORD and run sync again.",
    "auth_required": "Sign-in is needed. Set LAPOR_PASSWORD and run sync again.",
    "client_mismatch": "This profile was used by another user. Use a separate --profile "
                       "folder for each user.",
    "forbidden": "Your account is not allowed to do this. Ask your administrator.",
    "password_change_required": "The password is a one-time password from your administrator: "
                                "sign in once with the LAPOR Desk window to choose your own, "
                                "then use that in LAPOR_PASSWORD.",
    "schema_too_new": "The server is newer than this LAPOR Desk. Install the latest version.",
    "not_signed_in": "This profile has never been synced. Run 'lapor-desk sync' first.",
}


#: What to do when the disk under the profile fails ({folder}: the profile, {drive}: its drive).
#: A profile that cannot be read may hold work not yet sent: never advise deleting it.
KEEP = "Do not delete the folder: it may hold work not yet sent."
STORAGE_ADVICE = {
    "disk_full": "There is no free space left on drive {drive} (profile folder {folder}). Free "
                 "some space there, then run this again: what was saved is kept, and a sync "
                 "continues where it stopped.",
    "disk_limit": "A file-size limit or disk quota of this account stops writes in {folder} "
                  "(drive {drive}). Raise the limit (ulimit -f, quota) or free space, then run "
                  "this again: what was saved is kept.",
    "disk_read_only": "Drive {drive} is read-only (write-protected, or the system made it "
                      "read-only after disk errors), so nothing can be saved in {folder}. Have "
                      "the disk checked, then run this again. " + KEEP,
    "disk_no_access": "This account may not read or write {folder}. Check the folder's owner "
                      "and permissions (or run as the user who owns it), then run this again. "
                      + KEEP,
    "disk_error": "The disk holding {folder} (drive {drive}) reported a read or write error. "
                  + KEEP + " Copy it somewhere safe, have the disk checked, then run this again.",
    "cache_damaged": "The cache in {folder} is damaged and cannot be read. " + KEEP + " Copy it "
                     "somewhere safe and contact support.",
}


SERVER_TROUBLE = "The server has a problem right now. Try again later; nothing was lost."
PROTOCOL_TROUBLE = ("The server sent an answer this desktop cannot use; nothing was changed. "
                    "Report this to your administrator with the log file.")


def _advice(error: SyncError) -> str:
    if isinstance(error, StorageError):
        fault = error.fault
        return STORAGE_ADVICE.get(error.code, STORAGE_ADVICE["disk_error"]).format(
            folder=fault.folder, drive=fault.drive)
    if isinstance(error, ServerError):
        default = SERVER_TROUBLE
    elif isinstance(error, ProtocolError):
        default = PROTOCOL_TROUBLE
    else:
        default = "Sync failed."
    text = ADVICE.get(error.code, default)
    if error.request_id:
        text += f" (request id {error.request_id})"
    return text


#: The log rotates at 5 MiB and keeps five old files (lapor-desk.log.1 ... .5): at most 30 MiB.
LOG_MAX_BYTES, LOG_BACKUPS = 5 * 1024 * 1024, 5


class LogFile(RotatingFileHandler):
    """The log file. A line the disk cannot take (full, read-only) is dropped: printing the
    logging module's traceback would bury the command's own message saying what to do."""

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(profile: Path | None, verbose: bool = False) -> Path:
    log_dir = profile_log_dir(profile) if profile is not None else desk_paths().logs
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger("lapor_desk")
    if not any(isinstance(h, RotatingFileHandler) and h.baseFilename == str(path)
               for h in root.handlers):
        handler = LogFile(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                          encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path


def _error(message: str) -> None:
    print(f"lapor-desk: {message}", file=sys.stderr)


CACHE_ADVICE = {
    "cache_key_missing": "The key of this profile's encrypted cache is not in the system keyring "
                         "(was the keyring reset, or is this another user account?). The cache "
                         "cannot be read without it and may hold work not yet sent: keep the "
                         "profile folder (copy it somewhere safe) and contact support; it opens "
                         "again once its key is back in the keyring.",
    "cache_key_wrong": "The key in the system keyring does not open this profile's cache (was "
                       "the keyring reset, or the folder copied from another computer?). The "
                       "cache may hold work not yet sent: keep the profile folder (copy it "
                       "somewhere safe) and contact support; it opens again with its own key.",
    "cache_encrypt_failed": "This profile's cache could not be encrypted; nothing was changed. "
                            "Check the free disk space and try again.",
    "keyring_unavailable": "No system keyring is available, and the cache is never kept "
                           "unencrypted. Run inside a desktop session (GNOME Keyring, KWallet, "
                           "Windows Credential Manager) or ask your IT support.",
}


def _open_profile(profile: Path) -> Cache | int:
    """The profile's encrypted cache, or the exit code after saying why it cannot be opened."""
    from lapor_desk.models.cache.crypto import CacheKeyError
    from lapor_desk.sync import credentials
    from lapor_desk.sync.secure_cache import open_secure_cache

    try:
        return open_secure_cache(profile)
    except (CacheKeyError, credentials.CacheKeyUnavailable) as exc:
        code = getattr(exc, "code", "keyring_unavailable")
        event(log, "cli.cache_locked", logging.ERROR, code=code)
        _error(CACHE_ADVICE.get(code, str(exc)))
        return EXIT_AUTH
    except StorageError as exc:
        event(log, "cli.cache_storage", logging.ERROR, code=exc.code, error=exc.fault.detail)
        _error(_advice(exc))
        return EXIT_STORAGE


def _session_failure(error: ServiceError) -> tuple[int, str]:
    """The exit code and what to do for a failure of the session (opening the profile, signing
    in, syncing): the same session service the desktop's window uses."""
    from lapor_desk.services import errors
    from lapor_desk.services.session import AccountRevoked, ProfileLocked

    if isinstance(error, errors.StorageProblem):
        return EXIT_STORAGE, STORAGE_ADVICE.get(error.code, STORAGE_ADVICE["disk_error"]).format(
            folder=error.folder, drive=error.drive)
    if isinstance(error, ProfileLocked):
        return EXIT_AUTH, CACHE_ADVICE.get(error.code, str(error))
    code = "account_disabled" if isinstance(error, AccountRevoked) else error.code
    default = "Sync failed."
    if isinstance(error, errors.SyncCancelled):
        exit_code = EXIT_INTERRUPTED
    elif isinstance(error, errors.OfflineError):
        exit_code = EXIT_OFFLINE
    elif isinstance(error, errors.SignInError):
        exit_code = EXIT_AUTH
    elif isinstance(error, errors.ServerProblem):
        exit_code, default = EXIT_SERVER, SERVER_TROUBLE
    else:  # an answer the desktop cannot use (sync/errors.py ProtocolError)
        exit_code, default = EXIT_PROTOCOL, PROTOCOL_TROUBLE
    text = ADVICE.get(code, default)
    if error.request_id:
        text += f" (request id {error.request_id})"
    return exit_code, text


def _print_report(report: SyncOutcome) -> None:
    print(f"synced: pushed {report.pushed} (applied {report.applied}, rejected "
          f"{report.rejected}, conflicts {report.conflicts}); pulled {report.pulled_rows} rows "
          f"in {report.pages} page(s)" + (f"; {report.resets} reset(s)" if report.resets else ""))


def cmd_sync(args: argparse.Namespace) -> int:
    """Sign in and sync through the desktop's session service (services/session.py): the saved
    session or ``LAPOR_PASSWORD``, signing in again when the server ends the session, and the
    wipe of a disabled account's profile are the session's."""
    from lapor_desk.sync.address import check_server_url

    try:  # before the profile is opened or anything connects (the transport checks it too)
        check_server_url(args.server)
    except AddressRefused as exc:
        _error(_advice(exc))
        return EXIT_USAGE
    profile = Path(args.profile)
    setup_logging(profile, args.verbose)
    cancel = threading.Event()
    from lapor_desk.services import errors
    from lapor_desk.services.profiles import FolderStore
    from lapor_desk.services.session import AccountRevoked, Session
    from lapor_desk.sync.transport import Transport

    verify: bool | str = args.ca_bundle or True
    # The server's clock, learned from its answers, is kept in the profile by the session: the
    # times the profile records (here and in ``import``) are in it.
    session = Session(FolderStore(profile), device=args.device,
                      transport_factory=lambda url: Transport(url, verify=verify))
    password = os.environ.get("LAPOR_PASSWORD")
    try:
        session.start(args.server, args.user, password)
        while True:
            try:
                _print_report(session.sync(cancel=cancel))
            except AccountRevoked:
                raise
            except errors.SignInError as exc:  # the server ended the saved session
                if args.once or not password:
                    raise
                event(log, "cli.relogin", code=exc.code)
                session.start(args.server, args.user, password)
                continue
            except (errors.OfflineError, errors.ServerProblem, errors.StorageProblem) as exc:
                if args.once:
                    raise
                _error(_session_failure(exc)[1])
            if args.once:
                return EXIT_OK
            if cancel.wait(args.interval):
                return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        cancel.set()
        _error("stopped; what was synced so far is kept.")
        return EXIT_INTERRUPTED
    except errors.ServiceError as exc:
        if isinstance(exc, AccountRevoked):  # the session wiped the profile and its token
            event(log, "cli.account_revoked", logging.WARNING, user=args.user)
        else:
            event(log, "cli.sync_failed", logging.ERROR, code=exc.code, error=str(exc))
        exit_code, text = _session_failure(exc)
        _error(text)
        return exit_code
    finally:
        session.close()


def cmd_status(args: argparse.Namespace) -> int:
    from lapor_desk.sync.status import read_status

    profile = Path(args.profile)
    if not (profile / CACHE_FILE).exists():
        _error(f"no LAPOR Desk profile in {profile}. Run 'lapor-desk sync' first.")
        return EXIT_USAGE
    cache = _open_profile(profile)
    if isinstance(cache, int):
        return cache
    try:
        status = read_status(cache)
    except StorageError as exc:
        _error(_advice(exc))
        return EXIT_STORAGE
    finally:
        cache.close()
    if args.json:
        print(json.dumps(status.as_dict(), indent=2, sort_keys=True))
    else:
        for key, value in status.as_dict().items():
            print(f"{key:16} {value if value is not None else '-'}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``lapor-desk import`` (lapor_desk/cli_import.py; docs/import-format.md)."""
    from lapor_desk.cli_import import run_import

    return run_import(args)


def cmd_suggest_unit(args: argparse.Namespace) -> int:
    """``lapor-desk suggest-unit`` (lapor_desk/cli_suggest.py; docs/routing.md)."""
    from lapor_desk.cli_suggest import run_suggest

    return run_suggest(args)


def cmd_training(args: argparse.Namespace) -> int:
    from lapor_desk.services.errors import DemoFailed
    from lapor_desk.services.training import MAX_TRAINEES, check_listen_address, local_addresses

    try:
        check_listen_address(args.host)
    except DemoFailed:
        found = ", ".join(local_addresses()) or "none"
        _error(f"--host {args.host}: give an address of this computer on the room's network "
               f"(this computer has: {found}), or leave it out to stay on this computer.")
        return EXIT_USAGE
    if not 1 <= args.trainees <= MAX_TRAINEES:
        _error(f"--trainees: between 1 and {MAX_TRAINEES}.")
        return EXIT_USAGE
    setup_logging(None, args.verbose)
    from lapor_desk.ui.training_window import run

    return run(args.host, args.port, args.trainees)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lapor-desk", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--version", action="version", version=f"lapor-desk {__version__}")
    parser.add_argument("--smoke-test", nargs=2, metavar=("SERVER", "USER"),
                        help="check an installation: open the desktop, sign in (password from "
                             "LAPOR_PASSWORD), sync, print the status as JSON and exit")
    parser.add_argument("--profile-root", help=argparse.SUPPRESS)  # --smoke-test's profiles
    parser.add_argument("--demo", action="store_true",
                        help="open the desktop on a seeded training server (bimtek sandbox); "
                             "the training data is kept between starts")
    parser.add_argument("--reset", action="store_true",
                        help="with --demo: delete the training data (every action and reply "
                             "made in training) and start again from the sample data")
    parser.add_argument("--yes", action="store_true", help=argparse.SUPPRESS)  # --reset: no prompt
    sub = parser.add_subparsers(dest="command")
    sync = sub.add_parser("sync", help="send pending work and fetch changes")
    sync.add_argument("--profile", required=True, help="profile folder (holds the cache)")
    sync.add_argument("--server", required=True, help="server address, e.g. https://...")
    sync.add_argument("--user", required=True, help="user name")
    sync.add_argument("--once", action="store_true", help="sync once and exit")
    sync.add_argument("--interval", type=float, default=300.0, help="seconds between syncs")
    sync.add_argument("--ca-bundle", help="CA bundle file for the server's certificate")
    sync.add_argument("--device", default=platform.node() or "lapor-desk",
                      help="device name shown to administrators")
    sync.set_defaults(func=cmd_sync)
    status = sub.add_parser("status", help="show what the profile's cache holds")
    status.add_argument("--profile", required=True)
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(func=cmd_status)
    imp = sub.add_parser("import", help="import a register of offline complaints (CSV/XLSX)")
    imp.add_argument("file")
    imp.add_argument("--profile", required=True)
    imp.add_argument("--preset", help="the columns and shared values saved under this name "
                                      "(from the desktop's import dialog)")
    imp.add_argument("--default", action="append", metavar="FIELD=VALUE",
                     help="a value for the whole file where it has none, e.g. kanal=surat, "
                          "jenis=pengaduan, kategori=KESEHATAN, provinsi=..., kabupaten=... "
                          "(repeat for each field)")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows; the bad ones go to --rejects FILE")
    imp.add_argument("--rejects", metavar="FILE",
                     help="with --skip-invalid: where the bad rows go (.csv or .xlsx), to fix "
                          "and import again")
    imp.set_defaults(func=cmd_import)
    suggest = sub.add_parser("suggest-unit", help="the likeliest units for complaints in a "
                             "JSON-lines file (routing help)")
    suggest.add_argument("file", help='one JSON object a line: {"title", "body", "regency"}')
    suggest.add_argument("--profile", required=True)
    suggest.add_argument("--top", type=int, default=3, help="units per complaint (default 3)")
    suggest.set_defaults(func=cmd_suggest_unit)
    training = sub.add_parser("training", help="the facilitator's window on a training (bimtek) "
                              "server for a room")
    training.add_argument("--host", default="127.0.0.1",
                          help="listen on this address of this computer on the room's network "
                               "(default: this computer only; the window can open it later)")
    training.add_argument("--port", type=int, default=8717, help="fixed port (default 8717)")
    training.add_argument("--trainees", type=int, default=30, help="accounts (default 30)")
    training.set_defaults(func=cmd_training)
    return parser


def _confirm_demo_reset() -> bool:
    """Ask on the terminal; without one (a trainer's launcher script) the flag is the answer."""
    if not sys.stdin.isatty():
        return True
    from lapor_desk.services.demo import default_demo_root

    print(f"This deletes the training data in {default_demo_root()} (every action and reply "
          "made in training) and starts again from the sample data.")
    try:
        answer = input("Reset the training data? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "ya")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None and args.smoke_test:
        from lapor_desk.ui.smoke import run_smoke

        root = Path(args.profile_root) if args.profile_root else None
        setup_logging(root, args.verbose)
        server, user = args.smoke_test
        return run_smoke(server, user, os.environ.get("LAPOR_PASSWORD", ""), root)
    if args.reset and not (args.demo and args.command is None):
        _error("--reset only works with --demo: it resets the training data, nothing else.")
        return EXIT_USAGE
    if args.reset and not args.yes and not _confirm_demo_reset():
        print("Nothing was deleted.")
        return EXIT_OK
    if args.command is None:  # the desktop (imported here: the headless commands need no Qt)
        # The start makes a great many objects that live as long as the process (modules, ORM
        # and Qt wrappers, the window); the collector would walk them all again and again (a
        # visible part of the start: bench/ui_bench.py). It is held off until the session's
        # first screen, where what exists is frozen and collection resumes (ui.app.start_up_over).
        gc.disable()
        setup_logging(None, args.verbose)
        from lapor_desk.ui.app import run

        return run(sys.argv[:1], demo=args.demo, reset=args.reset)
    if args.command == "sync" and hasattr(signal, "SIGTERM"):
        try:
            signal.signal(signal.SIGTERM, signal.default_int_handler)
        except ValueError:  # not the main thread (embedded use)
            pass
    code: int = args.func(args)
    return code




if __name__ == "__main__":
    sys.exit(main())
