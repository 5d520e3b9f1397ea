"""Attachments named in actions: only a blob the caller uploaded completely themselves, or one
they may already read (an attachment on a complaint they may read unredacted).

Every action kind that carries attachments (follow_up, internal_note, record_complaint) x every
role, over loopback HTTP on SQLite and PostgreSQL. A refused action is rejected
``attachment_missing`` and nothing of it is written: the same ids are accepted afterwards.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event

from tests.server.builder import complaint_payload, new_id
from tests.server.client import Api, WorldServer

KINDS = ("follow_up", "internal_note", "record_complaint")
#: One user of each role; they all see and read ``prov_plain`` (forwarded to prov_works).
ACTORS = {"national_admin": "nasional", "agency_admin": "admin_prov",
          "liaison_officer": "lo_prov_works"}
ALLOWED = {("follow_up", "admin_prov"), ("follow_up", "lo_prov_works"),
           ("internal_note", "nasional"), ("internal_note", "admin_prov"),
           ("internal_note", "lo_prov_works"),
           ("record_complaint", "nasional"), ("record_complaint", "admin_prov")}
#: Whose attachment on prov_plain each actor may read without having uploaded it.
READABLE_FROM = {"nasional": "admin_prov", "admin_prov": "lo_prov_works",
                 "lo_prov_works": "admin_prov"}


def ref(data: bytes, name: str = "foto.jpg", size: int | None = None) -> dict[str, Any]:
    return {"id": new_id(), "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data) if size is None else size, "mime_type": "image/jpeg",
            "filename": name}


def attach(api: Api, kind: str, complaint_id: str, refs: list[dict[str, Any]],
           **ids: str) -> dict[str, Any]:
    """``kind`` with ``refs``: on ``complaint_id``, or recording ``ids["new_complaint_id"]``."""
    if kind == "record_complaint":
        return api.do(kind, ids.get("new_complaint_id") or new_id(), None, attachments=refs,
                      complaint=complaint_payload("Pengaduan tatap muka di loket",
                                                  channel="walk_in"))
    return api.do(kind, complaint_id, None, follow_up_id=ids.get("follow_up_id") or new_id(),
                  body="terlampir", attachments=refs)


def version(api: Api, complaint_id: str) -> int:
    return int(api.pull_all()[0]["state"]["complaint"][complaint_id]["version"])


@dataclass
class Stage:
    """prov_plain forwarded to prov_works, with attachments of admin_prov and lo_prov_works on
    it; a rahasia attachment of admin_kab on kab_secret_anon; a blob lo_prov_health uploaded and
    never attached."""

    complaint_id: str
    readable: dict[str, dict[str, Any]]  # uploader -> attachment ref on prov_plain
    secret: dict[str, Any]
    unattached: dict[str, Any]


def stage(ws: WorldServer) -> Stage:
    admin = ws.login("admin_prov")
    cid = ws.cid("prov_plain")
    assert admin.do("forward", cid, None, to_id=ws.unit("prov_works"), note="mohon ditangani",
                    disposition_id=new_id())["outcome"] == "applied"
    readable = {}
    for username in ("admin_prov", "lo_prov_works"):
        api = ws.login(username)
        data = f"foto lapangan dari {username} ".encode() * 300
        api.upload(data)
        readable[username] = ref(data)
        assert attach(api, "internal_note", cid, [readable[username]])["outcome"] == "applied"
    kab = ws.login("admin_kab")
    secret_data = b"surat rahasia pelapor Konawe " * 300
    kab.upload(secret_data)
    secret = ref(secret_data, "rahasia.pdf")
    assert attach(kab, "internal_note", ws.cid("kab_secret_anon"), [secret])["outcome"] == "applied"
    other = ws.login("lo_prov_health")
    loose = b"berkas unit lain yang belum dilampirkan " * 300
    other.upload(loose)
    return Stage(cid, readable, secret, ref(loose))


@pytest.mark.parametrize("role", sorted(ACTORS))
@pytest.mark.parametrize("kind", KINDS)
def test_an_action_attaches_only_what_the_caller_uploaded_or_may_read(
        server: WorldServer, kind: str, role: str) -> None:
    world = stage(server)
    username = ACTORS[role]
    api = server.login(username)
    own_data = f"foto milik {username} untuk {kind} ".encode() * 500
    own = ref(own_data)
    half_data = f"unggahan setengah jalan {username} ".encode() * 500
    half = ref(half_data)
    assert api.put(f"/blobs/{half['sha256']}/upload",
                   params={"offset": 0, "total": len(half_data)},
                   data=half_data[:1000]).json() == {"offset": 1000, "complete": False}
    api.upload(own_data)
    never = ref(b"tidak pernah diunggah siapa pun")
    wrong_size = ref(own_data, size=len(own_data) - 1)
    ids = {"new_complaint_id": new_id(), "follow_up_id": new_id()}
    before = version(api, world.complaint_id)

    secret = dict(world.secret, id=new_id())  # the hash and size of admin_kab's attachment
    refused = [[secret], [world.unattached], [half], [never], [wrong_size],
               [own, secret]]  # one foreign file refuses the whole action
    for refs in refused:
        result = attach(api, kind, world.complaint_id, refs, **ids)
        if (kind, username) not in ALLOWED:
            assert (result["outcome"], result["reason"]) == ("rejected", "role_not_allowed")
            continue
        assert (result["outcome"], result["reason"]) == ("rejected", "attachment_missing"), refs
        assert result["detail"] == refs[-1]["sha256"]
    assert api.get(f"/blobs/{world.secret['sha256']}").status_code == 403
    assert api.get(f"/blobs/{world.unattached['sha256']}").status_code == 403
    if (kind, username) not in ALLOWED:
        return

    readable = dict(world.readable[READABLE_FROM[username]], id=new_id())
    applied = attach(api, kind, world.complaint_id, [own, readable], **ids)
    assert applied["outcome"] == "applied", applied  # the same ids: nothing was written before
    state = api.pull_all()[0]["state"]
    if kind == "record_complaint":
        assert applied["version"] == 1 and ids["new_complaint_id"] in state["complaint"]
        target = ids["new_complaint_id"]
    else:
        assert applied["version"] == before + 1
        target = world.complaint_id
    mine = {a["sha256"] for a in state["attachment"].values() if a["complaint_id"] == target}
    assert {own["sha256"], readable["sha256"]} <= mine
    assert world.secret["sha256"] not in {a["sha256"] for a in state["attachment"].values()}
    assert api.get(f"/blobs/{own['sha256']}").content == own_data


def test_a_liaison_cannot_borrow_another_units_attachment_by_its_hash(server: WorldServer) -> None:
    """The attack: a liaison officer names, in an internal note on their own complaint, the
    SHA-256 of an attachment of another unit, hoping to be able to download it afterwards."""
    admin = server.login("admin_prov")
    for label, unit in (("prov_plain", "prov_works"), ("prov_secret", "prov_health")):
        assert admin.do("forward", server.cid(label), None, to_id=server.unit(unit),
                        note="mohon ditangani", disposition_id=new_id())["outcome"] == "applied"
    works = server.login("lo_prov_works")
    photo = b"\xff\xd8 foto kerusakan jalan di depan pasar " * 2000
    works.upload(photo)
    theirs = ref(photo)
    assert attach(works, "follow_up", server.cid("prov_plain"), [theirs])["outcome"] == "applied"

    health = server.login("lo_prov_health")
    sha = theirs["sha256"]
    assert health.get(f"/blobs/{sha}").status_code == 403
    borrowed = dict(theirs, id=new_id())
    result = attach(health, "internal_note", server.cid("prov_secret"), [borrowed])
    assert (result["outcome"], result["reason"], result["detail"]) == (
        "rejected", "attachment_missing", sha)
    denied = health.get(f"/blobs/{sha}")
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    assert health.get(f"/blobs/{sha}/upload").json() == {"offset": 0, "complete": False}
    state = health.pull_all()[0]["state"]
    assert sha not in {a["sha256"] for a in state.get("attachment", {}).values()}
    assert not [f for f in state.get("follow_up", {}).values()
                if f["complaint_id"] == server.cid("prov_secret")]
    # Sending the file itself is the honest way, and works.
    health.upload(photo)
    again = attach(health, "internal_note", server.cid("prov_secret"), [borrowed])
    assert again["outcome"] == "applied"
    assert health.get(f"/blobs/{sha}").content == photo


def test_a_push_checks_attachments_with_one_query_per_action(server: WorldServer) -> None:
    """A batch of 20 notes with 5 attachments each: 20 attachment checks, not 100, and none
    for the actions without attachments."""
    api = server.login("admin_prov")
    files = [f"lampiran nomor {i} ".encode() * 200 for i in range(5)]
    for data in files:
        api.upload(data)
    cid = server.cid("prov_plain")
    actions = [api.action("internal_note", cid, None, follow_up_id=new_id(), body=f"catatan {i}",
                          attachments=[ref(data) for data in files]) for i in range(20)]
    actions += [api.action("internal_note", cid, None, follow_up_id=new_id(), body="tanpa")
                for _ in range(10)]
    engine = server.live.app.state.server.engine
    checks: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "blob_uploads" in statement:
            checks.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        results = api.push(*actions)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [r["outcome"] for r in results] == ["applied"] * 30
    assert len(checks) == 20
