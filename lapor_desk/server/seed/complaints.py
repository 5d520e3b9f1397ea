"""A complaint as a citizen writes it: topic, place, words, reporter, channel; then its life.

:class:`ComplaintFactory` makes one complaint at a time from one seeded ``random.Random`` (so the
same seed gives the same complaints), hands it to :class:`.simulation.LifecycleSimulator` and
returns the complaint row, the new reporter row (if any) and the simulated state with its
children.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from lapor_desk.models.calendar import DomainConfig
from lapor_desk.models.enums import OFFLINE_CHANNELS, Channel, ComplaintType, Status
from lapor_desk.server.seed import people, regions, topics, wording
from lapor_desk.server.seed.attachment_files import BlobFile, seed_blob_pool
from lapor_desk.server.seed.directory import Directory, SeededUser
from lapor_desk.server.seed.ratings import rating_for
from lapor_desk.server.seed.regions import Regency
from lapor_desk.server.seed.simulation import LifecycleSimulator
from lapor_desk.server.seed.timeline import (
    HISTORY_DAYS,
    WITA,
    SimulatedComplaint,
    Timeline,
    pick,
    tanggal,
    weighted,
)
from lapor_desk.server.seed.topics import Topic
from lapor_desk.server.seed.workdays import DAY, day_date

RECENT_SHARE = 0.12
RECENT_DAYS = 14
CHANNEL_WEIGHTS: tuple[tuple[Channel, float], ...] = (
    (Channel.WEB, 28), (Channel.MOBILE_APP, 15), (Channel.WHATSAPP, 14), (Channel.SMS, 8),
    (Channel.TWITTER, 5), (Channel.INSTAGRAM, 4), (Channel.FACEBOOK, 4), (Channel.YOUTUBE, 0.6),
    (Channel.EMAIL, 4), (Channel.WALK_IN, 7), (Channel.LETTER, 3), (Channel.PHONE, 4),
    (Channel.RADIO, 0.8), (Channel.NEWSPAPER, 1.0),
)
RURAL_TOPICS = frozenset({"dana_desa", "pupuk"})
UNIT_FALLBACK = {"dpmd": "inspektorat"}
STREETS = {
    "kendari": ("MT Haryono", "Ahmad Yani", "Bunggasi", "Malaka", "Saranani", "Chairil Anwar",
                "Z.A. Sugianto", "Abunawas", "Budi Utomo", "Laode Hadi", "Made Sabara",
                "Sao-Sao", "Kapten Pierre Tendean", "Jenderal Sudirman"),
    "baubau": ("Betoambari", "Sultan Hasanuddin", "Dayanu Ikhsanuddin", "Erlangga",
               "Yos Sudarso", "Murhum", "Gajah Mada", "Palagimata"),
}
_SCHOOLS = weighted(topics.SCHOOL_KINDS)
_HOURS = (6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 12, 13, 13, 14, 14, 15, 15, 16, 17, 19,
          19, 20, 20, 21, 21, 22, 23)


def _rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def creation_times(rng: random.Random, n: int, now: int) -> list[int]:
    """``n`` sorted submission moments over the last year, busier lately and in daytime: one in
    eight in the last two weeks (a socialisation campaign), so every queue has fresh work."""
    span = HISTORY_DAYS * DAY
    start = now - span
    out = []
    for _ in range(n):
        u = rng.random() ** 0.8  # density grows toward now
        if rng.random() < RECENT_SHARE:
            u = 1 - rng.random() * RECENT_DAYS / HISTORY_DAYS
        day = (start + int(u * span) + WITA) // DAY
        hour = rng.choice(_HOURS)
        ts = day * DAY - WITA + hour * 3600 + rng.randrange(3600)
        if ts >= now - 1800:
            ts = now - 1800 - rng.randrange(4 * 3600)
        out.append(ts)
    out.sort()
    return out


class ComplaintFactory:
    """The seeded complaints, one after the other (call :meth:`plan` first)."""

    def __init__(self, *, seed: int, now: datetime, config: DomainConfig, directory: Directory,
                 users: list[SeededUser]) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        #: the roughening of the texts draws from its own stream (server/seed/wording.py)
        self.words = random.Random(seed * 1_000_003 + 19)
        self.d = directory
        self.sla = config.sla
        self.timeline = Timeline(rng=self.rng, now=now, config=config, directory=directory,
                                 users=users)
        self.now = self.timeline.now
        self.photos, self.docs, unit_docs = seed_blob_pool(seed)
        self.simulator = LifecycleSimulator(self.timeline, users, unit_docs)
        self.topics = weighted([(t, t.weight) for t in topics.TOPICS])
        self.authorities = {t.key: weighted([(a, w) for w, a in t.authorities])
                            for t in topics.TOPICS}
        self.regencies = weighted([(r, r.weight) for r in regions.REGENCIES])
        self.rural = weighted([(r, r.weight) for r in regions.REGENCIES if not r.is_city])
        self.channels = weighted(CHANNEL_WEIGHTS)
        self.recent_reporters: list[int] = []
        self.next_reporter = 1
        self.tracking = 3_000_000 + self.rng.randrange(0, 2_000_000)
        self._tracking_gap = 40
        self.index = 0
        #: every channel occurs at least once (rare ones like YouTube and radio too)
        self.forced_channels: dict[int, Channel] = {}

    @property
    def used_blobs(self) -> dict[str, BlobFile]:
        """The attachment files used so far, by SHA-256."""
        return self.timeline.used_blobs

    def plan(self, complaints: int) -> None:
        self._tracking_gap = max(2, min(40, (9_999_999 - self.tracking) // max(complaints, 1)))
        if complaints >= len(Channel):
            step = complaints / len(Channel)
            self.forced_channels = {int((k + 0.5) * step): ch for k, ch in enumerate(Channel)}

    def _competent(self, topic: Topic, regency: Regency) -> tuple[Any, Any]:
        """The agency and unit competent for ``topic`` in ``regency``."""
        d = self.d
        authority = pick(self.rng, self.authorities[topic.key])
        if authority[0] == "regency":
            slug = authority[1]
            unit = d.unit.get((regency.slug, slug)) or d.unit[(regency.slug, UNIT_FALLBACK[slug])]
            return d.agency[regency.slug], unit
        if authority[0] == "province":
            return d.province, d.unit[("sultra", authority[1])]
        unit_slug = authority[2]
        if unit_slug.startswith("@"):
            unit_slug = {"@pln": regency.pln, "@bpjs": regency.bpjs, "@bpn": regency.bpn}[unit_slug]
        return d.agency[authority[1]], d.unit[(authority[1], unit_slug)]

    def _reporter(self, channel: Channel, regency: Regency, district_index: int,
                  created: int) -> tuple[int, dict[str, Any] | None]:
        """A returning reporter now and then; else a new one (and its row)."""
        rng = self.rng
        if self.recent_reporters and rng.random() < 0.08:
            return rng.choice(self.recent_reporters), None
        reporter_id = self.next_reporter
        self.next_reporter += 1
        name, female = people.person_name(rng)
        has_phone = channel != Channel.EMAIL and rng.random() < 0.9
        reporter_row = {
            "id": reporter_id, "name": name,
            "nik": people.nik(rng, regency.bps, district_index, female)
            if rng.random() < 0.85 else None,
            "phone": people.phone(rng) if has_phone else None,
            "email": people.email_for(rng, name) if (not has_phone or rng.random() < 0.35)
            else None,
            "created_at": created,
        }
        self.recent_reporters.append(reporter_id)
        if len(self.recent_reporters) > 500:
            self.recent_reporters.pop(0)
        return reporter_id, reporter_row

    def complaint(self, created: int
                  ) -> tuple[dict[str, Any], dict[str, Any] | None, SimulatedComplaint]:
        rng, d, t, sim = self.rng, self.d, self.timeline, self.simulator
        topic: Topic = pick(rng, self.topics)
        regency: Regency = pick(rng, self.rural if topic.key in RURAL_TOPICS else self.regencies)
        district = rng.choice(list(regency.districts))
        villages = regency.districts[district]
        village = rng.choice(villages)
        village2 = rng.choice(villages)
        if village2 == village:
            village2 = rng.choice(villages)
        district_index = list(regency.districts).index(district)
        agency, unit = self._competent(topic, regency)

        ctype = topic.complaint_type
        misconduct = ctype == topics.PENGADUAN and rng.random() < topic.misconduct
        channel: Channel = pick(rng, self.channels)
        channel = self.forced_channels.get(self.index, channel)
        self.index += 1
        offline = channel in OFFLINE_CHANNELS

        # the text
        streets = STREETS.get(regency.slug)
        if streets and rng.random() < 0.7:
            road = rng.choice(streets)
        else:
            road = f"{rng.choice(topics.ROAD_KINDS).title()} {village}" + (
                f"–{village2}" if village2 != village and rng.random() < 0.5 else "")
        school_kind = pick(rng, _SCHOOLS)
        fill = {
            "village": village, "village2": village2, "district": district,
            "desa": ("Kelurahan " if regency.is_city else "Desa ") + village,
            "regency": regency.name, "regency_short": regency.short, "capital": regency.capital,
            "road": road, "school": f"{school_kind} {rng.randrange(1, 12)} {district}",
            "puskesmas": f"Puskesmas {district}", "ago": rng.choice(topics.AGO),
            "ago_short": rng.choice(topics.AGO_SHORT), "depth": rng.randrange(15, 80),
            "length": rng.randrange(20, 800), "count": rng.randrange(2, 30),
            "hours": rng.randrange(3, 14), "days": rng.randrange(4, 21),
            "weeks": rng.randrange(2, 9), "months": rng.randrange(2, 9),
            "amount": _rupiah(rng.randrange(2, 60) * 25_000), "grade": rng.randrange(1, 7),
            "project": rng.choice(topics.PROJECTS),
        }
        incident_ts = created - rng.randrange(0, 60) * DAY - rng.randrange(DAY)
        incident = day_date((incident_ts + WITA) // DAY)
        incident = min(incident, day_date((created + WITA) // DAY))
        fill["date"] = tanggal(incident_ts)
        title = rng.choice(topic.titles).format(**fill)
        # the main statement first, then up to two more details in their chronological order
        more = min(len(topic.facts) - 1, rng.choice((0, 1, 1, 2, 2)))
        facts = [topic.facts[0]] + [
            topic.facts[i] for i in sorted(rng.sample(range(1, len(topic.facts)), more))
        ]
        intro = ""
        if rng.random() < 0.6:
            intro = f"Saya warga {fill['desa']}, Kecamatan {district}, {regency.name}. "
        body = (rng.choice(topics.ASK_PREFIX) + intro + " ".join(facts).format(**fill) + "\n\n"
                + rng.choice(topic.asks).format(**fill)
                + rng.choice(("", " Terima kasih.", " Terima kasih atas perhatiannya.")))
        title, body = wording.roughen(self.words, title, body, topic, topics.TOPICS, fill,
                                      regency.short)

        reporter_id, reporter_row = self._reporter(channel, regency, district_index, created)

        c = SimulatedComplaint()
        c.topic, c.fill, c.ctype, c.misconduct = topic, fill, ctype, misconduct
        c.right_agency, c.right_unit = agency, unit
        c.res_days = self.sla.resolution_days(ComplaintType(ctype), misconduct)
        c.wrong_unit_done = c.substantive = False
        c.version = c.tv = 1
        c.updates = 0
        c.handling = None
        c.paused_at = c.forwarded_at = c.first_fu = c.last_fu = c.closed_at = None
        c.resolution_due = c.auto_close_due = None
        c.handlers, c.dups, c.children = [], [], []
        c.status = Status.UNVERIFIED

        recorded_by = None
        if offline:
            moved = t.office_time(created - DAY, 1) if not t.cal.is_working(
                (created + WITA) // DAY) else t.office_time(created - 3600, 0)
            if moved < self.now - 3600:
                created = moved
            roll = rng.random()
            if channel == Channel.PHONE and roll < 0.15:
                recorder = rng.choice(sim.national)
                c.responsible = d.root.id
            else:
                if roll < 0.8:
                    home = agency
                elif agency.parent_id == d.province.id or agency.id == d.province.id:
                    home = d.province if agency.id != d.province.id else d.agency[regency.slug]
                else:
                    home = d.agency[regency.slug]
                recorder = sim.admin_of(home.id)
                c.responsible = home.id
            recorded_by = recorder
            created_event = (t.office_time(created, rng.randrange(0, 3))
                             if channel == Channel.LETTER else created + rng.randrange(300, 3600))
            if created_event >= self.now:
                created_event = created + 60
            c.handlers.append(t.user_unit[recorder])
            kind, actor = "record_complaint", recorder
        else:
            roll = rng.random()
            if roll < 0.4:
                c.responsible = d.root.id
            elif roll < 0.87:
                c.responsible = agency.id
            else:  # the citizen picked the wrong agency
                # a kabupaten matter sent to the province; else to the kabupaten itself
                wrong = (d.province if agency.parent_id == d.province.id
                         else d.agency[regency.slug])
                c.responsible = wrong.id
            created_event = created
            kind, actor = "submitted", None
        # The row is created on the server when it is submitted or recorded: its id's time.
        c.id = t.uid(created_event)
        c.created = created
        c.verify_due = t.cal.add(created, self.sla.verify)
        c.last = created_event
        c.children.append(("e", kind, None, Status.UNVERIFIED, actor, created_event,
                           {"channel": str(channel)}))
        if rng.random() < 0.28:
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                blob = rng.choice(self.photos) if rng.random() < 0.8 else rng.choice(self.docs)
                t.attachment(c, created_event, blob, None)

        sim.simulate(c)
        sim.last_by_topic[(topic.key, regency.name)] = (c.id, created)

        self.tracking += rng.randrange(1, self._tracking_gap)
        location = d.by_id[t.location(c)]
        row = {
            "id": c.id, "tracking_number": self.tracking, "complaint_type": ctype,
            "misconduct": misconduct, "title": title[:200], "body": body,
            "incident_date": incident, "province": regions.PROVINCE, "regency": regency.name,
            "district": district, "village": village, "category": None, "subcategory": None,
            "channel": str(channel), "anonymous": rng.random() < 0.1,
            "confidential": rng.random() < (0.25 if misconduct else 0.03),
            "reporter_id": reporter_id, "status": str(c.status), "responsible_id": c.responsible,
            "handling_unit_id": c.handling, "location_path": location.path,
            "version": c.version, "transition_version": c.tv, "created_at": created,
            "updated_at": c.last, "verify_due": c.verify_due,
            "resolution_due": c.resolution_due, "auto_close_due": c.auto_close_due,
            "paused_at": c.paused_at, "forwarded_at": c.forwarded_at,
            "first_follow_up_at": c.first_fu, "last_follow_up_at": c.last_fu,
            "closed_at": c.closed_at, "handler_unit_ids": list(c.handlers),
            "duplicate_ids": list(c.dups),
            "tags": sorted(set(topic.tags) | ({"viral"} if rng.random() < 0.03 else set())),
            "recorded_by": recorded_by, "seq": 0,
            # not yet in SP4N-LAPOR!: the demo's admins record them there (docs/sp4n.md)
            "national_tracking_number": None, "national_link": None,
            # not a column: the reporter's rating from the public page (rows.py: public_access)
            "rating": rating_for(self.seed, c, channel, self.now),
        }
        row["category"], row["subcategory"] = rng.choice(topic.categories)
        return row, reporter_row, c
