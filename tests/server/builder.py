"""A small, hand-made world for the server tests (independent of the seed generator).

National root -> two agencies (a province with two units, a kabupaten with one unit) and a
ministry; one user of each role per place; a few complaints of every privacy flavour placed with
the real services, so every row has proper seqs and events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.server.database import init_database, make_engine, transaction
from lapor_desk.server.db import Agency, next_seqs
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services.users import create_user, hash_password

PASSWORD = "rahasia-uji-123"
NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)


@dataclass
class UserInfo:
    username: str
    role: str
    unit_id: int
    unit_name: str
    id: int = 0


@dataclass
class World:
    url: str
    agencies: dict[str, int] = field(default_factory=dict)
    users: list[UserInfo] = field(default_factory=list)
    complaints: dict[str, str] = field(default_factory=dict)  # label -> id
    reporters: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> identity
    counts: dict[str, int] = field(default_factory=dict)

    def user(self, username: str) -> UserInfo:
        return next(u for u in self.users if u.username == username)


TREE: list[tuple[str, str | None, AgencyLevel, str]] = [
    ("national", None, AgencyLevel.NATIONAL, "KemenPANRB (Admin Nasional)"),
    ("prov", "national", AgencyLevel.AGENCY, "Pemerintah Provinsi Sulawesi Tenggara"),
    ("prov_kominfo", "prov", AgencyLevel.UNIT, "Diskominfo Provinsi Sultra"),
    ("prov_health", "prov", AgencyLevel.UNIT, "Dinas Kesehatan Provinsi Sultra"),
    ("prov_works", "prov", AgencyLevel.UNIT, "Dinas PUPR Provinsi Sultra"),
    ("kab", "prov", AgencyLevel.AGENCY, "Pemerintah Kabupaten Konawe"),
    ("kab_kominfo", "kab", AgencyLevel.UNIT, "Diskominfo Kabupaten Konawe"),
    ("kab_health", "kab", AgencyLevel.UNIT, "Dinas Kesehatan Kabupaten Konawe"),
    ("ministry", "national", AgencyLevel.AGENCY, "Kementerian Kesehatan"),
    ("ministry_unit", "ministry", AgencyLevel.UNIT, "Ditjen Pelayanan Kesehatan"),
]

USERS: list[tuple[str, Role, str]] = [
    ("nasional", Role.NATIONAL_ADMIN, "national"),
    ("admin_prov", Role.AGENCY_ADMIN, "prov_kominfo"),
    ("admin_kab", Role.AGENCY_ADMIN, "kab_kominfo"),
    ("admin_menkes", Role.AGENCY_ADMIN, "ministry_unit"),
    ("lo_prov_health", Role.LIAISON_OFFICER, "prov_health"),
    ("lo_prov_works", Role.LIAISON_OFFICER, "prov_works"),
    ("lo_kab_health", Role.LIAISON_OFFICER, "kab_health"),
]


def complaint_payload(title: str = "Jalan rusak di depan pasar", *, anonymous: bool = False,
                      confidential: bool = False, **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "complaint_type": "pengaduan",
        "title": title,
        "body": f"Kronologi: {title}. Sudah tiga bulan tidak diperbaiki, mohon ditindaklanjuti.",
        "province": "Sulawesi Tenggara",
        "regency": "Konawe",
        "district": "Unaaha",
        "village": "Tumpas",
        "category": "Kesehatan",
        "channel": "web",
        "anonymous": anonymous,
        "confidential": confidential,
        "reporter": reporter_of(title),
        "received_at": "2026-11-02T01:00:00Z",
    }
    payload.update(extra)
    return payload


def reporter_of(title: str) -> dict[str, str]:
    """A distinct reporter per complaint, so a leak of one identity is visible in any response."""
    number = sum(ord(ch) * (i + 1) for i, ch in enumerate(title)) % 10**8
    return {"name": f"Pelapor {title.split()[-1]}", "nik": f"74020155{number:08d}",
            "phone": f"0812{number:08d}", "email": f"pelapor{number}@example.id"}


def build_world(url: str) -> World:
    """Initialise ``url`` and fill it with the small world."""
    init_database(url)
    world = World(url)
    engine = make_engine(url)
    password_hash = hash_password(PASSWORD)
    try:
        with transaction(engine) as session:
            _agencies(session, world)
            for username, role, unit in USERS:
                uid = create_user(session, username=username, display_name=username.title(),
                                  role=role, unit_id=world.agencies[unit],
                                  password_hash=password_hash, now=NOW)
                name = next(t[3] for t in TREE if t[0] == unit)
                world.users.append(UserInfo(username, str(role), world.agencies[unit], name, uid))
        placements = [
            ("prov_plain", "prov", {}),
            ("prov_anon", "prov", {"anonymous": True}),
            ("prov_secret", "prov", {"confidential": True}),
            ("kab_plain", "kab", {}),
            ("kab_secret_anon", "kab", {"confidential": True, "anonymous": True}),
            ("ministry_plain", "ministry", {}),
            ("national_plain", "national", {}),
        ]
        for index, (label, agency, flags) in enumerate(placements):
            title = f"Keluhan nomor {index} {label}"
            world.reporters[label] = reporter_of(title)
            with transaction(engine) as session:
                complaint = complaint_services.submit_complaint(
                    session, complaint_payload(title, **flags),
                    world.agencies[agency], now=NOW + timedelta(minutes=index),
                )
                world.complaints[label] = complaint.id
        world.counts = {"agencies": len(TREE), "users": len(USERS), "complaints": len(placements)}
    finally:
        engine.dispose()
    return world


def _agencies(session: Session, world: World) -> None:
    for code, parent, level, name in TREE:
        parent_id = world.agencies[parent] if parent else None
        agency = Agency(parent_id=parent_id, level=str(level), path="", name=name,
                        code=f"T-{code}", region_code=None, seq=next_seqs(session))
        session.add(agency)
        session.flush()
        parent_path = session.get(Agency, parent_id).path if parent_id else "/"
        agency.path = f"{parent_path}{agency.id}/"
        world.agencies[code] = agency.id
    session.flush()


def new_id() -> str:
    return str(uuid.uuid4())
