"""A simulated SP4N-LAPOR! for the tests: the public legacy ``POST /api/stream/addstream``
endpoint as it is described publicly (a form-encoded report with the agency's token; an XML
answer naming ``trackingid`` and ``transaksiid``), on loopback.

It keeps every report it recorded (the form as received), answers 403 to a token it was not
given, and can be told to fail the next calls (``fail_next``) with an HTTP status or with an
answer that names no tracking number.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from lapor_desk.server.sp4n.addstream import FIELDS, PATH


@dataclass
class NationalStandin:
    tokens: dict[str, str]  # token -> the agency it belongs to
    url: str = ""
    recorded: list[dict[str, str]] = field(default_factory=list)
    next_number: int = 9_165_816
    #: What the next calls answer instead of recording: an HTTP status, or "no_tracking".
    fail_next: list[int | str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, form: dict[str, str]) -> tuple[int, bytes]:
        with self.lock:
            if self.fail_next:
                failure = self.fail_next.pop(0)
                if failure == "no_tracking":
                    return 200, (b"<?xml version='1.0'?><response><status>gagal</status>"
                                 b"<message>judul wajib diisi</message></response>")
                return int(failure), b"<response><status>error</status></response>"
            if form.get(FIELDS["token"]) not in self.tokens:
                return 403, b"<response><status>token tidak valid</status></response>"
            number = self.next_number
            self.next_number += 7
            self.recorded.append(form)
            transaction = f"TRX-{len(self.recorded):06d}"
        return 200, (f"<?xml version='1.0' encoding='UTF-8'?><response><status>sukses</status>"
                     f"<trackingid>{number}</trackingid><transaksiid>{transaction}</transaksiid>"
                     f"</response>").encode()


@contextmanager
def national_standin(tokens: dict[str, str]) -> Iterator[NationalStandin]:
    standin = NationalStandin(tokens)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path != PATH:
                self.send_error(404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            raw = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
            status, body = standin.answer({k: v[0] for k, v in raw.items()})
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    standin.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
