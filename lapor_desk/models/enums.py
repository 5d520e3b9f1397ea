"""Codes of the domain. Values are the wire and database spelling: never translate them.

Sentences for people live in the UI layer, keyed by these codes.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    NATIONAL_ADMIN = "national_admin"
    AGENCY_ADMIN = "agency_admin"
    LIAISON_OFFICER = "liaison_officer"


class AgencyLevel(StrEnum):
    """Where a node sits in the disposition tree: national -> agency (K/L/D, BUMN) -> unit (OPD)."""

    NATIONAL = "national"
    AGENCY = "agency"
    UNIT = "unit"


class Status(StrEnum):
    UNVERIFIED = "unverified"  # Belum Terverifikasi
    FORWARDED = "forwarded"  # Terdisposisi, Belum Ditindaklanjuti
    IN_PROGRESS = "in_progress"  # Terdisposisi, Sedang Diproses
    REPORTER_RESPONDED = "reporter_responded"  # Ditanggapi oleh Pelapor
    POSTPONED = "postponed"  # Tunda
    DONE = "done"  # Selesai
    ARCHIVED = "archived"  # Arsip


class ComplaintType(StrEnum):
    PENGADUAN = "pengaduan"
    ASPIRASI = "aspirasi"
    PERMINTAAN_INFORMASI = "permintaan_informasi"


class Channel(StrEnum):
    WEB = "web"
    SMS = "sms"  # SMS 1708
    WHATSAPP = "whatsapp"
    TWITTER = "twitter"  # X @lapor1708
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    MOBILE_APP = "mobile_app"
    EMAIL = "email"
    WALK_IN = "walk_in"  # tatap muka
    LETTER = "letter"
    PHONE = "phone"
    RADIO = "radio"
    NEWSPAPER = "newspaper"


#: Channels an admin types in by hand (the complaint did not arrive through the system).
OFFLINE_CHANNELS = frozenset(
    {Channel.WALK_IN, Channel.LETTER, Channel.PHONE, Channel.RADIO, Channel.NEWSPAPER}
)


class FollowUpKind(StrEnum):
    REPLY = "reply"  # public follow-up (tindak lanjut) the reporter sees
    INTERNAL_NOTE = "internal_note"  # never shown to the reporter
    REPORTER_RESPONSE = "reporter_response"  # the reporter answered


class ArchiveReason(StrEnum):
    WRONG_FORMAT = "wrong_format"
    TOO_GENERAL = "too_general"
    NOT_PUBLIC_SERVICE = "not_public_service"
    DUPLICATE = "duplicate"
    INCOMPLETE_DATA = "incomplete_data"
    SPAM = "spam"
    OTHER = "other"


class ActionKind(StrEnum):
    """Actions a desktop client pushes. Each is one outbox entry and one server transaction."""

    FORWARD = "forward"  # disposisi to a unit or a lower agency
    HANDLE = "handle"  # kelola: the agency handles it itself
    POSTPONE = "postpone"  # tunda, reason required; pauses the SLA clock
    NOT_OUR_AUTHORITY = "not_our_authority"  # bukan wewenang: back up the chain
    ARCHIVE = "archive"  # arsip, reason code required
    REROUTE = "reroute"  # dialihkan to another agency
    FOLLOW_UP = "follow_up"  # public reply
    INTERNAL_NOTE = "internal_note"
    CLOSE = "close"  # selesai
    REOPEN = "reopen"  # buka kembali a finished or archived complaint, reason required
    RECORD_COMPLAINT = "record_complaint"  # a complaint that arrived offline
    LINK_DUPLICATE = "link_duplicate"
    UNLINK_DUPLICATE = "unlink_duplicate"
    #: a national record's status and follow-ups, from an imported register (models/national.py)
    NATIONAL_UPDATE = "national_update"


class SystemEventKind(StrEnum):
    """Changes that do not come from a desktop client."""

    SUBMITTED = "submitted"  # a citizen submitted through an online channel
    REPORTER_RESPONSE = "reporter_response"
    AUTO_CLOSE = "auto_close"


#: Transitions that change who holds a complaint or where it is in its life. Two of them made
#: offline on the same complaint conflict; the later one is shown to a person.
EXCLUSIVE_ACTIONS = frozenset(
    {
        ActionKind.FORWARD,
        ActionKind.HANDLE,
        ActionKind.POSTPONE,
        ActionKind.NOT_OUR_AUTHORITY,
        ActionKind.ARCHIVE,
        ActionKind.REROUTE,
        ActionKind.CLOSE,
        ActionKind.REOPEN,
    }
)


class Outcome(StrEnum):
    APPLIED = "applied"
    REJECTED = "rejected"
    CONFLICT = "conflict"


class RejectReason(StrEnum):
    """Why the server refused an action. The UI explains each code to a person."""

    NOT_FOUND = "not_found"
    OUT_OF_SCOPE = "out_of_scope"
    ROLE_NOT_ALLOWED = "role_not_allowed"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_PAYLOAD = "invalid_payload"
    REASON_REQUIRED = "reason_required"
    UNKNOWN_TARGET = "unknown_target"
    TARGET_NOT_ALLOWED = "target_not_allowed"
    ATTACHMENT_MISSING = "attachment_missing"
    DUPLICATE_OF_ITSELF = "duplicate_of_itself"
    ALREADY_EXISTS = "already_exists"
    UNKNOWN_ACTION = "unknown_action"
