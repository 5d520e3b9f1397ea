"""A complaint's SP4N-LAPOR! tracking number and link, and what a connector sent there.

The number is unique among complaints (``ix_complaints_national_tracking_number``): a second
complaint can never take a number another one has, so a national record is never held twice.
Setting it gives the complaint a fresh change number (``seq``), so every desktop that sees the
complaint receives the number at its next pull; nothing else of the complaint changes (its
version stays: no action a desktop has queued on it conflicts with this). Its public replies and
status changes written before the number are queued for SP4N-LAPOR! in the same transaction
(``push.enqueue_earlier``): whatever sets a complaint's national number goes through
:func:`record_national_number`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import utcnow
from lapor_desk.server.db import Complaint, Sp4nSent, next_seqs
from lapor_desk.server.services.errors import InvalidInputError, NotFoundError
from lapor_desk.server.services.records import NATIONAL_LINK
from lapor_desk.server.sp4n import push

#: SP4N-LAPOR!'s report page for a tracking number.
DEFAULT_LINK = NATIONAL_LINK
#: The largest national tracking number taken (real ones have 7 digits).
MAX_NUMBER = 10**12 - 1


class NumberTaken(InvalidInputError):
    """The national tracking number belongs to another complaint already."""

    def __init__(self, number: int, holder: str) -> None:
        super().__init__(f"national tracking number {number} belongs to complaint {holder}")
        self.number = number
        self.holder = holder


def check_number(number: int) -> int:
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number <= MAX_NUMBER:
        raise InvalidInputError("a national tracking number is a positive whole number "
                                "(at most 12 digits)")
    return number


def holder_of(session: Session, number: int) -> str | None:
    """The id of the complaint that carries national tracking number ``number``, if any."""
    return session.scalars(select(Complaint.id).where(
        Complaint.national_tracking_number == number)).first()


def record_national_number(session: Session, complaint_id: str, number: int, *,
                           link: str | None = None, now: datetime | None = None) -> bool:
    """Give complaint ``complaint_id`` its national tracking number and link, in the caller's
    transaction. False when it already carries that number (nothing written); raises
    :class:`NumberTaken` when another complaint carries it, ``InvalidInputError`` when the
    complaint carries a different one (a national record is not re-pointed silently)."""
    check_number(number)
    complaint = session.scalars(select(Complaint).where(Complaint.id == complaint_id)
                                .with_for_update()).first()
    if complaint is None:
        raise NotFoundError(f"no complaint {complaint_id}")
    if complaint.national_tracking_number == number:
        return False
    if complaint.national_tracking_number is not None:
        raise InvalidInputError(
            f"complaint {complaint_id} is SP4N-LAPOR! {complaint.national_tracking_number} "
            f"already, not {number}")
    holder = holder_of(session, number)
    if holder is not None:
        raise NumberTaken(number, holder)
    now = now or utcnow()
    session.execute(update(Complaint).where(Complaint.id == complaint_id).values(
        national_tracking_number=number,
        national_link=(link or DEFAULT_LINK.format(number=number))[:500],
        updated_at=now, seq=next_seqs(session)))
    push.enqueue_earlier(session.connection(), complaint_id, now)
    return True


def claim(session: Session, key: str, complaint_id: str, now: datetime) -> bool:
    """Claim the sending of ``key``, in the caller's transaction (its own, committed before
    anything is sent): True when no process claimed it before. Two claiming at once: the
    primary key refuses the second (``IntegrityError`` at its commit: not its turn)."""
    if session.get(Sp4nSent, key) is not None:
        return False
    session.add(Sp4nSent(key=key, complaint_id=complaint_id, at=now))
    session.flush()
    return True


def release(session: Session, key: str) -> None:
    """Give up a claim whose sending failed (the next round tries again)."""
    session.execute(delete(Sp4nSent).where(Sp4nSent.key == key,
                                           Sp4nSent.national_tracking_number.is_(None)))


def mark_sent(session: Session, key: str, number: int, transaction_id: str | None,
              now: datetime) -> None:
    """``key`` reached SP4N-LAPOR! as record ``number``, in the caller's transaction."""
    session.execute(update(Sp4nSent).where(Sp4nSent.key == key).values(
        national_tracking_number=number, transaction_id=transaction_id, at=now))
