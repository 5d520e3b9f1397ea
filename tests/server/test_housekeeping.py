"""Housekeeping rounds with several workers: one worker does each round (server/housekeeping.py)."""

from __future__ import annotations

import threading
from datetime import timedelta

from lapor_desk.server.database import init_database, make_engine
from lapor_desk.server.housekeeping import claim_round
from tests.server.builder import NOW
from tests.support.live_server import DatabaseFactory


def test_one_worker_of_many_claims_each_round(db_factory: DatabaseFactory) -> None:
    url = db_factory.new_url()
    init_database(url)
    engines = [make_engine(url) for _ in range(2)]  # two worker processes' engines
    try:
        start = threading.Barrier(6)
        claimed: list[bool] = []

        def worker(index: int) -> None:
            start.wait()
            claimed.append(claim_round(engines[index % 2], NOW, 600))

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(claimed) == [False] * 5 + [True]
        # the next round: not before its time, then once again; a worker a little early for it
        # (timers are not in step) is not made to wait a whole interval
        assert not claim_round(engines[0], NOW + timedelta(seconds=300), 600)
        assert claim_round(engines[1], NOW + timedelta(seconds=595), 600)
        assert not claim_round(engines[0], NOW + timedelta(seconds=600), 600)
        # a restarted server keeps the schedule; a clock set back does not stop the rounds
        restarted = make_engine(url)
        try:
            assert not claim_round(restarted, NOW + timedelta(seconds=700), 600)
            assert claim_round(restarted, NOW - timedelta(days=1), 600)
        finally:
            restarted.dispose()
    finally:
        for engine in engines:
            engine.dispose()
