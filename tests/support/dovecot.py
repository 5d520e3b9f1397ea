"""A real IMAP server for the email channel's tests: Debian's Dovecot (``dovecot-imapd``, in
scripts/test.sh's apt list) started from its installed binary with a configuration written here:
loopback only, one mailbox user, plain login without TLS (loopback), Maildir under a temporary
folder. Stopped at the end of the fixture's scope."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.live_server import free_port

DOVECOT = "/usr/sbin/dovecot"
USER = "pengaduan"
PASSWORD = "kotak-surat-uji"


@dataclass
class Dovecot:
    host: str
    port: int
    user: str
    password: str
    root: Path
    config: Path

    def stop(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self.config), "stop"], check=False,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30)


def _users() -> tuple[str, str, int, int]:
    """(login user, internal user, uid, gid) the server runs its processes as."""
    if os.geteuid() == 0:
        owner = pwd.getpwnam("dovecot") if _exists("dovecot") else pwd.getpwuid(0)
        login = "dovenull" if _exists("dovenull") else owner.pw_name
        return login, owner.pw_name, owner.pw_uid, owner.pw_gid
    me = pwd.getpwuid(os.getuid())
    return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def start_dovecot() -> Dovecot:
    """A running Dovecot in a folder of its own (readable by the server's own users: a pytest
    temporary folder is not, when the tests run as root)."""
    if not Path(DOVECOT).exists():
        raise RuntimeError("Dovecot is not installed: apt-get install dovecot-imapd "
                           "(scripts/test.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="lapor-dovecot-"))
    root.chmod(0o755)
    login, internal, uid, gid = _users()
    port = free_port()
    mail = root / "mail"
    mail.mkdir(exist_ok=True)
    os.chown(mail, uid, gid)
    # Modes set outright: a test process that opened a desktop cache creates files owner-only
    # (its umask is 077), and Dovecot's own users must read these.
    mail.chmod(0o700)
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::\n")
    (root / "users").chmod(0o644)
    config = root / "dovecot.conf"
    config.write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login}
default_internal_user = {internal}
mail_location = maildir:{mail}/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""")
    config.chmod(0o644)
    for name in ("run", "state"):
        (root / name).mkdir(exist_ok=True)
        (root / name).chmod(0o755)
    # Dovecot goes to the background: its output to a file (a pipe would stay open with it).
    with open(root / "start.log", "wb") as output:
        started = subprocess.run([DOVECOT, "-c", str(config)], stdin=subprocess.DEVNULL,
                                 stdout=output, stderr=output, timeout=30, check=False)
    server = Dovecot("127.0.0.1", port, USER, PASSWORD, root, config)
    if started.returncode != 0:
        raise RuntimeError(f"dovecot did not start: {(root / 'start.log').read_text()}")
    # Ready when the mailbox user can sign in: the greeting comes before Dovecot's
    # authentication processes are up, and a login then answers "Temporary authentication
    # failure" (seen on a busy machine).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with imaplib.IMAP4("127.0.0.1", port, timeout=2) as imap:
                imap.login(USER, PASSWORD)
                imap.logout()
                return server
        except (OSError, imaplib.IMAP4.error):
            time.sleep(0.2)
    server.stop()
    log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
    raise RuntimeError(f"dovecot did not let its user sign in on {port}: {log[-2000:]}")


def remove(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
