"""``lapor-desk suggest-unit --profile DIR [--top 3] FILE.jsonl``: routing help from the shell.

Each line of the file is a JSON object ``{"title": ..., "body": ..., "regency": ...}`` (and, if
known, ``"category"``); for each, one line is printed: a JSON list of ``{"unit_id", "unit_name",
"score"}``, the likeliest units first. The suggestions are the desktop's (services/routing.py,
the same model file in the profile). The whole file is read and checked first: a bad line is
named and nothing is printed. The profile's encrypted cache is opened with its key from the
system keyring, as ``lapor-desk status`` opens it. A profile without a model yet trains one
first (the desktop does it after a sync).
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from lapor_desk.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, _advice, _error, _open_profile
from lapor_desk.paths import CACHE_FILE
from lapor_desk.sync.errors import StorageError
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.cli")

#: Bounds of the input: the file, one line, and the texts in it.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024
MAX_LINES = 10_000
MAX_TOP = 20
FIELDS = {"title", "body", "regency", "category"}
#: Exit code when the profile has too little history to learn from.
EXIT_NO_MODEL = 9


@dataclass(frozen=True)
class Query:
    title: str
    body: str
    regency: str | None
    category: str | None


class BadInput(Exception):
    pass


def _optional_text(line_no: int, data: dict[str, object], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"line {line_no}: \"{name}\" must be text or null.")
    return value.strip() or None


def parse_line(line_no: int, raw: bytes) -> Query:
    if len(raw) > MAX_LINE_BYTES:
        raise BadInput(f"line {line_no} is longer than {MAX_LINE_BYTES // 1024} KiB; shorten "
                       "the body.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"line {line_no} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"line {line_no} is not valid JSON ({exc.msg}, column {exc.colno}). "
                       "Each line is one object: {\"title\": ..., \"body\": ..., "
                       "\"regency\": ...}.") from None
    if not isinstance(data, dict):
        raise BadInput(f"line {line_no} is not a JSON object: write {{\"title\": ..., "
                       "\"body\": ..., \"regency\": ...}.")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise BadInput(f"line {line_no}: unknown field(s) {', '.join(unknown)}; the fields "
                       "are title, body, regency (and category).")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise BadInput(f"line {line_no}: \"title\" is missing or empty.")
    body = data.get("body")
    if body is not None and not isinstance(body, str):
        raise BadInput(f"line {line_no}: \"body\" must be text.")
    return Query(title.strip(), (body or "").strip(), _optional_text(line_no, data, "regency"),
                 _optional_text(line_no, data, "category"))


def read_queries(path: Path) -> list[Query]:
    """Every line of ``path`` checked (blank lines skipped). Raises :class:`BadInput`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}.") from None
    if size > MAX_FILE_BYTES:
        raise BadInput(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; split "
                       "it into smaller files.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}.") from None
    queries = []
    for line_no, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        queries.append(parse_line(line_no, raw.strip()))
        if len(queries) > MAX_LINES:
            raise BadInput(f"{path} has more than {MAX_LINES} lines; split it.")
    return queries


def run_suggest(args: argparse.Namespace) -> int:
    from lapor_desk.cli import setup_logging

    profile = Path(args.profile)
    if not 1 <= args.top <= MAX_TOP:
        _error(f"--top: between 1 and {MAX_TOP}.")
        return EXIT_USAGE
    try:
        queries = read_queries(Path(args.file))
    except BadInput as exc:
        _error(f"{exc} Nothing was done.")
        return EXIT_USAGE
    if not (profile / CACHE_FILE).exists():
        _error(f"no LAPOR Desk profile in {profile}. Run 'lapor-desk sync' first.")
        return EXIT_USAGE
    setup_logging(profile, args.verbose)
    cache = _open_profile(profile)
    if isinstance(cache, int):
        return cache
    from lapor_desk.models.routing.types import ModelState
    from lapor_desk.services.routing import RoutingHelp, TrainingFailed

    try:
        routing = RoutingHelp(cache)
        first = routing.suggest_text(queries[0].title, queries[0].body, queries[0].regency) \
            if queries else None
        if first is not None and first.state != ModelState.READY:
            _error("this profile has no routing model yet: learning from its finished "
                   "complaints (this may take a few minutes)...")
            if routing.refresh() != ModelState.READY:
                _error("too few finished complaints in this profile to learn from; sync it "
                       "first ('lapor-desk sync'), or wait until more complaints are done.")
                return EXIT_NO_MODEL
        for query in queries:
            answer = routing.suggest_text(query.title, query.body, query.regency,
                                          query.category, top=args.top)
            print(json.dumps([{"unit_id": u.unit_id, "unit_name": u.unit_name,
                               "score": u.score} for u in answer.units], ensure_ascii=False))
    except StorageError as exc:
        _error(_advice(exc))
        return EXIT_STORAGE
    except TrainingFailed as exc:
        event(log, "cli.routing_failed", logging.ERROR, code=exc.code)
        _error("the routing model could not be trained; see the log file, and try again.")
        return EXIT_NO_MODEL
    finally:
        cache.close()
    return EXIT_OK
