"""The exercises of a bimtek, each trainee's progress, the per-trainee reset, the staged conflict.

Four exercises, each on complaints in the trainee's own practice pemda (``world.py``):

1. ``verify_forward`` — a new complaint tagged ``latihan-1-verifikasi``: verify it and forward it
   to the right OPD. Done when the trainee forwarded it.
2. ``reply_template`` — a complaint tagged ``latihan-2-balas``, already forwarded to the pemda's
   Dinas PUPR: reply to the reporter starting from a reply template. Done when the trainee's
   reply keeps a sentence of one of the templates (``lapor_desk/data/reply-templates.json``).
3. ``walk_in`` — record a citizen who came to the counter. Done when the trainee recorded a
   complaint through the walk-in channel (tatap muka).
4. ``conflict`` — a new complaint tagged ``latihan-4-konflik``: forward it to Dinas PUPR. The
   moment the trainee's forward reaches the server a colleague has just forwarded it elsewhere
   (:class:`TrainingHook`), so the forward comes back refused as a conflict, as it does when two
   admins act on one report; the trainee repairs it (sends the forward again on the complaint as
   it now stands). Done when an action of the trainee on it was applied after the colleague's.

Progress is read from what the database holds (events, replies, recorded complaints): nothing
is recorded for the exercises themselves, so it cannot disagree with what the trainee sees.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.models import lifecycle
from lapor_desk.models.agencies import Actor, DictDirectory
from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import (
    EXCLUSIVE_ACTIONS,
    ActionKind,
    Channel,
    FollowUpKind,
    Role,
    Status,
)
from lapor_desk.models.ids import uuid7
from lapor_desk.models.lifecycle import Transition
from lapor_desk.server.db import Agency, Complaint, ComplaintEvent, FollowUp, User
from lapor_desk.server.services import complaints, records
from lapor_desk.server.services.errors import NotFoundError, ServiceError

EXERCISES = ("verify_forward", "reply_template", "walk_in", "conflict")
TAG_VERIFY = "latihan-1-verifikasi"
TAG_REPLY = "latihan-2-balas"
TAG_CONFLICT = "latihan-4-konflik"
COLLEAGUE_PREFIX = "rekan."
#: Where the colleague forwards the conflict exercise's complaint (the trainee is asked for PUPR).
COLLEAGUE_TARGET = "DINKES"
REPLY_UNIT = "PUPR"

_PLACE = {"province": "Sulawesi Tenggara", "regency": "Kota Kendari", "district": "Kadia",
          "village": "Bende"}
_COMPLAINTS: dict[str, dict[str, Any]] = {
    TAG_VERIFY: {
        "complaint_type": "pengaduan", "channel": "web",
        "title": "[Latihan 1] Jalan berlubang di depan SD Negeri 5 Bende",
        "body": "Jalan di depan SD Negeri 5 Bende berlubang sedalam kurang lebih 30 cm sejak "
                "tiga bulan lalu. Setiap pagi anak sekolah harus turun ke bahu jalan. Mohon "
                "segera diperbaiki.",
        "category": "PEKERJAAN UMUM DAN PENATAAN RUANG", "subcategory": "JALAN BERLUBANG",
        "reporter": {"name": "Sitti Rahmawati", "phone": "081234567801"},
    },
    TAG_REPLY: {
        "complaint_type": "pengaduan", "channel": "whatsapp",
        "title": "[Latihan 2] Lampu jalan padam di Jalan Bunggasi",
        "body": "Lampu penerangan jalan di Jalan Bunggasi padam sudah dua minggu. Malam hari "
                "jalan gelap dan warga khawatir terjadi kecelakaan dan pencurian.",
        "category": "PEKERJAAN UMUM DAN PENATAAN RUANG", "subcategory": None,
        "reporter": {"name": "La Ode Hasrul", "phone": "085298765402"},
    },
    TAG_CONFLICT: {
        "complaint_type": "pengaduan", "channel": "sms",
        "title": "[Latihan 4] Saluran air tersumbat di Lorong Mekar",
        "body": "Saluran air di Lorong Mekar tersumbat sampah dan lumpur. Setiap hujan air "
                "meluap ke rumah warga. Mohon dibersihkan sebelum musim hujan.",
        "category": "PEKERJAAN UMUM DAN PENATAAN RUANG", "subcategory": None,
        "reporter": {"name": "Wa Ode Nurhaliza", "phone": "082187654303"},
    },
}


@dataclass(frozen=True)
class TraineeProgress:
    username: str
    display_name: str
    done: dict[str, bool]

    def as_dict(self) -> dict[str, Any]:
        return {"username": self.username, "display_name": self.display_name,
                "done": dict(self.done)}


def _unit(session: Session, agency_id: int, suffix: str) -> Agency:
    agency = session.get_one(Agency, agency_id)
    return session.scalars(select(Agency).where(Agency.code == f"{agency.code}.{suffix}")).one()


def _actor(user: User, agency_id: int) -> Actor:
    return Actor(user.id, Role(user.role), user.unit_id, agency_id, user.display_name)


def _act(session: Session, complaint_id: str, kind: ActionKind, payload: dict[str, Any],
         actor: Actor, directory: DictDirectory, config: DomainConfig, now: datetime) -> None:
    row = records.lock_complaint_row(session, complaint_id)
    assert row is not None
    decision = lifecycle.decide(records.state_of(row), kind, payload, actor, directory, config,
                                now)
    if not isinstance(decision, Transition):  # the exercises are made to be allowed
        raise ServiceError(f"training step {kind} refused: {decision}")
    records.write_transition(session, row, decision, directory=directory, now=now)


def create_exercises(session: Session, trainee_id: int, agency_id: int,
                     directory: DictDirectory, config: DomainConfig, now: datetime) -> None:
    """The exercise complaints of one trainee, in their practice pemda."""
    trainee = session.get_one(User, trainee_id)
    colleague = _colleague(session, trainee)
    for tag, fields in _COMPLAINTS.items():
        raw = {**fields, **_PLACE, "tags": [tag, "latihan"], "received_at": now.isoformat()}
        complaint = complaints.submit_complaint(session, raw, agency_id, directory=directory,
                                                config=config, now=now)
        if tag == TAG_REPLY:
            _act(session, complaint.id, ActionKind.FORWARD,
                 {"to_id": _unit(session, agency_id, REPLY_UNIT).id, "disposition_id": uuid7(),
                  "note": "Mohon ditindaklanjuti dan dibalas kepada pelapor."},
                 _actor(colleague, agency_id), directory, config, now)


def _colleague(session: Session, trainee: User) -> User:
    colleague = session.scalars(
        select(User).where(User.username == COLLEAGUE_PREFIX + trainee.username)).first()
    if colleague is None:
        raise NotFoundError(f"no colleague account for {trainee.username}")
    return colleague


def _trainees(session: Session) -> list[tuple[User, int]]:
    """Every trainee with their practice pemda's id (the agency above their unit)."""
    rows = session.execute(
        select(User, Agency.parent_id).join(Agency, Agency.id == User.unit_id)
        .where(User.id.in_(_trainee_ids(session))).order_by(User.username)).all()
    return [(user, int(parent or 0)) for user, parent in rows]


def _trainee_ids(session: Session) -> list[int]:
    colleagues = session.scalars(
        select(User.username).where(User.username.startswith(COLLEAGUE_PREFIX))).all()
    names = [name[len(COLLEAGUE_PREFIX):] for name in colleagues]
    return list(session.scalars(select(User.id).where(User.username.in_(names))))


def _template_sentences() -> list[str]:
    """Sentences of the built-in reply templates without their placeholders: a reply that keeps
    one of them was started from a template."""
    data = json.loads(resources.files("lapor_desk").joinpath(
        "data/reply-templates.json").read_text("utf-8"))
    sentences: list[str] = []
    for template in data.get("templates", []):
        for part in re.split(r"\{[a-z_]+\}|\n|(?<=\.)\s", str(template.get("body", ""))):
            part = part.strip(" ,.")
            if len(part) >= 25:
                sentences.append(part.casefold())
    return sentences


def _progress_of(session: Session, trainee: User, agency_id: int,
                 sentences: list[str]) -> TraineeProgress:
    rows = session.execute(select(Complaint.id, Complaint.tags, Complaint.recorded_by,
                                  Complaint.channel).where(Complaint.responsible_id == agency_id))
    by_tag: dict[str, set[str]] = {}
    walk_in = False
    for complaint_id, tags, recorded_by, channel in rows:
        for tag in tags or ():
            by_tag.setdefault(str(tag), set()).add(complaint_id)
        walk_in = walk_in or (recorded_by == trainee.id and channel == str(Channel.WALK_IN))

    def events(tag: str) -> list[tuple[str, int | None, int]]:
        ids = by_tag.get(tag, set())
        return [(kind, actor, seq) for kind, actor, seq in session.execute(
            select(ComplaintEvent.kind, ComplaintEvent.actor_id, ComplaintEvent.seq).where(
                ComplaintEvent.complaint_id.in_(ids)).order_by(ComplaintEvent.seq))] if ids else []

    forwarded = any(kind == str(ActionKind.FORWARD) and actor == trainee.id
                    for kind, actor, _ in events(TAG_VERIFY))
    replies = session.scalars(select(FollowUp.body).where(
        FollowUp.complaint_id.in_(by_tag.get(TAG_REPLY, set())),
        FollowUp.kind == str(FollowUpKind.REPLY), FollowUp.author_id == trainee.id)).all()
    replied = any(any(s in " ".join(body.split()).casefold() for s in sentences)
                  for body in replies)
    colleague_seq: int | None = None
    repaired = False
    colleague = _colleague(session, trainee)
    for _kind, actor, seq in events(TAG_CONFLICT):
        if actor == colleague.id:
            colleague_seq = seq
        elif actor == trainee.id and colleague_seq is not None and seq > colleague_seq:
            repaired = True
    return TraineeProgress(trainee.username, trainee.display_name, {
        "verify_forward": forwarded, "reply_template": replied, "walk_in": walk_in,
        "conflict": repaired})


def training_progress(session: Session) -> list[TraineeProgress]:
    """Each trainee's exercises, done or not, in the order of their usernames."""
    sentences = _template_sentences()
    return [_progress_of(session, user, agency_id, sentences)
            for user, agency_id in _trainees(session)]


def reset_trainee(session: Session, username: str, directory: DictDirectory,
                  config: DomainConfig, now: datetime) -> int:
    """Put one trainee's exercises back at the start: every complaint of their practice pemda
    (the exercises and what they recorded) is deleted — their desktop receives the deletions at
    its next sync — and the exercises are made afresh. Returns how many complaints went."""
    found = {user.username: (user, agency_id) for user, agency_id in _trainees(session)}
    if username not in found:
        raise NotFoundError(f"no trainee {username!r}")
    trainee, agency_id = found[username]
    ids = list(session.scalars(select(Complaint.id).where(Complaint.responsible_id == agency_id)))
    for complaint_id in ids:
        complaints.delete_complaint(session, complaint_id, now)
    create_exercises(session, trainee.id, agency_id, directory, config, now)
    return len(ids)


class TrainingHook:
    """Called by the push before each action (``server/push.py``), in the action's transaction:
    the first exclusive action of a trainee on their conflict exercise is preceded by their
    colleague's forward to another OPD, so it is judged against a newer complaint — a conflict,
    for the trainee to repair. Once only: the complaint is no longer new after it."""

    def __call__(self, session: Session, actor: Actor, kind: str, complaint_id: str | None,
                 directory: DictDirectory, config: DomainConfig, now: datetime) -> None:
        if complaint_id is None or kind not in {str(k) for k in EXCLUSIVE_ACTIONS}:
            return
        row = session.execute(select(Complaint.tags, Complaint.status, Complaint.responsible_id)
                              .where(Complaint.id == complaint_id)).first()
        if row is None or TAG_CONFLICT not in (row.tags or ()) or row.status != Status.UNVERIFIED:
            return
        trainee = session.get(User, actor.user_id)
        if trainee is None:
            return
        try:
            colleague = _colleague(session, trainee)
        except NotFoundError:
            return
        agency_id = int(row.responsible_id)
        target = _unit(session, agency_id, COLLEAGUE_TARGET)
        _act(session, complaint_id, ActionKind.FORWARD,
             {"to_id": target.id, "disposition_id": uuid7(),
              "note": "Sudah saya teruskan ke Dinas Kesehatan."},
             _actor(colleague, agency_id), directory, config, now)
