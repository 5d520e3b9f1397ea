"""HTTP connections pinned to one worker process of ``lapor-server serve --workers N``.

The workers share one listening socket and the kernel hands each new connection to one of them;
a kept-alive connection then stays with that worker. Which one holds it is read from Linux's
``/proc``: the server side of the connection is a socket whose inode appears in
``/proc/net/tcp`` (by its ports) and among one worker's file descriptors. A :class:`Pinned`
connection reconnects until it reaches the worker it wants, also after the server closed an idle
connection.
"""

from __future__ import annotations

import http.client
import json
import os
import time
from pathlib import Path
from typing import Any


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _server_inode(server_port: int, client_port: int) -> int | None:
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], int(fields[9])
            if (int(local.rsplit(":", 1)[1], 16) == server_port
                    and int(remote.rsplit(":", 1)[1], 16) == client_port and inode):
                return inode
    return None


def _owner(inode: int, pids: list[int]) -> int | None:
    wanted = f"socket:[{inode}]"
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                        return pid
                except OSError:
                    continue
        except OSError:
            continue
    return None


def worker_of(connection: http.client.HTTPConnection, server_pid: int, port: int,
              timeout: float = 10) -> int:
    """The worker process (a child of ``server_pid``) holding ``connection``'s other end."""
    assert connection.sock is not None
    client_port = connection.sock.getsockname()[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the worker accepts it shortly after the handshake
        inode = _server_inode(port, client_port)
        owner = _owner(inode, children(server_pid)) if inode else None
        if owner is not None:
            return owner
        time.sleep(0.02)
    raise AssertionError(f"no worker of {server_pid} holds the connection from {client_port}")


class Pinned:
    """Requests to ``127.0.0.1:port`` that are all answered by worker ``pid``."""

    def __init__(self, server_pid: int, port: int, pid: int | None = None,
                 avoid: int | None = None) -> None:
        self.server_pid, self.port = server_pid, port
        self.connection: http.client.HTTPConnection | None = None
        self.pid = self._connect(pid, avoid)

    def _connect(self, pid: int | None, avoid: int | None = None, tries: int = 200) -> int:
        for _ in range(tries):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.connect()
            owner = worker_of(connection, self.server_pid, self.port)
            if (pid is None or owner == pid) and owner != avoid:
                self.connection = connection
                return owner
            connection.close()
        raise AssertionError(f"no connection reached worker {pid} (avoiding {avoid})")

    def request(self, method: str, path: str, body: Any = None,
                token: str | None = None) -> tuple[int, dict[str, Any]]:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            if self.connection is None or self.connection.sock is None:
                self._connect(self.pid)
            assert self.connection is not None
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                # the worker closed the idle connection before this request reached it
                self.close()
                if attempt:
                    raise
                continue
            if response.getheader("connection", "").lower() == "close":
                self.close()
            return response.status, (json.loads(raw) if raw else {})
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
