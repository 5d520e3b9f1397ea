"""A real SMTP server for the tests, in a process of its own: aiosmtpd (PyPI) listening on
loopback, every accepted message written to a Maildir the test reads.

A recipient whose local part is ``tolak`` is refused with ``550`` (a mailbox that does not
exist), so a permanent refusal can be tested; every other recipient is accepted.

    python -m tests.support.smtp_server PORT MAILDIR      (what :class:`SmtpServer` runs)
"""

from __future__ import annotations

import asyncio
import mailbox
import os
import signal
import socket
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path
from typing import Any

REFUSED_LOCAL_PART = "tolak"


class SmtpServer:
    """``start()``s ``python -m tests.support.smtp_server`` and waits until it answers."""

    def __init__(self, maildir: Path, port: int | None = None) -> None:
        self.maildir = maildir
        self.port = port or _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> SmtpServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.smtp_server", str(self.port),
             str(self.maildir)], env=os.environ.copy())
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the SMTP server ended at its start")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"220"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("the SMTP server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def messages(self) -> list[Message]:
        if not self.maildir.exists():
            return []
        box = mailbox.Maildir(str(self.maildir), create=False)
        return sorted(box, key=lambda m: str(m["Message-ID"]))

    def wait_for(self, count: int, timeout: float = 30) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages()
            if len(found) >= count:
                return found
            time.sleep(0.1)
        return self.messages()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler:
    def __init__(self, maildir: Path) -> None:
        self.box = mailbox.Maildir(str(maildir), create=True)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if address.partition("@")[0].lower() == REFUSED_LOCAL_PART:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.box.add(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def main() -> None:
    from aiosmtpd.controller import Controller

    port, maildir = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(_Handler(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
