"""Sync benchmark (issue 2): initial sync, a sync with nothing new, pushing queued actions.

    .venv/bin/python -m bench.sync_bench [--complaints 100000]

Seeds (once, cached under bench/results/) a server database, serves it with `lapor-server serve`
in its own process behind a byte-counting relay, and runs each client step in its own process.
Prints a table of measured figures beside the goals, and the floor: the time to bulk-insert the
same rows straight into SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.common import (
    PASSWORD,
    RESULTS,
    WireCounter,
    print_table,
    process_cpu_seconds,
    seeded_database,
    server_process,
)

TABLES = ["complaints", "dispositions", "follow_ups", "attachments", "complaint_events"]


def run_client(step: str, profile: Path, server: str, user: str, **extra: object) -> dict[str, object]:
    args = [sys.executable, "-m", "bench.sync_client", step, "--profile", str(profile),
            "--server", server, "--user", user]
    for key, value in extra.items():
        args += [f"--{key}", str(value)]
    env = dict(os.environ, LAPOR_PASSWORD=PASSWORD,
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def bulk_insert_floor(url: str, workdir: Path) -> tuple[float, int]:
    """Seconds to insert every replicated row, as plain tuples, into a fresh SQLite file."""
    source = create_engine(url)
    target_path = workdir / "floor.sqlite3"
    target_path.unlink(missing_ok=True)
    data: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
    with source.connect() as conn:
        for table in TABLES:
            result = conn.execute(text(f"SELECT * FROM {table}"))
            data[table] = (list(result.keys()), [tuple(r) for r in result])
    source.dispose()
    rows = sum(len(r) for _, r in data.values())
    plain = (int, float, str, bytes, type(None))
    prepared = {
        table: (columns, [tuple(v if isinstance(v, plain) else str(v) for v in row) for row in values])
        for table, (columns, values) in data.items()
    }
    del data
    started = time.perf_counter()  # the floor: inserting ready-made tuples, nothing else
    db = sqlite3.connect(target_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    with db:
        for table, (columns, values) in prepared.items():
            cols = ", ".join(columns)
            db.execute(f"CREATE TABLE {table} ({cols}, PRIMARY KEY ({columns[0]}))")
            marks = ", ".join("?" for _ in columns)
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    db.close()
    return time.perf_counter() - started, rows


IN_SHAPED_NETNS = "LAPOR_BENCH_SHAPED_RATE"


def run_shaped(rate: str) -> int:
    """Run this bench again inside ``unshare -n`` with its loopback limited to ``rate``."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?[kmg]?bit", rate):
        print(f"--rate {rate}: give a rate like 8mbit or 512kbit", file=sys.stderr)
        return 2
    missing = [tool for tool in ("unshare", "tc", "ip") if shutil.which(tool) is None]
    if missing or os.geteuid() != 0:
        print("--rate needs root, unshare, tc and ip", file=sys.stderr)
        return 2
    inner = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "bench.sync_bench",
                                                 *sys.argv[1:]])
    script = f"ip link set lo up && ip link set lo mtu 1500 && {inner}"
    env = {**os.environ, IN_SHAPED_NETNS: rate}
    return subprocess.run(["unshare", "-n", "sh", "-c", script], env=env, check=False).returncode


def shape_port(rate: str, port: int) -> None:
    """Limit the traffic to and from ``port`` on loopback to ``rate`` (the relay's port: the
    link between the desktop and the server; the relay's own hop to the server stays fast)."""
    commands = [  # htb: this kernel has no prio qdisc; unmatched traffic goes to 1:20
        "tc qdisc add dev lo root handle 1: htb default 20 r2q 1000",
        f"tc class add dev lo parent 1: classid 1:10 htb rate {rate} ceil {rate}",
        "tc class add dev lo parent 1: classid 1:20 htb rate 10gbit",
        f"tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport {port} 0xffff flowid 1:10",
        f"tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip dport {port} 0xffff flowid 1:10",
    ]
    for command in commands:
        subprocess.run(command.split(), check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--layout", choices=["packed", "columns", "rows"], default="packed",
                        help="pull page layout: packed (schema version 3), columns (2) or rows (1)")
    parser.add_argument("--no-floor", action="store_true", help="skip measuring the floor")
    parser.add_argument("--rate", help="a slower link, e.g. 8mbit: the whole bench runs in a "
                        "network namespace of its own whose relay port is shaped with tc htb "
                        "(needs root, unshare and tc)")
    args = parser.parse_args()
    if args.rate and os.environ.get(IN_SHAPED_NETNS) != args.rate:
        return run_shaped(args.rate)

    url, report_path = seeded_database(args.complaints)
    seed = json.loads(report_path.read_text())
    user = next(u["username"] for u in seed["users"] if u["role"] == "national_admin")
    counts = seed["counts"]
    workdir = RESULTS / f"run-{args.complaints}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    profile = workdir / "profile"
    # The push step writes to the server database: serve a copy so the seeded one stays clean.
    served = workdir / "server.sqlite3"
    shutil.copyfile(url.removeprefix("sqlite:///"), served)

    rows: list[list[object]] = []
    servers: list[subprocess.Popen[bytes]] = []
    with server_process(f"sqlite:///{served}", blob_dir=workdir / "blobs",
                        started=servers) as base:
        wire = WireCounter(int(base.rsplit(":", 1)[1]))
        wire.serve()
        if args.rate:
            shape_port(args.rate, wire.port)
        via = f"http://127.0.0.1:{wire.port}"

        server_cpu = process_cpu_seconds(servers[0].pid)
        initial = run_client("initial", profile, via, user, layout=args.layout)
        server_cpu = process_cpu_seconds(servers[0].pid) - server_cpu
        initial_bytes = wire.sent + wire.received
        wire.reset()
        nochange = run_client("nochange", profile, via, user, layout=args.layout)
        nochange_bytes = wire.sent + wire.received
        nochange_trips = wire.request_count
        wire.reset()
        push = run_client("push", profile, via, user, actions=args.actions)
        wire.close()

    floor_seconds, floor_rows = (0.0, 0) if args.no_floor else bulk_insert_floor(url, workdir)
    mb = 1024 * 1024
    rows.append(["initial sync (national admin, empty cache)", f"{initial['seconds']:.1f} s",
                 "<= 20 s", f"floor {floor_seconds:.1f} s ({floor_rows:,} rows)" if floor_rows
                 else "floor not measured"])
    rows.append(["  bytes on the wire", f"{initial_bytes / 1e6:.1f} MB ({initial_bytes / mb:.1f} MiB)",
                 "<= 30 MB",
                 f"{initial['rows']:,} rows in {initial['pages']} pages"])
    rows.append(["  peak memory of the syncing process", f"{initial['peak_rss_mb']:.0f} MB",
                 "<= 300 MB", f"CPU: client {initial['cpu_seconds']:.1f} s, server {server_cpu:.1f} s"])
    rows.append(["sync with nothing new", f"{float(nochange['seconds']) * 1000:.0f} ms", "<= 50 ms",
                 f"{nochange_trips} HTTP request(s)"])
    rows.append(["  bytes on the wire", f"{nochange_bytes / 1024:.2f} KB", "<= 2 KB", ""])
    rows.append([f"push {args.actions} queued actions", f"{push['seconds']:.2f} s", "<= 5 s",
                 f"applied {push['applied']}, rejected {push['rejected']}"])
    print_table(
        f"Sync benchmark: {counts.get('complaints', args.complaints):,} complaints, "
        f"{counts.get('follow_ups', 0):,} follow-ups, {os.cpu_count()} cores, loopback, "
        f"{args.layout} layout" + (f", link shaped to {args.rate}" if args.rate else ""),
        rows, ["step", "measured", "goal", "note"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
