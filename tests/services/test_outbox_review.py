"""Kotak Keluar and Konflik against the real reference server: two profiles (an agency admin and
the national admin) act on the same complaints; the server refuses or reports a conflict, and a
person resends, re-applies or drops their action."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services import ActionNotAllowed, Workstation
from lapor_desk.services.verification import ActionFields
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def national(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = Workstation(tmp_path / "national", device="pytest-national")
    station.sign_in(live_server.url, "nasional1", password)
    station.sync()
    yield station
    station.close()


def test_conflicts_show_both_sides_and_resolve_both_ways(signed_in: Workstation,
                                                         national: Workstation) -> None:
    keep, drop = signed_in.complaint_ids("needs_verification")[:2]
    base = {r.id: r for r in signed_in.rows([keep, drop])}
    for complaint_id in (keep, drop):  # the admin archives offline...
        signed_in.verification.submit("archive", complaint_id,
                                      ActionFields(reason_code="too_general"))
        # ...while the national admin postpones the same complaints.
        national.verification.submit("postpone", complaint_id,
                                     ActionFields(reason="Menunggu data pelapor"))
    assert national.sync().applied == 2
    outcome = signed_in.sync()
    assert outcome.conflicts == 2 and outcome.applied == 0

    review = signed_in.outbox_review
    items = {i.complaint_id: i for i in review.items(["conflict"])}
    assert set(items) == {keep, drop}
    mine = items[keep]
    assert mine.kind == "archive" and mine.fields.reason_code == "too_general"
    assert mine.title == base[keep].title and mine.here_status == "postponed"
    assert mine.server is not None and mine.server.status == "postponed"
    assert mine.server.responsible_name and mine.server.version > (mine.base_version or 0)
    assert mine.can_redo  # archiving is still possible from "postponed"
    assert {q.key: q.count for q in signed_in.queues()}["conflicts"] == 2

    again = review.reapply(mine.mutation_id)
    assert again.kind == "archive" and again.mutation_id > mine.mutation_id
    review.discard(items[drop].mutation_id)
    assert review.items(["conflict"]) == []
    [waiting] = review.items(["pending"])
    assert waiting.complaint_id == keep and waiting.base_version == mine.server.version
    with pytest.raises(ActionNotAllowed):
        review.discard(waiting.mutation_id)  # pending work is not thrown away here

    assert signed_in.sync().applied == 1
    statuses = {r.id: r.status for r in signed_in.rows([keep, drop])}
    assert statuses == {keep: "archived", drop: "postponed"}
    assert signed_in.status().conflicts == 0


def test_rejected_action_is_explained_fixed_and_resent(signed_in: Workstation,
                                                       national: Workstation) -> None:
    complaint_id = signed_in.complaint_ids("needs_verification")[0]
    home = signed_in.rows([complaint_id])[0]
    signed_in.verification.submit("archive", complaint_id, ActionFields(reason_code="spam"))
    # Meanwhile the national admin re-routes it to another agency, out of the admin's area.
    targets = national.verification.reroute_targets(complaint_id)
    own = next(t for t in targets if not t.selectable)
    elsewhere = next(t for t in targets if t.selectable)
    national.verification.reroute(complaint_id, elsewhere.id, "salah instansi")
    assert national.sync().applied == 1

    assert signed_in.sync().rejected == 1
    [refused] = signed_in.outbox_review.items(["rejected"])
    assert refused.reason == "out_of_scope" and refused.kind == "archive"
    assert refused.fields.reason_code == "spam"
    assert not refused.in_cache and not refused.can_redo  # it left the admin's area
    assert signed_in.status().rejected == 1

    # It comes back (the other agency returned it; the national admin forwards it home).
    national.verification.submit("forward", complaint_id, ActionFields(to_id=own.id))
    assert national.sync().applied == 1
    signed_in.sync()
    refused = signed_in.outbox_review.item(refused.mutation_id)
    assert refused.in_cache and refused.can_redo and refused.title == home.title

    with pytest.raises(ActionNotAllowed):  # the corrected form is checked as a new one
        signed_in.outbox_review.resend(refused.mutation_id, ActionFields(reason_code="other"))
    assert signed_in.outbox_review.item(refused.mutation_id).state == "rejected"
    sent = signed_in.outbox_review.resend(refused.mutation_id,
                                          ActionFields(reason_code="other", note="iklan"))
    assert sent.kind == "archive"
    assert [i.mutation_id for i in signed_in.outbox_review.items()] == [sent.mutation_id]
    assert signed_in.sync().applied == 1
    assert signed_in.rows([complaint_id])[0].status == "archived"
    assert signed_in.outbox_review.items() == []
