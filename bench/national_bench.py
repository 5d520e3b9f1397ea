"""National scale (issue 17 §4): about 1.7 million complaints on PostgreSQL.

    .venv/bin/python -m bench.national_bench --pg URL [--complaints 1700000] [--user admin.konsel]
        [--keep]

Makes a database of its own (``lapor_bench_national``) in the PostgreSQL cluster at ``--pg``
(``lapor-server seed`` of the Sulawesi Tenggara world as templates, bench/province.py,
bench/national_seed.py in SQL), then:
- a kabupaten admin's desktop (the real sync engine and cache, bench/sync_client.py, each step in
  its own process) makes its initial sync, a sync with nothing new and a push of 10 actions
  against ``lapor-server serve``;
- every statement of the sync path (token check, directory, each pull page's statements from the
  start, in the middle and at the head, a push of 3 actions) is run in this process on a
  connection with PostgreSQL's ``auto_explain`` (``log_analyze``): each plan as PostgreSQL ran
  it, written to ``bench/results/national-explain.txt``, with a summary of the scans per step.
The database is dropped at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from bench.common import PASSWORD, RESULTS, print_table, server_process
from bench.load_client import Desktop, Recorder, pull_to_head
from bench.national_seed import seed_national
from bench.province import grow_province
from bench.sync_bench import run_client
from lapor_desk.models.calendar import default_config
from lapor_desk.server import pull
from lapor_desk.server.database import instance_id, make_engine, read_session, transaction
from lapor_desk.server.push import push_batch
from lapor_desk.server.services import tokens
from lapor_desk.server.services.actions import Mutation
from lapor_desk.server.services.directory import DirectoryCache
from lapor_desk.server.settings import ServerSettings
from lapor_desk.server.state import ServerState

DB_NAME = "lapor_bench_national"
EXPLAIN_OPTIONS = ("-c timezone=UTC -c session_preload_libraries=auto_explain "
                   "-c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on "
                   "-c auto_explain.log_buffers=on -c auto_explain.log_nested_statements=on "
                   "-c client_min_messages=log")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def make_world(admin_url: str, complaints: int, templates: int,
               db_name: str = DB_NAME) -> tuple[str, dict[str, Any]]:
    url = make_url(admin_url)
    target = url.set(database=db_name).render_as_string(hide_password=False)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{db_name}"'))
    admin.dispose()
    exe = str(Path(sys.executable).with_name("lapor-server"))
    started = time.perf_counter()
    subprocess.run([exe, "init-db", "--db", target], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run([exe, "seed", "--db", target, "--complaints", str(templates), "--password",
                    PASSWORD, "--blobs", str(RESULTS / "national-blobs")],
                   check=True, stdout=subprocess.DEVNULL)
    engine = create_engine(target)
    grow_province(engine, users=1000)
    timings = {"templates": time.perf_counter() - started}
    log(f"templates: {templates} complaints in {timings['templates']:.1f} s")
    timings.update(seed_national(engine, complaints, log))
    with engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in ("agencies", "users", "complaints", "follow_ups", "dispositions",
                            "complaint_events", "attachments")}
        size = connection.execute(text("SELECT pg_size_pretty(pg_database_size(:d))"),
                                  {"d": db_name}).scalar_one()
    engine.dispose()
    log(f"rows: {counts}; database {size}")
    return target, {**timings, **{f"rows_{k}": v for k, v in counts.items()}, "size": size}


class PlanLog:
    """The plans ``auto_explain`` sends to this client, labelled by the step that ran them."""

    def __init__(self) -> None:
        self.step = "setup"
        self.plans: list[tuple[str, str]] = []

    def __call__(self, diagnostic: Any) -> None:
        message = diagnostic.message_primary or ""
        if "plan:" in message:
            self.plans.append((self.step, message))


def explain_engine(url: str, plans: PlanLog) -> Engine:
    from sqlalchemy import event

    engine = make_engine(url, connect_args={"options": EXPLAIN_OPTIONS}, pool_size=2)

    @event.listens_for(engine, "connect")
    def _notices(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.add_notice_handler(plans)

    return engine


def explain_sync_path(url: str, username: str) -> tuple[list[list[object]], str]:
    """Runs the sync path's statements with auto_explain; a summary table and the plans."""
    plans = PlanLog()
    engine = explain_engine(url, plans)
    with Session(engine) as session:
        instance = instance_id(session)
    state = ServerState(ServerSettings(database_url=url), engine, default_config(), instance,
                        directories=DirectoryCache())
    now = state.now()
    with transaction(engine) as session:
        login = tokens.login(session, username, PASSWORD, "explain", now=now)
    plans.plans.clear()
    plans.step = "token check + directory"
    with Session(engine) as session:
        found = tokens.authenticate(session, login.token, now, state.token_idle)
        viewer = state.viewer(session, found.user)

    def page(step: str, cursor: str | None, limit: int = 20000,
             max_bytes: int = 16 << 20) -> pull.PulledPage:
        plans.step = step
        with read_session(engine) as session:
            return pull.pull_page(session, viewer, cursor=cursor, limit=limit,
                                  max_bytes=max_bytes, instance_id=instance, now=now,
                                  layout="packed")

    first = page("pull: first page", None)
    middle = page("pull: second page", first.cursor) if first.has_more else first
    plans.step = "(pulling to the head)"
    cursor = middle.cursor
    more = middle.has_more
    while more:
        with read_session(engine) as session:
            got = pull.pull_page(session, viewer, cursor=cursor, limit=20000,
                                 max_bytes=16 << 20, instance_id=instance, now=now,
                                 layout="packed")
        cursor, more = got.cursor, got.has_more
    page("pull: nothing new (at the head)", cursor, 10000, 8 << 20)
    with Session(engine) as session:
        row = session.execute(text(
            "SELECT id, version FROM complaints WHERE handling_unit_id IS NOT NULL "
            "AND location_path LIKE :p AND status IN ('forwarded', 'in_progress', "
            "'reporter_responded') ORDER BY seq DESC LIMIT 1"),
            {"p": viewer.scope_root.path + "%"}).first()
    assert row is not None, "no open complaint in the admin's scope"
    plans.step = "push: 3 internal notes"
    from lapor_desk.models.ids import uuid7

    mutations = [Mutation(i + 1, "internal_note", row[0], row[1],
                          {"follow_up_id": uuid7(), "body": f"Catatan {i}", "attachments": []})
                 for i in range(3)]
    results = push_batch(state, viewer, str(uuid.uuid4()), mutations)["results"]
    assert all(r["outcome"] == "applied" for r in results), results
    plans.step = "pull: the push's own rows"
    page("pull: after the push", cursor, 10000, 8 << 20)
    engine.dispose()

    summary: list[list[object]] = []
    lines: list[str] = []
    # The tables that grow with the complaints (and the directory): a sequential scan of one of
    # them grows with the country. The others stay small (a planner scans a small table whole).
    big = ("complaints", "follow_ups", "dispositions", "complaint_events", "attachments",
           "agencies")
    per_step: dict[str, list[str]] = defaultdict(list)
    for step, message in plans.plans:
        if step.startswith("("):
            continue
        duration = re.search(r"duration: ([\d.]+) ms", message)
        query = re.search(r"Query Text: (.*)", message)
        first_line = (query.group(1) if query else "?").strip()[:90]
        scans = sorted(set(re.findall(
            r"((?:Parallel )?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan"
            r"|Bitmap Index Scan)(?: Backward)?(?: using \w+)? on \w+)", message)))
        seq_big = [s for s in scans if s.startswith(("Seq Scan", "Parallel Seq Scan"))
                   and s.split(" on ")[-1] in big]
        per_step[step].append(f"{float(duration.group(1)) if duration else 0:.1f} ms")
        summary.append([step, first_line[:60], f"{float(duration.group(1)):.1f}"
                        if duration else "?", "; ".join(s.replace("Index Scan using ", "idx ")
                                                        for s in scans)[:110],
                        "SEQ SCAN: " + ", ".join(seq_big) if seq_big else "indexed"])
        lines.append(f"### {step}\n{message}\n")
    return summary, "\n".join(lines)


def _ms(step: dict[str, object]) -> float:
    """A client step's measured time in milliseconds."""
    return float(str(step["seconds"])) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("LAPOR_TEST_PG_URL"))
    parser.add_argument("--complaints", type=int, default=1_700_000)
    parser.add_argument("--templates", type=int, default=2000)
    parser.add_argument("--user", default="admin.konsel")
    parser.add_argument("--db-name", default=DB_NAME)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="use the kept database instead of making it again")
    args = parser.parse_args()
    if not args.pg:
        parser.error("--pg or LAPOR_TEST_PG_URL is required")
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.reuse:
        url = make_url(args.pg).set(database=args.db_name).render_as_string(hide_password=False)
        world: dict[str, Any] = {}
    else:
        url, world = make_world(args.pg, args.complaints, args.templates, args.db_name)
    rows: list[list[object]] = [[k, v] for k, v in world.items()]
    try:
        profile = RESULTS / "national-profile"
        shutil.rmtree(profile, ignore_errors=True)
        profile.mkdir(parents=True)
        with server_process(url, RESULTS / "national-blobs") as base:
            initial = run_client("initial", profile, base, args.user)
            log(f"initial sync: {initial}")
            nochange = [run_client("nochange", profile, base, args.user) for _ in range(3)]
            log(f"nothing new: {nochange}")
            pushed = run_client("push", profile, base, args.user, actions=10)
            log(f"push: {pushed}")
            after = run_client("nochange", profile, base, args.user)
            # The server's side alone: the same token through the desktop's transport, pages
            # received and decoded but not stored (bench/load_client.py).
            desk = Desktop(base, {"token": (profile / "bench-token").read_text(),
                                  "cursor": None})
            rec = Recorder()
            started = time.perf_counter()
            pull_to_head(desk, rec, "initial_pull")
            wire_initial = time.perf_counter() - started
            for _ in range(50):
                pull_to_head(desk, rec, "pull_noop")
            noop = sorted(rec.latency["pull_noop"])
        rows += [
            [f"initial sync of {args.user} (s)", f"{initial['seconds']:.1f}"],
            ["  rows / pages", f"{initial['rows']} / {initial['pages']}"],
            ["  peak RSS of the desktop (MB)", initial["peak_rss_mb"]],
            ["sync with nothing new (ms, 3 runs)",
             ", ".join(f"{_ms(r):.0f}" for r in nochange)],
            ["push of 10 actions (ms)", f"{_ms(pushed):.0f} (applied {pushed['applied']})"],
            ["sync after the push (ms)", f"{_ms(after):.0f} ({after['rows']} rows)"],
            ["server alone: the initial pull, pages not stored (s)",
             f"{wire_initial:.1f} ({1 + len(rec.latency.get('pull_page', []))} requests)"],
            ["server alone: no-op pull p50 / p99 of 50 (ms)",
             f"{noop[len(noop) // 2]:.1f} / {noop[int(len(noop) * 0.99)]:.1f}"],
        ]
        print_table(f"National scale: {args.user}", rows, ["what", "figure"])
        summary, plans = explain_sync_path(url, args.user)
        (RESULTS / "national-explain.txt").write_text(plans)
        print_table("EXPLAIN ANALYZE of the sync path (plans: bench/results/national-explain.txt)",
                    summary, ["step", "statement", "ms", "scans", "verdict"])
    finally:
        if not args.keep:
            admin = create_engine(make_url(args.pg), isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)'))
            admin.dispose()
            log("database dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
