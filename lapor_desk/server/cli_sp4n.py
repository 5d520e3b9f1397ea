"""``lapor-server sp4n-send`` and ``sp4n-record``: the link with SP4N-LAPOR! from the shell
(docs/sp4n.md).

    lapor-server sp4n-send [--limit N]        # run from a timer, e.g. every 15 minutes
    lapor-server sp4n-round [--limit N]       # the whole round: send, push, fetch
    lapor-server sp4n-record --tracking-number N --national M [--link URL]
    lapor-server sp4n-import FILE             # the admin's export of SP4N-LAPOR! (CSV, XLSX)

``sp4n-send`` sends every complaint SP4N-LAPOR! has no record of yet ([sp4n] since onwards)
through the ``addstream`` connector, with the agency's token read from ``[sp4n] token_file``
(or ``LAPOR_SP4N_TOKEN``); it prints what it did as JSON and ends with 0 when nothing failed,
3 when some report failed (the next run tries it again). ``sp4n-record`` writes a national
number an operator read on the national site (a report recorded there by hand, or a send that
was cut off before its answer was written). ``sp4n-import`` takes the national records of an
export in ONE transaction (server/sp4n/national.py): known ones updated (status, follow-ups),
new ones created at ``[sp4n] agency``, none twice; it prints each record's outcome as JSON and
ends with 3 when some record or row could not be taken in whole (the problems say why).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lapor_desk.models.calendar import default_config, utcnow
from lapor_desk.server.config_file import Resolved
from lapor_desk.server.database import make_engine, transaction
from lapor_desk.server.db import Complaint, Sp4nSent
from lapor_desk.server.services.errors import NotFoundError
from lapor_desk.server.sp4n import national, records
from lapor_desk.server.sp4n.connector import Connector
from lapor_desk.server.sp4n.export_file import read_export
from lapor_desk.server.sp4n.link import agency_of, connector_of, since_of
from lapor_desk.server.sp4n.round import run_round
from lapor_desk.server.sp4n.run import send_reports

COMMANDS = ("sp4n-send", "sp4n-round", "sp4n-record", "sp4n-import")


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("sp4n-send", "send the complaints SP4N-LAPOR! has no record of yet, once")
    p.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    p = command("sp4n-round", "send new complaints, push replies and statuses, fetch new "
                "national reports: each once")
    p.add_argument("--limit", type=int, default=200, help="at most this many of each "
                   "(default 200)")
    p = command("sp4n-record", "write a complaint's SP4N-LAPOR! tracking number")
    p.add_argument("--tracking-number", type=int, required=True, help="this system's number")
    p.add_argument("--national", type=int, required=True, help="SP4N-LAPOR!'s tracking number")
    p.add_argument("--link", default=None, help="the report's address there (default: "
                   "https://www.lapor.go.id/pengaduan/<number>)")
    p = command("sp4n-import", "take in SP4N-LAPOR!'s export: known records updated, "
                "new ones created, none twice")
    p.add_argument("file", type=Path, help="the export (CSV or XLSX)")


def _round(engine: Engine, connector: Connector, since: datetime, args: argparse.Namespace,
           resolved: Resolved) -> int:
    done = run_round(engine, connector, since=since,
                     agency_id=agency_of(engine, resolved.settings),
                     limit=args.limit, blob_root=resolved.settings.resolved_blob_dir())
    fetched = done.fetched
    print(json.dumps({
        "sent": [{"complaint": c, "national": n} for c, n in done.reports.sent],
        "failed": [{"complaint": c, "code": code} for c, code in done.reports.failed],
        "unfinished": done.reports.unfinished,
        "pushed": [{"kind": k, "ref": r} for k, r in done.pushes.sent],
        "push_failed": [{"kind": k, "ref": r, "code": c} for k, r, c in done.pushes.failed],
        "push_unsupported": done.pushes.unsupported,
        "fetched": [{"national": o.national_tracking_number, "complaint": o.complaint_id,
                     "outcome": o.kind, "problems": o.problems} for o in fetched.outcomes],
        "fetch_failed": fetched.failed, "files_taken": fetched.files_taken,
        "files_failed": fetched.files_failed}))
    failed = done.reports.failed or done.pushes.failed or fetched.failed or fetched.files_failed
    return 3 if failed else 0


def run(args: argparse.Namespace, resolved: Resolved) -> int:
    engine = make_engine(resolved.database_url())
    try:
        if args.command == "sp4n-record":
            return _record(engine, args)
        if args.command == "sp4n-import":
            return _import(engine, args, resolved)
        connector = connector_of(resolved.settings)
        since = since_of(resolved.settings)
        if args.command == "sp4n-round":
            return _round(engine, connector, since, args, resolved)
        report = send_reports(engine, connector, since=since, limit=args.limit,
                              blob_root=resolved.settings.resolved_blob_dir())
        print(json.dumps({"sent": [{"complaint": c, "national": n} for c, n in report.sent],
                          "failed": [{"complaint": c, "code": code}
                                     for c, code in report.failed],
                          "unfinished": report.unfinished}))
        return 3 if report.failed else 0
    finally:
        engine.dispose()


def _record(engine: Engine, args: argparse.Namespace) -> int:
    with transaction(engine) as session:
        complaint_id = session.scalars(select(Complaint.id).where(
            Complaint.tracking_number == args.tracking_number)).first()
        if complaint_id is None:
            raise NotFoundError(f"no complaint {args.tracking_number}")
        records.record_national_number(session, complaint_id, args.national, link=args.link)
        key = f"report:{complaint_id}"
        if session.get(Sp4nSent, key) is not None:  # a send cut off: it is done now
            records.mark_sent(session, key, args.national, None, datetime.now(UTC))
    print(f"complaint {args.tracking_number}: SP4N-LAPOR! {args.national}")
    return 0


def _import(engine: Engine, args: argparse.Namespace, resolved: Resolved) -> int:
    config = default_config()
    export = read_export(args.file, config.calendar.tz)
    agency = agency_of(engine, resolved.settings)
    now = utcnow()
    with transaction(engine) as session:
        outcomes = [national.take_record(session, report, agency_id=agency, now=now,
                                         config=config) for report in export.records]
    print(json.dumps({
        "records": [{"national": o.national_tracking_number, "complaint": o.complaint_id,
                     "outcome": o.kind, "follow_ups_added": o.follow_ups_added,
                     "status": o.status, "problems": o.problems} for o in outcomes],
        "bad_rows": export.bad_rows}))
    return 3 if export.bad_rows or any(o.problems for o in outcomes) else 0
