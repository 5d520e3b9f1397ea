"""Server CPU per sync with nothing new: one worker, one client, requests one after another.

The province world of ``bench/server_bench.py`` (its database and its users' state file, which
that benchmark writes) served by ``lapor-server serve`` with one worker; ``--users`` of its
desktops pull to the head, then sync again and again, each request a no-op pull (the page at the
head: authentication, the directory's key, epoch and counter, an empty answer). The worker's CPU
time (``/proc``, user + system) over ``--requests`` such pulls, divided by their number, is the
figure; a busy machine stretches the wall time but barely moves it. Run it with one tree's code
and then another's (``PYTHONPATH``) in one sitting to compare them.

    .venv/bin/python -m bench.noop_bench --requests 3000   # LAPOR_TEST_PG_URL or --pg
    .venv/bin/python -m bench.noop_bench --requests 2000 --pushes 300   # and pushes of 3 notes
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid

import requests

from bench.common import RESULTS
from bench.load_client import PAGE
from bench.server_bench import DB_NAME, ensure_world, server, tree_cpu_seconds
from lapor_desk.models import wire
from lapor_desk.models.ids import uuid7


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("LAPOR_TEST_PG_URL"))
    parser.add_argument("--db-name", default=DB_NAME)
    parser.add_argument("--state", default="server-bench-users",
                        help="the users' state file in bench/results/ (server_bench.py's)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--pushes", type=int, default=0,
                        help="then this many pushes of 3 internal notes, one after another "
                             "(server CPU per push)")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    if not args.pg:
        parser.error("--pg or LAPOR_TEST_PG_URL is required")
    url = ensure_world(args.pg, 0, 0, False, args.db_name)
    users = json.loads((RESULTS / f"{args.state}.json").read_text())[:args.users]
    with server(url, 1) as (base, proc), requests.Session() as http:
        def pull(user: dict[str, object]) -> dict[str, object]:
            params = dict(PAGE)
            if user.get("cursor"):
                params["cursor"] = user["cursor"]
            answer = http.get(base + wire.PULL.path, params=params, timeout=30,
                              headers={"Authorization": f"Bearer {user['token']}"})
            answer.raise_for_status()
            body: dict[str, object] = answer.json()
            return body

        for user in users:  # everyone at the head, and the worker warm
            while True:
                body = pull(user)
                user["cursor"] = body.get("cursor")
                if not body.get("has_more"):
                    break
        for user in users * 5:
            pull(user)
        cpu, wall = tree_cpu_seconds(proc.pid), time.perf_counter()
        for index in range(args.requests):
            user = users[index % len(users)]
            body = pull(user)
            if body.get("changes") or body.get("has_more") or body.get("cursor") != user["cursor"]:
                raise RuntimeError("not a no-op pull: the world moved during the run")
        cpu, wall = tree_cpu_seconds(proc.pid) - cpu, time.perf_counter() - wall
        print(f"{args.label} no-op pulls {args.requests}: server CPU "
              f"{cpu * 1000 / args.requests:.2f} ms each, wall "
              f"{wall * 1000 / args.requests:.2f} ms each", file=sys.stdout)
        writers = [u for u in users if u.get("complaint_id")]
        if args.pushes and writers:
            client_ids = {u["username"]: str(uuid.uuid4()) for u in writers}  # new desktops
            cpu, wall = tree_cpu_seconds(proc.pid), time.perf_counter()
            for index in range(args.pushes):
                user = writers[index % len(writers)]
                actions = [{"mutation_id": index * 3 + n + 1, "kind": "internal_note",
                            "complaint_id": user["complaint_id"], "base_version": None,
                            "payload": {"follow_up_id": uuid7(), "body": "Catatan uji.",
                                        "attachments": []}} for n in range(3)]
                answer = http.post(base + wire.PUSH.path, timeout=30, json={
                    "client_id": client_ids[user["username"]], "actions": actions},
                    headers={"Authorization": f"Bearer {user['token']}"})
                answer.raise_for_status()
                if any(r["outcome"] != "applied" for r in answer.json()["results"]):
                    raise RuntimeError(f"a push was not applied: {answer.text[:300]}")
            cpu, wall = tree_cpu_seconds(proc.pid) - cpu, time.perf_counter() - wall
            print(f"{args.label} pushes of 3 notes {args.pushes}: server CPU "
                  f"{cpu * 1000 / args.pushes:.2f} ms each, wall "
                  f"{wall * 1000 / args.pushes:.2f} ms each", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
