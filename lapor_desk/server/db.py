"""The server's database schema (SQLAlchemy 2). SQLite and PostgreSQL alike.

Every replicated row carries ``seq``: a value of the server's change counter, unique across all
replicated tables and only ever growing. Pull pages are cut by ``seq`` (see docs/sync-protocol.md).
``next_seqs`` takes values under a row lock on PostgreSQL (SQLite serialises writers anyway), so
transactions commit in ``seq`` order and a reader never sees a gap that fills in later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    bindparam,
    text,
    update,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

SCHEMA_VERSION = 1


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way in and out, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class ServerMeta(Base):
    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Counter(Base):
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))  # AgencyLevel
    path: Mapped[str] = mapped_column(String(255), index=True)
    name: Mapped[str] = mapped_column(String(255))
    code: Mapped[str] = mapped_column(String(64), unique=True)
    region_code: Mapped[str | None] = mapped_column(String(32))
    #: Other names admins find the unit by ("Dukcapil", "Disdukcapil Kendari"): a JSON array of
    #: texts, edited by the admins who may (server revision 0005; docs/sync-protocol.md).
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    #: False once the unit left the pemda's structure (``lapor-server org import``, server
    #: revision 0006): kept for the complaints and users that name it, never offered as a target.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))  # Role
    unit_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: Grows whenever the user's role or unit changes: cursors of the old scope are reset.
    scope_epoch: Mapped[int] = mapped_column(Integer, default=1)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    #: Set by an admin's password reset (a one-time password): the next sign-in must choose a
    #: new password first (server revision 0007; docs/sync-protocol.md "People").
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=text("false"))


class UserAudit(Base):
    """Who did what to which account, and when (services/people.py): created, disabled,
    enabled, moved, password reset, password changed, imported. ``actor_id`` is None for the
    shell (``lapor-server user ...``). ``unit_path`` is where the account is after the change,
    ``from_unit_path`` where it was before a move: an agency admin reads the rows of either side
    in their subtree."""

    __tablename__ = "user_audit"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    target_username: Mapped[str] = mapped_column(String(64))
    unit_path: Mapped[str] = mapped_column(String(255), index=True)
    from_unit_path: Mapped[str | None] = mapped_column(String(255))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Token(Base):
    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class LoginThrottleEntry(Base):
    """Failed-login counts every server process sees (services/throttle.py). ``key`` is
    ``u:<casefolded username>`` or ``a:<client address or IPv6 /64>``."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime]
    #: How often the limit was reached: each lock lasts twice as long as the one before.
    strikes: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(index=True)


class PublicAccess(Base):
    """A complaint sent from the public page: its secret code (hashed like a password, never
    kept in clear), the one-time key of the form that sent it (the same form sent twice makes one
    complaint) and the reporter's rating of the handling. Nothing here goes to any desktop."""

    __tablename__ = "public_access"
    complaint_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(200))
    form_key: Mapped[str] = mapped_column(String(64), unique=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_note: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class PublicRate(Base):
    """Requests counted per key (``submit:<address>``, ``lookup:<address>``) in a fixed window."""

    __tablename__ = "public_rate"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(index=True)


class Reporter(Base):
    """A citizen's identity. Personal data (UU 27/2022): only name and contact of a
    non-anonymous reporter ever leave the server; NIK never does."""

    __tablename__ = "reporters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(120))
    nik: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]


class Complaint(Base):
    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tracking_number: Mapped[int] = mapped_column(Integer, unique=True)
    complaint_type: Mapped[str] = mapped_column(String(32))
    misconduct: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    incident_date: Mapped[date | None] = mapped_column(Date)
    province: Mapped[str] = mapped_column(String(120))
    regency: Mapped[str] = mapped_column(String(120))
    district: Mapped[str] = mapped_column(String(120), default="")
    village: Mapped[str] = mapped_column(String(120), default="")
    category: Mapped[str] = mapped_column(String(200))
    subcategory: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(32))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("reporters.id"))
    status: Mapped[str] = mapped_column(String(32), index=True)
    responsible_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    handling_unit_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: Denormalised path of the node the complaint sits at (handling unit, else responsible).
    location_path: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer, default=1)
    transition_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    verify_due: Mapped[datetime | None]
    resolution_due: Mapped[datetime | None]
    auto_close_due: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    paused_at: Mapped[datetime | None]
    forwarded_at: Mapped[datetime | None]
    first_follow_up_at: Mapped[datetime | None]
    last_follow_up_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    handler_unit_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    duplicate_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: SP4N-LAPOR!'s tracking number (``trackingid``) and the link to the report there; None
    #: while the complaint is not recorded in the national system (docs/sp4n.md).
    national_tracking_number: Mapped[int | None] = mapped_column(BigInteger)
    national_link: Mapped[str | None] = mapped_column(String(500))
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)

    __table_args__ = (Index("ix_complaints_location_seq", "location_path", "seq"),
                      Index("ix_complaints_national_tracking_number",
                            "national_tracking_number", unique=True))


class Disposition(Base):
    __tablename__ = "dispositions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    from_id: Mapped[int] = mapped_column(Integer)
    to_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class FollowUp(Base):
    __tablename__ = "follow_ups"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # FollowUpKind
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    follow_up_id: Mapped[str | None] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class Blob(Base):
    """Content the server holds completely, stored once whoever sent it (``server/blobs.py``).
    ``uploaded_by`` is the first user who completed it (kept for the record); who may use the
    content is ``BlobUpload``'s and the attachments' business."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]


class BlobUpload(Base):
    """One user's upload of one content: in progress (its bytes in that user's own partial file)
    or ``complete`` — the user sent every byte and owns the blob."""

    __tablename__ = "blob_uploads"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_blob_uploads_user_open", "user_id", "complete", "updated_at"),
        Index("ix_blob_uploads_open", "complete", "updated_at"),
    )


class ComplaintEvent(Base):
    """The audit trail: one row for every change to a complaint, by whom, from which action."""

    __tablename__ = "complaint_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str | None] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime]
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    client_id: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[int | None] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class Sp4nSent(Base):
    """What a connector is sending or sent to SP4N-LAPOR! (server/sp4n/run.py): ``key`` names
    it (``report:<id>``, ``follow_up:<id>``, ``status:<id>:<status>``), claimed before it is
    sent so that nothing is sent twice, whichever process sends. A report's row without a
    national number is a send under way, or one cut off (docs/sp4n.md says what to do)."""

    __tablename__ = "sp4n_sent"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    national_tracking_number: Mapped[int | None] = mapped_column(BigInteger)
    transaction_id: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[datetime]


class Sp4nPush(Base):
    """A change to send to SP4N-LAPOR! on a complaint recorded there (server/sp4n/push.py): a
    public reply (``kind`` ``follow_up``, ``ref`` its id) or a status change (``status``, ``ref``
    the new status). Queued in the change's own transaction, sent by the SP4N round, each once:
    ``pending`` (due at ``next_attempt_at``), ``sending`` (claimed until ``claimed_until``),
    ``sent`` (``answer``: the national API's id), ``failed`` (refused for good). Never
    replicated; purged with the complaint."""

    __tablename__ = "sp4n_pushes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    event_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(80))
    body: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_sp4n_pushes_due", "status", "next_attempt_at"),)


class Sp4nMark(Base):
    """A mark the SP4N round keeps between runs (``fetched_since``: where the next fetch of new
    national reports starts)."""

    __tablename__ = "sp4n_marks"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[datetime]


class ScopeExit(Base):
    """A complaint left a node: callers who could see it there get a tombstone."""

    __tablename__ = "scope_exits"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    complaint_id: Mapped[str] = mapped_column(String(36), index=True)
    old_location_path: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime]


class Deletion(Base):
    """A record deleted on the server (e.g. personal data purged): sent as a tombstone."""

    __tablename__ = "deletions"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    location_path: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime]


class SyncClient(Base):
    __tablename__ = "sync_clients"
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    last_mutation_id: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]


class MutationResult(Base):
    """The answer given to each pushed action, so a retry gets the same answer again."""

    __tablename__ = "mutation_results"
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mutation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    outcome: Mapped[str] = mapped_column(String(16))
    complaint_id: Mapped[str | None] = mapped_column(String(36))
    version: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class ChannelMessage(Base):
    """A message received through a channel the pemda runs (server/channels/): a mail's
    Message-ID, a WhatsApp message id, an SMS gateway's id. Written in the transaction that
    acts on the message, so a retried webhook or a mail fetched twice creates nothing twice
    (server revision 0011)."""

    __tablename__ = "channel_messages"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    complaint_id: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[datetime]


class ChannelThread(Base):
    """The complaint a sender's messages on a channel add to (a WhatsApp or SMS number): the row
    is locked while a message is taken in, so two first messages at once open one complaint."""

    __tablename__ = "channel_threads"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    sender: Mapped[str] = mapped_column(String(255), primary_key=True)
    complaint_id: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime]


class Notification(Base):
    """A message to a complaint's reporter (server/notify/): queued in the transaction of the
    change it tells about (one per audit event: ``event_seq``), sent by the housekeeping loop.
    ``status``: ``pending`` (due at ``next_attempt_at``), ``sending`` (claimed by a worker until
    ``claimed_until``), ``sent``, ``skipped`` (no channel may carry it: ``error`` says why) or
    ``failed`` (refused, or out of attempts). Personal data: purged with the complaint; never
    replicated."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), index=True)
    event_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    provider_id: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_notifications_due", "status", "next_attempt_at"),)


class ReplyContact(Base):
    """Where the reporter asked replies to go (server/notify/routes.py): the only contact used
    for an anonim reporter. Personal data: purged with the complaint; never replicated."""

    __tablename__ = "reply_contacts"
    complaint_id: Mapped[str] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]


REPLICATED = (Agency, Complaint, Disposition, FollowUp, Attachment, ComplaintEvent)


_NEXT_SEQS = (
    update(Counter)
    .where(Counter.name == "change_seq")
    .values(value=Counter.value + bindparam("count", type_=BigInteger))
    .returning(Counter.value)
)


def next_seqs(bind: Session | Connection, count: int = 1) -> int:
    """Reserve ``count`` consecutive change numbers; returns the first.

    The UPDATE holds the counter's row lock until commit, so writers commit in seq order.
    """
    if count < 1:
        raise ValueError("count must be positive")
    connection = bind.connection() if isinstance(bind, Session) else bind
    result = connection.execute(_NEXT_SEQS, {"count": count}).scalar_one()
    return int(result) - count + 1
