"""What a user who may not read a rahasia complaint receives of it (docs/sync-protocol.md,
"Scope"): its routing facts and never its free text, in every layout, on every page (pages made
ahead included), over loopback HTTP on a 2,000-complaint seed. Readers receive everything.

Every seeded user pulls everything in each layout; every row of every page is checked against
the database: for a non-reader, no row of a rahasia complaint carries a title, body, tag,
reporter, disposition note, follow-up body, attachment or event text; for a reader, the rows
carry exactly what the database holds.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from lapor_desk.models.enums import ArchiveReason, Channel, Role
from lapor_desk.server.database import init_database, transaction
from lapor_desk.server.db import (
    Attachment,
    Complaint,
    ComplaintEvent,
    Disposition,
    FollowUp,
    Reporter,
    Token,
    User,
)
from lapor_desk.server.seed import seed_database
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services.tokens import token_hash
from lapor_desk.server.settings import ServerSettings
from tests.conftest import PASSWORD
from tests.server.builder import NOW, complaint_payload, new_id
from tests.server.client import Api, WorldServer
from tests.server.test_pull_columns import decode
from tests.support.live_server import DatabaseFactory, LiveServer, start_server

pytestmark = pytest.mark.timeout(600)

SEED_COMPLAINTS = 2000
SEED = 7
LAYOUTS = ("rows", "columns", "packed")
#: A page size that makes an admin's pull several pages, so pages made ahead are served too.
PAGE_LIMIT = 2500
#: Event detail keys that hold a code or an id, never words a person wrote, with their check.
CODE_KEYS: dict[str, Any] = {
    "to_id": lambda v: type(v) is int,
    "other_id": lambda v: isinstance(v, str) and len(v) <= 64,
    "reason_code": lambda v: v in set(ArchiveReason),
    "channel": lambda v: v in set(Channel),
}


def free_text(entity: str, row: dict[str, Any]) -> list[str]:
    """The columns of a received row that carry free text (empty: routing facts only)."""
    if entity == "complaint":
        found = [name for name in ("body", "reporter_name", "reporter_contact", "rating_note")
                 if row[name] is not None]
        return found + [name for name in ("title", "tags") if row[name]]
    if entity == "disposition":
        return ["note"] if row["note"] else []
    if entity == "follow_up":
        return ["body"] if row["body"] is not None else []
    if entity == "attachment":
        return ["attachment"]
    if entity == "event":
        detail = row["detail"] or {}
        return [f"detail.{key}" for key, value in detail.items()
                if key not in CODE_KEYS or not CODE_KEYS[key](value)]
    return []


@dataclass
class Secret:
    """A rahasia complaint as the database holds it."""

    responsible_id: int
    handling_unit_id: int | None
    handler_unit_ids: list[int]
    complaint: dict[str, Any]
    notes: dict[str, str | None]  # disposition id -> note
    bodies: dict[str, str]  # follow-up id -> body
    attachments: set[str]
    details: dict[int, dict[str, Any]]  # event id -> detail

    def read_by(self, me: dict[str, Any]) -> bool:
        """The rahasia rule, written for the test: a handler unit, the handling unit's liaison,
        an admin of the responsible agency."""
        if me["unit_id"] in self.handler_unit_ids:
            return True
        if me["role"] == Role.LIAISON_OFFICER:
            return bool(self.handling_unit_id == me["unit_id"])
        return bool(self.responsible_id == me["scope_root_id"])


def rahasia_of(live: LiveServer) -> dict[str, Secret]:
    with live.session() as session:
        found: dict[str, Secret] = {}
        for c, name, phone, email in session.execute(
                select(Complaint, Reporter.name, Reporter.phone, Reporter.email)
                .join(Reporter, Reporter.id == Complaint.reporter_id)
                .where(Complaint.confidential.is_(True))):
            named = not c.anonymous
            found[c.id] = Secret(
                c.responsible_id, c.handling_unit_id, [int(u) for u in c.handler_unit_ids or []],
                {"title": c.title, "body": c.body, "tags": list(c.tags or []),
                 "reporter_name": name if named else None,
                 "reporter_contact": (phone or email) if named else None},
                {}, {}, set(), {})
        for d in session.scalars(select(Disposition).where(Disposition.complaint_id.in_(found))):
            found[d.complaint_id].notes[d.id] = d.note
        for f in session.scalars(select(FollowUp).where(FollowUp.complaint_id.in_(found))):
            found[f.complaint_id].bodies[f.id] = f.body
        for a in session.scalars(select(Attachment).where(Attachment.complaint_id.in_(found))):
            found[a.complaint_id].attachments.add(a.id)
        for e in session.scalars(select(ComplaintEvent)
                                 .where(ComplaintEvent.complaint_id.in_(found))):
            found[e.complaint_id].details[e.id] = dict(e.detail or {})
    return found


@dataclass
class Viewer:
    username: str
    api: Api
    me: dict[str, Any]


@pytest.fixture(scope="module")
def seeded(db_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[LiveServer, list[Viewer]]]:
    url = db_factory.new_url()
    init_database(url)
    report = seed_database(url, complaints=SEED_COMPLAINTS, seed=SEED, password=PASSWORD)
    create_engine(url).dispose()
    settings = ServerSettings(database_url=url, blob_dir=tmp_path_factory.mktemp("blobs"),
                              auto_close_interval=0)
    live = start_server(settings, seed=report)
    try:
        viewers = []
        for user, raw in signed_in(live, [u.username for u in report.users]):
            api = Api(live.url + "/api/v1", token=raw)
            viewers.append(Viewer(user, api, api.get("/me").json()))
        yield live, viewers
    finally:
        live.stop()


def signed_in(live: LiveServer, usernames: list[str]) -> list[tuple[str, str]]:
    """A token for each user, written straight into the database (logging in checks each
    password with argon2, which would cost most of the test's time; logins are tested apart)."""
    now = datetime.now(UTC)
    tokens = []
    with live.session() as session, session.begin():
        ids = {name: uid for name, uid in session.execute(
            select(User.username, User.id).where(User.username.in_(usernames)))}
        for username in usernames:
            raw = secrets.token_urlsafe(32)
            session.add(Token(token_hash=token_hash(raw), user_id=ids[username], device="pytest",
                              created_at=now, expires_at=now + timedelta(hours=1),
                              revoked_at=None, last_used_at=now))
            tokens.append((username, raw))
    return tokens


@dataclass
class Pulled:
    rows: list[tuple[str, dict[str, Any]]]  # (entity, row by column name), every page's
    raw: str  # every page's body as it arrived
    cursor: str | None


def pull_whole(api: Api, layout: str, cursor: str | None = None,
               limit: int = PAGE_LIMIT) -> Pulled:
    """A whole pull from ``cursor`` in ``layout``, following ``has_more``."""
    rows: list[tuple[str, dict[str, Any]]] = []
    raw: list[str] = []
    while True:
        params: dict[str, Any] = {"layout": layout, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/sync/pull", params=params)
        assert response.status_code == 200, response.text
        raw.append(response.text)
        page = response.json() if layout == "rows" else decode(response.json())
        for entity, block in page["changes"].items():
            rows += [(entity, dict(zip(block["columns"], values, strict=True)))
                     for values in block["rows"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            return Pulled(rows, "".join(raw), cursor)


def complaint_of(entity: str, row: dict[str, Any]) -> Any:
    return row["id"] if entity == "complaint" else row.get("complaint_id")


def differs(entity: str, row: dict[str, Any], secret: Secret) -> bool:
    """Whether a reader's row differs from what the database holds."""
    if entity == "complaint":
        return bool(row["redacted"]) or any(row[k] != v for k, v in secret.complaint.items())
    if entity == "disposition":
        return bool(row["note"] != secret.notes[row["id"]])
    if entity == "follow_up":
        return bool(row["body"] != secret.bodies[row["id"]] or row["redacted"])
    if entity == "attachment":
        return row["id"] not in secret.attachments
    return bool(row["detail"] != secret.details[row["id"]])


@dataclass
class Check:
    leaked: set[str]  # rahasia complaints of which a non-reader received free text
    hidden: set[str]  # rahasia complaints a non-reader received (their routing facts)
    read: set[str]  # rahasia complaints a reader received
    misses: list[tuple[str, str]]  # a reader's rows that differ from the database


def check(viewer: Viewer, layout: str, rahasia: dict[str, Secret]) -> Check:
    found = Check(set(), set(), set(), [])
    for entity, row in pull_whole(viewer.api, layout).rows:
        cid = complaint_of(entity, row)
        secret = rahasia.get(cid) if isinstance(cid, str) else None
        if secret is None:
            continue
        if secret.read_by(viewer.me):
            found.read.add(cid)
            if differs(entity, row, secret):
                found.misses.append((entity, str(row["id"])))
            continue
        found.hidden.add(cid)
        if free_text(entity, row):
            found.leaked.add(cid)
        if entity == "complaint":
            assert row["redacted"] is True and row["status"] and row["category"]
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_non_readers_receive_no_free_text_of_a_rahasia_complaint(
        seeded: tuple[LiveServer, list[Viewer]], layout: str) -> None:
    live, viewers = seeded
    rahasia = rahasia_of(live)
    leaked: set[tuple[str, str]] = set()
    hidden: set[tuple[str, str]] = set()
    read: set[tuple[str, str]] = set()
    misses: list[tuple[str, str, str]] = []
    with ThreadPoolExecutor(4) as pool:  # the server answers several desktops at once
        for viewer, found in zip(viewers, pool.map(lambda v: check(v, layout, rahasia), viewers),
                                 strict=True):
            leaked |= {(viewer.username, cid) for cid in found.leaked}
            hidden |= {(viewer.username, cid) for cid in found.hidden}
            read |= {(viewer.username, cid) for cid in found.read}
            misses += [(viewer.username, *miss) for miss in found.misses]
    assert hidden and read, "the seed must give both non-readers and readers"
    assert len(leaked) == 0, (
        f"{len(leaked)} user x complaint pairs received free text of a rahasia complaint "
        f"they may not read ({layout}): {sorted(leaked)[:5]}")
    assert misses == []


# --- the hand-made world: a rahasia complaint whose readers change ------------------------------

SCHOOL = "SDN 3 Unaaha"


def _words(server: WorldServer) -> str:
    """A rahasia complaint at the kabupaten, named reporter and tags, postponed, forwarded to a
    unit that replies with an attachment and returns it (bukan wewenang): each step's words
    name the school."""
    with transaction(server.live.engine) as session:
        cid = complaint_services.submit_complaint(
            session, complaint_payload(f"Pungutan liar di {SCHOOL}", confidential=True,
                                       tags=["pungli", SCHOOL]),
            server.unit("kab"), now=NOW + timedelta(hours=1)).id
    kab, unit = server.login("admin_kab"), server.login("lo_kab_health")
    sha = unit.upload(b"%PDF-1.4 berita acara pemeriksaan")
    for api, kind, payload in (
        (kab, "postpone", {"reason": f"Kepala {SCHOOL} belum dapat dihubungi"}),
        (kab, "forward", {"to_id": server.unit("kab_health"), "note": f"Mohon periksa {SCHOOL}",
                          "disposition_id": new_id()}),
        (unit, "follow_up", {"follow_up_id": new_id(), "body": f"Kepala {SCHOOL} sudah diperiksa",
                             "attachments": [{"id": new_id(), "sha256": sha, "size": 33,
                                              "mime_type": "application/pdf",
                                              "filename": f"berita acara {SCHOOL}.pdf"}]}),
        (unit, "not_our_authority", {"reason": f"{SCHOOL} dikelola provinsi",
                                     "disposition_id": new_id()}),
    ):
        assert api.do(kind, cid, None, **payload)["outcome"] == "applied", kind
    return cid


def _me(api: Api) -> dict[str, Any]:
    return dict(api.get("/me").json())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_complaint_that_becomes_readable_gets_its_words_on_the_next_pull(
        server: WorldServer, layout: str) -> None:
    cid = _words(server)
    prov, national = server.login("admin_prov"), server.login("nasional")
    rahasia = rahasia_of(server.live)
    assert not rahasia[cid].read_by(_me(prov)) and not rahasia[cid].read_by(_me(national))
    before = {name: pull_whole(api, layout, limit=5) for name, api in
              (("prov", prov), ("national", national))}
    for pulled in before.values():
        mine = [(entity, row) for entity, row in pulled.rows if complaint_of(entity, row) == cid]
        assert {entity for entity, _ in mine} >= {"complaint", "disposition", "event"}
        assert [free_text(entity, row) for entity, row in mine if free_text(entity, row)] == []
        assert SCHOOL not in pulled.raw and "pungli" not in pulled.raw
        complaint = next(row for entity, row in mine if entity == "complaint")
        assert complaint["title"] == "" and complaint["redacted"] is True
        assert (complaint["status"], complaint["responsible_id"], complaint["regency"]) == (
            "unverified", server.unit("kab"), "Konawe")
        assert {row["detail"].get("to_id") for entity, row in mine if entity == "event"} >= {
            server.unit("kab_health")}  # the routing facts of the events stay
    # a conflict's current row is the complaint as the caller receives it
    stale = national.do("postpone", cid, 1, reason="data kurang")
    assert stale["outcome"] == "conflict"
    current = stale["current"]
    assert current["title"] == "" and current["body"] is None and current["tags"] == []
    assert current["reporter_name"] is None and current["reporter_contact"] is None

    # the kabupaten returns it too: the province is now responsible, its admin may read it
    kab = server.login("admin_kab")
    result = kab.do("not_our_authority", cid, None, reason=f"{SCHOOL} milik provinsi",
                    disposition_id=new_id())
    assert result["outcome"] == "applied"
    rahasia = rahasia_of(server.live)
    secret = rahasia[cid]
    assert secret.read_by(_me(prov)) and not secret.read_by(_me(national))

    after = pull_whole(prov, layout, before["prov"].cursor, limit=5)
    mine = [(entity, row) for entity, row in after.rows if complaint_of(entity, row) == cid]
    assert [(entity, row["id"]) for entity, row in mine if differs(entity, row, secret)] == []
    got = {entity: {row["id"] for e, row in mine if e == entity} for entity, _ in mine}
    assert got["disposition"] == set(secret.notes) and got["follow_up"] == set(secret.bodies)
    assert got["attachment"] == secret.attachments
    assert f"Kepala {SCHOOL} belum dapat dihubungi" in {
        row["detail"].get("reason") for entity, row in mine if entity == "event"}
    assert f"{SCHOOL} milik provinsi" in {row["note"] for e, row in mine if e == "disposition"}
    assert secret.complaint["reporter_name"] and secret.complaint["tags"]

    still = pull_whole(national, layout, before["national"].cursor, limit=5)
    again = [(entity, row) for entity, row in still.rows if complaint_of(entity, row) == cid]
    assert {entity for entity, _ in again} >= {"complaint", "disposition", "event"}
    assert [free_text(entity, row) for entity, row in again if free_text(entity, row)] == []
    assert SCHOOL not in still.raw
