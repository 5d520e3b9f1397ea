"""The reference connector: SP4N-LAPOR!'s public legacy endpoint ``POST /api/stream/addstream``.

The endpoint records one report for an agency. Its request, as public code that calls it
shows (docs/sp4n.md, "What is known of addstream"), is an XML document posted as ``text/xml``:

    <lapor token="{agency token}">
      <pelapor><email/><telpon/><namadepan/><namabelakang/></pelapor>
      <laporan rahasia="0|1" anonim="0|1"><isi>the report</isi></laporan>
    </lapor>

and its answer is XML naming the report's ``trackingid`` and the call's ``transaksiid``. No
public source shows more elements of ``<laporan>`` than ``<isi>``, so the title, the date and
place of the incident, the category and this system's tracking number go into ``<isi>`` as
lines of text rather than under names nobody has seen. The endpoint has no call for follow-ups,
statuses or fetching reports: those are the v3 API's (docs/sp4n.md), and this connector raises
:class:`~.connector.Unsupported` for them. Nor has it a place for files: a report's attachments
are not sent by it (``report.files`` is left out; docs/sp4n.md "Attachments").

The answer is read defensively: at most :data:`MAX_ANSWER` bytes, no DTD (no entity
expansion), the elements found by name wherever they are.
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
    IncomingFile,
    IncomingReport,
    OutgoingFollowUp,
    OutgoingReport,
    OutgoingStatus,
    Receipt,
    Unsupported,
    refuse_failed,
)

log = logging.getLogger(__name__)

PATH: Final = "/api/stream/addstream"
#: The request's element and attribute names, as public code that calls the endpoint writes
#: them (one place to correct them against the agency's copy of the documentation).
ROOT, TOKEN, REPORTER, REPORT, TEXT = "lapor", "token", "pelapor", "laporan", "isi"
EMAIL, PHONE, FIRST_NAME, LAST_NAME = "email", "telpon", "namadepan", "namabelakang"
CONFIDENTIAL, ANONYMOUS = "rahasia", "anonim"
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

    def text(self, report: OutgoingReport) -> str:
        """What goes into ``<isi>``: the title, the account, then what the national form asks
        (date and place of the incident, category) and this system's tracking number."""
        place = ", ".join(p for p in (report.village, report.district, report.regency,
                                      report.province) if p)
        lines = [report.title, "", report.body, ""]
        if report.incident_date:
            lines.append(f"Tanggal kejadian: {report.incident_date.strftime('%d/%m/%Y')}")
        if place:
            lines.append(f"Lokasi: {place}")
        if report.category:
            lines.append(f"Kategori: {report.category}")
        lines.append(f"Nomor pelacakan instansi: {report.tracking_number}")
        return "\n".join(lines).strip()

    def document(self, report: OutgoingReport) -> bytes:
        """The request: an anonim reporter's name and contact stay empty (never sent)."""
        root = ElementTree.Element(ROOT, {TOKEN: self.token})
        reporter = ElementTree.SubElement(root, REPORTER)
        named = not report.anonymous
        name = (report.reporter_name or "") if named else ""
        first, _, last = name.partition(" ")
        contact = (report.reporter_contact or "") if named else ""
        email = (report.reporter_email or "") if named else ""
        values = {EMAIL: email or (contact if "@" in contact else ""),
                  PHONE: contact if "@" not in contact else "",
                  FIRST_NAME: first, LAST_NAME: last}
        for tag, value in values.items():
            ElementTree.SubElement(reporter, tag).text = value
        body = ElementTree.SubElement(root, REPORT, {
            CONFIDENTIAL: "1" if report.confidential else "0",
            ANONYMOUS: "1" if report.anonymous else "0"})
        ElementTree.SubElement(body, TEXT).text = self.text(report)
        document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
        return document

    def send_report(self, report: OutgoingReport) -> Receipt:
        try:
            answer = self.http.post(self.url, data=self.document(report), timeout=TIMEOUT,
                                    headers={"Content-Type": "text/xml; charset=UTF-8"},
                                    stream=True)
            content = answer.raw.read(MAX_ANSWER + 1, decode_content=True)
        except requests.RequestException as error:
            raise ConnectorError(f"{type(error).__name__}: {error}") from None
        refuse_failed(answer.status_code)
        receipt = parse_answer(content)
        event(log, "sp4n_report_sent", connector=self.name, complaint=report.complaint_id,
              national=receipt.national_tracking_number)
        return receipt

    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None:
        raise Unsupported("send follow-ups")

    def send_status(self, status: OutgoingStatus) -> str | None:
        raise Unsupported("send statuses")

    def pull_new(self, since: datetime) -> list[IncomingReport]:
        raise Unsupported("fetch reports")

    def fetch_file(self, file: IncomingFile, limit: int) -> tuple[bytes, str]:
        raise Unsupported("fetch files")
