"""A simulated SP4N-LAPOR! for the tests, on loopback, speaking two shapes:

* the public legacy ``POST /api/stream/addstream`` as public code calls it (an XML ``<lapor
  token=...>`` document with ``<pelapor>`` and ``<laporan rahasia anonim><isi>``; an XML answer
  naming ``trackingid`` and ``transaksiid``): it keeps every report it recorded (the document's
  values, flattened: ``token``, ``email``, ``telpon``, ``namadepan``, ``namabelakang``,
  ``rahasia``, ``anonim``, ``isi``) and answers 403 to a token it was not given;
* the bridge shape of docs/sp4n.md under ``/bridge`` (JSON; ``Authorization: Bearer``): reports
  recorded, replies and statuses received (a second call with the same ``referensi`` answered
  as the first, recorded once), and the reports of the agency since a moment, with their
  follow-ups (``national_report`` and ``national_reply`` put things there as its citizens and
  its admins would).

Attachments (bridge): a report or reply received keeps its ``lampiran`` (base64) as sent;
``national_file`` puts a file there (served at ``/bridge/berkas/<n>``, with the token only) and
answers its ``lampiran`` entry for ``national_report``/``national_reply``; ``fail_files`` makes
the next downloads fail with an HTTP status; ``file_gets`` counts the downloads served.

``fail_next`` makes the next calls of either shape fail with an HTTP status, or (addstream)
with an answer that names no tracking number.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from lapor_desk.server.sp4n.addstream import PATH

BRIDGE = "/bridge"


@dataclass
class NationalStandin:
    tokens: dict[str, str]  # token -> the agency it belongs to
    url: str = ""
    recorded: list[dict[str, str]] = field(default_factory=list)
    next_number: int = 9_165_816
    #: What the next calls answer instead of recording: an HTTP status, or "no_tracking".
    fail_next: list[int | str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: The bridge: trackingid -> the report as it is there (``tindak_lanjut`` a list).
    reports: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: referensi -> the answer given (each reply and status recorded once).
    answered: dict[str, dict[str, Any]] = field(default_factory=dict)
    replies_received: list[dict[str, Any]] = field(default_factory=list)
    statuses_received: list[dict[str, Any]] = field(default_factory=list)
    #: Every bridge call accepted (its token good), repeats included: (method, path, referensi).
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    #: The files there: name -> (content type answered, bytes).
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    fail_files: list[int] = field(default_factory=list)
    file_gets: list[str] = field(default_factory=list)
    #: Every file download asked for, answered or not (its key).
    file_asks: list[str] = field(default_factory=list)
    #: key -> the path its download redirects to.
    redirects: dict[str, str] = field(default_factory=dict)

    @property
    def bridge_url(self) -> str:
        return self.url + BRIDGE

    def _number(self) -> int:
        number = self.next_number
        self.next_number += 7
        return number

    def answer(self, document: dict[str, str]) -> tuple[int, bytes]:
        with self.lock:
            if self.fail_next:
                failure = self.fail_next.pop(0)
                if failure == "no_tracking":
                    return 200, (b"<?xml version='1.0'?><response><status>gagal</status>"
                                 b"<message>isi wajib diisi</message></response>")
                return int(failure), b"<response><status>error</status></response>"
            if document.get("token") not in self.tokens:
                return 403, b"<response><status>token tidak valid</status></response>"
            number = self._number()
            self.recorded.append(document)
            transaction = f"TRX-{len(self.recorded):06d}"
        return 200, (f"<?xml version='1.0' encoding='UTF-8'?><response><status>sukses</status>"
                     f"<trackingid>{number}</trackingid><transaksiid>{transaction}</transaksiid>"
                     f"</response>").encode()

    # -- the national side, as its citizens and admins change it ---------------------------
    def national_report(self, title: str, body: str, at: datetime, **fields: Any) -> int:
        with self.lock:
            number = self._number()
            self.reports[number] = {
                "trackingid": number, "judul": title, "isi": body, "status":
                "Belum Terverifikasi", "waktu": at.isoformat(), "jenis": "pengaduan",
                "kategori": "Kesehatan", "provinsi": "Sulawesi Tenggara",
                "kabupaten": "Konawe", "anonim": False, "nama_pelapor": "Warga Unaaha",
                "tindak_lanjut": [], **fields}
        return number

    def national_file(self, name: str, kind: str, data: bytes,
                      answered_as: str | None = None,
                      redirect_to: str | None = None) -> dict[str, Any]:
        """A file there; its ``lampiran`` entry. ``answered_as``: the content type its download
        answers (else ``kind``); ``redirect_to``: the address its download redirects to."""
        with self.lock:
            key = str(len(self.files) + 1)
            self.files[key] = (answered_as or kind, data)
            if redirect_to is not None:
                self.redirects[key] = redirect_to
        return {"nama": name, "jenis": kind, "ukuran": len(data),
                "tautan": f"{self.bridge_url}/berkas/{key}"}

    def file(self, key: str, token: str) -> tuple[int, str, bytes]:
        with self.lock:
            if token not in self.tokens:
                return 403, "text/plain", b"token tidak valid"
            if self.fail_files:
                return self.fail_files.pop(0), "text/plain", b"gangguan"
            if key not in self.files:
                return 404, "text/plain", b"tidak ada"
            self.file_gets.append(key)
            kind, data = self.files[key]
        return 200, kind, data

    def national_reply(self, number: int, body: str, at: datetime, *,
                       from_reporter: bool = False, status: str | None = None,
                       lampiran: list[dict[str, Any]] | None = None) -> None:
        with self.lock:
            report = self.reports[number]
            report["tindak_lanjut"].append({"waktu": at.isoformat(), "isi": body,
                                            "dari": "pelapor" if from_reporter else "instansi",
                                            "lampiran": lampiran or []})
            if status:
                report["status"] = status

    # -- the bridge shape -----------------------------------------------------------------
    def bridge(self, method: str, path: str, query: dict[str, list[str]],
               token: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.fail_next:
                return int(self.fail_next.pop(0)), {"pesan": "gangguan"}
            if token not in self.tokens:
                return 403, {"pesan": "token tidak valid"}
            self.calls.append((method, path, str(payload.get("referensi") or "")))
            parts = path.strip("/").split("/")
            if method == "GET" and parts == ["laporan"]:
                since = datetime.fromisoformat(query["sejak"][0])
                return 200, {"laporan": [
                    json.loads(json.dumps(r)) for r in self.reports.values()
                    if datetime.fromisoformat(r["waktu"]) >= since
                    or any(datetime.fromisoformat(f["waktu"]) >= since
                           for f in r["tindak_lanjut"])]}
            if method == "POST" and parts == ["laporan"]:
                number = self._number()
                self.reports[number] = {
                    "trackingid": number, "judul": payload["judul"], "isi": payload["isi"],
                    "status": "Belum Terverifikasi", "waktu": datetime.now().astimezone()
                    .isoformat(), "referensi": payload.get("referensi"), "tindak_lanjut": []}
                self.recorded.append(payload)
                return 200, {"trackingid": number, "transaksiid": f"TRX-B{number}"}
            if method == "POST" and len(parts) == 3 and parts[0] == "laporan":
                number = int(parts[1])
                if number not in self.reports:
                    return 404, {"pesan": "laporan tidak ada"}
                reference = str(payload["referensi"])
                if reference in self.answered:  # the same call again: the same answer
                    return 200, self.answered[reference]
                answer = {"id": f"{parts[2]}-{len(self.answered) + 1}"}
                self.answered[reference] = answer
                if parts[2] == "tindak-lanjut":
                    self.replies_received.append({"trackingid": number, **payload})
                    self.reports[number]["tindak_lanjut"].append({
                        "waktu": payload["waktu"], "isi": payload["isi"], "dari": "instansi",
                        "referensi": reference})
                    self.reports[number]["status"] = "Sedang Diproses"
                elif parts[2] == "status":
                    self.statuses_received.append({"trackingid": number, **payload})
                    self.reports[number]["status"] = payload["status"]
                else:
                    return 404, {"pesan": "tidak dikenal"}
                return 200, answer
            return 404, {"pesan": "tidak dikenal"}


def flatten(content: bytes) -> dict[str, str]:
    root = ElementTree.fromstring(content)
    found = {"token": root.get("token", "")}
    for element in root.iter():
        if element is not root and len(element) == 0:
            found[element.tag] = element.text or ""
        for name, value in element.attrib.items():
            if element is not root:
                found[name] = value
    return found


@contextmanager
def national_standin(tokens: dict[str, str]) -> Iterator[NationalStandin]:
    standin = NationalStandin(tokens)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _bridge(self, method: str) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}") if length else {}
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            status, answer = standin.bridge(method, split.path[len(BRIDGE):],
                                            parse_qs(split.query), token, payload)
            self._send(status, json.dumps(answer).encode(), "application/json")

        def do_GET(self) -> None:
            if self.path.startswith(BRIDGE + "/berkas/"):
                key = self.path.rsplit("/", 1)[-1]
                with standin.lock:
                    standin.file_asks.append(key)
                    moved = standin.redirects.get(key)
                if moved is not None:
                    self.send_response(302)
                    self.send_header("Location", moved)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                status, kind, body = standin.file(key, token)
                self._send(status, body, kind)
            elif self.path.startswith(BRIDGE + "/"):
                self._bridge("GET")
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            if self.path.startswith(BRIDGE + "/"):
                self._bridge("POST")
                return
            if self.path != PATH or not (self.headers.get("Content-Type") or "").startswith(
                    "text/xml"):
                self.send_error(404)
                return
            length = int(self.headers.get("Content-Length") or 0)
            try:
                document = flatten(self.rfile.read(length))
            except ElementTree.ParseError:
                self._send(400, b"<response><status>xml tidak valid</status></response>",
                           "application/xml")
                return
            status, body = standin.answer(document)
            self._send(status, body, "application/xml")

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
