"""What encryption at rest costs: the initial sync into a plain SQLite cache vs a SQLCipher one,
opening the cache, and encrypting a synced plaintext cache in place (the upgrade).

    .venv/bin/python -m bench.encryption_bench [--complaints 20000] [--rounds 2]

Reuses the seeded server database of ``bench.sync_bench`` (``bench/results``); each client runs
in its own process, plain and encrypted alternating, every round on a fresh profile. The key of
an encrypted profile lives in an in-memory keyring (the bench process only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import PASSWORD, RESULTS, print_table, seeded_database, server_process


def client(args: argparse.Namespace) -> int:
    import keyring

    from lapor_desk.models.cache.store import open_cache
    from lapor_desk.sync.credentials import MemoryKeyring
    from lapor_desk.sync.engine import SyncEngine
    from lapor_desk.sync.secure_cache import open_secure_cache
    from lapor_desk.sync.transport import Transport

    keyring.set_keyring(MemoryKeyring())
    opened = time.perf_counter()
    cache = open_secure_cache(args.profile) if args.mode == "encrypted" else open_cache(
        args.profile)
    open_seconds = time.perf_counter() - opened
    transport = Transport(args.server)
    engine = SyncEngine(cache, transport)
    engine.login(args.user, PASSWORD, "bench")
    started = time.perf_counter()
    cpu = time.process_time()
    report = engine.sync()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    cache.close()
    transport.close()
    reopen = time.perf_counter()
    again = open_secure_cache(args.profile) if args.mode == "encrypted" else open_cache(
        args.profile)
    with again.engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM complaint").scalar()
    reopen_seconds = time.perf_counter() - reopen
    again.close()
    upgrade_seconds = None
    if args.mode == "plain":  # the previous version's cache, encrypted in place on first open
        upgraded = time.perf_counter()
        open_secure_cache(args.profile).close()
        upgrade_seconds = time.perf_counter() - upgraded
    size = sum(p.stat().st_size for p in args.profile.glob("cache.sqlite3*"))
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "rows": report.rows,
                      "open_new": open_seconds, "reopen": reopen_seconds,
                      "upgrade": upgrade_seconds, "bytes": size}))
    return 0


def run_client(mode: str, profile: Path, server: str, user: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.encryption_bench", "client", "--mode", mode,
         "--profile", str(profile), "--server", server, "--user", user],
        check=True, capture_output=True, text=True,
        env=dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring"))
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", nargs="?", default="bench", choices=["bench", "client"])
    parser.add_argument("--complaints", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mode", choices=["plain", "encrypted"])
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--server")
    parser.add_argument("--user")
    args = parser.parse_args()
    if args.step == "client":
        return client(args)

    url, report_path = seeded_database(args.complaints)
    seed = json.loads(report_path.read_text())
    user = next(u["username"] for u in seed["users"] if u["role"] == "national_admin")
    workdir = RESULTS / f"crypto-{args.complaints}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    results: dict[str, list[dict[str, float]]] = {"plain": [], "encrypted": []}
    with server_process(url, blob_dir=workdir / "blobs") as base:
        for number in range(args.rounds):
            for mode in ("plain", "encrypted"):
                profile = workdir / f"{mode}-{number}"
                results[mode].append(run_client(mode, profile, base, user))
                shutil.rmtree(profile)

    def best(mode: str, key: str) -> float:
        return min(float(r[key]) for r in results[mode])

    plain, enc = best("plain", "seconds"), best("encrypted", "seconds")
    mb = 1024 * 1024
    rows = [
        ["initial sync (best of rounds)", f"{plain:.1f} s", f"{enc:.1f} s",
         f"{(enc / plain - 1) * 100:+.0f} %"],
        ["  client CPU during the sync", f"{best('plain', 'cpu_seconds'):.1f} s",
         f"{best('encrypted', 'cpu_seconds'):.1f} s", ""],
        ["open a new cache (migrations)", f"{best('plain', 'open_new') * 1000:.0f} ms",
         f"{best('encrypted', 'open_new') * 1000:.0f} ms", "includes key creation"],
        ["reopen the synced cache", f"{best('plain', 'reopen') * 1000:.0f} ms",
         f"{best('encrypted', 'reopen') * 1000:.0f} ms", ""],
        ["cache files on disk", f"{best('plain', 'bytes') / mb:.1f} MB",
         f"{best('encrypted', 'bytes') / mb:.1f} MB", ""],
        ["encrypt a synced plaintext cache in place", "", f"{best('plain', 'upgrade'):.2f} s",
         "first open after upgrading"],
    ]
    print_table(f"Encryption at rest: {args.complaints:,} complaints, {args.rounds} rounds, "
                f"{os.cpu_count()} cores", rows, ["step", "plain SQLite", "SQLCipher", "cost"])
    print("rounds:", json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
