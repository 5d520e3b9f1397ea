"""Concurrent pushes (threads against the live server): one winner per exclusive transition,
unique change numbers, and a puller running alongside never misses a change."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from sqlalchemy import select

from lapor_desk.server.db import REPLICATED
from tests.server.builder import new_id
from tests.server.client import WorldServer, apply_page
from tests.server.test_authorization_matrix import VISIBLE

USERNAMES = ("admin_prov", "admin_prov", "admin_kab", "nasional")


def _together(calls: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))

    def run(call: Any) -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_two_admins_forwarding_at_once_one_wins(server: WorldServer) -> None:
    for round_, label in enumerate(("prov_plain", "prov_anon", "kab_plain")):
        one, two = server.login("admin_prov"), server.login("admin_prov")
        cid = server.cid(label)
        results = _together([
            partial(one.do, "forward", cid, 1, to_id=server.unit("prov_health"), disposition_id=new_id()),
            partial(two.do, "forward", cid, 1, to_id=server.unit("prov_works"), disposition_id=new_id()),
        ])
        assert sorted(r["outcome"] for r in results) == ["applied", "conflict"], (round_, results)


def test_parallel_pushes_and_a_puller_alongside(server: WorldServer) -> None:
    writers = [server.login(u) for u in USERNAMES]
    targets = list(server.world.complaints.values())
    stop = threading.Event()
    state: dict[str, Any] = {}
    cursor: dict[str, Any] = {"value": None}
    reader = server.login("nasional")

    def pull_loop() -> None:
        while not stop.is_set():
            page = reader.pull(cursor["value"], limit=5)
            apply_page(state, page)
            cursor["value"] = page["cursor"]

    def write(api_index: int) -> list[str]:
        api = writers[api_index]
        outcomes = []
        for n in range(12):
            cid = targets[(api_index + n) % len(targets)]
            result = api.do("internal_note", cid, None, follow_up_id=new_id(), body=f"w{api_index}-{n}")
            outcomes.append(result["outcome"] if result["outcome"] == "applied" else result["reason"])
        return outcomes

    puller = threading.Thread(target=pull_loop)
    puller.start()
    try:
        counts = _together([lambda i=i: write(i) for i in range(len(writers))])
    finally:
        stop.set()
        puller.join()
    labels = {cid: label for label, cid in server.world.complaints.items()}
    for index, (username, outcomes) in enumerate(zip(USERNAMES, counts, strict=True)):
        expected = ["applied" if labels[targets[(index + n) % len(targets)]] in VISIBLE[username]
                    else "out_of_scope" for n in range(12)]
        assert outcomes == expected
    while True:
        page = reader.pull(cursor["value"], limit=5)
        apply_page(state, page)
        cursor["value"] = page["cursor"]
        if not page["has_more"]:
            break
    assert state == server.login("nasional").pull_all()[0]["state"]
    with server.live.session() as session:
        seqs = [s for table in REPLICATED for s in session.scalars(select(table.seq))]
    assert len(seqs) == len(set(seqs))
