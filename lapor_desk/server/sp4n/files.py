"""Attachments between here and SP4N-LAPOR! (docs/sp4n.md "Attachments").

Out: a report carries the complaint's own attachments, a reply its own, read from the blob
store. In: the attachments of a fetched report and of its follow-ups are read from the API
one by one and kept in the blob store, attached to the complaint or to the follow-up taken in.

Both ways a file is checked as the public page checks a citizen's (server/public/service.py):
at most :data:`MAX_FILE_BYTES`, a photo (JPEG, PNG, WebP) or a PDF whose content is what its
type says, at most :data:`MAX_FILES` per report or follow-up. What fails the check is left out
and logged (``event=sp4n_file_left_out``), never sent or kept.

A file taken in has an id made from the national number and its address there
(:func:`file_id`), so it is kept once however often the report is fetched, by however many
rounds at once. A download that failed for a reason that may pass (the national system down)
is tried again: the round's fetch keeps its mark where it was (server/sp4n/round.py), so the
next round fetches the same reports and takes what is still missing.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lapor_desk.models.complaint_state import AttachmentRef
from lapor_desk.models.text import clean_line
from lapor_desk.server.blobs import record_whole, write_whole
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Attachment, FollowUp, next_seqs
from lapor_desk.server.logs import event
from lapor_desk.server.public.errors import PublicError
from lapor_desk.server.public.service import FILE_TYPES, Upload, check_uploads
from lapor_desk.server.services.records import add_attachments
from lapor_desk.server.sp4n.connector import (
    Connector,
    ConnectorError,
    IncomingFile,
    IncomingReport,
    OutgoingFile,
    Unsupported,
)

log = logging.getLogger(__name__)

#: The largest file sent or taken in (the public page's default), and how many per item.
MAX_FILE_BYTES: Final = 2 * 1024 * 1024
MAX_FILES: Final = 5
#: Ids of files taken in: uuid5 in this namespace.
NAMESPACE = uuid.UUID("0c6e2f55-8a1b-5e3c-b7d4-19f2a6e0c3b1")


def refused(filename: str, mime_type: str, data: bytes) -> str | None:
    """Why a file may not go to or come from SP4N-LAPOR! (``file_too_big``, ``file_type``);
    None when it may."""
    try:
        check_uploads([Upload(filename, mime_type, data)], 1, MAX_FILE_BYTES)
    except PublicError as error:
        return error.code
    return None


def outgoing_files(session: Session, blob_root: Path, complaint_id: str,
                   follow_up_id: str | None) -> tuple[OutgoingFile, ...]:
    """The attachments of a complaint itself (``follow_up_id`` None) or of one follow-up, as
    they may be sent; the others logged and left out."""
    rows = session.execute(select(Attachment).where(
        Attachment.complaint_id == complaint_id,
        Attachment.follow_up_id.is_(None) if follow_up_id is None
        else Attachment.follow_up_id == follow_up_id)
        .order_by(Attachment.created_at, Attachment.id)).scalars().all()
    files: list[OutgoingFile] = []
    for row in rows:
        reason = "too_many" if len(files) >= MAX_FILES else (
            "file_too_big" if row.size > MAX_FILE_BYTES else None)
        data = b""
        if reason is None:
            try:
                data = (blob_root / row.sha256[:2] / row.sha256).read_bytes()
            except OSError:
                reason = "missing"
        reason = reason or refused(row.filename, row.mime_type, data)
        if reason is not None:
            event(log, "sp4n_file_left_out", logging.WARNING, complaint=complaint_id,
                  attachment=row.id, direction="out", reason=reason)
            continue
        files.append(OutgoingFile(row.filename, row.mime_type, row.sha256, data))
    return tuple(files)


def file_id(number: int, url: str) -> str:
    """The id a national file has here, the same at every fetch."""
    return str(uuid.uuid5(NAMESPACE, f"{number}:file:{url}"))


@dataclass
class FilesTaken:
    taken: int = 0
    left_out: int = 0
    #: Downloads that failed for a reason that may pass: tried again next round.
    failed: list[str] = field(default_factory=list)


def _wanted(report: IncomingReport,
            follow_up_ids: dict[int, str]) -> list[tuple[str | None, IncomingFile]]:
    """(the follow-up it belongs to, or None for the report's own; the file)."""
    own = report.files if report.reference is None else ()  # a report of ours: our files
    wanted: list[tuple[str | None, IncomingFile]] = [(None, f) for f in own[:MAX_FILES]]
    for index, item in enumerate(report.follow_ups):
        if item.reference is None and index in follow_up_ids:
            wanted.extend((follow_up_ids[index], f) for f in item.files[:MAX_FILES])
    return wanted


def take_files(engine: Engine, blob_root: Path, connector: Connector, report: IncomingReport,
               complaint_id: str, follow_up_ids: dict[int, str], now: datetime) -> FilesTaken:
    """Fetch the files of a report taken in as ``complaint_id`` (``follow_up_ids``: the index of
    each follow-up of the report -> its id here) that are not here yet; see the module."""
    done = FilesTaken()
    number = report.national_tracking_number
    for target, item in _wanted(report, follow_up_ids):
        ident = file_id(number, item.url)
        with Session(engine) as session:
            if session.get(Attachment, ident) is not None:
                continue
            if target is not None and session.get(FollowUp, target) is None:
                continue  # its follow-up was not taken in (reported with the record)
        said = ("file_type" if item.mime_type and item.mime_type not in FILE_TYPES else
                "file_too_big" if (item.size or 0) > MAX_FILE_BYTES else None)
        if said is not None:  # what it says it is will not do: not even downloaded
            done.left_out += 1
            event(log, "sp4n_file_left_out", logging.WARNING, national=number,
                  direction="in", reason=said)
            continue
        try:
            data, kind = connector.fetch_file(item, MAX_FILE_BYTES)
        except Unsupported:
            return done
        except ConnectorError as error:
            if error.code in ("unreachable", "token_refused"):
                done.failed.append(item.url)
                event(log, "sp4n_file_failed", logging.WARNING, national=number,
                      code=error.code, error=str(error)[:300])
                continue
            done.left_out += 1
            event(log, "sp4n_file_left_out", logging.WARNING, national=number,
                  direction="in", reason=error.code)
            continue
        mime = item.mime_type or kind
        generic = kind in ("", "application/octet-stream")
        reason = refused(item.filename, mime, data) if generic or kind == mime else "file_type"
        if reason is not None:
            done.left_out += 1
            event(log, "sp4n_file_left_out", logging.WARNING, national=number,
                  direction="in", reason=reason)
            continue
        if _keep(engine, blob_root, complaint_id, target, ident, item, mime, data, now):
            done.taken += 1
    return done


def _keep(engine: Engine, blob_root: Path, complaint_id: str, target: str | None, ident: str,
          item: IncomingFile, mime: str, data: bytes, now: datetime) -> bool:
    sha = write_whole(blob_root, data)
    stem = clean_line(os.path.basename(item.filename))[:200] or "lampiran"
    if not stem.lower().endswith(FILE_TYPES[mime]):
        stem += FILE_TYPES[mime]
    try:
        with transaction(engine) as session:
            if session.get(Attachment, ident) is not None:  # another round kept it meanwhile
                return False
            record_whole(session, sha, len(data), now)
            add_attachments(session, complaint_id, target,
                            [AttachmentRef(ident, sha, len(data), mime, stem)], now,
                            [next_seqs(session)])
    except IntegrityError:  # the same file kept by another round at the same moment
        return False
    return True
