"""The server's clock learned from ``Date`` headers (sync/clock.py), with injected clocks: a
simulated world where the PC's clock, the server's and the elapsed clock are known exactly."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import formatdate
from pathlib import Path
from typing import Any

import orjson
import pytest
import requests

from lapor_desk.models.calendar import UTC
from lapor_desk.sync.clock import DATE_SPAN, NOTICEABLE, ServerClock
from lapor_desk.sync.transport import Transport
from tests.sync.scripted_http import Reply, Script, scripted_server

START = 1_796_000_000.0  # true Unix time when the simulation starts (December 2026)


class World:
    """True time advances only when told; the PC's clock and the server's are true time plus
    their own error, the elapsed clock counts from the PC's boot."""

    def __init__(self, pc_error: float, server_error: float = 0.0) -> None:
        self.true = START
        self.pc_error = pc_error
        self.server_error = server_error
        self.boot = START - 5000.0

    def wall(self) -> datetime:
        return datetime.fromtimestamp(self.true + self.pc_error, UTC)

    def elapsed(self) -> float:
        return self.true - self.boot

    def server(self) -> float:
        return self.true + self.server_error

    def clock(self, store: Path | None = None) -> ServerClock:
        return ServerClock(wall=self.wall, elapsed=self.elapsed, store=store)

    def exchange(self, clock: ServerClock, rtt: float, made_at: float = 0.5,
                 stale: float = 0.0) -> None:
        """One request taking ``rtt`` seconds, answered ``made_at`` of the way through, with a
        ``Date`` stamped ``stale`` seconds before the server made it (a cached header)."""
        sent = clock.elapsed()
        self.true += rtt * made_at
        date = formatdate(int(self.server() - stale), usegmt=True)  # whole seconds, floored
        self.true += rtt * (1 - made_at)
        clock.observe(date, sent, clock.elapsed())

    def error_of(self, clock: ServerClock) -> float:
        """How far the clock's ``now`` is from the server's true time (seconds)."""
        return clock.now().timestamp() - self.server()


def test_an_hour_ahead_is_learned_from_one_answer() -> None:
    world = World(pc_error=3600.0)
    clock = world.clock()
    assert clock.reading() is None and clock.now() == world.wall()  # not known: the PC's
    world.exchange(clock, rtt=0.08)
    reading = clock.reading()
    assert reading is not None and not reading.saved
    assert abs(reading.offset.total_seconds() + 3600) <= reading.uncertainty.total_seconds()
    assert reading.uncertainty <= timedelta(seconds=(DATE_SPAN + 0.08) / 2 + 0.01)
    assert abs(world.error_of(clock)) <= 1.1
    assert reading.noticeable


def test_several_answers_narrow_it_and_a_slow_one_does_not_move_it() -> None:
    rng = random.Random(15)
    world = World(pc_error=-7.3)
    clock = world.clock()
    widths = []
    for _ in range(8):
        world.true += rng.uniform(0, 1)  # every phase of the server's second
        world.exchange(clock, rtt=rng.uniform(0.02, 0.3), made_at=rng.uniform(0, 1),
                       stale=rng.uniform(0, 1.0))
        reading = clock.reading()
        assert reading is not None
        assert abs(reading.offset.total_seconds() - 7.3) <= reading.uncertainty.total_seconds()
        widths.append(reading.uncertainty)
    narrow = clock.reading()
    assert narrow is not None
    assert widths == sorted(widths, reverse=True) and widths[-1] < widths[0] * 0.8
    before = world.error_of(clock)
    world.exchange(clock, rtt=40.0, made_at=0.95)  # a page the server took 38 s to make
    assert abs(world.error_of(clock) - before) < 0.05
    assert abs(world.error_of(clock)) < 0.8
    assert not narrow.noticeable  # seconds are noise, not a wrong clock


def test_noise_is_never_a_warning_but_minutes_are() -> None:
    for pc_error, warned in ((20.0, False), (-100.0, False), (NOTICEABLE.total_seconds() - 1,
                                                                 False), (190.0, True),
                             (-3 * 3600.0, True), (400 * 86400.0, True)):
        world = World(pc_error=pc_error)
        clock = world.clock()
        world.exchange(clock, rtt=1.5)  # even a slow link
        reading = clock.reading()
        assert reading is not None and reading.noticeable is warned, pc_error


def test_setting_the_pcs_clock_right_is_seen_at_once() -> None:
    world = World(pc_error=3600.0)
    clock = world.clock()
    world.exchange(clock, rtt=0.1)
    server_now = clock.now()
    world.pc_error = 0.0  # somebody sets the clock (no answer from the server since)
    reading = clock.reading()
    assert reading is not None and not reading.noticeable
    assert abs(reading.offset.total_seconds()) < 1.1
    assert abs((clock.now() - server_now).total_seconds()) < 0.01  # the server's time goes on


def test_a_server_whose_clock_was_set_is_believed_from_its_next_answer() -> None:
    world = World(pc_error=0.0)
    clock = world.clock()
    for _ in range(4):
        world.exchange(clock, rtt=0.1)
        world.true += 30
    world.server_error = -600.0  # the server's clock was set back ten minutes
    world.exchange(clock, rtt=0.1)
    assert abs(world.error_of(clock)) < 1.1


def test_the_difference_is_kept_in_the_profile_for_an_offline_start(tmp_path: Path) -> None:
    store = tmp_path / "server_clock.json"
    world = World(pc_error=3600.0)
    clock = world.clock(store)
    world.exchange(clock, rtt=0.1)
    saved = orjson.loads(store.read_bytes())
    assert saved.keys() == {"offset_seconds", "uncertainty_seconds", "learned_at"}
    assert abs(saved["offset_seconds"] + 3600) < 1.1
    written = store.stat().st_mtime_ns
    world.true += 60
    world.exchange(clock, rtt=0.1)  # the same difference: nothing rewritten
    assert store.stat().st_mtime_ns == written

    world.true += 7200  # later, the desktop starts again, offline (after a restart of the PC)
    world.boot = world.true - 100.0
    offline = world.clock(store)
    reading = offline.reading()
    assert reading is not None and reading.saved and reading.noticeable
    assert abs(world.error_of(offline)) < 1.1
    world.exchange(offline, rtt=0.1)  # the first answer replaces the saved difference
    reading = offline.reading()
    assert reading is not None and not reading.saved

    store.write_text("{not json")
    assert world.clock(store).reading() is None  # a damaged file teaches nothing


@pytest.mark.parametrize("date", [None, "", "yesterday", "Mon, 99 Foo 2026 99:99:99 GMT",
                                  "Thu, 01 Jan 1970 00:00:00 GMT"])
def test_an_unusable_date_teaches_nothing(date: str | None) -> None:
    world = World(pc_error=50.0)
    clock = world.clock()
    clock.observe(date, clock.elapsed(), clock.elapsed() + 0.1)
    assert clock.reading() is None


# --- through the transport -------------------------------------------------------------------


class _Http(requests.Session):
    """A requests session whose answers take simulated time and carry the server's Date."""

    def __init__(self, world: World, rtt: float) -> None:
        super().__init__()
        self.world = world
        self.rtt = rtt

    def request(self, method: str | bytes, url: str | bytes, *args: Any,
                **kwargs: Any) -> requests.Response:
        self.world.true += self.rtt / 2
        response = requests.Response()
        response.status_code = 200
        response.headers["Date"] = formatdate(int(self.world.server()), usegmt=True)
        response.raw = io.BytesIO(b'{"ok": true}')
        self.world.true += self.rtt / 2
        return response


def test_the_transport_tells_its_clock_every_answer() -> None:
    world = World(pc_error=3600.0)
    clock = world.clock()
    transport = Transport("https://lapor.example.go.id", session=_Http(world, rtt=0.2),
                          server_clock=clock)
    assert transport.get_json("/api/v1/health") == {"ok": True}
    assert abs(world.error_of(clock)) < 1.2
    reading = clock.reading()
    assert reading is not None and reading.noticeable and reading.offset < timedelta(0)


def test_a_real_answer_over_loopback_teaches_the_difference() -> None:
    """The scripted server's own ``Date`` (http.server stamps it), the PC an hour ahead."""
    real: Callable[[], datetime] = lambda: datetime.now(UTC)
    clock = ServerClock(wall=lambda: real() + timedelta(hours=1))
    script: Script
    with scripted_server() as script:
        script.replies = [Reply(200, b"{}")]
        Transport(script.url, server_clock=clock).get_json("/x")
    reading = clock.reading()
    assert reading is not None and reading.noticeable
    assert abs(reading.offset.total_seconds() + 3600) <= 2.5
    assert abs((clock.now() - real()).total_seconds()) <= 2.5
