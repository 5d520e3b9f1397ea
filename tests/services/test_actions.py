"""One action path: whichever service a form goes through (the per-kind shortcuts, a
verification dialog, a reply, "fix and resend"), the same fault gets the same refusal, the one
the outbox and the server give (``models/validation.py``), and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Blob
from lapor_desk.models.enums import ActionKind
from lapor_desk.models.validation import ActionRejected, check_payload
from lapor_desk.services import ActionNotAllowed, Workstation
from lapor_desk.services.actions import ActionFields
from lapor_desk.services.types import OutboxMark

pytestmark = pytest.mark.timeout(120)

Attempt = Callable[[Workstation, str], object]


def refusal(attempt: Callable[[], object]) -> tuple[str, str]:
    with pytest.raises(ActionNotAllowed) as caught:
        attempt()
    return caught.value.code, caught.value.detail


def blob_count(station: Workstation) -> int:
    cache = station.session.require_cache()
    with cache.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Blob)).scalar_one())


def server_says(kind: ActionKind, payload: dict[str, object]) -> tuple[str, str]:
    with pytest.raises(ActionRejected) as caught:
        check_payload(kind, payload)
    return str(caught.value.reason), caught.value.detail or ""


EMPTY_BODY: list[Attempt] = [
    lambda s, c: s.actions.follow_up(c, " \r\n "),
    lambda s, c: s.actions.submit(ActionKind.INTERNAL_NOTE, c, ActionFields(body="\t")),
    lambda s, c: s.replies.send(c, "follow_up", "   "),
    lambda s, c: s.verification.submit("internal_note", c, ActionFields(body="")),
]
NO_TARGET: list[Attempt] = [
    lambda s, c: s.verification.submit("forward", c, ActionFields(note="mohon")),
    lambda s, c: s.verification.submit("reroute", c, ActionFields()),
    lambda s, c: s.verification.bulk("forward", [c], ActionFields()),
    lambda s, c: s.actions.submit("forward", c, ActionFields()),
]
UNKNOWN_KIND: list[Attempt] = [
    lambda s, c: s.replies.send(c, "teleport", "isi"),
    lambda s, c: s.verification.submit("teleport", c, ActionFields()),
    lambda s, c: s.actions.submit("teleport", c, ActionFields()),
    lambda s, c: s.actions.submit("record_complaint", c, ActionFields()),
]


def test_the_same_fault_gets_one_refusal_from_every_entry(signed_in: Workstation,
                                                          tmp_path: Path) -> None:
    complaint_id = signed_in.complaint_ids("needs_verification")[0]
    body = server_says(ActionKind.FOLLOW_UP, {"body": " ", "follow_up_id": None})
    assert body[0] == "invalid_payload"
    target = server_says(ActionKind.FORWARD, {"note": "mohon"})
    assert {refusal(lambda a=a: a(signed_in, complaint_id)) for a in EMPTY_BODY} == {
        ("invalid_payload", "body:required")}
    assert {refusal(lambda a=a: a(signed_in, complaint_id)) for a in NO_TARGET} == {target}
    assert {refusal(lambda a=a: a(signed_in, complaint_id))[0] for a in UNKNOWN_KIND} == {
        "unknown_action"}
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 lokasi")
    blobs = blob_count(signed_in)
    assert refusal(lambda: signed_in.replies.send(complaint_id, "internal_note", " ",
                                                  [photo])) == ("invalid_payload",
                                                                "body:required")
    assert signed_in.status().pending == 0
    assert signed_in.rows([complaint_id])[0].outbox == OutboxMark.NONE
    assert blob_count(signed_in) == blobs  # the refused note's file was not copied


def test_values_are_stored_as_the_server_cleans_them(signed_in: Workstation) -> None:
    complaint_id = signed_in.complaint_ids("needs_verification")[0]
    result = signed_in.actions.submit(ActionKind.POSTPONE, complaint_id,
                                      ActionFields(reason="  Data pelapor belum lengkap \n"))
    [item] = signed_in.outbox_review.items(["pending"])
    assert (item.mutation_id, item.kind, item.fields.reason) == (
        result.mutation_id, "postpone", "Data pelapor belum lengkap")
