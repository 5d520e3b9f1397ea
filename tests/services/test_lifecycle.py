"""Close, reopen and postpone until a day from the desktop's services, against the real server:
each is written at once with its outbox entry (offline too), reaches the server once, and the
reminder names a postponement when its day comes (an injected clock moves the days)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from lapor_desk.models.calendar import default_config
from lapor_desk.services import ActionNotAllowed, Workstation
from lapor_desk.services.actions import ActionFields
from lapor_desk.services.lifecycle import Lifecycle
from lapor_desk.services.types import OutboxMark
from tests.support.clock import MovableClock
from tests.support.live_server import LiveServer, start_server

pytestmark = pytest.mark.timeout(180)
CALENDAR = default_config().calendar


def _in(station: Workstation, queue: str) -> str:
    ids = station.complaint_ids(queue)
    assert ids, queue
    return ids[0]


def test_close_offline_then_reopen_reach_the_server_once(signed_in: Workstation,
                                                         live_server: LiveServer) -> None:
    complaint_id = _in(signed_in, "in_progress")
    assert "close" in signed_in.detail(complaint_id).allowed_actions
    port = int(live_server.url.rsplit(":", 1)[1])
    live_server.stop()  # offline: the close is written here and waits
    signed_in.lifecycle.close(complaint_id, "Jalan sudah diperbaiki, foto terlampir")
    row = signed_in.rows([complaint_id])[0]
    assert (row.status, row.outbox) == ("done", OutboxMark.PENDING)
    detail = signed_in.detail(complaint_id)
    assert "reopen" in detail.allowed_actions and "close" not in detail.allowed_actions
    with pytest.raises(ActionNotAllowed) as empty:
        signed_in.lifecycle.reopen(complaint_id, "   ")
    assert (empty.value.code, empty.value.problems) == ("reason_required",
                                                        (("reason", "required"),))
    assert signed_in.status().pending == 1  # the refused reopen wrote nothing
    back = start_server(live_server.settings, port=port)  # the connection returns
    try:
        outcome = signed_in.sync()
        assert (outcome.applied, outcome.rejected, outcome.conflicts) == (1, 0, 0)
        assert signed_in.rows([complaint_id])[0].status == "done"

        signed_in.lifecycle.reopen(complaint_id, "Pelapor menelepon: belum selesai")
        assert signed_in.rows([complaint_id])[0].status == "in_progress"
        assert signed_in.sync().applied == 1
        assert signed_in.sync().pushed == 0  # nothing twice
    finally:
        back.stop()
    timeline = signed_in.detail(complaint_id).timeline
    assert [t.code for t in timeline if t.code in ("close", "reopen")] == ["close", "reopen"]
    reopened = next(t for t in timeline if t.code == "reopen")
    assert reopened.text == "Pelapor menelepon: belum selesai" and not reopened.pending


def test_a_liaison_may_neither_close_nor_reopen(workstation: Workstation,
                                               live_server: LiveServer, password: str) -> None:
    workstation.sign_in(live_server.url, "lo.kendari.pupr", password)
    workstation.sync()
    complaint_id = next(ids[0] for key in ("in_progress", "done", "reporter_responded",
                                            "not_followed_up")
                        if (ids := workstation.complaint_ids(key)))
    assert not {"close", "reopen"} & workstation.detail(complaint_id).allowed_actions
    with pytest.raises(ActionNotAllowed) as refused:
        workstation.lifecycle.close(complaint_id)
    assert refused.value.code == "role_not_allowed"
    assert workstation.status().pending == 0


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=CALENDAR.tz).astimezone(UTC)


def test_postpone_until_a_day_and_the_reminder_when_it_comes(signed_in: Workstation,
                                                            tmp_path: Path) -> None:
    days = signed_in.lifecycle.postpone_days()
    assert days.earliest == days.today + timedelta(days=1)
    assert days.suggested not in days.days_off and days.earliest <= days.suggested <= days.latest
    day_off = min(days.days_off)
    assert days.kept(day_off) not in days.days_off and days.kept(day_off) > day_off
    first, second = signed_in.complaint_ids("needs_verification")[:2]
    verify = signed_in.verification
    with pytest.raises(ActionNotAllowed) as past:
        verify.submit("postpone", first, ActionFields(reason="Data kurang", until=days.today))
    assert past.value.problems == (("until", "past"),)
    verify.submit("postpone", first, ActionFields(reason="Data kurang", until=day_off))
    verify.submit("postpone", second, ActionFields(reason="Menunggu KTP", until=days.latest))
    assert signed_in.detail(first).postponed_until == days.kept(day_off)  # offline, at once
    assert signed_in.sync().applied == 2
    detail = signed_in.detail(first)
    assert detail.postponed_until == days.kept(day_off) and not detail.postponement_due
    postponed = [t for t in detail.timeline if t.code == "postpone"]
    assert postponed[-1].until == days.kept(day_off) and postponed[-1].text == "Data kurang"

    clock = MovableClock(_noon(days.today))
    reminders = Lifecycle(signed_in.session.require_cache(), signed_in.actions,
                          default_config(), clock, tmp_path)
    assert reminders.new_reminders() == []
    clock.advance(_noon(days.kept(day_off)) - clock())
    due = reminders.new_reminders()
    assert [(d.complaint_id, d.until) for d in due] == [(first, days.kept(day_off))]
    assert due[0].tracking_number == signed_in.rows([first])[0].tracking_number
    assert reminders.new_reminders() == []  # told once
    again = Lifecycle(signed_in.session.require_cache(), signed_in.actions, default_config(),
                      clock, tmp_path)
    assert again.new_reminders() == []  # a restart does not tell it again
    clock.advance(_noon(days.latest) - clock())
    assert [d.complaint_id for d in again.new_reminders()] == [second]
    assert {d.complaint_id for d in again.due_postponements()} == {first, second}

    # acting on it (handle ourselves) ends the reminder
    verify.submit("handle", first, ActionFields(note="Data sudah lengkap"))
    assert [d.complaint_id for d in again.due_postponements()] == [second]
