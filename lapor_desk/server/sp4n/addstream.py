"""The reference connector: SP4N-LAPOR!'s public legacy endpoint ``POST /api/stream/addstream``.

The endpoint records one report for an agency: a form-encoded POST carrying the agency's token
(given by the LAPOR! team, one per agency) and the report's fields; it answers XML naming the
report's ``trackingid`` and the call's ``transaksiid``. It has no call for follow-ups, statuses
or fetching reports: those are the v3 API's (docs/sp4n.md), and this connector raises
:class:`~.connector.Unsupported` for them.

The form's field names are :data:`FIELDS` (one place to correct them against the agency's copy
of the documentation). The answer is read defensively: at most :data:`MAX_ANSWER` bytes, no
DTD (no entity expansion), the elements found by name wherever they are.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final
from xml.etree import ElementTree

import requests

from lapor_desk.server.logs import event
from lapor_desk.server.sp4n.connector import (
    ConnectorError,
    IncomingReport,
    OutgoingFollowUp,
    OutgoingReport,
    Receipt,
    Unsupported,
)

log = logging.getLogger(__name__)

PATH: Final = "/api/stream/addstream"
#: The form field of each value sent.
FIELDS: Final = {
    "token": "token", "title": "judul", "body": "isi", "complaint_type": "tipe",
    "category": "kategori", "incident_date": "tanggal_kejadian", "location": "lokasi",
    "anonymous": "anonim", "confidential": "rahasia", "reporter_name": "nama",
    "reporter_contact": "kontak", "channel": "sumber", "reference": "referensi",
}
#: The largest answer read (an answer names two numbers).
MAX_ANSWER: Final = 64 * 1024
TIMEOUT: Final = (10.0, 30.0)


def parse_answer(content: bytes) -> Receipt:
    """The tracking number and transaction id of an ``addstream`` answer; ConnectorError
    (``refused``) when it names no tracking number, (``bad_answer``) when it is not XML."""
    if len(content) > MAX_ANSWER:
        raise ConnectorError("the answer is too long", code="bad_answer")
    if b"<!DOCTYPE" in content.upper() or b"<!ENTITY" in content.upper():
        raise ConnectorError("the answer declares a DTD", code="bad_answer")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise ConnectorError(f"the answer is not XML: {error}", code="bad_answer") from None
    found = {element.tag.rsplit("}", 1)[-1].casefold(): (element.text or "").strip()
             for element in root.iter()}
    tracking = found.get("trackingid", "")
    if not tracking.isascii() or not tracking.isdigit() or int(tracking) <= 0:
        said = found.get("message") or found.get("pesan") or found.get("status") or ""
        raise ConnectorError(f"no trackingid in the answer {said[:200]!r}", code="refused")
    return Receipt(int(tracking), found.get("transaksiid") or None)


class AddstreamConnector:
    name = "addstream"

    def __init__(self, base_url: str, token: str,
                 session: requests.Session | None = None) -> None:
        self.url = base_url.rstrip("/") + PATH
        self.token = token
        self.http = session or requests.Session()

    def form(self, report: OutgoingReport) -> dict[str, str]:
        place = ", ".join(p for p in (report.village, report.district, report.regency,
                                      report.province) if p)
        values = {
            "token": self.token, "title": report.title, "body": report.body,
            "complaint_type": report.complaint_type, "category": report.category,
            "incident_date": report.incident_date.isoformat() if report.incident_date else "",
            "location": place, "anonymous": "1" if report.anonymous else "0",
            "confidential": "1" if report.confidential else "0",
            "reporter_name": "" if report.anonymous else (report.reporter_name or ""),
            "reporter_contact": "" if report.anonymous else (report.reporter_contact or ""),
            "channel": report.channel, "reference": str(report.tracking_number),
        }
        return {FIELDS[key]: value for key, value in values.items()}

    def send_report(self, report: OutgoingReport) -> Receipt:
        try:
            answer = self.http.post(self.url, data=self.form(report), timeout=TIMEOUT,
                                    stream=True)
            content = answer.raw.read(MAX_ANSWER + 1, decode_content=True)
        except requests.RequestException as error:
            raise ConnectorError(f"{type(error).__name__}: {error}") from None
        if answer.status_code in (401, 403):
            raise ConnectorError(f"the token was refused (HTTP {answer.status_code})",
                                 code="token_refused")
        if answer.status_code >= 400:
            raise ConnectorError(f"HTTP {answer.status_code}",
                                 code="unreachable" if answer.status_code >= 500 else "refused")
        receipt = parse_answer(content)
        event(log, "sp4n_report_sent", connector=self.name, complaint=report.complaint_id,
              national=receipt.national_tracking_number)
        return receipt

    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None:
        raise Unsupported("send follow-ups")

    def send_status(self, national_tracking_number: int, status: str) -> str | None:
        raise Unsupported("send statuses")

    def new_reports(self, since: datetime) -> list[IncomingReport]:
        raise Unsupported("fetch reports")
