"""Validation of a complaint typed in by an admin (counter, letter, phone, register import).

``validate_new_complaint(raw)`` returns a normalised :class:`NewComplaint` or raises
:class:`IntakeError` listing every bad field with a code (never a sentence: the UI words it).
The server validates ``record_complaint`` payloads with the same function
(``models/validation.py::check_record``). Text is cleaned first (``models/text.py``: controls,
NUL among them, removed; bidirectional overrides removed from the title, names and places), and
every length is within the server's column for it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from lapor_desk.models.calendar import UTC, WIT
from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import Channel, ComplaintType
from lapor_desk.models.text import clean_line, clean_text

TITLE_MAX = 200
BODY_MAX = 20000
NAME_MAX = 120
PLACE_MAX = 120
#: How far ahead of the checking side's clock a client-supplied time may be (a PC clock a little
#: fast). Both sides check with it: the desktop against its estimate of the server's clock
#: (sync/clock.py), the server against its own. A time within it, but later than ``now``, is
#: taken as ``now``: nothing is recorded as received in the future.
CLOCK_SKEW_TOLERANCE = timedelta(minutes=5)

_NIK = re.compile(r"^\d{16}$")
_PHONE = re.compile(r"^\+?\d{8,15}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
#: Each limit is within the server's column (tests/server/test_validation_limits.py); lengths
#: count the text as cleaned (models/text.py).
EMAIL_MAX = 255
TAG_MAX = 50
TAGS_MAX = 20
#: A letter's number as the sender wrote it (``045/123/DPRD/XII/2026``).
LETTER_NUMBER_MAX = 100
#: Nothing in LAPOR! is older: an earlier received time is a typing mistake (and near year 1 a
#: time zone's offset runs past what a datetime holds).
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # required, too_long, too_short, invalid, unknown, future


class IntakeError(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Reporter:
    name: str | None = None
    nik: str | None = None
    phone: str | None = None
    email: str | None = None

    @property
    def contact(self) -> str | None:
        return self.phone or self.email


@dataclass(frozen=True)
class NewComplaint:
    complaint_type: ComplaintType
    misconduct: bool
    title: str
    body: str
    incident_date: date | None
    province: str
    regency: str
    district: str
    village: str
    category: str
    subcategory: str | None
    channel: Channel
    anonymous: bool
    confidential: bool
    received_at: datetime
    reporter: Reporter = field(default_factory=Reporter)
    tags: tuple[str, ...] = ()
    #: A complaint that came by letter: the letter's number and date, as written on it.
    letter_number: str | None = None
    letter_date: date | None = None
    #: A national record imported: its SP4N-LAPOR! tracking number (one complaint per number).
    national_tracking_number: int | None = None

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["complaint_type"] = str(self.complaint_type)
        data["channel"] = str(self.channel)
        data["incident_date"] = self.incident_date.isoformat() if self.incident_date else None
        # Sent only when there is a letter: a payload without them is as it always was.
        for name in ("letter_number", "letter_date", "national_tracking_number"):
            if data[name] is None:
                del data[name]
        if self.letter_date is not None:
            data["letter_date"] = self.letter_date.isoformat()
        data["received_at"] = self.received_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
        data["tags"] = list(self.tags)
        return data


#: The largest SP4N-LAPOR! tracking number taken (real ones have 7 digits).
NATIONAL_NUMBER_MAX = 10**12 - 1


#: A whole number in groups of three digits ("7.312.345", "7,312,345").
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")


def national_number_in(value: Any) -> int | None:
    """SP4N-LAPOR!'s tracking number in ``value``: a whole number, written with or without
    ``#``, spaces or thousands separators, or a spreadsheet's number; None when it is none."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = clean_line(value).lstrip("#").replace(" ", "")
        if _GROUPED.fullmatch(text):  # "7.312.345", as an Indonesian spreadsheet shows it
            text = text.replace(".", "").replace(",", "")
        value = int(text) if text.isascii() and text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, int) or \
            not 0 < value <= NATIONAL_NUMBER_MAX:
        return None
    return value


def _national_number(value: Any, errors: list[FieldError]) -> int | None:
    if value is None or value == "":
        return None
    number = national_number_in(value)
    if number is None:
        errors.append(FieldError("national_tracking_number", "invalid"))
    return number


_TRUE = {"1", "true", "ya", "y", "yes"}
_FALSE = {"0", "false", "tidak", "t", "no", "n", ""}


def _flag(value: Any, name: str, errors: list[FieldError]) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = clean_line(str(value)).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    errors.append(FieldError(name, "invalid"))
    return False


def _str(raw: dict[str, Any], name: str, errors: list[FieldError], *, required: bool,
         limit: int, minimum: int = 0, long: bool = False) -> str:
    value = raw.get(name)
    text = "" if value is None else (clean_text if long else clean_line)(str(value))
    if not text:
        if required:
            errors.append(FieldError(name, "required"))
        return ""
    if len(text) > limit:
        errors.append(FieldError(name, "too_long"))
    elif len(text) < minimum:
        errors.append(FieldError(name, "too_short"))
    return text


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_line(str(value))
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def latest_today(now: datetime) -> date:
    """The last calendar date that is not in the future at ``now``: today where Indonesia's day
    begins first (WIT), with the clock skew allowed. A walk-in's "today" in WIB, WITA or WIT is
    never after it, whatever the hour (at 01:00 WIB it is already that date in WIT, while UTC is
    still on the day before)."""
    return (now + CLOCK_SKEW_TOLERANCE).astimezone(WIT).date()


def _parse_datetime(value: Any, zone: tzinfo) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        text = clean_line(str(value)).replace("Z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = datetime.combine(_parse_date(text), datetime.min.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment.year < EARLIEST_YEAR:
        raise ValueError(str(value))
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is past the last moment a datetime holds
        raise ValueError(str(value)) from None


def _day(raw: dict[str, Any], name: str, now: datetime,
         errors: list[FieldError]) -> date | None:
    """An optional calendar date (the incident's, a letter's): not in the future, not before
    2000."""
    if raw.get(name) in (None, ""):
        return None
    try:
        day = _parse_date(raw[name])
    except ValueError:
        errors.append(FieldError(name, "invalid"))
        return None
    if day > latest_today(now):
        errors.append(FieldError(name, "future"))
    elif day.year < EARLIEST_YEAR:
        errors.append(FieldError(name, "invalid"))
    return day


def _enum(enum: Any, value: Any, name: str, errors: list[FieldError]) -> Any:
    text = "" if value is None else clean_line(str(value)).casefold().replace(" ", "_")
    if not text:
        errors.append(FieldError(name, "required"))
        return None
    try:
        return enum(text)
    except ValueError:
        errors.append(FieldError(name, "invalid"))
        return None


def validate_new_complaint(raw: dict[str, Any], now: datetime | None = None,
                           local_zone: tzinfo = UTC) -> NewComplaint:
    """``local_zone``: the zone of a ``received_at`` written without one (a register kept in
    the office's time); on the wire every time carries its zone (``Z``)."""
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    ctype = _enum(ComplaintType, raw.get("complaint_type"), "complaint_type", errors)
    channel = _enum(Channel, raw.get("channel"), "channel", errors)
    misconduct = _flag(raw.get("misconduct"), "misconduct", errors)
    if misconduct and ctype not in (None, ComplaintType.PENGADUAN):
        errors.append(FieldError("misconduct", "invalid"))
    title = _str(raw, "title", errors, required=True, limit=TITLE_MAX, minimum=5)
    body = _str(raw, "body", errors, required=True, limit=BODY_MAX, minimum=10, long=True)
    province = _str(raw, "province", errors, required=True, limit=PLACE_MAX)
    regency = _str(raw, "regency", errors, required=True, limit=PLACE_MAX)
    district = _str(raw, "district", errors, required=False, limit=PLACE_MAX)
    village = _str(raw, "village", errors, required=False, limit=PLACE_MAX)

    incident = _day(raw, "incident_date", now, errors)

    letter_number = _str(raw, "letter_number", errors, required=False, limit=LETTER_NUMBER_MAX)
    letter_date = _day(raw, "letter_date", now, errors)

    received = now
    if raw.get("received_at") not in (None, ""):
        try:
            received = _parse_datetime(raw["received_at"], local_zone)
        except ValueError:
            errors.append(FieldError("received_at", "invalid"))
        else:
            if received > now + CLOCK_SKEW_TOLERANCE:
                errors.append(FieldError("received_at", "future"))
            received = min(received, now)

    tax = taxonomy()
    category_text = clean_line(str(raw.get("category") or ""))
    subcategory_text = clean_line(str(raw.get("subcategory") or ""))
    category = tax.category(category_text)
    subcategory: str | None = None
    if not category_text:
        errors.append(FieldError("category", "required"))
    elif category is None:
        errors.append(FieldError("category", "unknown"))
    elif subcategory_text:
        subcategory = tax.subcategory(category, subcategory_text)
        if subcategory is None:
            errors.append(FieldError("subcategory", "unknown"))

    anonymous = _flag(raw.get("anonymous"), "anonymous", errors)
    confidential = _flag(raw.get("confidential"), "confidential", errors)
    rep = raw.get("reporter") or {}
    if not isinstance(rep, dict):
        errors.append(FieldError("reporter", "invalid"))
        rep = {}
    name = _str(rep, "name", errors, required=not anonymous, limit=NAME_MAX)
    nik = clean_line(str(rep.get("nik") or ""))
    phone = re.sub(r"[\s\-()]", "", clean_line(str(rep.get("phone") or "")))
    email = clean_line(str(rep.get("email") or ""))
    if nik and not _NIK.fullmatch(nik):
        errors.append(FieldError("reporter.nik", "invalid"))
    if phone and not _PHONE.fullmatch(phone):
        errors.append(FieldError("reporter.phone", "invalid"))
    if len(email) > EMAIL_MAX:
        errors.append(FieldError("reporter.email", "too_long"))
    elif email and not _EMAIL.fullmatch(email):
        errors.append(FieldError("reporter.email", "invalid"))
    for e in errors:
        if e.field == "name":
            errors[errors.index(e)] = FieldError("reporter.name", e.code)

    raw_tags = raw.get("tags") or []
    if isinstance(raw_tags, str):
        raw_tags = [t for t in raw_tags.split(",")]
    if not isinstance(raw_tags, list) or len(raw_tags) > TAGS_MAX:
        errors.append(FieldError("tags", "invalid"))
        raw_tags = []
    tags = tuple(sorted({tag for tag in (clean_line(clean_line(str(t))[:TAG_MAX])
                                         for t in raw_tags) if tag}))

    national = _national_number(raw.get("national_tracking_number"), errors)

    if errors:
        raise IntakeError(errors)
    assert ctype is not None and channel is not None and category is not None
    return NewComplaint(
        national_tracking_number=national,
        complaint_type=ctype,
        misconduct=misconduct,
        title=title,
        body=body,
        incident_date=incident,
        province=province,
        regency=regency,
        district=district,
        village=village,
        category=category,
        subcategory=subcategory,
        channel=channel,
        anonymous=anonymous,
        confidential=confidential,
        received_at=received,
        reporter=Reporter(name or None, nik or None, phone or None, email or None),
        tags=tags,
        letter_number=letter_number or None,
        letter_date=letter_date,
    )
