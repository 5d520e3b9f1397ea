"""What a connector to SP4N-LAPOR! does, whichever API it speaks.

A connector is handed plain values and answers plain values; it never sees the database. The
round that uses it (:mod:`.run`) decides what to send, writes the answers and remembers what was
sent (``sp4n_sent``), so a connector only translates to and from its API:

* :meth:`Connector.send_report`: a complaint of ours the national system has no record of yet;
  answers the national tracking number (and the API's transaction id);
* :meth:`Connector.send_follow_up` and :meth:`Connector.send_status`: a follow-up posted here,
  a status changed here, on a complaint recorded there;
* :meth:`Connector.pull_new`: the reports addressed to the agency there since a moment (new
  ones, and known ones whose status or follow-ups moved on), with their follow-ups.

A follow-up and a status carry our own ``reference`` (the follow-up's id, the change's key):
the national side must answer a second call with the same reference as the first, without
recording it again; that is what keeps a call repeated after a worker died mid-call at once.

Attachments go with a report and a reply (:class:`OutgoingFile`, checked and bounded by
:mod:`.files`), and come with a fetched report and its follow-ups (:class:`IncomingFile`, an
address that :meth:`Connector.fetch_file` reads, bounded).

An API that cannot do one of these raises :class:`Unsupported` for it (the legacy ``addstream``
endpoint only records reports); the round then skips that part and says so in the log.

Errors: :class:`ConnectorError` (the national system refused or could not be reached: the next
round tries again), of which :class:`Unsupported` is one kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class ConnectorError(Exception):
    """The national system refused the call or could not be reached (``code`` says which)."""

    def __init__(self, message: str, code: str = "unreachable") -> None:
        super().__init__(message)
        self.code = code


def refuse_failed(status: int, detail: str = "") -> None:
    """Raise the ``ConnectorError`` an HTTP answer's status means (nothing for a success)."""
    if status in (401, 403):
        raise ConnectorError(f"the token was refused (HTTP {status})", code="token_refused")
    if status >= 400:
        raise ConnectorError(f"HTTP {status}{': ' + detail if detail else ''}",
                             code="unreachable" if status >= 500 else "refused")


class Unsupported(ConnectorError):
    """The connector's API has no such call."""

    def __init__(self, what: str) -> None:
        super().__init__(f"this connector cannot {what}", code="unsupported")


@dataclass(frozen=True)
class OutgoingFile:
    """An attachment sent with a report or a reply: its bytes, read from the blob store."""

    filename: str
    mime_type: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class IncomingFile:
    """An attachment of a national report or follow-up: where to fetch it (the API's address
    of the file), what it says it is."""

    url: str
    filename: str
    mime_type: str
    size: int | None = None


@dataclass(frozen=True)
class OutgoingReport:
    """A complaint as the national system records it. ``reporter_name`` and
    ``reporter_contact`` are None for an anonim reporter: their identity never leaves the
    server; the NIK is never sent."""

    complaint_id: str
    tracking_number: int
    complaint_type: str
    title: str
    body: str
    incident_date: date | None
    province: str
    regency: str
    district: str
    village: str
    category: str
    channel: str
    anonymous: bool
    confidential: bool
    reporter_name: str | None
    reporter_contact: str | None
    created_at: datetime
    reporter_email: str | None = None
    files: tuple[OutgoingFile, ...] = ()


@dataclass(frozen=True)
class Receipt:
    """The national system's answer to a report: its tracking number (``trackingid``) and the
    API's own id of the call (``transaksiid``)."""

    national_tracking_number: int
    transaction_id: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class OutgoingFollowUp:
    """A public reply written here, on a complaint SP4N-LAPOR! records. ``follow_up_id`` is its
    reference there (the same id at every try)."""

    national_tracking_number: int
    follow_up_id: str
    body: str
    at: datetime
    files: tuple[OutgoingFile, ...] = ()


@dataclass(frozen=True)
class OutgoingStatus:
    """A complaint's new status here (this system's ``Status`` value; a connector words it for
    its API, e.g. :data:`STATUS_OUT`); ``reference``: the change's own key."""

    national_tracking_number: int
    status: str
    reference: str
    at: datetime


#: This system's status -> SP4N-LAPOR!'s word for it.
STATUS_OUT: dict[str, str] = {
    "unverified": "Belum Terverifikasi", "forwarded": "Terdisposisi, Belum Ditindaklanjuti",
    "in_progress": "Sedang Diproses", "reporter_responded": "Ditanggapi Pelapor",
    "postponed": "Tunda", "done": "Selesai", "archived": "Arsip",
}


@dataclass(frozen=True)
class IncomingFollowUp:
    """A follow-up on SP4N-LAPOR!: the agency's reply, or (``from_reporter``) the reporter's."""

    at: datetime
    body: str
    from_reporter: bool = False
    #: Our own follow-up's id when it went from here (never taken in again).
    reference: str | None = None
    files: tuple[IncomingFile, ...] = ()


@dataclass(frozen=True)
class IncomingReport:
    """A report from the national system: its tracking number, what it says, its status there
    (SP4N-LAPOR!'s word) and its follow-ups. Taken in by :func:`.national.take_record`,
    matched by the number."""

    national_tracking_number: int
    title: str
    body: str
    status: str
    created_at: datetime
    link: str | None = None
    complaint_type: str = "pengaduan"
    category: str = ""
    province: str = ""
    regency: str = ""
    channel: str = "web"
    anonymous: bool = False
    reporter_name: str | None = None
    follow_ups: tuple[IncomingFollowUp, ...] = ()
    #: This system's tracking number when the report is one we sent (its ``reference`` there).
    reference: int | None = None
    files: tuple[IncomingFile, ...] = ()


class Connector(Protocol):
    """One national API (docs/sp4n.md: how to write one for the v3 API)."""

    name: str

    def send_report(self, report: OutgoingReport) -> Receipt: ...

    def send_follow_up(self, follow_up: OutgoingFollowUp) -> str | None: ...

    def send_status(self, status: OutgoingStatus) -> str | None: ...

    def pull_new(self, since: datetime) -> list[IncomingReport]: ...

    def fetch_file(self, file: IncomingFile, limit: int) -> tuple[bytes, str]:
        """The file's bytes and the content type the API answered; ConnectorError ``too_large``
        past ``limit`` bytes (never read further), ``refused`` when the API has no such file,
        ``unreachable`` when it could not answer (tried again)."""
        ...
