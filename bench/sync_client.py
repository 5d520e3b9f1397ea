"""One side of the sync benchmark, run in its own process so its memory is its own.

    python -m bench.sync_client initial|nochange|push --profile DIR --server URL --user NAME
Prints one JSON line: seconds of the measured step, rows, peak RSS in MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from sqlalchemy import text

from lapor_desk.models.cache.store import open_cache
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.transport import Transport


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["initial", "nochange", "push"])
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--server", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--layout", choices=["packed", "columns", "rows"], default="packed")
    args = parser.parse_args()

    token_file = args.profile / "bench-token"  # benchmark only: a throwaway local server
    cache = open_cache(args.profile)
    transport = Transport(args.server, token=token_file.read_text() if token_file.exists() else None)
    engine = SyncEngine(cache, transport, page_layout=args.layout)
    result: dict[str, object] = {"step": args.step}
    if args.step == "initial":
        login = engine.login(args.user, os.environ["LAPOR_PASSWORD"], "bench")
        token_file.write_text(login.token)
        started = time.perf_counter()
        report = engine.sync()
        result.update(seconds=time.perf_counter() - started, rows=report.rows, pages=report.pages)
    elif args.step == "nochange":
        started = time.perf_counter()
        report = engine.sync()
        result.update(seconds=time.perf_counter() - started, rows=report.rows, pages=report.pages)
    else:
        outbox = Outbox(cache)
        with cache.engine.connect() as connection:
            ids = [r[0] for r in connection.execute(
                text("SELECT id FROM complaint ORDER BY id LIMIT :n"), {"n": args.actions})]
        queued_started = time.perf_counter()
        for i, complaint_id in enumerate(ids):
            outbox.internal_note(complaint_id, f"Catatan internal nomor {i}: mohon dicek ulang.")
        queued = time.perf_counter() - queued_started
        started = time.perf_counter()
        report = engine.push()
        result.update(seconds=time.perf_counter() - started, queue_seconds=queued,
                      applied=report.applied, rejected=report.rejected, conflicts=report.conflicts)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 2)  # whole process
    cache.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
