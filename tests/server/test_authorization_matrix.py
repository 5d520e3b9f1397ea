"""The authorisation matrix: role x unit (own / other) x endpoint, each cell asserted.

One module-scoped world: complaints at the province, the kabupaten, a ministry and the national
level, two forwarded to province units with follow-ups and attachments. Every user pulls
everything, downloads every blob, and the rahasia and anonim rules are checked on the raw bytes.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.builder import USERS, new_id
from tests.server.client import Api, WorldServer

ALL = {"prov_plain", "prov_anon", "prov_secret", "kab_plain", "kab_secret_anon",
       "ministry_plain", "national_plain"}
VISIBLE = {
    "nasional": ALL,
    "admin_prov": {"prov_plain", "prov_anon", "prov_secret", "kab_plain", "kab_secret_anon"},
    "admin_kab": {"kab_plain", "kab_secret_anon"},
    "admin_menkes": {"ministry_plain"},
    "lo_prov_health": {"prov_secret"},
    "lo_prov_works": {"prov_plain"},
    "lo_kab_health": set(),
}
#: Who reads the content of each confidential complaint (others get body null, redacted true).
READS_SECRET = {
    "prov_secret": {"admin_prov", "lo_prov_health"},  # handler units + liaison of handling unit
    "kab_secret_anon": {"admin_kab"},  # admins of the responsible agency
}
#: Blob label -> users who may download it.
DOWNLOADS = {
    "secret_blob": {"admin_prov", "lo_prov_health"},
    "plain_blob": {"nasional", "admin_prov", "lo_prov_works"},
}
SECRET_TEXT = "isi rahasia tindak lanjut"


@pytest.fixture(scope="module")
def matrix(shared_server: WorldServer) -> dict[str, Any]:
    """Forward two complaints to province units; their liaisons reply with an attachment."""
    ws = shared_server
    admin = ws.login("admin_prov")
    blobs = {}
    for label, unit, liaison, blob in (("prov_secret", "prov_health", "lo_prov_health", "secret_blob"),
                                       ("prov_plain", "prov_works", "lo_prov_works", "plain_blob")):
        result = admin.do("forward", ws.cid(label), 1, to_id=ws.unit(unit), note="mohon ditangani",
                          disposition_id=new_id())
        assert result["outcome"] == "applied", result
        officer = ws.login(liaison)
        data = f"lampiran {label} ".encode() * 1000
        sha = officer.upload(data)
        blobs[blob] = sha
        attachment = {"id": new_id(), "sha256": sha, "size": len(data), "mime_type": "text/plain",
                      "filename": f"{label}.txt"}
        body = SECRET_TEXT if label == "prov_secret" else "jalan sudah diperbaiki"
        result = officer.do("follow_up", ws.cid(label), None, follow_up_id=new_id(), body=body,
                            attachments=[attachment])
        assert result["outcome"] == "applied", result
    apis = {username: ws.login(username) for username, _, _ in USERS}
    pulls = {}
    for username, api in apis.items():
        response = api.get("/sync/pull")
        assert response.status_code == 200
        merged, _ = api.pull_all()
        pulls[username] = {"raw": response.text, "state": merged["state"]}
    return {"apis": apis, "pulls": pulls, "blobs": blobs}


def _labels(ws: WorldServer, state: dict[str, Any]) -> set[str]:
    ids = {v: k for k, v in ws.world.complaints.items()}
    return {ids[cid] for cid in state.get("complaint", {}) if cid in ids}


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_pull_visibility(shared_server: WorldServer, matrix: dict[str, Any], username: str) -> None:
    state = matrix["pulls"][username]["state"]
    assert _labels(shared_server, state) == VISIBLE[username]
    visible_ids = set(state.get("complaint", {}))
    for entity in ("disposition", "follow_up", "attachment", "event"):
        for row in state.get(entity, {}).values():
            assert row["complaint_id"] in visible_ids, (entity, row)
    assert len(state["agency"]) == len(shared_server.world.agencies)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_rahasia_content_only_to_handlers(shared_server: WorldServer, matrix: dict[str, Any],
                                          username: str) -> None:
    pull = matrix["pulls"][username]
    state = pull["state"]
    for label, readers in READS_SECRET.items():
        row = state.get("complaint", {}).get(shared_server.cid(label))
        if row is None:
            continue
        if username in readers:
            assert row["body"] and row["title"] and row["redacted"] is False
        else:
            assert row["body"] is None and row["title"] == "" and row["redacted"] is True
    secret_id = shared_server.cid("prov_secret")
    replies = [f for f in state.get("follow_up", {}).values() if f["complaint_id"] == secret_id]
    attachments = [a for a in state.get("attachment", {}).values() if a["complaint_id"] == secret_id]
    if username in READS_SECRET["prov_secret"]:
        assert [f["body"] for f in replies] == [SECRET_TEXT] and attachments
    else:
        assert all(f["body"] is None and f["redacted"] for f in replies)
        assert attachments == []
        assert SECRET_TEXT not in pull["raw"]
    for row in state.get("complaint", {}).values():
        if not row["confidential"]:
            assert row["body"] and row["redacted"] is False


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_anonim_identity_and_nik_never_sent(shared_server: WorldServer, matrix: dict[str, Any],
                                            username: str) -> None:
    raw = matrix["pulls"][username]["raw"]
    api: Api = matrix["apis"][username]
    conflict_probe = api.get("/me").text
    for label, reporter in shared_server.world.reporters.items():
        assert reporter["nik"] not in raw
        if label in ("prov_anon", "kab_secret_anon"):
            for value in (reporter["name"], reporter["phone"], reporter["email"]):
                assert value not in raw and value not in conflict_probe
    for row in matrix["pulls"][username]["state"].get("complaint", {}).values():
        if row["anonymous"] or row["redacted"]:  # rahasia: not for those who may not read it
            assert row["reporter_name"] is None and row["reporter_contact"] is None
        else:
            assert row["reporter_name"] and row["reporter_contact"]
        assert "nik" not in row


@pytest.mark.parametrize("username", sorted(VISIBLE))
@pytest.mark.parametrize("blob", sorted(DOWNLOADS))
def test_blob_download(matrix: dict[str, Any], username: str, blob: str) -> None:
    response = matrix["apis"][username].get(f"/blobs/{matrix['blobs'][blob]}")
    if username in DOWNLOADS[blob]:
        assert response.status_code == 200 and response.content.startswith(b"lampiran")
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


# --- push: role x own/other unit --------------------------------------------------------------

PUSH_CELLS: list[tuple[str, str, str, dict[str, Any], str]] = [
    # user, action, complaint, payload (ids filled in), expected outcome or reject reason
    ("lo_prov_health", "forward", "kab_plain", {"to_id": "kab_health"}, "out_of_scope"),
    ("admin_kab", "forward", "prov_anon", {"to_id": "kab_health"}, "out_of_scope"),
    ("admin_menkes", "postpone", "kab_plain", {"reason": "data kurang"}, "out_of_scope"),
    ("admin_kab", "forward", "kab_plain", {"to_id": "prov_health"}, "target_not_allowed"),
    ("admin_prov", "forward", "kab_plain", {"to_id": "kab_health"}, "applied"),
    ("lo_prov_health", "follow_up", "kab_plain", {"body": "bukan unit kami"}, "out_of_scope"),
    ("lo_prov_works", "internal_note", "kab_plain", {"body": "catatan"}, "out_of_scope"),
    ("lo_kab_health", "forward", "kab_plain", {"to_id": "kab_kominfo"}, "role_not_allowed"),
    ("lo_kab_health", "archive", "kab_plain", {"reason_code": "spam"}, "role_not_allowed"),
    ("lo_kab_health", "follow_up", "kab_plain", {"body": "sedang kami perbaiki"}, "applied"),
    ("lo_kab_health", "close", "kab_plain", {"note": "selesai"}, "role_not_allowed"),
    ("nasional", "close", "kab_plain", {"note": "selesai"}, "role_not_allowed"),
    ("admin_kab", "close", "kab_plain", {"note": "selesai"}, "applied"),
    ("nasional", "handle", "national_plain", {"note": "x"}, "role_not_allowed"),
    ("nasional", "forward", "national_plain", {"to_id": "ministry"}, "applied"),
    ("admin_menkes", "archive", "national_plain", {"reason_code": "other"}, "reason_required"),
    ("admin_menkes", "handle", "national_plain", {"note": "kami tangani"}, "applied"),
    ("admin_prov", "postpone", "prov_anon", {"reason": "identitas kurang"}, "applied"),
    ("lo_prov_health", "internal_note", "prov_secret", {"body": "cek lapangan"}, "out_of_scope"),
    ("admin_prov", "internal_note", "prov_secret", {"body": "cek lapangan"}, "applied"),
    ("admin_menkes", "link_duplicate", "prov_secret", {"other_id": "x" * 36}, "out_of_scope"),
]


def _fill(ws: WorldServer, payload: dict[str, Any]) -> dict[str, Any]:
    filled = dict(payload)
    if "to_id" in filled:
        filled["to_id"] = ws.unit(filled["to_id"])
    filled.setdefault("disposition_id", new_id())
    filled.setdefault("follow_up_id", new_id())
    return filled


def test_push_matrix(server: WorldServer) -> None:
    apis = {username: server.login(username) for username, _, _ in USERS}
    outcomes = []
    for username, kind, label, payload, expected in PUSH_CELLS:
        result = apis[username].do(kind, server.cid(label), None, **_fill(server, payload))
        got = result["outcome"] if result["outcome"] != "rejected" else result["reason"]
        outcomes.append((username, kind, label, got))
    assert outcomes == [(u, k, c, e) for u, k, c, _, e in PUSH_CELLS]


@pytest.mark.parametrize("username,expected", [
    ("nasional", "applied"), ("admin_kab", "applied"), ("lo_kab_health", "role_not_allowed"),
])
def test_record_complaint_by_role(server: WorldServer, username: str, expected: str) -> None:
    from tests.server.builder import complaint_payload

    api = server.login(username)
    complaint_id = new_id()
    result = api.do("record_complaint", complaint_id, None,
                    complaint=complaint_payload("Pengaduan tatap muka", channel="walk_in"))
    got = result["outcome"] if result["outcome"] != "rejected" else result["reason"]
    assert got == expected
    if expected != "applied":
        return
    mine = api.pull_all()[0]["state"]["complaint"][complaint_id]
    assert mine["status"] == "unverified" and mine["channel"] == "walk_in"
    assert 1_000_000 <= mine["tracking_number"] <= 9_999_999
    assert mine["recorded_by"] == server.world.user(username).id
    seen_by = {u for u, _, _ in USERS
               if complaint_id in server.login(u).pull_all()[0]["state"].get("complaint", {})}
    assert seen_by == ({"nasional"} if username == "nasional" else {"nasional", "admin_prov", "admin_kab"})
