"""Kotak Keluar and Konflik against the real reference server: two profiles (an agency admin and
the national admin) act on the same complaints; the server refuses or reports a conflict, and a
person resends, re-applies or drops their action."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lapor_desk.models.cache.schema import Blob, OutboxEntry
from lapor_desk.services import ActionNotAllowed, ServiceError, Workstation
from lapor_desk.services.attach import StoredAttachment
from lapor_desk.services.outbox_review import ReviewItem
from lapor_desk.services.verification import ActionFields
from lapor_desk.sync.errors import ActionRefused
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


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


def _refused_for_its_files(station: Workstation, complaint_id: str,
                           files: list[Path]) -> ReviewItem:
    """A note with ``files`` that the server refuses ``attachment_missing``: this desk took the
    files for uploaded (as after downloading them from a complaint it could read then)."""
    station.replies.send(complaint_id, "internal_note", "Foto gorong-gorong terlampir.", files)
    cache = station.session.require_cache()
    with cache.writer.begin() as c:
        c.execute(update(Blob).values(uploaded=True))
    assert station.sync().rejected == 1
    [refused] = station.outbox_review.items(["rejected"])
    assert (refused.kind, refused.reason) == ("internal_note", "attachment_missing")
    return refused


def test_a_note_refused_for_its_file_is_fixed_and_resent_with_its_files(
        signed_in: Workstation, live_server: LiveServer, password: str, tmp_path: Path) -> None:
    """"Fix & resend" carries the files as a new note does: those kept from the refused note,
    those picked again, not those removed; written with the refused one's dismissal, uploaded at
    the next sync; the note arrives once and its file downloads for its author elsewhere."""
    from lapor_desk.server.db import Attachment as ServerAttachment
    from lapor_desk.server.db import FollowUp as ServerFollowUp

    complaint_id = signed_in.complaint_ids("in_progress")[0]
    photo, wrong, letter = (tmp_path / n for n in ("foto_gorong_gorong.jpg", "salah_kirim.pdf",
                                                   "surat_dinas.pdf"))
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 600)
    wrong.write_bytes(b"%PDF-1.4 bukan ini " * 300)
    letter.write_bytes(b"%PDF-1.4 surat dinas PU " * 500)
    refused = _refused_for_its_files(signed_in, complaint_id, [photo, wrong])
    assert refused.can_redo
    kept = {f.filename: f for f in refused.fields.files if isinstance(f, StoredAttachment)}
    assert set(kept) == {"foto_gorong_gorong.jpg", "salah_kirim.pdf"}
    assert kept["foto_gorong_gorong.jpg"].size == photo.stat().st_size

    body = "Foto gorong-gorong dan surat dinas terlampir."
    lost = replace(kept["salah_kirim.pdf"], sha256="0" * 64)  # no longer in the profile
    with pytest.raises(ServiceError) as unreadable:
        signed_in.outbox_review.resend(refused.mutation_id, replace(refused.fields, files=(lost,)))
    assert unreadable.value.code == "file_unreadable"  # nothing written, the refusal stays
    assert [i.mutation_id for i in signed_in.outbox_review.items()] == [refused.mutation_id]
    files = (kept["foto_gorong_gorong.jpg"], str(letter))  # the wrong file removed
    sent = signed_in.outbox_review.resend(refused.mutation_id, replace(refused.fields, body=body,
                                                                       files=files))
    assert sent.kind == "internal_note"
    [waiting] = signed_in.outbox_review.items()
    assert (waiting.mutation_id, waiting.state) == (sent.mutation_id, "pending")
    assert [f.filename for f in waiting.fields.files] == ["foto_gorong_gorong.jpg",
                                                          "surat_dinas.pdf"]
    cache = signed_in.session.require_cache()
    with cache.engine.connect() as c:
        assert c.execute(select(OutboxEntry.dismissed).where(
            OutboxEntry.mutation_id == refused.mutation_id)).scalar_one()
    # Written with the dismissal: a second correction of the same refusal writes nothing.
    with pytest.raises(ActionRefused):
        signed_in.session.outbox.internal_note(  # type: ignore[union-attr]
            complaint_id, body, [], replaces=refused.mutation_id)
    assert [i.mutation_id for i in signed_in.outbox_review.items()] == [sent.mutation_id]

    assert signed_in.sync().applied == 1
    shas = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (photo, wrong, letter)}
    with live_server.session() as session:
        notes = session.execute(select(ServerFollowUp.id).where(
            ServerFollowUp.complaint_id == complaint_id, ServerFollowUp.body == body)).all()
        assert len(notes) == 1  # once
        held = set(session.execute(select(ServerAttachment.sha256).where(
            ServerAttachment.follow_up_id == notes[0].id)).scalars())
    assert {shas[s].name for s in held} == {"foto_gorong_gorong.jpg", "surat_dinas.pdf"}
    assert signed_in.outbox_review.items() == []

    elsewhere = Workstation(tmp_path / "other-pc", device="pytest-other")
    try:
        elsewhere.sign_in(live_server.url, "admin.kendari", password)
        elsewhere.sync()
        [mine] = [a for a in elsewhere.attachments.for_complaint(complaint_id)
                  if a.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()]
        assert elsewhere.attachments.content(mine.id) == photo.read_bytes()
    finally:
        elsewhere.close()
