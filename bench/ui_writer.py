"""Another user working on the server, for the UI benchmark's "sync while the window runs" step.

    python -m bench.ui_writer init --profile DIR --server URL --user NAME   (LAPOR_PASSWORD set)
    python -m bench.ui_writer push --profile DIR --server URL --changes N [--seed S]

``init`` signs in headlessly and syncs a profile of its own (cached by ``bench.ui_snapshot``).
``push`` makes ``N`` changes through the real outbox and sync engine, as a second national
admin at another desk would: internal notes on complaints spread over the whole list, and some
unverified complaints postponed (they move to another queue). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import text

from lapor_desk.models.cache.store import open_cache
from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.errors import ActionRefused
from lapor_desk.sync.outbox import Outbox
from lapor_desk.sync.transport import Transport

TOKEN_FILE = "bench-token"  # benchmark only: a throwaway local server's session
NOTES = (
    "Sudah dikoordinasikan dengan bidang teknis, mohon dipantau minggu ini.",
    "Pelapor dihubungi via telepon, menunggu kelengkapan dokumen.",
    "Catatan rapat evaluasi: prioritaskan karena menyangkut layanan dasar.",
    "Mohon dicek ulang lokasi kejadian sebelum ditindaklanjuti unit.",
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["init", "push"])
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--server", required=True)
    parser.add_argument("--user", default="")
    parser.add_argument("--changes", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    token_file = args.profile / TOKEN_FILE
    cache = open_cache(args.profile)
    transport = Transport(args.server,
                          token=token_file.read_text() if token_file.exists() else None)
    engine = SyncEngine(cache, transport)
    result: dict[str, object] = {"step": args.step}
    started = time.perf_counter()
    if args.step == "init":
        login = engine.login(args.user, os.environ["LAPOR_PASSWORD"], "bench-writer")
        token_file.write_text(login.token)
        report = engine.sync()
        result.update(rows=report.rows)
    else:
        rng = random.Random(args.seed)
        with cache.engine.connect() as connection:
            rows = [(str(r[0]), str(r[1])) for r in connection.execute(
                text("SELECT id, status FROM complaint ORDER BY id"))]
        unverified = [cid for cid, status in rows if status == "unverified"]
        postpones = rng.sample(unverified, min(len(unverified), args.changes // 10))
        notes = rng.sample([cid for cid, _ in rows],
                           min(len(rows), max(0, args.changes - len(postpones))))
        outbox = Outbox(cache)
        queued = refused = 0
        for cid in postpones:
            try:
                outbox.postpone(cid, "Menunggu hasil koordinasi lintas OPD.")
                queued += 1
            except ActionRefused:
                refused += 1
        for i, cid in enumerate(notes):
            try:
                outbox.internal_note(cid, NOTES[i % len(NOTES)])
                queued += 1
            except ActionRefused:
                refused += 1
        report = engine.push()
        result.update(queued=queued, refused=refused, applied=report.applied,
                      rejected=report.rejected, conflicts=report.conflicts,
                      postponed=len(postpones))
    result["seconds"] = round(time.perf_counter() - started, 2)
    cache.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
