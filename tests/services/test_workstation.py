"""The service layer against the real reference server (on SQLite)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from lapor_desk.models.cache.schema import Complaint
from lapor_desk.services import ActionNotAllowed, SignInError, Workstation
from lapor_desk.services.types import ComplaintFilter, DeadlineBadge, OutboxMark, SyncProgress
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(120)


def cache_status_counts(station: Workstation) -> Counter[str]:
    cache = station.session.require_cache()
    with cache.engine.connect() as c:
        return Counter(dict(c.execute(select(Complaint.status, func.count())
                                      .group_by(Complaint.status)).all()))


def test_sign_in_saves_profile_and_token(workstation: Workstation, live_server: LiveServer,
                                         password: str) -> None:
    info = workstation.sign_in(live_server.url, "admin.kendari", password)
    assert (info.username, info.role) == ("admin.kendari", "agency_admin")
    assert keyring.get_password("lapor-desk", f"{live_server.url}|admin.kendari")
    seen: list[SyncProgress] = []
    outcome = workstation.sync(progress=seen.append)
    assert outcome.pulled_rows > 0 and seen[-1].phase == "done"
    assert workstation.session.refresh_info().unit_name  # known once the directory is pulled
    [profile] = workstation.known_profiles()
    assert profile.username == "admin.kendari" and Path(profile.directory).is_dir()
    workstation.close()
    again = Workstation(Path(profile.directory).parent, device="pytest")
    assert again.resume(profile).username == "admin.kendari"
    again.sign_out()
    assert keyring.get_password("lapor-desk", f"{live_server.url}|admin.kendari") is None
    with pytest.raises(SignInError):
        again.resume(profile)


def test_wrong_password_is_a_sign_in_error(workstation: Workstation,
                                           live_server: LiveServer) -> None:
    with pytest.raises(SignInError) as caught:
        workstation.sign_in(live_server.url, "admin.kendari", "salah")
    assert caught.value.code == "bad_credentials"


def test_queue_counts_match_the_cache(signed_in: Workstation) -> None:
    queues = {q.key: q for q in signed_in.queues()}
    assert list(queues) == ["needs_verification", "not_followed_up", "in_progress",
                            "reporter_responded", "postponed", "done", "archived", "all",
                            "not_in_sp4n", "outbox", "conflicts"]
    counts = cache_status_counts(signed_in)
    assert queues["needs_verification"].count == counts["unverified"]
    assert queues["done"].count == counts["done"]
    assert queues["outbox"].count == 0
    assert queues["all"].count == sum(counts.values())
    # none of the seeded complaints is recorded in SP4N-LAPOR! yet; archived ones need not be
    assert queues["not_in_sp4n"].count == sum(counts.values()) - counts.get("archived", 0)
    assert len(signed_in.complaint_ids("in_progress")) == counts["in_progress"]
    assert len(signed_in.complaint_ids("all")) == sum(counts.values())


def test_liaison_sees_no_verification_queue(workstation: Workstation, live_server: LiveServer,
                                            password: str) -> None:
    workstation.sign_in(live_server.url, "lo.kendari.pupr", password)
    workstation.sync()
    keys = [q.key for q in workstation.queues()]
    assert "needs_verification" not in keys and "archived" not in keys
    assert "not_followed_up" in keys


def test_ids_are_ordered_by_deadline_and_rows_follow(signed_in: Workstation) -> None:
    ids = signed_in.complaint_ids("needs_verification")
    rows = signed_in.rows(ids)
    assert [r.id for r in rows] == ids
    dues = [r.deadline.due for r in rows if r.deadline.due is not None]
    assert dues == sorted(dues) and dues
    assert all(r.status == "unverified" for r in rows)
    assert rows[0].deadline.badge in (DeadlineBadge.OVERDUE, DeadlineBadge.DUE_SOON)


def test_filters_and_search_narrow_the_list(signed_in: Workstation) -> None:
    everything = signed_in.complaint_ids("done")
    aspirasi = signed_in.complaint_ids("done", ComplaintFilter(complaint_type="aspirasi"))
    assert 0 < len(aspirasi) < len(everything)
    assert {r.complaint_type for r in signed_in.rows(aspirasi)} == {"aspirasi"}
    anonymous = signed_in.complaint_ids("done", ComplaintFilter(anonymous=True))
    assert all(r.anonymous for r in signed_in.rows(anonymous))
    word = signed_in.rows(everything[:1])[0].title.split()[0]
    found = signed_in.complaint_ids("done", ComplaintFilter(search=word))
    assert everything[0] in found and set(found) <= set(everything)


def test_detail_has_the_whole_timeline_and_hides_anonymous_reporters(
        signed_in: Workstation) -> None:
    ids = signed_in.complaint_ids("done")
    details = [signed_in.detail(i) for i in ids[:40]]
    with_replies = [d for d in details if any(t.kind == "follow_up" for t in d.timeline)]
    assert with_replies
    detail = with_replies[0]
    kinds = {t.kind for t in detail.timeline}
    assert {"disposition", "follow_up", "event"} <= kinds
    assert [t.at for t in detail.timeline] == sorted(t.at for t in detail.timeline)
    for d in details:
        if d.row.anonymous:
            assert d.reporter_name is None and d.reporter_contact is None


def test_forward_offline_then_sync(signed_in: Workstation) -> None:
    complaint_id = signed_in.complaint_ids("needs_verification")[0]
    detail = signed_in.detail(complaint_id)
    assert "forward" in detail.allowed_actions
    target = next(a for a in signed_in.forward_targets(complaint_id)
                  if a.selectable and a.level == "unit")
    result = signed_in.actions.forward(complaint_id, target.id, "Mohon ditindaklanjuti")
    assert result.kind == "forward"
    [row] = signed_in.rows([complaint_id])
    assert row.outbox == OutboxMark.PENDING and row.status == "forwarded"
    assert complaint_id not in signed_in.complaint_ids("needs_verification")
    assert complaint_id in signed_in.complaint_ids("outbox")
    assert signed_in.status().pending == 1
    timeline = signed_in.detail(complaint_id).timeline
    assert any(t.kind == "disposition" and t.pending and t.to_name == target.name
               for t in timeline)
    outcome = signed_in.sync()
    assert outcome.applied == 1
    [row] = signed_in.rows([complaint_id])
    assert row.outbox == OutboxMark.NONE
    status = signed_in.status()
    assert status.pending == 0 and status.online is True and status.last_sync_at


def test_refused_action_writes_nothing(signed_in: Workstation) -> None:
    complaint_id = signed_in.complaint_ids("done")[0]
    with pytest.raises(ActionNotAllowed) as caught:
        signed_in.actions.postpone(complaint_id, "data pelapor belum lengkap")
    assert caught.value.code == "invalid_transition"
    with pytest.raises(ActionNotAllowed):
        signed_in.actions.follow_up(complaint_id, "   ")
    assert signed_in.status().pending == 0


def test_offline_sync_reports_offline(signed_in: Workstation, live_server: LiveServer) -> None:
    live_server.stop()
    from lapor_desk.services import OfflineError

    with pytest.raises(OfflineError):
        signed_in.sync()
    assert signed_in.status().online is False
