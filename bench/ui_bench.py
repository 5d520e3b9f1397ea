"""Desktop benchmark (issue 3): the main window with a big cache, measured as a user feels it.

    .venv/bin/python -m bench.ui_bench [--complaints 100000] [--skip-initial-sync]

Seeds (once, cached under bench/results/) a server database and, once per cache format, a synced
world (``bench/ui_snapshot.py``): a national admin's desktop profile holding every complaint and a
second national admin's headless profile. Each run copies that world, serves it with
``lapor-server serve`` in its own process, and runs the real desktop (Desk, controller, workers,
main window; ``QT_QPA_PLATFORM=offscreen``) in child processes (``bench/ui_probe.py``):

- cold start: a fresh process resumes the stored profile with its saved session, as
  ``lapor-desk`` does, until the main window shows the first queue's first rows (5 times);
- use: every queue, filters, full-text searches, opening complaints, scrolling the biggest queue
  to its end page by page, then peak memory;
- a background sync after the second admin made several thousand changes (``bench/ui_writer.py``),
  with a 10 ms heartbeat timer on the UI thread measuring the longest stall;
- the first sync of an empty profile of the same size, with the same heartbeat;
- cold start with the server unreachable (for information: offline start-up).

The package's bytecode is compiled first, as installing it does (pip and PyInstaller ship .pyc
files): a start from bare sources, as with ``PYTHONDONTWRITEBYTECODE=1`` (this machine's
environment sets it), compiles the hundred modules it imports each time (``--no-bytecode``).

The desktop's secrets (session token, cache key) are kept in a bench-only keyring file
(``bench/ui_keyring.py``), since the in-memory keyring of the tests dies with each process. Timings on a loaded machine are
inflated: the table's title shows the load average before and after the run.

Diagnosis: with ``LAPOR_BENCH_TRACE_TASKS=1`` each worker task that waited or ran over 40 ms, and
each search typed, is written to the desktop's log under ``bench/results/ui-logs-<n>/`` (which
worker, the task's function, how long it waited behind others and how long it ran).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import PASSWORD, RESULTS, ROOT, print_table, seeded_database, server_process
from bench.ui_snapshot import (
    DESK_USER,
    Snapshot,
    WorkingCopy,
    build,
    problem,
    relocate,
    stamp,
    working_copy,
)

TERMS = ["jalan rusak", "air bersih", "KTP", "sampah", "listrik padam", "BPJS", "bansos",
         "banjir", "pupuk", "sertifikat tanah", "puskesmas", "Kendari"]
HEADERS = ["step", "measured", "goal", "ok?", "note"]


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


class SnapshotUnusable(RuntimeError):
    """The desktop could not start from the cached snapshot (it is then built again)."""


LOGS: list[Path] = []  # where each probe's stderr goes: [directory]


def probe(mode: str, profiles: Path, settings: Path, keys: Path, *args: str,
          timeout: float = 3600) -> dict[str, Any]:
    """Run ``bench.ui_probe`` in its own process; its JSON answer plus spawn/exit wall times.
    Its stderr is kept in ``bench/results/ui-logs-<complaints>/``."""
    command = [sys.executable, "-m", "bench.ui_probe", mode, "--profiles", str(profiles),
               "--settings", str(settings), "--keyring", str(keys), *args]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAPOR_PASSWORD=PASSWORD)
    spawned = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False,
                         timeout=timeout)
    exited = time.time()
    log = LOGS[0] / f"{mode}-{int(spawned * 1000)}.log" if LOGS else None
    if log is not None:
        log.write_text(out.stderr)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines or not lines[-1].startswith("{"):
        noise = "This plugin does not support propagateSizeHints()"
        tail = "\n".join(line for line in out.stderr.splitlines() if noise not in line)[-4000:]
        raise RuntimeError(f"ui_probe {mode} failed (exit {out.returncode}; log {log}):\n{tail}")
    result = dict(json.loads(lines[-1]))
    result.update(spawned=spawned, exited=exited, load=load())
    return result


def cold_start(copy: WorkingCopy) -> dict[str, float]:
    r = probe("start", copy.profiles, copy.settings, copy.keyring, timeout=300)
    marks, spawned = r["marks"], r["spawned"]
    usable = marks["usable"]
    return {"usable": usable - spawned, "first_line": marks["started"] - spawned,
            "imported": marks["imported"] - spawned, "total": r["exited"] - spawned,
            "rss": r["peak_rss_mb"],
            # the parts after the imports: QApplication + Desk and its window built; resuming
            # the profile (cache opened and migrated, /me asked); the first queue on screen
            "build": marks.get("start", usable) - marks["imported"],
            "resume": marks.get("signed_in", usable) - marks.get("start", usable),
            "first_queue": usable - marks.get("signed_in", usable)}


def import_time() -> tuple[float, list[tuple[str, float]]]:
    """``python -X importtime`` of what the desktop imports: total and the heaviest top levels."""
    # As ``lapor-desk`` imports them: with the collector held off (cli.main).
    code = "import gc; gc.disable(); import lapor_desk.cli, lapor_desk.ui.app"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    top: list[tuple[str, float]] = []
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")
    for line in out.stderr.splitlines():
        match = pattern.match(line)
        if match and not match.group(3):  # a top-level import (not nested in another)
            top.append((match.group(4), int(match.group(2)) / 1e6))
    return sum(s for _, s in top), sorted(top, key=lambda t: -t[1])[:4]


DIAGNOSIS: list[str] = []  # ["--stall-stacks"] with --stall-stacks


def prepare_bytecode(compiled: bool) -> str:
    """Compile the package's and the probe's bytecode (as an installation has it), or, with
    ``compiled`` false, remove the package's and keep the probes from writing any (every start
    then compiles from source). Says which, for the table."""
    import compileall

    if compiled:
        for folder in ("lapor_desk", "bench"):
            compileall.compile_dir(ROOT / folder, quiet=1)
        return "bytecode compiled first, as an installation has it"
    for cache in (ROOT / "lapor_desk").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    return "from source: no bytecode (--no-bytecode)"


def initial_sync(profiles: Path, settings: Path, keys: Path, url: str) -> dict[str, Any]:
    return probe("initial", profiles, settings, keys, "--server", url, "--user", DESK_USER,
                 *DIAGNOSIS)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def verdict(median: float, worst: float, goal: float) -> str:
    if worst <= goal:
        return "yes"
    return "median only" if median <= goal else "NO"


def spread(figures: dict[str, Any], goal_ms: float, what: str, note: str) -> list[object]:
    return [what, f"median {figures['median_ms']:.0f} ms, max {figures['max_ms']:.0f} ms",
            f"<= {goal_ms:.0f} ms", verdict(figures["median_ms"], figures["max_ms"], goal_ms),
            f"n={figures['n']}; {note}"]


def ids_part(use: dict[str, Any], key: str) -> str:
    """The part of a reload until the ids were in the table (the rest: first rows fetched)."""
    figures = use.get(key)
    if not figures or not figures.get("n"):
        return ""
    return f"ids in the table: median {figures['median_ms']:.0f} / max {figures['max_ms']:.0f} ms; "


def measure(args: argparse.Namespace, snapshot: Snapshot, blobs: Path,
            built_initial: dict[str, Any] | None) -> dict[str, Any]:
    copy = working_copy(snapshot, RESULTS / f"ui-run-{args.complaints}")
    found: dict[str, Any] = {"initial": built_initial}
    changes = args.changes or min(3000, max(20, args.complaints // 20))
    with server_process(f"sqlite:///{copy.server_db}", blob_dir=blobs) as base:
        relocate(copy, base)
        found["cold_load"] = load()
        try:
            first = cold_start(copy)
        except RuntimeError as exc:
            raise SnapshotUnusable(str(exc)) from exc
        found["cold"] = [first] + [cold_start(copy) for _ in range(args.cold_starts - 1)]
        writer = [sys.executable, "-m", "bench.ui_writer", "push", "--profile", str(copy.writer),
                  "--server", base, "--changes", str(changes)]
        found["use"] = probe("interact", copy.profiles, copy.settings, copy.keyring,
                             "--writer", json.dumps(writer), "--opens", str(args.opens),
                             "--queue-rounds", str(args.queue_rounds),
                             "--filter-queues", str(args.filter_queues),
                             "--control-seconds", str(args.control_seconds), *DIAGNOSIS,
                             "--terms", *args.terms)
        if built_initial is None and not args.skip_initial_sync:
            fresh = copy.root / "initial"
            found["initial"] = initial_sync(fresh / "profiles", fresh / "qsettings",
                                            fresh / "keyring.json", base)
            shutil.rmtree(fresh, ignore_errors=True)
    found["offline_load"] = load()
    found["offline"] = [cold_start(copy) for _ in range(args.offline_starts)]
    return found


def startup_rows(found: dict[str, Any]) -> list[list[object]]:
    cold = found["cold"]
    usable = [c["usable"] for c in cold]

    def median(key: str) -> float:
        return float(statistics.median(c[key] for c in cold))

    rows: list[list[object]] = [
        [f"cold start to a usable window (median of {len(cold)})", ms(median("usable")),
         "<= 2 s", verdict(median("usable"), max(usable), 2.0),
         (f"max {ms(max(usable))}; process wall {ms(median('total'))}; "
         f"load {found['cold_load']}")],
        ["  of which interpreter up to first line", ms(median("first_line")), "", "", ""],
        ["  of which to imports done (from spawn)", ms(median("imported")), "", "",
         f"lapor_desk.cli + lapor_desk.ui.app + PySide6; {found.get('bytecode', '')}"],
    ]
    for key, label in (("build", "application + Desk + main window built"),
                       ("resume", "resume (open cache, migrate, /me)"),
                       ("first_queue", "signed in -> first queue's rows shown")):
        rows.append([f"  of which {label}", ms(median(key)), "", "", ""])
    total, heaviest = found["importtime"]
    rows.append(["  python -X importtime, top-level sum", ms(total), "", "",
                 ", ".join(f"{n} {s * 1000:.0f}" for n, s in heaviest)])
    rows.append(["  peak RSS of the started process", f"{median('rss'):.0f} MB", "", "", ""])
    offline = found["offline"]
    if offline:
        usable = [c["usable"] for c in offline]
        rows.append([f"cold start, server unreachable (median of {len(offline)})",
                     ms(statistics.median(usable)), "", "",
                     f"max {ms(max(usable))}; load {found['offline_load']}"])
    return rows


def use_rows(args: argparse.Namespace, use: dict[str, Any]) -> list[list[object]]:
    sizes = " ".join(f"{k}={v}" for k, v in use["queue_sizes"].items())
    hits = ", ".join(f"{t}:{h}" for t, h in use["search_hits"].items())
    scroll = use["scroll"]
    return [
        spread(use["queues"], 100, f"switch queue (every queue, x{args.queue_rounds})",
               f"{ids_part(use, 'queues_ids')}sizes {sizes}"),
        spread(use["filters"], 100, f"change a filter ({args.filter_queues} biggest queues)",
               f"{ids_part(use, 'filters_ids')}each filter bar choice on, then off "
               "(type, channel, category, regency, unit, privacy, received)"),
        *([spread(use["filters_on"], 100, "  of which a choice made (on)", ""),
           spread(use["filters_off"], 100, "  of which back to all (off)", "")]
          if "filters_on" in use else []),
        spread(use["search"], 100, "full-text search (debounce excluded)",
               f"{ids_part(use, 'search_ids')}slowest: {use.get('search_slowest', '?')}; "
               f"hits {hits}"),
        spread(use["open"], 50, "open a complaint (select -> detail)",
               "rows spread over the status queues"),
        [f"scroll one page ({use['scrolled_queue']}, {use['scrolled_rows']} rows)",
         f"median {scroll['median_ms']:.0f} ms, max {scroll['max_ms']:.0f} ms", "", "",
         f"n={scroll['n']} pages to the end"],
    ]


def stall_row(label: str, figures: dict[str, Any], note: str) -> list[object]:
    return [label, f"{figures['max_gap_ms']:.0f} ms", "<= 100 ms",
            "yes" if figures["max_gap_ms"] <= 100 else "NO",
            (f"{note}; p99 gap {figures['p99_gap_ms']:.0f} ms; "
            f"{figures['gaps_over_100ms']} gaps > 100 ms")]


def sync_rows(found: dict[str, Any]) -> list[list[object]]:
    use = found["use"]
    rows: list[list[object]] = []
    sync = use.get("background_sync")
    if sync:
        rows.append(stall_row(
            "event loop: longest stall, background sync", sync,
            f"{use['writer']['applied']} changes by another admin; pulled {sync['rows']} rows in "
            f"{sync['seconds']:.1f} s; refresh after it {sync['refresh_ms']:.0f} ms"))
    initial = found.get("initial")
    if initial:
        rows.append(stall_row(
            "event loop: longest stall, first sync", initial,
            f"{initial['rows']} rows in {initial['seconds']:.1f} s; load {initial['load']}"))
    else:
        rows.append(["event loop: longest stall, first sync", "skipped", "<= 100 ms", "", ""])
    idle = use.get("idle_heartbeat")
    if idle:
        rows.append(["  control: longest gap with nothing running", f"{idle['max_gap_ms']:.0f} ms",
                     "", "", (f"p99 {idle['p99_gap_ms']:.0f} ms over {idle['beats']} beats: the "
                     "machine's own scheduling noise")])
    return rows


def memory_rows(found: dict[str, Any]) -> list[list[object]]:
    use = found["use"]
    after_use, peak = use["peak_rss_after_use_mb"], use["peak_rss_mb"]
    rows: list[list[object]] = []
    initial = found.get("initial")
    if initial:
        first = initial["peak_rss_mb"]
        rows.append(["  peak memory of the first sync (empty profile)", f"{first:.0f} MB",
                     "<= 400 MB", "yes" if first <= 400 else "NO",
                     "the window open while the whole cache is pulled"])
    return [
        ["peak memory after use", f"{after_use:.0f} MB", "<= 400 MB",
         "yes" if after_use <= 400 else "NO",
         (f"queues, filters, searches, {use['open']['n']} complaints, {use['scrolled_rows']} "
         f"rows scrolled; resident now {use['rss_after_use_mb']:.0f} MB")],
        ["  peak memory including the background sync", f"{peak:.0f} MB", "<= 400 MB",
         "yes" if peak <= 400 else "NO", f"load {use['load']}"],
        *rows,
    ]


def table(args: argparse.Namespace, found: dict[str, Any], counts: dict[str, Any],
          loads: tuple[str, str]) -> None:
    rows = (startup_rows(found) + use_rows(args, found["use"]) + sync_rows(found)
            + memory_rows(found))
    print_table(
        f"Desktop benchmark: {counts.get('complaints', args.complaints):,} complaints "
        f"({counts.get('follow_ups', 0):,} follow-ups) in the cache, national admin, "
        f"{os.cpu_count()} cores, offscreen; load average before {loads[0]}, after {loads[1]}; "
        "secrets in a bench-only file keyring",
        rows, HEADERS)


def remembered_initial(snapshot: Snapshot, args: argparse.Namespace) -> dict[str, Any] | None:
    """With --skip-initial-sync: the first sync as measured when the snapshot was built."""
    path = snapshot.root / "initial.json"
    if not args.skip_initial_sync or not path.exists():
        return None
    figures = dict(json.loads(path.read_text()))
    figures["load"] = f"{figures['load']} when the snapshot was built"
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--cold-starts", type=int, default=5)
    parser.add_argument("--offline-starts", type=int, default=3)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--queue-rounds", type=int, default=2, help="times round every queue")
    parser.add_argument("--filter-queues", type=int, default=2,
                        help="how many of the biggest queues get every filter")
    parser.add_argument("--changes", type=int, default=0,
                        help="changes the other admin makes (default: complaints/20, <= 3000)")
    parser.add_argument("--terms", nargs="*", default=TERMS)
    parser.add_argument("--control-seconds", type=float, default=5.0,
                        help="how long the heartbeat runs with nothing to do (the control)")
    parser.add_argument("--skip-initial-sync", action="store_true",
                        help="do not measure the first sync again (it is measured when the "
                        "snapshot is built)")
    parser.add_argument("--rebuild", action="store_true", help="build the snapshot again")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="start the desktop from bare sources (no .pyc; see the docstring)")
    parser.add_argument("--stall-stacks", action="store_true",
                        help="diagnosis: sample the threads' stacks while the event loop stalls "
                        "(in the --json figures; perturbs the timings a little)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    before = load()
    logs = RESULTS / f"ui-logs-{args.complaints}"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    LOGS.append(logs)
    if args.stall_stacks:
        DIAGNOSIS.append("--stall-stacks")
    url, report_path = seeded_database(args.complaints)
    counts = json.loads(report_path.read_text()).get("counts", {})
    seeded = Path(url.removeprefix("sqlite:///"))
    blobs = Path(str(seeded) + ".blobs")
    snapshot = Snapshot(RESULTS / f"ui-{args.complaints}-s1")
    expected = stamp(args.complaints, seeded)

    def serve(db: Path) -> Any:
        return server_process(f"sqlite:///{db}", blob_dir=blobs)

    def rebuild(reason: str) -> dict[str, Any]:
        print(f"building the UI snapshot ({reason})", file=sys.stderr)
        started = time.perf_counter()
        figures = build(snapshot, seeded, expected, serve, initial_sync)
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        (snapshot.root / "initial.json").write_text(json.dumps(figures))
        return figures

    bytecode = prepare_bytecode(not args.no_bytecode)
    reason = "--rebuild" if args.rebuild else problem(snapshot, expected)
    built = rebuild(reason) if reason else remembered_initial(snapshot, args)
    try:
        found = measure(args, snapshot, blobs, built)
    except SnapshotUnusable as exc:
        if reason:
            raise
        # A snapshot that looked right but does not start (e.g. its session expired): once more.
        print(exc, file=sys.stderr)
        built = rebuild("the desktop did not start from the cached snapshot")
        found = measure(args, snapshot, blobs, built)
    found["importtime"] = import_time()
    found["bytecode"] = bytecode
    table(args, found, counts, (before, load()))
    if args.json is not None:
        args.json.write_text(json.dumps(found, indent=2, default=str))
    shutil.rmtree(RESULTS / f"ui-run-{args.complaints}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
