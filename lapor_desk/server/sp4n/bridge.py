"""The ``bridge`` connector: every call of the interface over one small JSON shape, documented in
docs/sp4n.md ("The bridge shape"), for an agency developer to serve in front of LAPOR!'s v3 API
(or any national API) once the LAPOR! team gives the agency access. The tests' simulated
national server serves it (tests/support/sp4n_standin.py).

    POST {url}/laporan                        a report        -> {"trackingid", "transaksiid"}
    POST {url}/laporan/{trackingid}/tindak-lanjut  a reply    -> {"id"}
    POST {url}/laporan/{trackingid}/status    a status        -> {"id"}
    GET  {url}/laporan?sejak=<ISO 8601>       reports since   -> {"laporan": [...]}
    GET  {a file's "tautan"}                  an attachment   -> its bytes

A report and a reply carry their attachments as ``lampiran``: ``[{"nama", "jenis", "sha256",
"isi": base64}]``; a fetched report and its follow-ups name theirs as ``[{"nama", "jenis",
"ukuran", "tautan"}]``, read one by one, bounded. The token goes only to the bridge's own
address: a file elsewhere is fetched without it.

Every call carries ``Authorization: Bearer <token>``; every write carries our ``referensi``,
which the bridge answers a second time as the first without recording it again.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

import requests

from lapor_desk.models.intake import national_number_in
from lapor_desk.models.text import clean_line
from lapor_desk.server.logs import event
from lapor_desk.server.sp4n.connector import (
    STATUS_OUT,
    ConnectorError,
    IncomingFile,
    IncomingFollowUp,
    IncomingReport,
    OutgoingFile,
    OutgoingFollowUp,
    OutgoingReport,
    OutgoingStatus,
    Receipt,
    refuse_failed,
)

log = logging.getLogger(__name__)

TIMEOUT: Final = (10.0, 30.0)
#: The largest answer read.
MAX_ANSWER: Final = 8 * 1024 * 1024


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ConnectorError(f"not a time: {str(value)[:40]!r}", code="bad_answer") from None
    if moment.tzinfo is None:
        raise ConnectorError(f"a time without its zone: {value!r}", code="bad_answer")
    return moment


def files_of(items: Any) -> tuple[IncomingFile, ...]:
    """The ``lampiran`` of a fetched report or follow-up (entries without an address left out)."""
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not str(item.get("tautan") or "").strip():
            continue
        size = item.get("ukuran")
        found.append(IncomingFile(
            str(item["tautan"]).strip(), clean_line(str(item.get("nama") or ""))[:255],
            clean_line(str(item.get("jenis") or ""))[:100],
            size if isinstance(size, int) and not isinstance(size, bool) else None))
    return tuple(found)


def lampiran(files: tuple[OutgoingFile, ...]) -> list[dict[str, str]]:
    return [{"nama": f.filename, "jenis": f.mime_type, "sha256": f.sha256,
             "isi": base64.b64encode(f.data).decode("ascii")} for f in files]


def report_of(item: dict[str, Any]) -> IncomingReport:
    """One report of the fetch's answer (the shape in docs/sp4n.md)."""
    number = national_number_in(item.get("trackingid"))
    if number is None:
        raise ConnectorError(f"a report without trackingid: {str(item)[:200]}",
                             code="bad_answer")
    follow_ups = tuple(
        IncomingFollowUp(_moment(f.get("waktu")), str(f.get("isi") or ""),
                         f.get("dari") == "pelapor", str(f.get("referensi") or "") or None,
                         files_of(f.get("lampiran")))
        for f in item.get("tindak_lanjut") or [] if isinstance(f, dict))
    return IncomingReport(
        national_tracking_number=number, title=clean_line(str(item.get("judul") or "")),
        body=str(item.get("isi") or ""), status=str(item.get("status") or ""),
        created_at=_moment(item.get("waktu")), link=item.get("tautan") or None,
        complaint_type=str(item.get("jenis") or "pengaduan"),
        category=str(item.get("kategori") or ""), province=str(item.get("provinsi") or ""),
        regency=str(item.get("kabupaten") or ""), anonymous=bool(item.get("anonim")),
        reporter_name=(None if item.get("anonim") else item.get("nama_pelapor") or None),
        follow_ups=follow_ups, reference=national_number_in(item.get("referensi")),
        files=files_of(item.get("lampiran")))


class BridgeConnector:
    name = "bridge"

    def __init__(self, base_url: str, token: str,
                 session: requests.Session | None = None,
                 file_hosts: Iterable[str] = ()) -> None:
        self.url = base_url.rstrip("/")
        self.http = session or requests.Session()
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        #: Where a national file may be downloaded from: the bridge's own host and the hosts
        #: ``[sp4n] file_hosts`` names. A ``tautan`` elsewhere (an address inside the pemda's
        #: network, say) is never asked.
        self.file_hosts = frozenset({(urlsplit(self.url).hostname or "").lower(),
                                     *(host.lower() for host in file_hosts)})

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            answer = self.http.request(method, self.url + path, headers=self.headers,
                                       timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise ConnectorError(f"{type(error).__name__}: {error}") from None
        refuse_failed(answer.status_code, answer.text[:200])
        if len(answer.content) > MAX_ANSWER:
            raise ConnectorError("the answer is too long", code="bad_answer")
        try:
            found = answer.json()
        except ValueError:
            raise ConnectorError("the answer is not JSON", code="bad_answer") from None
        if not isinstance(found, dict):
            raise ConnectorError("the answer is not a JSON object", code="bad_answer")
        return found

    def send_report(self, report: OutgoingReport) -> Receipt:
        named = not report.anonymous
        found = self._call("POST", "/laporan", json={
            "referensi": report.tracking_number, "jenis": report.complaint_type,
            "judul": report.title, "isi": report.body,
            "tanggal_kejadian": report.incident_date.isoformat() if report.incident_date else None,
            "provinsi": report.province, "kabupaten": report.regency,
            "kecamatan": report.district, "desa": report.village, "kategori": report.category,
            "sumber": report.channel, "anonim": report.anonymous, "rahasia": report.confidential,
            "nama_pelapor": report.reporter_name if named else None,
            "kontak_pelapor": report.reporter_contact if named else None,
            "lampiran": lampiran(report.files)})
        number = national_number_in(found.get("trackingid"))
        if number is None:
            raise ConnectorError(f"no trackingid in the answer {str(found)[:200]}",
                                 code="refused")
        return Receipt(number, str(found.get("transaksiid") or "") or None,
                       found.get("tautan") or None)

    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None:
        found = self._call(
            "POST", f"/laporan/{follow_up.national_tracking_number}/tindak-lanjut",
            json={"referensi": follow_up.follow_up_id, "isi": follow_up.body,
                  "waktu": follow_up.at.isoformat(), "lampiran": lampiran(follow_up.files)})
        event(log, "sp4n_follow_up_sent", national=follow_up.national_tracking_number,
              follow_up=follow_up.follow_up_id)
        return str(found.get("id") or "") or None

    def send_status(self, status: OutgoingStatus) -> str | None:
        found = self._call(
            "POST", f"/laporan/{status.national_tracking_number}/status",
            json={"referensi": status.reference,
                  "status": STATUS_OUT.get(status.status, status.status),
                  "waktu": status.at.isoformat()})
        event(log, "sp4n_status_sent", national=status.national_tracking_number,
              status=status.status)
        return str(found.get("id") or "") or None

    def pull_new(self, since: datetime) -> list[IncomingReport]:
        found = self._call("GET", "/laporan", params={"sejak": since.isoformat()})
        items = found.get("laporan")
        if not isinstance(items, list):
            raise ConnectorError("the answer has no list 'laporan'", code="bad_answer")
        return [report_of(item) for item in items if isinstance(item, dict)]

    def fetch_file(self, file: IncomingFile, limit: int) -> tuple[bytes, str]:
        url = urljoin(self.url + "/", file.url)
        if not url.startswith(("https://", "http://")):
            raise ConnectorError(f"not a web address: {file.url[:100]!r}", code="refused")
        host = (urlsplit(url).hostname or "").lower()
        if host not in self.file_hosts:
            raise ConnectorError(f"a file on a host [sp4n] file_hosts does not name: "
                                 f"{host[:100]!r}", code="refused")
        ours = url.startswith(self.url + "/")  # the token goes to the bridge alone
        try:
            # no redirect followed: it could lead anywhere the host list does not allow
            with self.http.get(url, headers=self.headers if ours else {}, timeout=TIMEOUT,
                               stream=True, allow_redirects=False) as answer:
                if 300 <= answer.status_code < 400:
                    raise ConnectorError(f"the file's address answers a redirect (HTTP "
                                         f"{answer.status_code})", code="refused")
                refuse_failed(answer.status_code)
                data = answer.raw.read(limit + 1, decode_content=True)
                kind = answer.headers.get("Content-Type") or ""
        except requests.RequestException as error:
            raise ConnectorError(f"{type(error).__name__}: {error}") from None
        if len(data) > limit:
            raise ConnectorError(f"the file is over {limit} bytes", code="too_large")
        return data, kind.split(";")[0].strip()
