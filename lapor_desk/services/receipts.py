"""The receipt (tanda terima) handed to a citizen whose complaint was recorded at the counter, or
sent back for a letter, a call, a radio or newspaper report.

It names the complaint by its tracking number once the server has given one; until then (the
complaint was recorded offline and not yet synced) by a provisional reference made from its own
id, which never changes and is printed again beside the tracking number on a later receipt, so
the citizen's first slip and the number that follows are plainly the same complaint. A receipt
can be printed again at any time (the detail's "Print receipt").

Read from the cache: the complaint's row; for the letter's number and date, its
``record_complaint`` action while it waits in the outbox, else the event of its arrival the
server sent (server/services/records.py ``received_detail``). The NIK and contact are never on a
receipt; the reporter's name only when the complaint is not anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import orjson
from sqlalchemy import select

from lapor_desk.models.cache.schema import Attachment, Complaint, Event, OutboxEntry
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import ActionKind
from lapor_desk.models.time_zones import zone_of_province
from lapor_desk.services.errors import ServiceError


@dataclass(frozen=True)
class IntakeReceipt:
    complaint_id: str
    tracking_number: int | None   # None until the server accepted the complaint
    provisional_reference: str
    title: str
    complaint_type: str
    channel: str | None
    received_at: datetime | None
    letter_number: str | None
    letter_date: date | None
    reporter_name: str | None     # None for an anonymous complaint
    anonymous: bool
    confidential: bool
    regency: str | None
    province: str | None
    attachments: int
    #: The office's zone, from the complaint's province (models/time_zones.py).
    zone: tzinfo | None = None

    @property
    def synced(self) -> bool:
        return self.tracking_number is not None


def provisional_reference(complaint_id: str) -> str:
    """A short reference for a complaint not yet numbered: the last eight hex digits of its id
    (the random part of a UUIDv7), ``S-1A2B-3C4D``."""
    tail = complaint_id.replace("-", "")[-8:].upper()
    return f"S-{tail[:4]}-{tail[4:]}"


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class Receipts:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def of(self, complaint_id: str) -> IntakeReceipt:
        """The receipt of a complaint in the cache. Raises :class:`ServiceError`
        (``not_found``) when it is not there."""
        with self.cache.engine.connect() as connection:
            row = connection.execute(select(Complaint).where(Complaint.id == complaint_id)).first()
            if row is None:
                raise ServiceError(complaint_id, code="not_found")
            letter = self._letter(connection, complaint_id)
            files = connection.execute(select(Attachment.id).where(
                Attachment.complaint_id == complaint_id,
                Attachment.follow_up_id.is_(None))).all()
        anonymous = bool(row.anonymous)
        return IntakeReceipt(
            complaint_id=complaint_id, tracking_number=row.tracking_number,
            provisional_reference=provisional_reference(complaint_id),
            title=row.title or "", complaint_type=row.complaint_type, channel=row.channel,
            received_at=_time(row.created_at),
            letter_number=str(letter.get("letter_number") or "") or None,
            letter_date=_day(letter.get("letter_date")),
            reporter_name=None if anonymous else row.reporter_name,
            anonymous=anonymous, confidential=bool(row.confidential),
            regency=row.regency, province=row.province, attachments=len(files),
            zone=zone_of_province(row.province))

    @staticmethod
    def _letter(connection: Any, complaint_id: str) -> dict[str, Any]:
        """The letter's number and date: from the recorded action, else the arrival's event."""
        payload = connection.execute(
            select(OutboxEntry.payload).where(
                OutboxEntry.complaint_id == complaint_id,
                OutboxEntry.kind == str(ActionKind.RECORD_COMPLAINT),
                OutboxEntry.dismissed.is_(False))
            .order_by(OutboxEntry.mutation_id.desc())).scalar()
        if payload:
            data = orjson.loads(payload).get("complaint") or {}
            if isinstance(data, dict):
                return data
        for (detail,) in connection.execute(
                select(Event.detail).where(Event.complaint_id == complaint_id)
                .order_by(Event.at)):
            try:
                values = orjson.loads(detail or "{}")
            except orjson.JSONDecodeError:
                continue
            if isinstance(values, dict) and ("letter_number" in values
                                             or "letter_date" in values):
                return values
        return {}
