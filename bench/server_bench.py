"""Server benchmark (issue 17 §4): a province's desktops against N server workers on PostgreSQL.

    .venv/bin/python -m bench.server_bench --pg URL [--workers 2] [--processes 4] [--threads 4]
        [--peak-seconds 20] [--soak-minutes 60] [--skip-peak] [--skip-soak]

The world (made once, kept in the database ``lapor_bench_sultra`` of the PostgreSQL at ``--pg``,
reused by later runs; ``--fresh`` makes it again): ``lapor-server seed`` with ``--complaints``
complaints, grown by bench/province.py to 30 OPDs in each of Sulawesi Tenggara's 17
kabupaten/kota and ``--users`` accounts. Every user signs in once and pulls to the head (their
tokens and cursors are kept in ``bench/results/``).

Then, against ``lapor-server serve --workers N``:
- *peak, no-op*: ``--processes`` load processes (bench/load_client.py, the desktop's real
  transport and API) with ``--threads`` desktops each sync back to back, nothing new anywhere;
- *peak, mixed*: the same with every 10th sync first pushing 3 internal notes, so the others'
  pulls bring small pages;
- *soak*: every user syncs every 5 minutes (a working day's rate), 5 % of syncs pushing 3 notes,
  for ``--soak-minutes``; the server's memory (all its processes) sampled every 30 s.
Prints a table beside the goals.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import (
    PASSWORD,
    RESULTS,
    free_port,
    print_table,
    process_cpu_seconds,
    wait_until_healthy,
)
from bench.province import grow_province

DB_NAME = "lapor_bench_sultra"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def server_exe() -> str:
    return str(Path(sys.executable).with_name("lapor-server"))


def ensure_world(admin_url: str, complaints: int, users: int, fresh: bool,
                 db_name: str = DB_NAME) -> str:
    """The province's database URL; made (seeded, grown) when missing or ``fresh``."""
    url = make_url(admin_url)
    target = url.set(database=db_name).render_as_string(hide_password=False)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                    {"n": db_name}).first() is not None
        if exists and fresh:
            connection.execute(text(f'DROP DATABASE "{db_name}" WITH (FORCE)'))
            exists = False
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{db_name}"'))
    admin.dispose()
    if not exists:
        for state in RESULTS.glob("server-bench-*.json"):
            state.unlink()
        subprocess.run([server_exe(), "init-db", "--db", target], check=True,
                       stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        subprocess.run([server_exe(), "seed", "--db", target, "--complaints", str(complaints),
                        "--password", PASSWORD, "--blobs", str(RESULTS / "server-bench-blobs")],
                       check=True, stdout=subprocess.DEVNULL)
        engine = create_engine(target)
        grown = grow_province(engine, users)
        engine.dispose()
        print(f"seeded {complaints} complaints, added {grown['units']} OPDs and "
              f"{grown['users']} users in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return target


def user_rows(url: str) -> list[dict[str, Any]]:
    """Every user, with an open complaint in their scope to write notes on (None if none)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("""
            SELECT u.username, u.role, pick.id, pick.version
            FROM users u JOIN agencies home ON home.id = u.unit_id
            LEFT JOIN LATERAL (
                SELECT c.id, c.version FROM complaints c
                WHERE c.status IN ('forwarded', 'in_progress', 'reporter_responded')
                  AND CASE u.role
                      WHEN 'liaison_officer' THEN c.handling_unit_id = u.unit_id
                      WHEN 'agency_admin' THEN c.responsible_id = (
                          SELECT CASE WHEN a.level = 'unit' THEN a.parent_id ELSE a.id END
                          FROM agencies a WHERE a.id = u.unit_id)
                      ELSE TRUE END
                ORDER BY c.seq DESC LIMIT 1) pick ON TRUE
            WHERE NOT u.disabled ORDER BY u.id""")).all()
    engine.dispose()
    return [{"username": r[0], "role": r[1], "complaint_id": r[2], "version": r[3]}
            for r in rows]


def serve_command(url: str, port: int, workers: int) -> list[str]:
    return [server_exe(), "--log-level", "WARNING", "serve", "--db", url, "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers),
            "--blobs", str(RESULTS / "server-bench-blobs")]


def tree_pids(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its living descendants."""
    total = 0.0
    for current in tree_pids(pid):
        try:
            total += process_cpu_seconds(current)
        except OSError:
            continue
    return total


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (MB)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines()
                              if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


@contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    subprocess.run([server_exe(), "init-db", "--db", url], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    env = dict(os.environ, LAPOR_DATABASE_URL=url)
    log = (RESULTS / f"server-bench-server-{os.getpid()}.log").open("wb")
    proc = subprocess.Popen(serve_command(url, port, workers), env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, proc, 90, lambda: f"see {log.name}")
        time.sleep(1.0 if workers > 1 else 0)  # every worker up, not only the first
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def run_load(base: str, users: list[dict[str, Any]], processes: int,
             **spec: Any) -> list[dict[str, Any]]:
    """Split ``users`` over ``processes`` load processes; their JSON results."""
    procs = []
    for n in range(processes):
        part = users[n::processes]
        path = RESULTS / f"server-bench-spec-{os.getpid()}-{n}.json"
        path.write_text(json.dumps({"base": base, "users": part, "seed": n + 1, **spec}))
        procs.append(subprocess.Popen([sys.executable, "-m", "bench.load_client", str(path)],
                                      stdout=subprocess.PIPE))
    results = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"load process failed ({proc.returncode})")
        results.append(json.loads(out.decode().strip().splitlines()[-1]))
    return results


def merged(results: list[dict[str, Any]]) -> tuple[dict[str, list[float]], dict[str, int],
                                                    list[dict[str, Any]], float, int]:
    latency: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    users: list[dict[str, Any]] = []
    for result in results:
        for kind, values in result["latency"].items():
            latency.setdefault(kind, []).extend(values)
        for kind, count in result["errors"].items():
            errors[kind] = errors.get(kind, 0) + count
        users += result["users"]
        for sample in result.get("samples", []):
            print("error sample:", sample, file=sys.stderr)
    elapsed = max(r["elapsed"] for r in results)
    return latency, errors, users, elapsed, sum(r["syncs"] for r in results)


def latency_rows(phase: str, latency: dict[str, list[float]], elapsed: float,
                 goals: dict[str, str]) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind in ("pull_noop", "pull_empty", "pull_rows", "pull_page", "push", "login",
                 "initial_pull", "schedule_lateness"):
        values = latency.get(kind)
        if not values:
            continue
        rows.append([phase, kind, len(values), f"{len(values) / elapsed:.1f}",
                     f"{percentile(values, 0.5):.1f}", f"{percentile(values, 0.95):.1f}",
                     f"{percentile(values, 0.99):.1f}", f"{max(values):.1f}",
                     goals.get(kind, "")])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("LAPOR_TEST_PG_URL"),
                        help="an admin URL of the PostgreSQL cluster (default LAPOR_TEST_PG_URL)")
    parser.add_argument("--complaints", type=int, default=20000)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--fresh", action="store_true", help="make the province world again")
    parser.add_argument("--db-name", default=DB_NAME, help="the database of the province world")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="desktops at once per process")
    parser.add_argument("--peak-seconds", type=float, default=20)
    parser.add_argument("--soak-minutes", type=float, default=60)
    parser.add_argument("--soak-interval", type=float, default=300.0,
                        help="seconds between one desktop's syncs in the soak (5 minutes)")
    parser.add_argument("--skip-peak", action="store_true")
    parser.add_argument("--skip-soak", action="store_true")
    parser.add_argument("--state", default="server-bench-users",
                        help="name of the users' state file in bench/results/ (a run beside "
                             "another needs its own: its desktops are other desktops)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    args = parser.parse_args()
    if not args.pg:
        parser.error("--pg or LAPOR_TEST_PG_URL is required")
    RESULTS.mkdir(parents=True, exist_ok=True)
    url = ensure_world(args.pg, args.complaints, args.users, args.fresh, args.db_name)
    state_path = RESULTS / f"{args.state}.json"
    rows: list[list[object]] = []
    report: dict[str, Any] = {"workers": args.workers, "processes": args.processes,
                              "threads": args.threads}
    with server(url, args.workers) as (base, proc):
        print(f"server: lapor-server serve --workers {args.workers}", file=sys.stderr)
        if state_path.exists():
            users = json.loads(state_path.read_text())
        else:
            users = [dict(u, password=PASSWORD) for u in user_rows(url)]
            results = run_load(base, users, args.processes, mode="login", threads=2)
            latency, errors, users, elapsed, _ = merged(results)
            rows += latency_rows("sign-in + first pull", latency, elapsed, {})
            if errors:
                raise RuntimeError(f"sign-in failed: {errors}")
            state_path.write_text(json.dumps(users))
        report["users"] = len(users)
        # Everyone at the head first (the world moved since the cursors were kept).
        results = run_load(base, users, args.processes, mode="catchup", threads=args.threads)
        _, errors, users, _, _ = merged(results)
        state_path.write_text(json.dumps(users))
        if not args.skip_peak:
            for phase, push_every, goals in (
                ("peak no-op", 0, {"pull_noop": "≥ 500/s, p99 ≤ 100 ms"}),
                ("peak mixed", 10, {"push": "p99 ≤ 300 ms"}),
            ):
                rss_before = tree_rss_mb(proc.pid)
                cpu_before = tree_cpu_seconds(proc.pid)
                results = run_load(base, users, args.processes, mode="closed",
                                   threads=args.threads, seconds=args.peak_seconds,
                                   push_every=push_every, actions=3)
                server_cpu = tree_cpu_seconds(proc.pid) - cpu_before
                latency, errors, users, elapsed, syncs = merged(results)
                client_cpu = sum(r["cpu_seconds"] for r in results)
                state_path.write_text(json.dumps(users))
                rows += latency_rows(phase, latency, elapsed, goals)
                requests_made = sum(len(v) for k, v in latency.items()
                                    if k.startswith(("pull", "push")))
                rows.append([phase, "CPU ms per request: server / load", requests_made, "",
                             f"{server_cpu * 1000 / max(1, requests_made):.2f}",
                             f"{client_cpu * 1000 / max(1, requests_made):.2f}", "", "",
                             f"server CPU {server_cpu:.1f} s in {elapsed:.1f} s"])
                rows.append([phase, "syncs (all kinds)", syncs, f"{syncs / elapsed:.1f}",
                             "", "", "", "", f"errors: {sum(errors.values())}"])
                report[phase] = {"syncs_per_s": syncs / elapsed, "errors": errors,
                                 "server_cpu_s": server_cpu, "load_cpu_s": client_cpu,
                                 "requests": requests_made, "seconds": elapsed,
                                 "rss_mb": [rss_before, tree_rss_mb(proc.pid)],
                                 **{k: {"n": len(v), "p50": percentile(v, 0.5),
                                        "p99": percentile(v, 0.99)}
                                    for k, v in latency.items()}}
        if not args.skip_soak:
            samples: list[tuple[float, float]] = []
            stop = threading.Event()
            soak_start = time.monotonic()

            def sample() -> None:
                while not stop.is_set():
                    samples.append((time.monotonic() - soak_start, tree_rss_mb(proc.pid)))
                    if args.json:
                        args.json.with_suffix(".rss.json").write_text(json.dumps(samples))
                    stop.wait(min(30.0, args.soak_minutes * 6))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            results = run_load(base, users, args.processes, mode="paced", threads=args.threads,
                               seconds=args.soak_minutes * 60, interval=args.soak_interval,
                               push_chance=0.05, actions=3)
            stop.set()
            sampler.join()
            samples.append((time.monotonic() - soak_start, tree_rss_mb(proc.pid)))
            latency, errors, users, elapsed, syncs = merged(results)
            state_path.write_text(json.dumps(users))
            rows += latency_rows(f"soak {elapsed / 60:.0f} min", latency, elapsed, {})
            rss = [mb for _, mb in samples]
            tenth = max(1, len(rss) // 10)
            rows.append([f"soak {elapsed / 60:.0f} min", "server RSS MB (first/last tenth)",
                         len(rss), "", f"{sum(rss[:tenth]) / tenth:.0f}",
                         f"{sum(rss[-tenth:]) / tenth:.0f}", "", f"{max(rss):.0f}",
                         f"flat; errors: {sum(errors.values())}"])
            report["soak"] = {"minutes": elapsed / 60, "syncs": syncs, "errors": errors,
                              "rss": samples,
                              **{k: {"n": len(v), "p50": percentile(v, 0.5),
                                     "p99": percentile(v, 0.99)}
                                 for k, v in latency.items()}}
    print_table(f"Server benchmark: {report.get('users')} users, {args.workers} workers, "
                f"{args.processes} load processes x {args.threads} desktops, "
                f"load average {os.getloadavg()[0]:.1f}",
                rows, ["phase", "request", "n", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                       "goal"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
