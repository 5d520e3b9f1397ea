"""The province of the server benchmark: Sulawesi Tenggara as a real pemda has it.

``lapor-server seed`` makes the 17 kabupaten/kota with 11-12 OPDs each and about 275 users. A real
kabupaten has about 30 OPDs (dinas, badan, bagian of the Setda, kecamatan) and a province's
desktops number about a thousand. :func:`grow_province` adds the missing OPDs to every
kabupaten/kota (as ordinary replicated agency rows with change numbers, so every desktop pulls
them) and liaison officers until there are ``users`` accounts, all with the seed's password.
Runs once on a freshly seeded PostgreSQL database; a second run adds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine

from lapor_desk.models.enums import AgencyLevel, Role
from lapor_desk.server.db import Agency, User, next_seqs

#: OPDs a kabupaten/kota has besides the ones the seed makes (slug, name before the region).
EXTRA_OPDS: tuple[tuple[str, str], ...] = (
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("BAPENDA", "Badan Pendapatan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("DAMKAR", "Dinas Pemadam Kebakaran"),
    ("DISNAKER", "Dinas Tenaga Kerja dan Transmigrasi"),
    ("DKP", "Dinas Kelautan dan Perikanan"),
    ("DISPAR", "Dinas Pariwisata"),
    ("DPMPTSP", "Dinas Penanaman Modal dan PTSP"),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan"),
    ("DISKOPUKM", "Dinas Koperasi dan UKM"),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("PERKIM", "Dinas Perumahan dan Kawasan Permukiman"),
    ("DKP2", "Dinas Ketahanan Pangan"),
    ("DISPORA", "Dinas Pemuda dan Olahraga"),
    ("ARPUS", "Dinas Kearsipan dan Perpustakaan"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"),
    ("SETDA-UMUM", "Bagian Umum Sekretariat Daerah"),
)
TARGET_OPDS = 30


def _regencies(engine: Engine) -> list[Agency]:
    with engine.connect() as connection:
        rows = connection.execute(select(Agency).where(
            Agency.level == str(AgencyLevel.AGENCY),
            Agency.code.like("KAB-%") | Agency.code.like("KOTA-%")).order_by(Agency.code))
        return [Agency(**row._mapping) for row in rows]


def grow_province(engine: Engine, users: int = 1000) -> dict[str, int]:
    """Add OPDs up to :data:`TARGET_OPDS` per kabupaten/kota and liaison officers up to
    ``users`` accounts. Returns what was added."""
    added_units = added_users = 0
    now = datetime.now(UTC)
    with engine.begin() as connection:
        template = connection.execute(
            select(User.password_hash).order_by(User.id).limit(1)).scalar_one()
        units_by_regency: dict[int, list[tuple[int, str]]] = {}
        for regency in _regencies(engine):
            existing = connection.execute(select(Agency.id, Agency.code).where(
                Agency.parent_id == regency.id, Agency.level == str(AgencyLevel.UNIT))).all()
            codes = {code for _, code in existing}
            missing = [(slug, name) for slug, name in EXTRA_OPDS
                       if f"{regency.code}.{slug}" not in codes][:TARGET_OPDS - len(existing)]
            place = regency.name.removeprefix("Pemerintah ")
            seq = next_seqs(connection, len(missing)) if missing else 0
            for i, (slug, name) in enumerate(missing):
                unit_id = connection.execute(insert(Agency).values(
                    parent_id=regency.id, level=str(AgencyLevel.UNIT), path="", aliases=[],
                    name=f"{name} {place}", code=f"{regency.code}.{slug}",
                    region_code=regency.region_code, seq=seq + i).returning(Agency.id)
                ).scalar_one()
                connection.execute(update(Agency).where(Agency.id == unit_id).values(
                    path=f"{regency.path}{unit_id}/"))
                added_units += 1
            units_by_regency[regency.id] = [
                (int(i), str(c)) for i, c in connection.execute(
                    select(Agency.id, Agency.code).where(Agency.parent_id == regency.id)
                    .order_by(Agency.id))]
        names = set(connection.execute(select(User.username)).scalars())
        count = int(connection.execute(select(func.count()).select_from(User)).scalar_one())
        # Round robin over the kabupaten/kota: each unit gets an officer, then a second, ...
        for rank in range(1, 4):
            for units in zip(*units_by_regency.values(), strict=False):
                for unit_id, code in units:
                    if count >= users:
                        return {"units": added_units, "users": added_users}
                    username = f"lo{rank}.{code.lower()}"
                    if username in names:
                        continue
                    connection.execute(insert(User).values(
                        username=username, display_name=f"Petugas {rank} {code}",
                        password_hash=template, role=str(Role.LIAISON_OFFICER), unit_id=unit_id,
                        scope_epoch=1, disabled=False, created_at=now))
                    names.add(username)
                    count += 1
                    added_users += 1
    return {"units": added_units, "users": added_users}
