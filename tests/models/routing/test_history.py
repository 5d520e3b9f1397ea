"""Labels for the routing model: the unit that finally handled each finished complaint."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from lapor_desk.models.cache import open_cache
from lapor_desk.models.cache.schema import Agency, Complaint, Disposition, FollowUp
from lapor_desk.models.routing.history import Step, final_unit, misrouted, read_history

PEMDA, PUPR, DINKES, DISHUB = 10, 11, 12, 13
UNITS = frozenset({PUPR, DINKES, DISHUB})


def test_a_unit_that_sent_it_back_is_not_the_label() -> None:
    steps = [Step("forward", PEMDA, DINKES), Step("not_our_authority", DINKES, PEMDA),
             Step("forward", PEMDA, PUPR)]
    # the wrong unit wrote a reply before it noticed; the right one answered too
    assert final_unit(steps, [DINKES, PUPR], PUPR, UNITS) == PUPR
    assert misrouted(steps)


def test_the_last_unit_that_answered_is_the_label() -> None:
    steps = [Step("forward", PEMDA, PUPR), Step("forward", PEMDA, DISHUB)]
    # re-forwarded to the transport office, which never answered: the roads office did
    assert final_unit(steps, [PUPR], DISHUB, UNITS) == PUPR
    assert not misrouted(steps)


def test_without_an_answer_the_handling_unit_stands_unless_it_bounced() -> None:
    assert final_unit([Step("forward", PEMDA, PUPR)], [], PUPR, UNITS) == PUPR
    bounced = [Step("forward", PEMDA, DINKES), Step("not_our_authority", DINKES, PEMDA)]
    assert final_unit(bounced, [], DINKES, UNITS) is None
    assert final_unit([], [], PEMDA, UNITS) is None  # the agency is not a unit


def _complaint(cid: str, status: str, created: str, handling: int | None) -> dict[str, object]:
    return {"id": cid, "tracking_number": 1, "complaint_type": "pengaduan", "title": cid,
            "body": "isi", "status": status, "responsible_id": PEMDA,
            "handling_unit_id": handling, "version": 1, "transition_version": 1,
            "created_at": created, "closed_at": "2026-03-01T00:00:00Z",
            "regency": "Kota Kendari"}


def test_history_reads_labels_and_bounces_from_the_cache(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    try:
        with cache.writer.begin() as c:
            c.execute(insert(Agency), [
                {"id": PEMDA, "level": "agency", "path": "/1/10/", "name": "Pemkot"},
                *({"id": u, "parent_id": PEMDA, "level": "unit", "path": f"/1/10/{u}/",
                   "name": f"Unit {u}"} for u in (PUPR, DINKES, DISHUB))])
            c.execute(insert(Complaint), [
                _complaint("bounced", "done", "2026-01-02T00:00:00Z", PUPR),
                _complaint("straight", "done", "2026-01-01T00:00:00Z", DISHUB),
                _complaint("open", "in_progress", "2026-01-03T00:00:00Z", PUPR)])
            c.execute(insert(Disposition), [
                {"id": "d1", "complaint_id": "bounced", "from_id": PEMDA, "to_id": DINKES,
                 "kind": "forward", "at": "2026-01-02T01:00:00Z"},
                {"id": "d2", "complaint_id": "bounced", "from_id": DINKES, "to_id": PEMDA,
                 "kind": "not_our_authority", "at": "2026-01-03T01:00:00Z"},
                {"id": "d3", "complaint_id": "bounced", "from_id": PEMDA, "to_id": PUPR,
                 "kind": "forward", "at": "2026-01-04T01:00:00Z"},
                {"id": "d4", "complaint_id": "straight", "from_id": PEMDA, "to_id": DISHUB,
                 "kind": "forward", "at": "2026-01-01T01:00:00Z"},
                {"id": "d5", "complaint_id": "open", "from_id": PEMDA, "to_id": PUPR,
                 "kind": "forward", "at": "2026-01-03T02:00:00Z"}])
            c.execute(insert(FollowUp), [
                {"id": "f1", "complaint_id": "bounced", "kind": "reply", "unit_id": PUPR,
                 "at": "2026-01-05T00:00:00Z"},
                {"id": "f2", "complaint_id": "straight", "kind": "internal_note",
                 "unit_id": DISHUB, "at": "2026-01-02T00:00:00Z"},
                {"id": "f3", "complaint_id": "straight", "kind": "reply", "unit_id": DISHUB,
                 "at": "2026-01-02T01:00:00Z"}])
        with cache.engine.connect() as connection:
            history = read_history(connection)
    finally:
        cache.close()
    assert [(h.complaint_id, h.unit_id, h.misrouted) for h in history] == [
        ("straight", DISHUB, False), ("bounced", PUPR, True)]  # oldest first; open left out
