"""The trainees' practice pemda, their accounts and the roster file the facilitator prints.

Each participant gets an agency of their own ("Pemda Latihan 07", code ``BIMTEK-07``) under the
national root: its Diskominfo is the trainee's unit (``peserta07`` is its admin instansi) and
Dinas PUPR, Dinas Kesehatan and Dukcapil are the OPDs to forward to. Nobody else's work shows
in a trainee's queue, so thirty people can do the same exercise side by side. A colleague
account per pemda (``rekan.peserta07``, disabled: it never signs in) is who "got there first" in
the conflict exercise.

The passwords are made here, at random, for this training sandbox only (:func:`new_password`),
and kept in the roster file (readable by its owner only) so that a reset of the training data
keeps the sheet the facilitator printed valid. They never appear in the source.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from lapor_desk.models.calendar import default_config
from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Agency, User, next_seqs
from lapor_desk.server.services import users
from lapor_desk.server.services.directory import load_directory
from lapor_desk.server.training import exercises

MAX_TRAINEES = 60
TRAINEE_PREFIX = "peserta"
COLLEAGUE_PREFIX = "rekan."
AGENCY_CODE = "BIMTEK-{:02d}"
REGION_CODE = "7471"  # Kota Kendari: the practice pemda sit in the seeded region
#: (code suffix, name, the trainee's own unit)
UNITS = (
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", True),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", False),
    ("DINKES", "Dinas Kesehatan", False),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", False),
)
#: Short words of the region, easy to read from a sheet and to type.
_WORDS = ("anoa", "sagu", "teluk", "pantai", "lulo", "sinonggi", "mangga", "kopi", "bahari",
          "pelangi", "karang", "kenari", "melati", "cendana", "rotan", "perahu")


@dataclass(frozen=True)
class Trainee:
    number: int
    username: str
    password: str
    agency: str
    unit: str


def trainee_username(number: int) -> str:
    return f"{TRAINEE_PREFIX}{number:02d}"


def new_password() -> str:
    """A random training password such as ``karang-4821``: easy to read aloud and type."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(9000) + 1000}"


def load_roster(path: Path) -> list[Trainee]:
    """The trainees of a roster file (``[]`` when there is none)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return [Trainee(int(t["number"]), str(t["username"]), str(t["password"]), str(t["agency"]),
                    str(t["unit"])) for t in data.get("trainees", [])]


def write_roster(path: Path, trainees: list[Trainee]) -> None:
    """Written readable by its owner only: it holds the training passwords."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"trainees": [asdict(t) for t in trainees]}, out, ensure_ascii=False, indent=1)
    os.replace(temporary, path)


def _add_agency(session: Session, number: int, root: Agency, first_id: int,
                first_seq: int) -> tuple[Agency, list[Agency]]:
    agency = Agency(id=first_id, parent_id=root.id, level=str(AgencyLevel.AGENCY),
                    path=f"{root.path}{first_id}/", name=f"Pemda Latihan {number:02d}",
                    code=AGENCY_CODE.format(number), region_code=REGION_CODE, seq=first_seq)
    session.add(agency)
    units = []
    for offset, (suffix, name, _own) in enumerate(UNITS, start=1):
        ident = first_id + offset
        units.append(Agency(id=ident, parent_id=agency.id, level=str(AgencyLevel.UNIT),
                            path=f"{agency.path}{ident}/", name=f"{name} (Latihan {number:02d})",
                            code=f"{agency.code}.{suffix}", region_code=REGION_CODE,
                            seq=first_seq + offset))
    session.add_all(units)
    return agency, units


def setup_training(engine: Engine, roster_path: Path, trainees: int, now: datetime) -> list[Trainee]:
    """Add ``trainees`` practice pemda, accounts and exercises to a seeded database (one
    transaction) and write the roster. Passwords already in the roster file are kept."""
    if not 1 <= trainees <= MAX_TRAINEES:
        raise ValueError(f"between 1 and {MAX_TRAINEES} trainees")
    kept = {t.number: t.password for t in load_roster(roster_path)}
    config = default_config()
    made: list[Trainee] = []
    with transaction(engine) as session:
        root = session.scalars(select(Agency).where(Agency.parent_id.is_(None))).one()
        next_id = int(session.scalar(select(func.max(Agency.id))) or 0) + 1
        per = 1 + len(UNITS)
        first_seq = next_seqs(session, trainees * per)
        homes: list[tuple[int, Agency, Agency]] = []
        for index in range(trainees):
            number = index + 1
            agency, units = _add_agency(session, number, root, next_id + index * per,
                                        first_seq + index * per)
            homes.append((number, agency, units[0]))
        session.flush()
        directory = load_directory(session)
        for number, agency, home in homes:
            password = kept.get(number) or new_password()
            username = trainee_username(number)
            user_id = users.create_user(
                session, username=username, display_name=f"Peserta {number:02d}",
                role=Role.AGENCY_ADMIN, unit_id=home.id, password=password, now=now)
            colleague_id = users.create_user(
                session, username=COLLEAGUE_PREFIX + username,
                display_name=f"Rekan kerja Peserta {number:02d}", role=Role.AGENCY_ADMIN,
                unit_id=home.id, password=secrets.token_urlsafe(24), now=now)
            session.get_one(User, colleague_id).disabled = True
            exercises.create_exercises(session, user_id, agency.id, directory, config, now)
            made.append(Trainee(number, username, password, agency.name, home.name))
    write_roster(roster_path, made)
    return made
