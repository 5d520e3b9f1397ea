"""Routing help, measured honestly: trained on the history up to a date, scored on the months after.

    python -m bench.routing_bench [--sizes 10000 100000] [--months 2] [--kinds nb sgd]

For each size, a seeded server database (bench/common.py, made once and kept in bench/results)
gives the history. Each finished complaint is labelled as the desktop labels it (the unit that
finally handled it: models/routing/history.py ``final_unit``, from the same dispositions and
replies the cache holds). The split is by time (models/routing/evaluation.py): the model learns
from the complaints finished before the cut, ``--months`` before the newest complaint, and is
scored on the complaints submitted from the cut on, against the unit that finally handled each.
Two viewers: the national admin (every unit of the province and the national agencies) and the
agency admin of Kota Kendari (its own OPDs; its history is the complaints its OPDs handled).

Printed per size, viewer and model kind: top-1 and top-3 accuracy, the misrouted complaints
among those scored (they came back: bukan wewenang, re-routed) and how many of them the first
suggestion would have sent right, the training time (texts prepared and fitted, in this
process), the model's size sealed at rest, its load time (decrypt + read, median of 5), and
suggest p50/p99 (one complaint's text prepared, scored and its similar complaints found).

Seeded texts flatter the model: they are built from a few sentences per topic, so the words of a
topic repeat far more than citizens' own do (docs/benchmarks.md says so beside the figures).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import create_engine, text

from bench.common import print_table, seeded_database
from lapor_desk.models.cache.at_rest import ROUTING, derive_key
from lapor_desk.models.routing import storage
from lapor_desk.models.routing.evaluation import Score, score, time_split
from lapor_desk.models.routing.history import Labelled, Step, final_unit, misrouted
from lapor_desk.models.routing.model import train
from lapor_desk.models.routing.suggest import suggest

KEY = derive_key(b"\x07" * 32, ROUTING)
PEMDA = "KOTA-7471"


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(value)


def read_server_history(url: str) -> tuple[list[Labelled], dict[int, str], dict[int, str]]:
    """Every finished complaint of the server's database, labelled; the active units by id,
    and the ids of Kota Kendari's units."""
    engine = create_engine(url)
    with engine.connect() as c:
        agencies = list(c.execute(text("SELECT id, level, path, name, code, active "
                                       "FROM agencies")))
        units = frozenset(int(a.id) for a in agencies if a.level == "unit")
        active = {int(a.id): str(a.name) for a in agencies if a.level == "unit" and a.active}
        root = next(a.path for a in agencies if a.code == PEMDA)
        pemda = {i: n for i, n in active.items()
                 if next(a.path for a in agencies if a.id == i).startswith(root)}
        steps: dict[str, list[Step]] = {}
        for row in c.execute(text(
                "SELECT d.complaint_id, d.kind, d.from_id, d.to_id FROM dispositions d "
                "JOIN complaints c ON c.id = d.complaint_id WHERE c.status = 'done' "
                "ORDER BY d.complaint_id, d.at, d.id")):
            steps.setdefault(row.complaint_id, []).append(Step(row.kind, row.from_id, row.to_id))
        repliers: dict[str, list[int | None]] = {}
        for row in c.execute(text(
                "SELECT f.complaint_id, f.unit_id FROM follow_ups f JOIN complaints c "
                "ON c.id = f.complaint_id WHERE c.status = 'done' AND f.kind = 'reply'")):
            repliers.setdefault(row.complaint_id, []).append(row.unit_id)
        history = []
        for row in c.execute(text(
                "SELECT id, tracking_number, title, body, regency, category, created_at, "
                "closed_at, handling_unit_id FROM complaints WHERE status = 'done' "
                "ORDER BY created_at, id")):
            label = final_unit(steps.get(row.id, []), repliers.get(row.id, ()),
                               row.handling_unit_id, units)
            if label is not None:
                history.append(Labelled(
                    row.id, row.tracking_number, row.title, row.body or "", row.regency,
                    row.category, _iso(row.created_at),
                    _iso(row.closed_at) if row.closed_at is not None else None, label,
                    misrouted(steps.get(row.id, []))))
    engine.dispose()
    return history, active, pemda


def measure(history: list[Labelled], allowed: dict[int, str], months: int, kind: str,
            workdir: Path) -> list[object]:
    newest = datetime.fromisoformat(max(h.created_at for h in history))
    cut = _iso(newest - timedelta(days=30 * months))
    learned, scored = time_split(history, cut)
    started = time.perf_counter()
    model = train(learned, kind=kind)
    trained = time.perf_counter() - started
    path = workdir / f"{kind}-{len(history)}.sealed"
    size = storage.save(path, model, KEY)
    loads = []
    for _ in range(5):
        started = time.perf_counter()
        storage.load(path, KEY)
        loads.append(time.perf_counter() - started)
    timings: list[float] = []

    def ask(item: Labelled) -> object:
        started = time.perf_counter()
        answer = suggest(model, title=item.title, body=item.body, regency=item.regency,
                         category=item.category, allowed=allowed)
        timings.append(time.perf_counter() - started)
        return answer

    result: Score = score(scored, ask)  # type: ignore[arg-type]
    timings.sort()
    return [len(learned), result.complaints, f"{result.share(result.top1):.1%}",
            f"{result.share(result.top3):.1%}",
            f"{result.caught}/{result.misrouted}", f"{trained:.1f} s",
            f"{size / 1e6:.1f} MB", f"{statistics.median(loads) * 1000:.0f} ms",
            f"{timings[len(timings) // 2] * 1000:.1f} ms",
            f"{timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000:.1f} ms"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--months", type=int, default=2, help="months scored after the cut")
    parser.add_argument("--kinds", nargs="+", default=["nb"], choices=["nb", "sgd"])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = []
    with TemporaryDirectory() as work:
        for size in args.sizes:
            url, _ = seeded_database(size, args.seed)
            history, everyone, pemda = read_server_history(url)
            pemda_history = [h for h in history if h.unit_id in pemda]
            for viewer, items, allowed in (("national", history, everyone),
                                           ("Kota Kendari", pemda_history, pemda)):
                for kind in args.kinds:
                    print(f"{size} {viewer} {kind}: {len(items)} finished", file=sys.stderr)
                    rows.append([size, viewer, kind, *measure(items, allowed, args.months,
                                                              kind, Path(work))])
    print_table(f"Routing help, time split (the last {args.months} months scored)", rows,
                ["seeded", "viewer", "model", "learned", "scored", "top-1", "top-3",
                 "misroutes caught", "train", "size", "load", "suggest p50", "p99"])
    print("Seeded texts flatter the model: each topic's complaints are built from a few "
          "sentences, so its words repeat far more than citizens' own do.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
