"""What the desktop accepts, the server accepts — and stores the same text (Hypothesis).

Generated input (arbitrary unicode with NUL, other controls, bidirectional overrides and unpaired
surrogates; strings at and past every limit; odd dates; every action kind and every field of a
recorded complaint) goes through the desktop's own path: ``Outbox.record_complaint`` /
``Outbox.submit`` on a cache signed in to the REAL server, then ``SyncEngine.push`` over loopback
HTTP to that server, on SQLite and on PostgreSQL (the strict one: it refuses NUL, enforces
``VARCHAR(n)``).

- Whatever the desktop queued is applied by the server, and the server stores exactly the text the
  desktop shows (titles, bodies, names, notes, reasons, file names).
- The converse: whatever the desktop refuses, the server refuses too, for the same reason (the
  raw input pushed over HTTP as another client would), so a refusal is never the desktop's alone.

Bounded and deterministic: ``derandomize`` with a fixed number of examples and no example
database, so CI runs the same inputs every time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from lapor_desk.models.cache.schema import Agency, OutboxEntry, SyncState
from lapor_desk.models.cache.schema import Attachment as LocalAttachment
from lapor_desk.models.cache.schema import Complaint as LocalComplaint
from lapor_desk.models.cache.schema import Disposition as LocalDisposition
from lapor_desk.models.cache.schema import Event as LocalEvent
from lapor_desk.models.cache.schema import FollowUp as LocalFollowUp
from lapor_desk.models.categories import taxonomy
from lapor_desk.models.enums import ActionKind, ArchiveReason, Channel, ComplaintType
from lapor_desk.models.intake import TITLE_MAX, IntakeError
from lapor_desk.models.text import BIDI_CONTROLS
from lapor_desk.models.validation import TEXT_MAX, is_record_id
from lapor_desk.server import db
from lapor_desk.sync.errors import ActionRefused
from lapor_desk.sync.outbox_entries import new_id
from tests.server.client import Api
from tests.support.live_server import LiveServer
from tests.sync.live_desk import open_desk
from tests.sync.test_live_sync import Desk

pytestmark = pytest.mark.timeout(300)

#: Examples per backend; each is one to four pushes to the real server (0.1-0.5 s). Not shrunk:
#: shrinking against a live server would outlast the test's timeout; a failure shows the example
#: as drawn. ``LAPOR_VALIDATION_EXAMPLES`` asks for a longer, randomised search.
_SEARCH = int(os.environ.get("LAPOR_VALIDATION_EXAMPLES", "0"))
SETTINGS: dict[str, Any] = {
    "deadline": None, "derandomize": not _SEARCH, "database": None,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.data_too_large]}
RECORDS = settings(max_examples=_SEARCH or 40, **SETTINGS)
EVERY_KIND = settings(max_examples=_SEARCH or 60, **SETTINGS)

# --- generated values ---------------------------------------------------------------------------

FRESH = "<fresh id>"      # a new valid id, made when the example runs (ids must be unique)
UNIT, AGENCY = "<a unit in scope>", "<another agency>"
THE_FILE = "<the uploaded file>"

SPECIAL = st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f",
                           "\t", "\r\n", "\u2028", "\ud800", "\udc00", "\ud83d\ude00", "\ufeff",
                           "\u200e", *sorted(BIDI_CONTROLS)])
ANY = st.text(st.characters(codec=None), max_size=30)   # every code point, surrogates included
WORDS = st.from_regex(r"\A[A-Za-z][A-Za-z ]{4,29}\Z")
VALUE = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**40), ANY)
Field = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]   # (usable, broken)


def noisy(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A usable value with invisible characters scattered through it."""
    stray = st.one_of(st.just(""), SPECIAL)
    return st.lists(st.tuples(stray, base), min_size=1, max_size=3).map(
        lambda parts: "".join(a + b for a, b in parts))


def text(limit: int, base: st.SearchStrategy[str] = WORDS, *, required: bool = True) -> Field:
    """Usable: words with noise, or exactly ``limit`` characters once cleaned. Broken: past the
    limit, empty once cleaned (when required), not text, or anything at all."""
    usable = st.one_of(noisy(base), noisy(base), st.sampled_from(
        ["\x00" + "x" * limit + "\u202a\x00", " \x01" + "y" * limit]))
    broken = [st.just("x" * (limit + 1)), st.integers(), ANY]
    if required:
        broken.append(st.sampled_from(["", " \x00 ", "\u202e\x01"]))
    return usable, st.one_of(*broken)


def pick(usable: st.SearchStrategy[Any], broken: st.SearchStrategy[Any]) -> Field:
    return usable, broken


def record(fields: dict[str, Field], optional: dict[str, Field] | None = None,
           ) -> st.SearchStrategy[dict[str, Any]]:
    """A dict whose fields are usable (in about half of the examples), or all but one."""
    optional = optional or {}
    names = [None] * (len(fields) + len(optional)) + [*fields, *optional]

    def build(broken: str | None) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries(
            {k: (bad if k == broken else good) for k, (good, bad) in fields.items()},
            optional={k: (bad if k == broken else good) for k, (good, bad) in optional.items()})

    return st.sampled_from(names).flatmap(build)


ID = pick(st.just(FRESH), st.one_of(VALUE, st.just("x" * 37), st.just("abc\x00defgh"),
                                    st.just("\x00" + FRESH)))
ATTACHMENT = record({
    "id": ID, "sha256": pick(st.just(THE_FILE), VALUE), "size": pick(st.just(THE_FILE), VALUE),
    "mime_type": pick(st.sampled_from(["image/jpeg", "image/jpeg\x00", "application/pdf"]),
                      st.one_of(st.just("a/" + "b" * 99), st.integers())),
    "filename": text(255, st.from_regex(r"\A[a-z]{1,12}\.(jpg|pdf)\Z")),
})
ATTACHMENTS = pick(st.lists(ATTACHMENT, max_size=2), VALUE)
NOTE = text(TEXT_MAX, required=False)
REQUIRED = text(TEXT_MAX)
REASONS = [str(r) for r in ArchiveReason]
SPECS: dict[ActionKind, dict[str, Field]] = {
    ActionKind.FORWARD: {"to_id": pick(st.just(UNIT), st.one_of(VALUE, st.just(AGENCY))),
                         "note": NOTE, "disposition_id": ID},
    ActionKind.REROUTE: {"to_id": pick(st.just(AGENCY), st.one_of(VALUE, st.just(UNIT))),
                         "note": NOTE, "disposition_id": ID},
    ActionKind.HANDLE: {"note": NOTE, "disposition_id": ID},
    ActionKind.POSTPONE: {"reason": REQUIRED},
    ActionKind.NOT_OUR_AUTHORITY: {"reason": REQUIRED, "disposition_id": ID},
    ActionKind.ARCHIVE: {"reason_code": pick(st.sampled_from(REASONS[:-1]), VALUE),
                         "note": NOTE},
    ActionKind.FOLLOW_UP: {"follow_up_id": ID, "body": REQUIRED, "attachments": ATTACHMENTS},
    ActionKind.INTERNAL_NOTE: {"follow_up_id": ID, "body": REQUIRED, "attachments": ATTACHMENTS},
    ActionKind.CLOSE: {"note": NOTE},
    ActionKind.LINK_DUPLICATE: {"other_id": ID},
    ActionKind.UNLINK_DUPLICATE: {"other_id": ID},
}
ACTIONS = st.sampled_from(sorted(SPECS)).flatmap(
    lambda kind: st.tuples(st.just(kind), record(SPECS[kind], {"unknown": pick(VALUE, VALUE)})))

_TAX = taxonomy()
PAST = st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))
DATE = pick(st.one_of(PAST.map(lambda d: d.isoformat()), PAST.map(lambda d: d.strftime("%d/%m/%Y")),
                      PAST.map(lambda d: f"\x00{d.isoformat()}T08:30:00+07:00")),
            st.one_of(st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
                      st.sampled_from(["2025-13-01", "31/02/2025", "0001-01-01T00:00:00+01:00",
                                       "1999-12-31", "9999-12-31T23:59:59-01:00", "kemarin"]),
                      ANY))
FLAG = pick(st.sampled_from([True, False, "ya", "tidak", "Y", " no\x00"]),
            st.sampled_from(["mungkin", 2, 0.5, "\u202e"]))
CATEGORY = st.sampled_from(sorted(_TAX.tree)).flatmap(lambda c: st.tuples(
    st.just(c), st.one_of(st.none(), st.sampled_from(_TAX.tree[c] or [""]))))
COMPLAINT = record({
    "title": text(TITLE_MAX, WORDS.map(lambda w: "Jalan " + w)),
    "body": text(TEXT_MAX, WORDS.map(lambda w: "Kronologi: " + w)),
    "province": text(120), "regency": text(120),
    "category": pick(CATEGORY, st.tuples(ANY, st.none())),
    "channel": pick(st.sampled_from([str(c) for c in Channel] + ["Tatap Muka", "\x00surat"]),
                    ANY),
    "complaint_type": pick(st.sampled_from([str(t) for t in ComplaintType]), ANY),
    "anonymous": FLAG,
    "reporter": pick(record({"name": text(120)}, {
        "nik": pick(st.from_regex(r"\A[0-9]{16}\Z"), ANY),
        "phone": pick(st.from_regex(r"\A08[0-9]{8,11}\Z"), ANY),
        "email": pick(st.emails(), st.one_of(st.just("a@" + "b" * 260 + ".id"), ANY)),
    }), VALUE),
}, {
    "district": text(120), "village": text(120), "misconduct": FLAG, "confidential": FLAG,
    "incident_date": DATE, "received_at": DATE,
    "tags": pick(st.lists(text(50)[0], max_size=4), st.one_of(st.lists(ANY, min_size=21,
                                                                       max_size=21), VALUE)),
}).map(lambda raw: {**raw, "category": raw["category"][0], "subcategory": raw["category"][1]})
BASE_COMPLAINT = {"complaint_type": "pengaduan", "channel": "walk_in",
                  "title": "Lampu jalan mati di depan sekolah",
                  "body": "Lampu jalan mati sejak seminggu, jalan gelap dan rawan.",
                  "province": "Sulawesi Tenggara", "regency": "Kota Kendari",
                  "category": "Pekerjaan Umum dan Penataan Ruang", "anonymous": True}


# --- the desk and the server --------------------------------------------------------------------

@dataclass
class World:
    desk: Desk
    server: LiveServer
    raw: Api                    # the same user as another client: the converse pushes
    unit_id: int
    agency_id: int
    file_sha: str
    file_size: int


@pytest.fixture
def world(live_server: LiveServer, tmp_path: Path, password: str) -> Iterator[World]:
    desk = open_desk(live_server, tmp_path / "desk", "admin.kendari", password)
    try:
        with desk.cache.engine.connect() as connection:
            root = connection.execute(select(SyncState.scope_root_id)).scalar_one()
            agencies = list(connection.execute(select(Agency)))
        unit = next(a.id for a in agencies if a.level == "unit" and a.parent_id == root)
        other = next(a.id for a in agencies if a.level == "agency" and a.id != root)
        photo = tmp_path / "foto.jpg"
        photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
        attached = desk.outbox.add_file(photo)
        raw = Api(live_server.url + "/api/v1", token=desk.transport.token)
        raw.upload(photo.read_bytes())
        yield World(desk, live_server, raw, unit, other, attached.sha256, attached.size)
    finally:
        desk.close()


def _materialise(value: Any, w: World, key: str = "") -> Any:
    """The example's sentinels made real: fresh ids, the targets, the uploaded file."""
    if isinstance(value, dict):
        return {k: _materialise(v, w, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialise(v, w) for v in value]
    real = {FRESH: new_id(), UNIT: w.unit_id, AGENCY: w.agency_id,
            THE_FILE: w.file_sha if key == "sha256" else w.file_size}
    if isinstance(value, str) and value in real:
        return real[value]
    if isinstance(value, str) and is_record_id(value):
        return new_id()  # a well-formed id from the generator could repeat across examples
    return value


def _push_all_applied(w: World) -> None:
    """Push what is queued: every answer must be ``applied``."""
    w.desk.engine.push()
    with w.desk.cache.engine.connect() as connection:
        answers = {e.mutation_id: (e.kind, e.state, e.reason, e.detail) for e in connection.execute(
            select(OutboxEntry).where(OutboxEntry.state != "applied"))}
    # an example that failed leaves its rejection behind: later examples discard it first
    with w.desk.cache.writer.begin() as connection:
        connection.execute(delete(OutboxEntry).where(OutboxEntry.state != "applied"))
    assert not answers, answers


def _json(payload: Any) -> bytes | None:
    """The payload as another client would send it, if JSON can carry it at all (an unpaired
    surrogate or an integer past 64 bits cannot be encoded)."""
    try:
        return orjson.dumps(payload)
    except TypeError:
        return None


def _server(w: World, model: Any, **where: Any) -> list[Any]:
    with w.server.engine.connect() as connection:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return list(connection.execute(query))


def _local(w: World, model: Any, **where: Any) -> list[Any]:
    with w.desk.cache.engine.connect() as connection:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return list(connection.execute(query))


def _raw_push(w: World, kind: str, complaint_id: str, payload: Any) -> dict[str, Any] | None:
    body = _json(payload)
    if body is None:
        return None
    action = w.raw.action(kind, complaint_id, None)
    action["payload"] = orjson.loads(body)
    return w.raw.push(action)[0]


# --- recorded complaints ------------------------------------------------------------------------

@RECORDS
@given(raw=COMPLAINT)
def test_a_complaint_the_desktop_records_is_stored_as_the_desktop_shows_it(
        world: World, raw: dict[str, Any]) -> None:
    w = world
    try:
        receipt = w.desk.outbox.record_complaint(raw)
    except IntakeError as refused:
        event("refused")
        answer = _raw_push(w, "record_complaint", new_id(), {"complaint": raw})
        if answer is not None:  # the converse: the server refuses it for the same fields
            assert (answer["outcome"], answer["reason"]) == ("rejected", "invalid_payload")
            assert answer["detail"] == str(refused)
        return
    event("accepted")
    _push_all_applied(w)
    [here] = _local(w, LocalComplaint, id=receipt.complaint_id)
    [there] = _server(w, db.Complaint, id=receipt.complaint_id)
    for column in ("title", "body", "province", "regency", "district", "village", "category",
                   "subcategory", "channel", "complaint_type"):
        assert (getattr(here, column) or "") == (getattr(there, column) or ""), column
    assert orjson.loads(here.tags) == there.tags
    if there.reporter_id is not None and not there.anonymous:
        [reporter] = _server(w, db.Reporter, id=there.reporter_id)
        assert here.reporter_name == reporter.name


# --- every other action kind --------------------------------------------------------------------

def _fresh_complaint(w: World, kind: ActionKind) -> str:
    """A complaint of ours in a status where ``kind`` is allowed, on both sides."""
    complaint_id = w.desk.outbox.record_complaint(BASE_COMPLAINT).complaint_id
    if kind in (ActionKind.FOLLOW_UP, ActionKind.CLOSE):
        w.desk.outbox.forward(complaint_id, w.unit_id, "mohon ditindaklanjuti")
    if kind == ActionKind.CLOSE:
        w.desk.outbox.follow_up(complaint_id, "Lampu sudah diganti.")
    return complaint_id


def _same_records(w: World, complaint_id: str, mutation_id: int) -> None:
    """What the action wrote is the same text on both sides."""
    [entry] = _local(w, OutboxEntry, mutation_id=mutation_id)
    payload = orjson.loads(entry.payload)
    if payload.get("disposition_id"):
        [here] = _local(w, LocalDisposition, id=payload["disposition_id"])
        [there] = _server(w, db.Disposition, id=payload["disposition_id"])
        assert (here.note or "") == there.note
    if payload.get("follow_up_id"):
        [here] = _local(w, LocalFollowUp, id=payload["follow_up_id"])
        [there] = _server(w, db.FollowUp, id=payload["follow_up_id"])
        assert here.body == there.body
        for ref in payload["attachments"]:
            [mine] = _local(w, LocalAttachment, id=ref["id"])
            [theirs] = _server(w, db.Attachment, id=ref["id"])
            assert (mine.filename, mine.mime_type) == (theirs.filename, theirs.mime_type)
    [event] = _local(w, LocalEvent, local_mutation_id=mutation_id)
    stored = [e.detail for e in _server(w, db.ComplaintEvent, complaint_id=complaint_id,
                                        mutation_id=mutation_id)]
    assert stored == [orjson.loads(event.detail)]


#: Every kind at least once, usable, with what real text carries along (on top of the drawn ones).
DIRTY, OVERRIDE = "ca\x00tatan\x0b dari \u202eloket\u202c\x7f", "\u2066foto\u202egpj.exe\u2069"
EVERY_KIND_ONCE = [
    (ActionKind.FORWARD, {"to_id": UNIT, "note": DIRTY, "disposition_id": FRESH}),
    (ActionKind.REROUTE, {"to_id": AGENCY, "note": DIRTY, "disposition_id": FRESH}),
    (ActionKind.HANDLE, {"note": DIRTY, "disposition_id": FRESH}),
    (ActionKind.POSTPONE, {"reason": DIRTY}),
    (ActionKind.NOT_OUR_AUTHORITY, {"reason": DIRTY, "disposition_id": FRESH}),
    (ActionKind.ARCHIVE, {"reason_code": "other", "note": DIRTY}),
    (ActionKind.FOLLOW_UP, {"follow_up_id": FRESH, "body": DIRTY, "attachments": [
        {"id": FRESH, "sha256": THE_FILE, "size": THE_FILE, "mime_type": "image/jpeg\x00",
         "filename": OVERRIDE}]}),
    (ActionKind.INTERNAL_NOTE, {"follow_up_id": FRESH, "body": DIRTY, "attachments": []}),
    (ActionKind.CLOSE, {"note": DIRTY}),
    (ActionKind.LINK_DUPLICATE, {"other_id": FRESH}),
    (ActionKind.UNLINK_DUPLICATE, {"other_id": FRESH}),
]


def _every_kind_once(test: Any) -> Any:
    for action in EVERY_KIND_ONCE:
        test = example(action=action)(test)
    return test


@EVERY_KIND
@_every_kind_once
@given(action=ACTIONS)
def test_an_action_the_desktop_queues_is_applied_as_the_desktop_shows_it(
        world: World, action: tuple[ActionKind, dict[str, Any]]) -> None:
    w = world
    kind, drawn = action
    complaint_id = _fresh_complaint(w, kind)
    payload = _materialise(drawn, w)
    try:
        receipt = w.desk.outbox.submit(kind, complaint_id, payload)
    except ActionRefused as refused:
        event(f"{kind} refused: {refused.reason}")
        _push_all_applied(w)  # the complaint and its steps so far
        answer = _raw_push(w, str(kind), complaint_id, payload)
        if answer is not None:  # the converse: the server refuses it for the same reason
            assert (answer["outcome"], answer["reason"], answer["detail"] or "") == (
                "rejected", refused.reason, refused.detail), payload
        return
    event(f"{kind} accepted")
    _push_all_applied(w)
    _same_records(w, complaint_id, receipt.mutation_id)


# --- examples the issue names -------------------------------------------------------------------

def test_a_file_name_with_an_override_arrives_cleaned_on_both_sides(world: World,
                                                                     tmp_path: Path) -> None:
    w = world
    photo = tmp_path / "foto\u202egpj.exe"
    photo.write_bytes(b"MZ" + b"\x00" * 300)
    attached = w.desk.outbox.add_file(photo)
    assert attached.filename == "fotogpj.exe"
    complaint_id = _fresh_complaint(w, ActionKind.INTERNAL_NOTE)
    payload = {"follow_up_id": new_id(), "body": "foto terlampir",
               "attachments": [{**attached.as_payload(), "filename": "foto\u202egpj.exe",
                                "id": new_id()}]}
    receipt = w.desk.outbox.submit(ActionKind.INTERNAL_NOTE, complaint_id, payload)
    _push_all_applied(w)
    [queued] = _local(w, OutboxEntry, mutation_id=receipt.mutation_id)
    assert orjson.loads(queued.payload)["attachments"][0]["filename"] == "fotogpj.exe"
    names = {a.filename for a in _local(w, LocalAttachment, complaint_id=complaint_id)}
    assert names == {"fotogpj.exe"}
    assert {a.filename for a in _server(w, db.Attachment, complaint_id=complaint_id)} == names


def test_a_title_and_name_with_an_override_are_stored_without_it(world: World) -> None:
    w = world
    receipt = w.desk.outbox.record_complaint({
        **BASE_COMPLAINT, "anonymous": False, "title": "Pungli \u202eFDP.ada\u202c loket KTP",
        "reporter": {"name": "Budi \u202eotnaS\u202c"}})
    _push_all_applied(w)
    [here] = _local(w, LocalComplaint, id=receipt.complaint_id)
    [there] = _server(w, db.Complaint, id=receipt.complaint_id)
    assert here.title == there.title == "Pungli FDP.ada loket KTP"
    [reporter] = _server(w, db.Reporter, id=there.reporter_id)
    assert here.reporter_name == reporter.name == "Budi otnaS"
