"""Push: idempotency, conflicts, rejections that do not block, client binding, limits."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import event, func, select

from lapor_desk.server.db import ComplaintEvent, MutationResult, SyncClient
from tests.server.builder import complaint_payload, new_id
from tests.server.client import WorldServer


def _events(server: WorldServer, complaint_id: str) -> int:
    with server.live.session() as session:
        return int(session.scalar(
            select(func.count()).select_from(ComplaintEvent).where(
                ComplaintEvent.complaint_id == complaint_id)) or 0)


def test_same_mutation_twice_gets_the_same_answer_and_one_event(server: WorldServer) -> None:
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    action = api.action("forward", cid, 1, to_id=server.unit("prov_works"), note="x",
                        disposition_id=new_id())
    before = _events(server, cid)
    first = api.push(action)
    second = api.push(action)
    assert first == second
    assert first[0]["outcome"] == "applied" and first[0]["version"] == 2
    assert _events(server, cid) == before + 1
    with server.live.session() as session:
        event = session.scalars(select(ComplaintEvent).where(
            ComplaintEvent.complaint_id == cid).order_by(ComplaintEvent.seq.desc())).first()
        assert event is not None and event.client_id == api.client_id and event.mutation_id == 1
        client = session.get(SyncClient, api.client_id)
        assert client is not None and client.last_mutation_id == 1


def test_a_rejected_answer_is_replayed_unchanged(server: WorldServer) -> None:
    api = server.login("lo_prov_works")
    action = api.action("forward", server.cid("prov_plain"), 1, to_id=1, disposition_id=new_id())
    assert api.push(action) == api.push(action)
    with server.live.session() as session:
        assert session.scalar(select(func.count()).select_from(MutationResult)) == 1


def test_exclusive_transitions_conflict_and_show_current(server: WorldServer) -> None:
    one, two = server.login("admin_prov"), server.login("admin_prov")
    cid = server.cid("prov_plain")
    applied = one.do("forward", cid, 1, to_id=server.unit("prov_works"), disposition_id=new_id())
    assert applied["outcome"] == "applied"
    conflict = two.do("archive", cid, 1, reason_code="spam")
    assert conflict["outcome"] == "conflict" and conflict["reason"] is None
    current = conflict["current"]
    assert current["id"] == cid and current["status"] == "forwarded"
    assert current["handling_unit_id"] == server.unit("prov_works")
    assert current["transition_version"] == 2
    # Follow-ups and notes never conflict: both replies are kept.
    liaison_a, liaison_b = server.login("lo_prov_works"), server.login("lo_prov_works")
    a = liaison_a.do("follow_up", cid, 1, follow_up_id=new_id(), body="balasan pertama")
    b = liaison_b.do("follow_up", cid, 1, follow_up_id=new_id(), body="balasan kedua")
    assert a["outcome"] == b["outcome"] == "applied" and b["version"] == a["version"] + 1
    # A base_version at the latest transition does not conflict.
    assert one.do("close", cid, current["transition_version"])["outcome"] == "applied"


def test_rejection_does_not_block_later_actions(server: WorldServer) -> None:
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    results = api.push(
        api.action("postpone", cid, 1),  # reason missing
        api.action("teleport", cid, 1),  # unknown kind
        api.action("forward", new_id(), 1, to_id=1, disposition_id=new_id()),  # unknown
        api.action("archive", cid, 1, reason_code="not-a-code"),
        api.action("postpone", cid, 1, reason="data pelapor kurang"),
        api.action("forward", cid, 2, to_id=server.unit("prov_works"), disposition_id=new_id()),
    )
    assert [(r["outcome"], r["reason"]) for r in results] == [
        ("rejected", "reason_required"), ("rejected", "unknown_action"), ("rejected", "not_found"),
        ("rejected", "reason_required"), ("applied", None), ("applied", None)]
    assert results[-1]["version"] == 3


def test_client_id_belongs_to_its_first_user(server: WorldServer) -> None:
    first = server.login("admin_prov")
    assert first.push(first.action("internal_note", server.cid("prov_plain"), None,
                                   follow_up_id=new_id(), body="catatan"))
    other = server.login("admin_kab")
    other.client_id = first.client_id
    response = other.post("/sync/push", json={"client_id": first.client_id, "actions": []})
    assert response.status_code == 403 and response.json()["error"]["code"] == "client_mismatch"


def test_attachments_must_be_uploaded_completely_first(server: WorldServer) -> None:
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    data = b"surat pengaduan " * 4000
    sha = hashlib.sha256(data).hexdigest()
    ref = {"id": new_id(), "sha256": sha, "size": len(data), "mime_type": "application/pdf",
           "filename": "surat.pdf"}
    missing = api.do("internal_note", cid, None, follow_up_id=new_id(), body="lampiran", attachments=[ref])
    assert (missing["outcome"], missing["reason"]) == ("rejected", "attachment_missing")
    half = api.put(f"/blobs/{sha}/upload", params={"offset": 0, "total": len(data)},
                   data=data[: len(data) // 2])
    assert half.status_code == 200 and half.json() == {"offset": len(data) // 2, "complete": False}
    partial = api.do("internal_note", cid, None, follow_up_id=new_id(), body="lampiran", attachments=[ref])
    assert partial["reason"] == "attachment_missing"
    api.upload(data)
    applied = api.do("internal_note", cid, None, follow_up_id=new_id(), body="lampiran", attachments=[ref])
    assert applied["outcome"] == "applied"
    reused = api.do("internal_note", cid, None, follow_up_id=new_id(), body="lagi", attachments=[ref])
    assert (reused["outcome"], reused["reason"]) == ("rejected", "already_exists")


def test_record_complaint_validates_and_is_idempotent(server: WorldServer) -> None:
    api = server.login("admin_kab")
    cid = new_id()
    bad = api.do("record_complaint", new_id(), None, complaint={"title": "x"})
    assert bad["reason"] == "invalid_payload" and "body" in bad["detail"]
    action = api.action("record_complaint", cid, None,
                        complaint=complaint_payload("Surat warga tentang air bersih", channel="letter"))
    first = api.push(action)[0]
    assert first["outcome"] == "applied" and first["version"] == 1
    assert api.push(action)[0] == first
    again = api.do("record_complaint", cid, None,
                   complaint=complaint_payload("Surat warga tentang air bersih", channel="letter"))
    assert again["reason"] == "already_exists"


def test_batch_limits(server: WorldServer) -> None:
    api = server.login("admin_prov")
    too_many = [api.action("internal_note", server.cid("prov_plain"), None, body="x",
                           follow_up_id=new_id()) for _ in range(501)]
    response = api.post("/sync/push", json={"client_id": api.client_id, "actions": too_many})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    huge = api.post("/sync/push", data=b"{" + b" " * (9 << 20) + b"}",
                    headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "too_large"


def test_an_action_the_database_cannot_store_is_rejected_alone(server: WorldServer) -> None:
    """PostgreSQL refuses NUL in text: even in an unknown kind and a complaint id the action is
    answered ``rejected`` and the batch goes on (the answer once was a 422 for the whole batch,
    after the actions before it were applied: a batch its client could never get through)."""
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    note = api.action("internal_note", cid, None, follow_up_id=new_id(), body="catatan")
    poisoned = api.action("teleport\x00", "no-such\x00complaint", None)
    after = api.action("internal_note", cid, None, follow_up_id=new_id(), body="sesudahnya")
    results = api.push(note, poisoned, after)
    assert [r["outcome"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["reason"] in {"unknown_action", "invalid_payload"}  # SQLite stores NUL
    assert api.push(poisoned) == [results[1]]


def test_push_numbers_are_json_integers(server: WorldServer) -> None:
    """``true`` is not a mutation id and ``"1"`` no version; ``2.0`` is the integer 2 (JSON
    Schema's ``integer``, which the push body's schema says)."""
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    for field, value in [("mutation_id", True), ("mutation_id", "1"), ("base_version", False),
                         ("base_version", "1")]:
        action = {**api.action("close", cid, 1), field: value}
        response = api.post("/sync/push", json={"client_id": api.client_id, "actions": [action]})
        assert response.status_code == 422, (field, value, response.text)
        assert response.json()["error"]["code"] == "invalid_request"
    action = {**api.action("internal_note", cid, None, follow_up_id=new_id(), body="x"),
              "mutation_id": 2.0}
    response = api.post("/sync/push", json={"client_id": api.client_id, "actions": [action]})
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["mutation_id"] == 2


def test_a_letters_number_and_date_are_kept_with_its_arrival(server: WorldServer) -> None:
    """A complaint that came by letter: its number and date are in the detail of the event of
    its arrival, for whoever may read it; of a rahasia one, an admin above (who receives no
    words of it) gets the channel only."""
    api = server.login("admin_kab")
    cid = new_id()
    answer = api.do("record_complaint", cid, None, complaint=complaint_payload(
        "Surat warga tentang air bersih", channel="letter", letter_number="045/12/KEL/2026",
        letter_date="2026-10-30", confidential=True))
    assert answer["outcome"] == "applied", answer

    def arrival(username: str) -> dict[str, object]:
        state = server.login(username).pull_all()[0]["state"]
        [event] = [e for e in state["event"].values() if e["complaint_id"] == cid]
        return dict(event["detail"])

    assert arrival("admin_kab") == {"channel": "letter", "letter_number": "045/12/KEL/2026",
                                    "letter_date": "2026-10-30"}
    assert arrival("admin_prov") == {"channel": "letter"}
    late = api.do("record_complaint", new_id(), None, complaint=complaint_payload(
        "Surat warga tentang jalan", channel="letter", letter_date="2999-01-01"))
    assert late["reason"] == "invalid_payload" and "letter_date:future" in late["detail"]


def test_a_batch_takes_one_connection_and_a_transaction_per_action(server: WorldServer) -> None:
    """One pool checkout for the batch; each action commits on its own (the change counter's
    lock is held for one action at a time)."""
    api = server.login("admin_prov")
    cid = server.cid("prov_plain")
    api.do("internal_note", cid, None, follow_up_id=new_id(), body="pertama")  # client bound
    engine = server.live.app.state.server.engine
    seen = {"checkouts": 0, "commits": 0}

    def checkout(*_args: Any) -> None:
        seen["checkouts"] += 1

    def commit(_connection: Any) -> None:
        seen["commits"] += 1

    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine, "commit", commit)
    try:
        results = api.push(*(api.action("internal_note", cid, None, follow_up_id=new_id(),
                                        body=f"catatan {n}") for n in range(3)))
    finally:
        event.remove(engine.pool, "checkout", checkout)
        event.remove(engine, "commit", commit)
    assert [r["outcome"] for r in results] == ["applied"] * 3
    assert seen["commits"] == 4  # the client's binding, then one per action
    assert seen["checkouts"] == 2  # the caller's token, then the batch
