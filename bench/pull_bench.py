"""Pull bench: whole pulls made by the server's ``pull_page`` in process (no HTTP, no desktop),
for a national admin, a province's admin and a city's admin, in each page layout.

    .venv/bin/python -m bench.pull_bench [--complaints 20000] [--pg-url URL] [--rounds 3]

Seeds (once, cached under bench/results/) a SQLite database, and with ``--pg-url`` (an admin URL
of a PostgreSQL server on this machine) a PostgreSQL one beside it. Each figure is the best of
``--rounds``: the CPU seconds of this process plus, on PostgreSQL, those of the server process
that answered (read from /proc, so a busy machine barely moves them), and the wall time.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.common import PASSWORD, print_table, process_cpu_seconds, seeded_database
from lapor_desk.models.calendar import utcnow
from lapor_desk.server.database import init_database, make_engine, read_session
from lapor_desk.server.db import Complaint, User
from lapor_desk.server.pull import pull_page
from lapor_desk.server.scope import Viewer
from lapor_desk.server.seed import seed_database
from lapor_desk.server.services.directory import DirectoryCache, UserRecord

USERS = ("nasional1", "admin.sultra", "admin.kendari")
LAYOUTS = ("rows", "columns", "packed")


def pg_database(admin_url: str, complaints: int) -> str:
    """A PostgreSQL database with ``complaints`` seeded complaints (made once and reused), its
    planner statistics up to date as autovacuum would keep them."""
    name = f"lapor_pull_bench_{complaints}"
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                    {"n": name}).first()
    seeded = 0
    if exists:
        engine = create_engine(url)
        with Session(engine) as session:
            seeded = session.scalar(select(func.count()).select_from(Complaint)) or 0
        engine.dispose()
    if seeded != complaints:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        init_database(url)
        seed_database(url, complaints=complaints, seed=1, password=PASSWORD)
    admin.dispose()
    analysed = create_engine(url, isolation_level="AUTOCOMMIT")
    with analysed.connect() as connection:
        connection.execute(text("ANALYZE"))
    analysed.dispose()
    return url


def whole_pull(engine: Any, viewer: Viewer, layout: str) -> tuple[float, float, int]:
    """CPU seconds (this process and the database's), wall seconds and bytes of one pull."""
    cursor, cpu, size = None, 0.0, 0
    started = time.perf_counter()
    while True:
        with read_session(engine) as session:
            backend = (session.execute(text("SELECT pg_backend_pid()")).scalar_one()
                       if engine.dialect.name == "postgresql" else None)
            before = time.process_time() + (process_cpu_seconds(backend) if backend else 0.0)
            page = pull_page(session, viewer, cursor=cursor, limit=5000, max_bytes=4 << 20,
                             instance_id="bench", now=utcnow(), layout=layout)
            after = time.process_time() + (process_cpu_seconds(backend) if backend else 0.0)
        cpu += after - before
        size += len(page.body)
        if not page.has_more:
            return cpu, time.perf_counter() - started, size
        cursor = page.cursor


def bench(url: str, rounds: int) -> list[list[object]]:
    engine = make_engine(url)
    with Session(engine) as session:
        directory = DirectoryCache().get(session)
        users = {u.username: UserRecord.of(u) for u in session.scalars(
            select(User).where(User.username.in_(USERS)))}
    rows: list[list[object]] = []
    for username in USERS:
        viewer = Viewer.of(users[username], directory, engine.dialect.name)
        for layout in LAYOUTS:
            runs = [whole_pull(engine, viewer, layout) for _ in range(rounds)]
            rows.append([engine.dialect.name, username, layout,
                         f"{min(r[0] for r in runs):.2f}", f"{min(r[1] for r in runs):.2f}",
                         f"{runs[0][2] / 1e6:.1f}"])
    engine.dispose()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--pg-url", default=os.environ.get("LAPOR_TEST_PG_URL"),
                        help="a PostgreSQL admin URL on this machine (default: "
                        "LAPOR_TEST_PG_URL); without one, SQLite only")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    urls = [seeded_database(args.complaints)[0]]
    if args.pg_url:
        urls.append(pg_database(args.pg_url, args.complaints))
    rows = [row for url in urls for row in bench(url, args.rounds)]
    print_table(f"Whole pulls, {args.complaints} complaints (best of {args.rounds})", rows,
                ["database", "user", "layout", "CPU s", "wall s", "MB"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
