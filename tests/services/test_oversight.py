"""Oversight figures against an independent count of the synced cache (a server on
SQLite), the role rule, and the working-day arithmetic."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lapor_desk.models.calendar import default_config
from lapor_desk.services import ActionNotAllowed, Workstation
from lapor_desk.services.oversight import (
    STATUS_ORDER,
    GroupStats,
    Overview,
    _WorkingDayIndex,
    add_months,
)
from tests.services.oversight_counts import Counts, Expected, count
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)

#: A fixed "now" shortly after the seed's own clock (2026-11-23 01:00 UTC).
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


def station_for(tmp_path: Path, live_server: LiveServer, password: str,
                username: str) -> Workstation:
    station = Workstation(tmp_path / username, device="pytest", clock=lambda: NOW)
    station.sign_in(live_server.url, username, password)
    station.sync()
    return station


@pytest.fixture
def coordinator(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "admin.kendari")
    yield station
    station.close()


@pytest.fixture
def national(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    station = station_for(tmp_path, live_server, password, "nasional1")
    yield station
    station.close()


def expected(station: Workstation, month: date | None = None) -> Counts:
    return count(station.session.require_cache().engine, station.config, NOW, month)


def assert_group(group: GroupStats, want: Expected) -> None:
    assert dict(zip(STATUS_ORDER, group.statuses, strict=True)) == {
        s: want.statuses.get(s, 0) for s in STATUS_ORDER}, group.name
    assert (group.overdue, group.unfollowed) == (want.overdue, want.unfollowed), group.name
    assert group.followed_up == len(want.days), group.name
    assert group.median_follow_up_days == want.median, group.name


def assert_overview(overview: Overview, want: dict[str, Expected], total: Expected) -> None:
    assert {g.key for g in overview.groups} == set(want)
    for group in overview.groups:
        assert_group(group, want[group.key])
    assert_group(overview.total, total)
    assert overview.total.total == sum(g.total for g in overview.groups)
    totals = [g.total for g in overview.groups if g.kind != "none"]
    assert totals == sorted(totals, reverse=True)  # busiest first


def test_units_of_an_agency_admin_match_an_independent_count(coordinator: Workstation) -> None:
    overview = coordinator.oversight.overview("unit")
    want = expected(coordinator)
    assert_overview(overview, want.units, want.total)
    assert overview.scope_name == "Pemerintah Kota Kendari"
    kinds = {g.kind for g in overview.groups}
    assert kinds == {"scope", "unit"}  # the OPDs, plus complaints still at the agency
    assert "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kendari" in {
        g.name for g in overview.groups}
    # the figures are not trivially empty, so the comparison above means something
    assert overview.total.overdue > 0 and overview.total.unfollowed > 0
    assert overview.total.followed_up > 5 and overview.total.median_follow_up_days is not None
    assert overview.total.count("done") > 0


def test_regencies_of_a_national_admin_match_an_independent_count(national: Workstation) -> None:
    overview = national.oversight.overview("regency")
    want = expected(national)
    assert_overview(overview, want.regencies, want.total)
    named = [g for g in overview.groups if g.kind == "regency"]
    assert len(named) >= 10 and all(g.name == g.key for g in named)
    units = national.oversight.overview("unit")
    assert_overview(units, want.units, want.total)
    # a national admin's "units" are the agencies right below the national root
    assert {g.kind for g in units.groups} <= {"scope", "agency"}
    assert "Pemerintah Provinsi Sulawesi Tenggara" in {g.name for g in units.groups}


def test_a_month_counts_only_what_was_received_then(coordinator: Workstation) -> None:
    months = coordinator.oversight.months()
    assert months[0] == date(2026, 11, 1)
    assert list(months) == sorted(months, reverse=True)
    everything = expected(coordinator)
    busy = max(everything.received, key=lambda m: everything.received[m])
    overview = coordinator.oversight.overview("unit", busy)
    want = expected(coordinator, busy)
    assert overview.month == busy
    assert_overview(overview, want.units, want.total)
    assert 0 < overview.total.total == everything.received[busy] < everything.total.statuses.total()


def test_trend_is_received_and_finished_per_month(coordinator: Workstation) -> None:
    overview = coordinator.oversight.overview("unit", months=12)
    want = expected(coordinator)
    months = [m.month for m in overview.trend]
    assert months == [add_months(date(2026, 11, 1), k) for k in range(-11, 1)]
    for point in overview.trend:
        assert (point.received, point.finished) == (want.received[point.month],
                                                    want.finished[point.month]), point.month
    assert sum(p.received for p in overview.trend) > 0
    assert sum(p.finished for p in overview.trend) > 0
    # a chosen month ends the trend
    earlier = coordinator.oversight.overview("regency", date(2026, 6, 1), months=6)
    assert [p.month for p in earlier.trend][-1] == date(2026, 6, 1)
    assert len(earlier.trend) == 6


def test_a_liaison_officer_gets_no_dashboard(tmp_path: Path, live_server: LiveServer,
                                            password: str) -> None:
    station = station_for(tmp_path, live_server, password, "lo.kendari.pupr")
    try:
        assert not station.oversight.available
        with pytest.raises(ActionNotAllowed) as refused:
            station.oversight.overview()
        assert refused.value.code == "role_not_allowed"
    finally:
        station.close()


def test_unknown_breakdown_is_a_programming_error(coordinator: Workstation) -> None:
    with pytest.raises(ValueError):
        coordinator.oversight.overview("province")


def test_working_day_index_agrees_with_the_calendar() -> None:
    calendar = default_config().calendar
    index = _WorkingDayIndex(calendar)
    rng = random.Random(5)
    base = datetime(2025, 12, 1, 3, 0, tzinfo=UTC)
    for _ in range(300):
        start = base + timedelta(hours=rng.randrange(0, 24 * 400))
        end = start + timedelta(hours=rng.randrange(-48, 24 * 40))
        assert index.between(calendar.local_date(start), calendar.local_date(end)) == \
            calendar.working_days_between(start, end), (start, end)


def test_work_waiting_in_the_outbox_counts_at_once(coordinator: Workstation) -> None:
    """The dashboard reads the effective view: a forward made offline moves the figures."""
    before = coordinator.oversight.overview("unit")
    complaint = coordinator.complaint_ids("needs_verification")[0]
    target = next(t for t in coordinator.forward_targets(complaint)
                  if t.selectable and t.level == "unit")
    coordinator.actions.forward(complaint, target.id, "")
    after = coordinator.oversight.overview("unit")
    assert after.total.count("unverified") == before.total.count("unverified") - 1
    assert after.total.count("forwarded") == before.total.count("forwarded") + 1
    assert after.total.unfollowed == before.total.unfollowed + 1
    was = {g.key: g for g in before.groups}.get(str(target.id))
    now = {g.key: g for g in after.groups}[str(target.id)]
    assert now.count("forwarded") == (was.count("forwarded") if was else 0) + 1
    want = expected(coordinator)
    assert_overview(after, want.units, want.total)
