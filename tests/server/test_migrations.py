"""Server schema migrations carry existing data forward (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import column, insert, inspect, select, table, update

from lapor_desk.server.database import alembic_config, init_database, make_engine
from lapor_desk.server.db import Blob, BlobUpload, Counter, UtcDateTime
from lapor_desk.server.services.users import hash_password
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import PASSWORD
from tests.server.client import Api
from tests.support.live_server import DatabaseFactory, running_server

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
OWNERSHIP = "0003"  # blob_uploads: ownership per uploader

# The tables as they were before it (only the columns written here).
AGENCIES = table("agencies", *(column(name) for name in (
    "id", "parent_id", "level", "path", "name", "code", "region_code", "seq")))
USERS = table("users", *(column(name) for name in (
    "id", "username", "display_name", "role", "unit_id", "scope_epoch", "disabled",
    "password_hash")), column("created_at", UtcDateTime()))
BLOBS = table("blobs", *(column(name) for name in (
    "sha256", "size", "received", "complete", "uploaded_by")), column("created_at", UtcDateTime()))


def _migrate(url: str, revision: str, down: bool = False) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _before(url: str) -> str:
    script = ScriptDirectory.from_config(alembic_config(url))
    down = script.get_revision(OWNERSHIP).down_revision
    assert isinstance(down, str)
    return down


def _login(base: str, username: str) -> Api:
    api = Api(base)
    response = api.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    api.token = response.json()["token"]
    return api


def test_blob_uploaders_become_owners(db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    _migrate(url, _before(url))
    content = {name: f"isi berkas {name} ".encode() * 100
               for name in ("mine", "seeded", "gone_user", "unfinished")}
    sha = {name: hashlib.sha256(data).hexdigest() for name, data in content.items()}
    size = {name: len(data) for name, data in content.items()}
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(AGENCIES), {
            "id": 1, "parent_id": None, "level": "national", "path": "/1/", "name": "Nasional",
            "code": "N", "region_code": None, "seq": 1})
        connection.execute(insert(USERS), [
            {"id": uid, "username": name, "display_name": name, "role": "national_admin",
             "unit_id": 1, "scope_epoch": 1, "disabled": False, "created_at": NOW,
             "password_hash": hash_password(PASSWORD)}
            for uid, name in ((1, "pemilik"), (2, "lainnya"))])
        connection.execute(insert(BLOBS), [
            {"sha256": sha[name], "size": size[name], "received": received, "complete": complete,
             "uploaded_by": uploader, "created_at": NOW}
            for name, received, complete, uploader in (
                ("mine", size["mine"], True, 1), ("seeded", size["seeded"], True, None),
                ("gone_user", size["gone_user"], True, 77), ("unfinished", 700, False, 1))])
    engine.dispose()

    init_database(url)  # to the newest schema, as `lapor-server init-db` does

    engine = make_engine(url)
    with engine.connect() as connection:
        owners = connection.execute(select(
            BlobUpload.sha256, BlobUpload.user_id, BlobUpload.size, BlobUpload.received,
            BlobUpload.complete)).all()
        blobs = set(connection.execute(select(Blob.sha256)).scalars())
    engine.dispose()
    assert [tuple(row) for row in owners] == [(sha["mine"], 1, size["mine"], size["mine"], True)]
    assert blobs == {sha["mine"], sha["seeded"], sha["gone_user"]}

    blob_dir = tmp_path / "blobs"
    stored = blob_dir / sha["mine"][:2] / sha["mine"]
    stored.parent.mkdir(parents=True)
    stored.write_bytes(content["mine"])
    settings = ServerSettings(database_url=url, blob_dir=blob_dir, auto_close_interval=0)
    with running_server(settings) as live:
        owner, other = _login(live.url + "/api/v1", "pemilik"), _login(live.url + "/api/v1",
                                                                        "lainnya")
        mine = f"/blobs/{sha['mine']}"
        assert owner.get(mine + "/upload").json() == {"offset": size["mine"], "complete": True}
        assert owner.get(mine).content == content["mine"]
        assert other.get(mine).status_code == 403
        assert other.get(mine + "/upload").json() == {"offset": 0, "complete": False}
        unfinished = f"/blobs/{sha['unfinished']}/upload"
        assert owner.get(unfinished).json() == {"offset": 0, "complete": False}
        assert owner.upload(content["unfinished"]) == sha["unfinished"]


def test_blob_ownership_downgrades_and_upgrades_again(db_factory: DatabaseFactory) -> None:
    url = db_factory.new_url()
    init_database(url)
    _migrate(url, _before(url), down=True)
    engine = make_engine(url)
    assert "blob_uploads" not in inspect(engine).get_table_names()
    engine.dispose()
    init_database(url)
    engine = make_engine(url)
    assert "blob_uploads" in inspect(engine).get_table_names()
    engine.dispose()


#: PostgreSQL-only pattern indexes that revision 0002 makes in SQL (``varchar_pattern_ops``, so a
#: ``LIKE '/1/4/%'`` on a location path uses an index in any collation); the models do not declare
#: dialect-only indexes.
PATTERN_INDEXES = {"ix_complaints_location_pattern", "ix_scope_exits_path_pattern"}


def _declared(obj: object, name: str | None, kind: str, reflected: bool, _compare_to: object) -> bool:
    return not (kind == "index" and reflected and name in PATTERN_INDEXES)


def test_the_migrated_schema_is_the_models_schema(db_factory: DatabaseFactory) -> None:
    """A database made by the migrations alone has every table, column, index and constraint the
    server's models declare, and nothing else: a model changed without its revision fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lapor_desk.server.db import Base

    url = db_factory.new_url()
    init_database(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "compare_server_default": False,
                "include_object": _declared})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_agencies_of_an_older_database_get_no_aliases_and_can_be_named(
        db_factory: DatabaseFactory) -> None:
    """Revision 0005 adds ``agencies.aliases``: rows already there get an empty list, pulled as
    ``[]``; an admin can then name them; a downgrade drops the column and upgrading adds it
    again."""
    url = db_factory.new_url()
    _migrate(url, "0004")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(AGENCIES), [
            {"id": 1, "parent_id": None, "level": "national", "path": "/1/", "name": "Nasional",
             "code": "N", "region_code": None, "seq": 1},
            {"id": 2, "parent_id": 1, "level": "agency", "path": "/1/2/",
             "name": "Pemerintah Kota Kendari", "code": "KOTA-7471", "region_code": "7471",
             "seq": 2}])
        connection.execute(insert(USERS), {
            "id": 1, "username": "nasional", "display_name": "Nasional",
            "role": "national_admin", "unit_id": 1, "scope_epoch": 1, "disabled": False,
            "created_at": NOW, "password_hash": hash_password(PASSWORD)})
    engine.dispose()
    init_database(url)
    engine = make_engine(url)
    with engine.begin() as connection:  # the rows above were written with change numbers 1, 2
        connection.execute(update(Counter).where(Counter.name == "change_seq").values(value=2))
    engine.dispose()
    settings = ServerSettings(database_url=url, auto_close_interval=0)
    with running_server(settings) as live:
        api = _login(live.url + "/api/v1", "nasional")
        page = api.get("/sync/pull", params={"layout": "rows"}).json()
        agencies = page["changes"]["agency"]
        column = agencies["columns"].index("aliases")
        assert [row[column] for row in agencies["rows"]] == [[], []]
        named = api.post("/agencies/2/aliases", json={"aliases": ["Pemkot Kendari"]})
        assert named.status_code == 200 and named.json()["aliases"] == ["Pemkot Kendari"]
    _migrate(url, "0004", down=True)
    engine = make_engine(url)
    assert "aliases" not in {c["name"] for c in inspect(engine).get_columns("agencies")}
    engine.dispose()
    init_database(url)


def test_accounts_of_an_older_database_sign_in_and_can_be_managed(
        db_factory: DatabaseFactory) -> None:
    """Revision 0007 adds ``users.must_change_password`` (false for every account already
    there: they sign in as before) and ``user_audit``; a downgrade drops both and upgrading adds
    them again."""
    url = db_factory.new_url()
    _migrate(url, "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(AGENCIES), [
            {"id": 1, "parent_id": None, "level": "national", "path": "/1/", "name": "Nasional",
             "code": "N", "region_code": None, "seq": 1},
            {"id": 2, "parent_id": 1, "level": "agency", "path": "/1/2/",
             "name": "Pemerintah Kota Kendari", "code": "KOTA-7471", "region_code": "7471",
             "seq": 2}])
        connection.execute(insert(USERS), [
            {"id": 1, "username": "nasional", "display_name": "Nasional",
             "role": "national_admin", "unit_id": 1, "scope_epoch": 1, "disabled": False,
             "created_at": NOW, "password_hash": hash_password(PASSWORD)},
            {"id": 2, "username": "lo_kota", "display_name": "Petugas Kota",
             "role": "liaison_officer", "unit_id": 2, "scope_epoch": 1, "disabled": False,
             "created_at": NOW, "password_hash": hash_password(PASSWORD)}])
    engine.dispose()
    init_database(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(update(Counter).where(Counter.name == "change_seq").values(value=2))
    engine.dispose()
    settings = ServerSettings(database_url=url, auto_close_interval=0)
    with running_server(settings) as live:
        _login(live.url + "/api/v1", "lo_kota")  # signs in as before
        api = _login(live.url + "/api/v1", "nasional")
        listed = api.get("/users").json()["users"]
        assert [(u["username"], u["must_change_password"]) for u in listed] == [
            ("lo_kota", False)]
        assert api.post("/users/2/disable", json={}).status_code == 200
        assert [e["action"] for e in api.get("/users/audit").json()["entries"]] == ["disabled"]
    _migrate(url, "0005", down=True)
    engine = make_engine(url)
    assert "must_change_password" not in {c["name"] for c in inspect(engine).get_columns("users")}
    assert "user_audit" not in inspect(engine).get_table_names()
    engine.dispose()
    init_database(url)


def test_complaints_rated_before_ratings_went_to_desktops_are_sent_again(
        db_factory: DatabaseFactory) -> None:
    """Revision 0014: a complaint rated on the public page before its rating travelled on the
    wire gets a fresh change number (above every earlier one), so every desktop pulls it again;
    the others keep theirs."""
    from lapor_desk.server.db import Complaint, PublicAccess
    from tests.server.builder import build_world

    url = db_factory.new_url()
    world = build_world(url)
    rated, other = world.complaints["kab_plain"], world.complaints["prov_plain"]
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(PublicAccess), {
            "complaint_id": rated, "code_hash": "-", "form_key": "k1", "rating": 4,
            "rating_note": "Cepat", "rated_at": NOW, "created_at": NOW})
        seqs = dict(connection.execute(select(Complaint.id, Complaint.seq)).all())
        counter = connection.execute(select(Counter.value).where(
            Counter.name == "change_seq")).scalar_one()
    engine.dispose()
    script = ScriptDirectory.from_config(alembic_config(url))
    before = script.get_revision("0014").down_revision
    assert isinstance(before, str)
    _migrate(url, before, down=True)
    _migrate(url, "head")
    engine = make_engine(url)
    with engine.connect() as connection:
        after = dict(connection.execute(select(Complaint.id, Complaint.seq)).all())
        now = connection.execute(select(Counter.value).where(
            Counter.name == "change_seq")).scalar_one()
    engine.dispose()
    assert now == counter + 1 and after[rated] == now > max(seqs.values())
    assert after[other] == seqs[other]
