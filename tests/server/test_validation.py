"""The server's side of the one validation (models/validation.py), over loopback HTTP on SQLite
and PostgreSQL: what can be cleaned harmlessly is cleaned exactly as the desktop cleans it
(NUL and other controls, bidirectional overrides in titles, names and file names); what cannot
be stored is refused per action with ``field:code``, never a failed batch."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from lapor_desk.models.enums import Role
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Attachment, Complaint, MutationResult, Reporter, User
from lapor_desk.server.services.complaints import reporter_response
from lapor_desk.server.services.errors import InvalidInputError
from lapor_desk.server.services.users import create_user
from tests.server.builder import complaint_payload, new_id
from tests.server.client import Api, WorldServer

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


def _attach(api: Api, filename: str, data: bytes = b"\xff\xd8foto" * 100) -> dict[str, Any]:
    sha = api.upload(data)
    return {"id": new_id(), "sha256": sha, "size": len(data), "mime_type": "image/jpeg\x00",
            "filename": filename}


def _stored(server: WorldServer, model: Any, **where: Any) -> list[Any]:
    engine = make_engine(server.live.database_url)
    try:
        with engine.connect() as connection:
            query = select(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return list(connection.execute(query))
    finally:
        engine.dispose()


def test_a_recorded_complaint_with_nul_and_overrides_is_stored_cleaned(
        server: WorldServer) -> None:
    api = server.login("admin_prov")
    cid = new_id()
    raw = complaint_payload(f"Pungli di loket {RLO}FDP.ada{PDF} KTP\x00",
                            body="Kronologi:\x00 petugas minta uang.\r\n\x0bSudah dua kali.",
                            regency=f"Kon{LRI}awe{PDI}", tags=["pungli\x00", f"{RLO}ktp"],
                            reporter={"name": f"Budi {RLO}Santoso\x00", "phone": "0812\x0034567890"})
    answer = api.do("record_complaint", cid, None, complaint=raw,
                    attachments=[_attach(api, f"foto{RLO}gpj.exe")])
    assert answer["outcome"] == "applied", answer
    [complaint] = _stored(server, Complaint, id=cid)
    assert complaint.title == "Pungli di loket FDP.ada KTP"
    assert complaint.body == "Kronologi: petugas minta uang.\r\n\nSudah dua kali."
    assert complaint.regency == "Konawe" and complaint.tags == ["ktp", "pungli"]
    [reporter] = _stored(server, Reporter, id=complaint.reporter_id)
    assert reporter.name == "Budi Santoso" and reporter.phone == "081234567890"
    [attachment] = _stored(server, Attachment, complaint_id=cid)
    assert attachment.filename == "fotogpj.exe" and attachment.mime_type == "image/jpeg"


def test_a_file_name_with_an_override_arrives_cleaned_on_a_note(server: WorldServer) -> None:
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    answer = api.do("internal_note", cid, None, follow_up_id=new_id(), body="lampiran\x00 foto",
                    attachments=[_attach(api, f"{LRI}foto{RLO}gpj.exe{PDI}")])
    assert answer["outcome"] == "applied", answer
    state = api.pull_all()[0]["state"]
    [attachment] = [a for a in state["attachment"].values() if a["complaint_id"] == cid]
    assert attachment["filename"] == "fotogpj.exe"
    [note] = [f for f in state["follow_up"].values() if f["complaint_id"] == cid]
    assert note["body"] == "lampiran foto"


@pytest.mark.parametrize(("complaint_id", "kind", "payload", "reason", "detail"), [
    ("x" * 40, "forward", {"to_id": 1, "disposition_id": new_id()}, "invalid_payload",
     "complaint_id:invalid"),
    ("abc\x00defgh-1", "internal_note", {"body": "x", "follow_up_id": new_id()},
     "invalid_payload", "complaint_id:invalid"),
    ("x" * 40, "record_complaint", {"complaint": complaint_payload("Judul yang cukup")},
     "invalid_payload", "complaint_id:invalid"),
    ("x" * 40, "for\x00ward", {}, "unknown_action", "forward"),
    (None, "record_complaint", {"complaint": complaint_payload(
        "Judul yang cukup", received_at="9999-12-31T23:59:59-01:00")},
     "invalid_payload", "received_at:invalid"),
    (None, "record_complaint", {"complaint": complaint_payload(
        "Judul yang cukup", reporter={"name": "B", "email": "a@" + "b" * 260 + ".id"})},
     "invalid_payload", "reporter.email:too_long"),
    (None, "record_complaint", {"complaint": complaint_payload("Judul yang cukup"),
                                "attachments": [{"id": "a" * 37}]},
     "invalid_payload", "attachments.id:invalid"),
])
def test_what_cannot_be_stored_is_refused_per_action(server: WorldServer, complaint_id: str | None,
                                                     kind: str, payload: dict[str, Any],
                                                     reason: str, detail: str) -> None:
    api = server.login("admin_prov")
    good = api.action("internal_note", server.cid("prov_plain"), None, body="sesudahnya",
                      follow_up_id=new_id())
    bad = api.action(kind, complaint_id or new_id(), None, **payload)
    answers = api.push(bad, good)
    assert (answers[0]["outcome"], answers[0]["reason"], answers[0]["detail"]) == (
        "rejected", reason, detail)
    assert answers[1]["outcome"] == "applied"  # a refusal never blocks the next action
    [stored] = _stored(server, MutationResult, mutation_id=bad["mutation_id"])
    assert stored.reason == reason and "\x00" not in (stored.detail or "")


def test_display_names_and_reporter_responses_are_cleaned(server: WorldServer) -> None:
    engine = make_engine(server.live.database_url)
    try:
        with transaction(engine) as session:
            user_id = create_user(session, username="admin_baru",
                                  display_name=f"Admin {RLO}Konawe{PDF}\x00",
                                  role=Role.AGENCY_ADMIN, unit_id=server.unit("kab_kominfo"),
                                  password="rahasia-uji-123")
            reporter_response(session, server.cid("kab_plain"), "Belum\x00 diperbaiki.\x07")
    finally:
        engine.dispose()
    [user] = _stored(server, User, id=user_id)
    assert user.display_name == "Admin Konawe"
    bodies = {f["body"] for f in server.login("admin_kab").pull_all()[0]["state"]
              ["follow_up"].values()}
    assert "Belum diperbaiki." in bodies


@pytest.mark.parametrize("username", [f"admin{RLO}kab", "admin\x85kab", "admin\u2028kab",
                                      " admin_kab", "admin\u200fkab"])
def test_a_username_no_desktop_could_show_is_refused(server: WorldServer, username: str) -> None:
    """Every desktop refuses a sign-in answer naming such a user (sync/protocol.py): the server
    makes no such user, and a sign-in naming one is refused as malformed, before any check."""
    engine = make_engine(server.live.database_url)
    try:
        with pytest.raises(InvalidInputError), transaction(engine) as session:
            create_user(session, username=username, display_name="Admin Baru",
                        role=Role.AGENCY_ADMIN, unit_id=server.unit("kab_kominfo"),
                        password="rahasia-uji-123")
    finally:
        engine.dispose()
    assert not _stored(server, User, username=username)
    if username.strip() == username:
        response = server.anonymous().post(
            "/auth/login", json={"username": username, "password": "rahasia-uji-123"})
        assert response.status_code == 422, response.text
