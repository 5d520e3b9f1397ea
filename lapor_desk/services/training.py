"""The room's training (bimtek) server, run by the facilitator's computer.

Like the demo (:mod:`lapor_desk.services.demo`, which it extends) the server is a child process
of the desktop on a sandbox of its own (``<user data dir>/training``), seeded once and kept
between starts. What a room needs on top of it:

* **A fixed address the room can reach.** The server listens on the address the facilitator
  chose (one of this computer's addresses on the local network, :func:`local_addresses`) and
  on a fixed port (:data:`TRAINING_PORT` unless told otherwise), so the trainees' desktops keep
  finding it after a restart or a reset. Listening beyond this computer is never the default:
  without a chosen address it stays on loopback. Trainees type ``bimtek://ADDRESS:PORT``
  (:func:`lapor_desk.sync.address.training_url`), the one address form a desktop talks plain
  HTTP to, and only to a server that says it is a training server.
* **Trainee accounts**: ``peserta01`` … one per participant, each the admin of a practice pemda
  of their own, with a random password made for this sandbox (:meth:`TrainingServer.roster`,
  listed and printed by the facilitator's window). The seeded region's staff accounts get a
  random password nobody is told: in a room, only the trainees' accounts sign in.
* **The clock frozen for the session** and no auto-close (the server runs with ``--training``).
* **Exercises and progress**: :meth:`TrainingServer.progress` (per trainee, per exercise),
  :meth:`TrainingServer.reset_trainee`, and :meth:`reseed` for everyone (the roster's
  passwords stay, so the printed sheet stays valid).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
import socket
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lapor_desk.paths import DEMO_SERVER_LOG, TRAINING_ROSTER_FILE, desk_paths
from lapor_desk.services.child_process import Child
from lapor_desk.services.demo import STEP_TIMEOUT, DemoServer
from lapor_desk.services.errors import DemoFailed
from lapor_desk.sync.address import is_local_network, training_url
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.training")

TRAINING_PORT = 8717
TRAINEES = 30
MAX_TRAINEES = 60
#: The seeded region around the practice pemda: the trainees see only their own pemda.
TRAINING_COMPLAINTS = 300
LOOPBACK = "127.0.0.1"
EXERCISES = ("verify_forward", "reply_template", "walk_in", "conflict")


@dataclass(frozen=True)
class TraineeAccount:
    number: int
    username: str
    password: str
    agency: str
    unit: str


@dataclass(frozen=True)
class TraineeProgress:
    username: str
    done: Mapping[str, bool]

    @property
    def finished(self) -> int:
        return sum(1 for name in EXERCISES if self.done.get(name))


def default_training_root() -> Path:
    return desk_paths().training


def local_addresses() -> list[str]:
    """This computer's IPv4 addresses on a local network (private, link-local), best first:
    what the facilitator may choose to listen on. Loopback is never among them."""
    found: list[str] = []
    try:  # the address the default route leaves from (nothing is sent over UDP "connect")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            found.append(str(probe.getsockname()[0]))
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    addresses = []
    for address in dict.fromkeys(found):
        if is_local_network(address) and not ipaddress.ip_address(address).is_loopback:
            addresses.append(address)
    return addresses


def check_listen_address(host: str) -> str:
    """``host`` when the server may listen there: loopback, or an address of the local
    network; never every interface (``0.0.0.0``) and never a public address."""
    if host == LOOPBACK or is_local_network(host):
        return host
    raise DemoFailed(f"{host} is not an address of this computer on the local network",
                     code="training_address")


class TrainingServer(DemoServer):
    def __init__(self, root: Path | None = None, *, host: str = LOOPBACK,
                 port: int = TRAINING_PORT, trainees: int = TRAINEES,
                 complaints: int = TRAINING_COMPLAINTS) -> None:
        super().__init__(root if root is not None else default_training_root(),
                         complaints=complaints, password=secrets.token_urlsafe(24))
        self.host = check_listen_address(host)
        self.port = port
        self.trainees = trainees

    @property
    def roster_path(self) -> Path:
        return self.root / TRAINING_ROSTER_FILE

    @property
    def trainee_url(self) -> str:
        """The address trainees type (and the QR code holds)."""
        return training_url(self.host, self.port)

    def _marker(self) -> dict[str, object]:
        return {**super()._marker(), "trainees": self.trainees}

    def _after_seed(self) -> None:
        self._run("training-setup", "--db", self.database_url, "--trainees", str(self.trainees),
                  "--roster", str(self.roster_path))

    def _serve(self) -> str:
        with socket.socket() as sock:  # a clear word before the server tries
            try:
                sock.bind((self.host, self.port))
            except OSError as exc:
                raise DemoFailed(f"{self.host}:{self.port} is in use or not this computer's "
                                 f"({exc.strerror})", code="training_port") from exc
        url = self._serve_at(self.host, self.port, "--training")
        event(log, "training.started", host=self.host, port=self.port, trainees=self.trainees)
        return url

    def listen_on(self, host: str) -> str:
        """Serve on ``host`` from now on (the facilitator opened the server to the room):
        (re)starts the server there and returns its URL (blocking: run it on a worker)."""
        self.host = check_listen_address(host)
        self.stop()
        return self.start()

    def roster(self) -> list[TraineeAccount]:
        try:
            data = json.loads(self.roster_path.read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [TraineeAccount(int(t["number"]), str(t["username"]), str(t["password"]),
                               str(t["agency"]), str(t["unit"]))
                for t in data.get("trainees", [])]

    def _query(self, *args: str) -> str:
        command = [sys.executable, "-m", "lapor_desk.server.cli", "--log-level", "WARNING",
                   *args, "--db", self.database_url]
        with tempfile.TemporaryFile() as out, open(self.root / DEMO_SERVER_LOG, "ab") as err:
            returncode = Child(command, stdout=out, stderr=err).wait(STEP_TIMEOUT)
            if returncode != 0:
                raise DemoFailed(f"{args[0]} failed (exit {returncode}); see "
                                 f"{self.root / DEMO_SERVER_LOG}", code="demo_failed")
            out.seek(0)
            return out.read().decode("utf-8")

    def progress(self) -> list[TraineeProgress]:
        """Each trainee's exercises, done or not (blocking: run it on a worker)."""
        data = json.loads(self._query("training-progress"))
        return [TraineeProgress(str(t["username"]),
                                {name: bool(t["done"].get(name)) for name in EXERCISES})
                for t in data.get("trainees", [])]

    def reset_trainee(self, username: str) -> None:
        """One trainee's exercises back at the start (blocking: run it on a worker)."""
        self._query("training-reset", "--trainee", username)
        event(log, "training.trainee_reset", user=username)
