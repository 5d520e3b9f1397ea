"""The desktop's list queries without the window (issue 3): what a queue switch, a filter, a
search and opening a complaint ask of the services layer, on a big synced cache.

    .venv/bin/python -m bench.queue_bench [--complaints 100000] [--runs 5]

Seeds (once, cached under bench/results/) a server database, serves it, syncs a national admin's
profile once (also cached) and then times, on the database worker's own calls
(``lapor_desk.services``): the queue counts, each queue's ordered id list, the first page of
rows, the filter bar's choices, a filter, full-text searches and complaint details. No Qt: this
is the part of ``bench/ui_bench.py``'s timings that the cache answers, measured in seconds
instead of minutes, so a change to a query can be measured before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PASSWORD, RESULTS, print_table, seeded_database, server_process
from lapor_desk.models.cache.store import open_cache
from lapor_desk.models.calendar import default_config, utcnow
from lapor_desk.services.complaints import ComplaintQueries
from lapor_desk.services.queues import QueueQueries, _IdLists
from lapor_desk.services.types import ComplaintFilter

USER = "nasional1"
TERMS = ["jalan rusak", "air bersih", "KTP", "sampah", "listrik padam", "BPJS", "banjir",
         "puskesmas"]


def synced_profile(complaints: int) -> Path:
    """A national admin's plain (unencrypted) profile holding every complaint, made once."""
    profile = RESULTS / f"queue-profile-{complaints}"
    if (profile / "synced").exists():
        return profile
    shutil.rmtree(profile, ignore_errors=True)
    url, _report = seeded_database(complaints)
    with server_process(url) as base:
        env = {"LAPOR_PASSWORD": PASSWORD,
               "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        subprocess.run([sys.executable, "-m", "bench.sync_client", "initial", "--profile",
                        str(profile), "--server", base, "--user", USER],
                       check=True, capture_output=True, env={**os.environ, **env})
    (profile / "synced").write_text("ok")
    return profile


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - started) * 1000)
    return times, value


def ms(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} / {max(times):.0f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    profile = synced_profile(args.complaints)
    cache = open_cache(profile)
    config = default_config()
    queues = QueueQueries(cache, lambda: "national_admin", config, utcnow)
    # the queries themselves: nothing remembered between runs (the desktop keeps an unchanged
    # queue's list, so going back to it costs a copy; see the UI bench's filter "off" steps)
    queues._id_lists.MAX_IDS = -1
    complaints = ComplaintQueries(cache, config, utcnow)
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}

    def add(step: str, times: list[float], note: str = "") -> None:
        rows.append([step, ms(times), note])
        figures[step] = {"median_ms": statistics.median(times), "max_ms": max(times)}

    times, counts = timed(queues.queues, args.runs)
    add("queue counts (sidebar)", times,
        f"{sum(q.count for q in counts if q.key != 'all'):,} in all")
    for queue in counts:
        if not queue.count:
            continue
        times, ids = timed(lambda q=queue.key: queues.complaint_ids(q), args.runs)
        add(f"ids of {queue.key}", times, f"{len(ids):,} ids")
        times, _ = timed(lambda ids=ids: complaints.rows(ids[:60]), args.runs)
        add(f"first 60 rows of {queue.key}", times)
    # the biggest status queue ("all" is every one of them: timed on its own below)
    biggest = max((q for q in counts if q.key != "all"), key=lambda q: q.count).key
    times, _ = timed(lambda: queues.filter_options(biggest), args.runs)
    add(f"filter choices of {biggest}", times)
    where = ComplaintFilter(channel="whatsapp")
    times, ids = timed(lambda: queues.complaint_ids(biggest, where), args.runs)
    add(f"ids of {biggest}, channel filter", times, f"{len(ids):,} ids")
    search_times: list[float] = []
    for term in TERMS:
        times, _ = timed(lambda t=term: queues.complaint_ids(biggest, ComplaintFilter(search=t)),
                         max(1, args.runs // 2))
        search_times += times
    add(f"full-text search in {biggest} ({len(TERMS)} terms)", search_times,
        "nothing remembered")
    # The search box looks in every queue ("all"): words, a tracking number, a reporter.
    sample = complaints.rows(queues.complaint_ids(biggest)[:1])[0]
    typed = [*TERMS, f"#{sample.tracking_number}", "La Ode", "0812 3"]
    search_times = []
    for term in typed:
        times, _ = timed(lambda t=term: queues.complaint_ids("all", ComplaintFilter(search=t)),
                         max(1, args.runs // 2))
        search_times += times
    add(f"search in every queue ({len(typed)}: words, a number, a name, a phone)",
        search_times, "nothing remembered")
    # As in the window: the queue's own list is remembered (it was just shown), the narrowed
    # list is not (each run forgets it again).
    queues._id_lists.MAX_IDS = _IdLists.MAX_IDS
    queues.complaint_ids(biggest)

    def narrowed(where: ComplaintFilter) -> list[str]:
        queues._id_lists.lists.pop((biggest, where), None)
        return queues.complaint_ids(biggest, where)

    times, ids = timed(lambda: narrowed(ComplaintFilter(channel="whatsapp")), args.runs)
    add(f"ids of {biggest}, channel filter, queue remembered", times)
    search_times = []
    hits: list[str] = []
    for term in TERMS:
        times, ids = timed(lambda t=term: narrowed(ComplaintFilter(search=t)),
                           max(1, args.runs // 2))
        search_times += times
        hits.append(f"{term}:{len(ids)}")
    add(f"full-text search in {biggest}, queue remembered", search_times,
        "hits " + ", ".join(hits))
    queues._id_lists.MAX_IDS = -1
    sample = queues.complaint_ids(biggest)[:: max(1, counts[0].count // 20)][:20]
    detail_times: list[float] = []
    for complaint_id in sample:
        times, _ = timed(lambda c=complaint_id: complaints.detail(c), 1)
        detail_times += times
    add("complaint detail (20 complaints)", detail_times)
    cache.close()
    print_table(f"List queries on {args.complaints:,} complaints (ms: median / worst of "
                f"{args.runs} runs)", rows, ["step", "ms", "note"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
