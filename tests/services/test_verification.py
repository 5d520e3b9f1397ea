"""Verification actions, re-routing and bulk actions against the real reference server."""

from __future__ import annotations

import pytest

from lapor_desk.services import ActionNotAllowed, Workstation
from lapor_desk.services.types import OutboxMark
from lapor_desk.services.verification import ActionFields

pytestmark = pytest.mark.timeout(120)


def unverified(station: Workstation, count: int) -> list[str]:
    ids = station.complaint_ids("needs_verification")
    assert len(ids) >= count
    return ids[:count]


def test_reasons_are_required_and_nothing_is_written(signed_in: Workstation) -> None:
    [complaint_id] = unverified(signed_in, 1)
    verify = signed_in.verification
    for kind, fields in (("postpone", ActionFields(reason="   ")),
                         ("not_our_authority", ActionFields()),
                         ("archive", ActionFields(reason_code="")),
                         ("archive", ActionFields(reason_code="bogus")),
                         ("archive", ActionFields(reason_code="other", note=" ")),
                         ("reroute", ActionFields())):
        with pytest.raises(ActionNotAllowed) as caught:
            verify.submit(kind, complaint_id, fields)
        assert caught.value.code in ("reason_required", "invalid_payload"), kind
    status = signed_in.status()
    assert status.pending == 0
    assert signed_in.rows([complaint_id])[0].outbox == OutboxMark.NONE


def test_each_verification_action_goes_to_the_outbox_and_syncs(signed_in: Workstation) -> None:
    handle, postpone, authority, archive, reroute = unverified(signed_in, 5)
    verify = signed_in.verification
    assert {"handle", "postpone", "archive", "reroute"} <= signed_in.detail(
        handle).allowed_actions
    verify.submit("handle", handle, ActionFields(note="kami kelola sendiri"))
    verify.submit("postpone", postpone, ActionFields(reason="Data pelapor belum lengkap"))
    verify.submit("not_our_authority", authority,
                  ActionFields(reason="Kewenangan pemerintah provinsi"))
    verify.submit("archive", archive, ActionFields(reason_code="other", note="uji coba"))
    targets = verify.reroute_targets(reroute)
    assert targets and all(t.level == "agency" for t in targets)
    here = [t for t in targets if not t.selectable]
    assert len(here) == 1  # the complaint's own agency cannot be chosen
    other = next(t for t in targets if t.selectable)
    verify.reroute(reroute, other.id, "salah alamat")
    assert signed_in.status().pending == 5
    statuses = {r.id: r.status for r in signed_in.rows([handle, postpone, archive])}
    assert statuses == {handle: "forwarded", postpone: "postponed", archive: "archived"}
    outcome = signed_in.sync()
    assert (outcome.applied, outcome.rejected, outcome.conflicts) == (5, 0, 0)
    assert signed_in.status().pending == 0
    assert signed_in.rows([archive])[0].status == "archived"


def test_bulk_archive_is_one_action_per_complaint_with_refusals(signed_in: Workstation) -> None:
    chosen = unverified(signed_in, 3)
    finished = signed_in.complaint_ids("done")[0]
    verify = signed_in.verification
    with pytest.raises(ActionNotAllowed):  # the reason is checked before anything is written
        verify.bulk("archive", chosen, ActionFields(reason_code="other"))
    assert signed_in.status().pending == 0
    outcome = verify.bulk("archive", [*chosen, finished], ActionFields(reason_code="spam"))
    assert [r.complaint_id for r in outcome.done] == chosen
    assert len({r.mutation_id for r in outcome.done}) == 3
    [refused] = outcome.refused
    assert (refused.complaint_id, refused.code) == (finished, "invalid_transition")
    assert refused.title and refused.tracking_number
    review = signed_in.outbox_review.items(["pending"])
    assert sorted(i.complaint_id for i in review) == sorted(chosen)
    assert all(i.kind == "archive" and i.fields.reason_code == "spam" for i in review)
    assert signed_in.sync().applied == 3


def test_bulk_forward_to_a_unit(signed_in: Workstation) -> None:
    chosen = unverified(signed_in, 2)
    verify = signed_in.verification
    unit = next(t for t in verify.bulk_targets() if t.level == "unit" and t.selectable)
    outcome = verify.bulk("forward", chosen, ActionFields(to_id=unit.id, note="segera"))
    assert len(outcome.done) == 2 and not outcome.refused
    assert {r.status for r in signed_in.rows(chosen)} == {"forwarded"}
    with pytest.raises(ActionNotAllowed):
        verify.bulk("postpone", chosen, ActionFields(reason="x"))
    assert signed_in.sync().applied == 2
