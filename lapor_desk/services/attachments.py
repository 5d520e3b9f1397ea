"""Attachments of a complaint, and which of them this laptop keeps for working offline.

The policy (``OfflinePolicy``):

* **Prefetch after every sync**, on the network worker: the attachments of complaints still being
  worked (statuses of the active queues, ``ACTIVE_STATUSES``), most urgent deadline first, until
  the *budget* (default 200 MB, per profile, ``set_budget``) is used. Files already here count
  against the budget; a single file over ``max_file_bytes`` is left for on-demand download.
* **On demand**: opening an attachment that is not here downloads it now when the server is
  reachable (outside the budget: the officer asked for it).
* **Offline**: opening one that is not here raises :class:`AttachmentUnavailable` (code
  ``offline``), and the attachment is remembered as *wanted*: the next prefetch fetches it first,
  as soon as a sync reaches the server again.

Every blob is verified against its SHA-256 when it arrives (``sync.blobs.download_blob``, which
also resumes a partial ``.part`` file) and again when it is read: a damaged local copy is
removed and never shown. Files live only in the profile's blob store (``cache.blobs``), sealed
at rest with the profile's key: a viewer gets the verified plaintext in memory
(:meth:`Attachments.content`), never a path.

The one plain copy on disk is the one handed to the system's application for a file LAPOR Desk
cannot show itself (:meth:`Attachments.external_copy`, services/external_copies.py).

Reads (``for_complaint``, ``plan``) belong on the database worker; ``content``,
``external_copy`` and ``prefetch`` talk to the network and belong on the network worker (they
write the cache only through ``sync.blobs``, one short transaction per blob).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from lapor_desk.models.cache.blob_store import BlobDamaged
from lapor_desk.models.cache.schema import Attachment
from lapor_desk.models.cache.store import Cache
from lapor_desk.models.enums import Status
from lapor_desk.models.lifecycle import MAX_ATTACHMENT_BYTES
from lapor_desk.models.shapes import is_sha256, shown_text
from lapor_desk.paths import OFFLINE_ATTACHMENTS_FILE as SETTINGS_FILE
from lapor_desk.services.deadlines import running_deadlines
from lapor_desk.services.errors import NotFound, ServiceError, storage_guard, translate
from lapor_desk.services.external_copies import EXTERNAL_KEEP_SECONDS, ExternalCopies
from lapor_desk.sync import errors as sync_errors
from lapor_desk.sync.log import event

if TYPE_CHECKING:  # brings requests: imported where a file is fetched (see sync/retry.py)
    from lapor_desk.sync.transport import Transport

log = logging.getLogger("lapor_desk.services.attachments")

DEFAULT_BUDGET = 200 * 1024 * 1024
#: Complaints whose attachments are kept offline: the ones still being worked.
ACTIVE_STATUSES = frozenset({Status.UNVERIFIED, Status.FORWARDED, Status.IN_PROGRESS,
                             Status.REPORTER_RESPONDED, Status.POSTPONED})
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp",
                         "image/tiff"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"})

TransportSource = Callable[[], "Transport | None"]
#: The settings file is written from both workers: one lock for every Attachments object.
_SETTINGS_LOCK = threading.Lock()
Moved = Callable[[int], None]


class AttachmentUnavailable(ServiceError):
    """The attachment is not on this laptop and cannot be fetched now.

    Codes: ``offline`` (will be fetched when the server is reachable again), ``damaged`` (the
    download did not match its SHA-256), ``not_signed_in``.
    """

    code = "offline"


def kind_of(mime_type: str | None, filename: str | None) -> str:
    """``image``, ``pdf`` or ``other``: which viewer shows it (by the name's suffix only when
    the type says nothing)."""
    mime = (mime_type or "").lower()
    if mime == "application/pdf":
        return "pdf"
    if mime in IMAGE_TYPES:
        return "image"
    if mime not in ("", "application/octet-stream"):
        return "other"
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".pdf" and not mime:
        return "pdf"
    return "image" if suffix in IMAGE_SUFFIXES else "other"


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    complaint_id: str
    follow_up_id: str | None
    filename: str
    mime_type: str
    kind: str              # image / pdf / other
    size: int
    sha256: str
    available: bool        # a local copy is in the profile's blob store
    wanted: bool = False   # asked for while offline: fetched on the next sync


@dataclass(frozen=True)
class OfflinePolicy:
    budget_bytes: int = DEFAULT_BUDGET
    max_file_bytes: int = MAX_ATTACHMENT_BYTES


@dataclass(frozen=True)
class OfflinePlan:
    """What the next prefetch downloads (``fetch``, in order) and what it keeps."""

    fetch: tuple[AttachmentInfo, ...]
    kept_bytes: int        # bytes of the plan's attachments already here
    planned_bytes: int     # bytes of ``fetch`` (wanted ones included)
    left_out: int          # active attachments the budget (or the file cap) leaves out


@dataclass(frozen=True)
class PrefetchResult:
    downloaded: int
    bytes: int
    failed: int
    offline: bool          # stopped because the server could not be reached


class Attachments:
    def __init__(self, cache: Cache, transport: TransportSource,
                 profile_dir: Path | str) -> None:
        self.cache = cache
        self.transport = transport
        self.settings_path = Path(profile_dir) / SETTINGS_FILE
        self.external = ExternalCopies(Path(profile_dir), cache.blobs)

    # --- settings (budget, wanted) ------------------------------------------------------------

    def _settings(self) -> dict[str, object]:
        try:
            data = json.loads(self.settings_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, object]) -> None:
        with storage_guard(self.settings_path.parent):
            self.settings_path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.settings_path.parent, prefix=".attachments-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.settings_path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def policy(self) -> OfflinePolicy:
        budget = self._settings().get("budget_bytes", DEFAULT_BUDGET)
        return OfflinePolicy(budget_bytes=budget if isinstance(budget, int) and budget >= 0
                             else DEFAULT_BUDGET)

    def set_budget(self, budget_bytes: int) -> None:
        """How many bytes of attachments the prefetch may keep (0: on demand only)."""
        with _SETTINGS_LOCK:
            data = self._settings()
            data["budget_bytes"] = max(0, int(budget_bytes))
            self._save(data)

    def wanted(self) -> tuple[str, ...]:
        ids = self._settings().get("wanted", [])
        return tuple(str(i) for i in ids) if isinstance(ids, list) else ()

    def _want(self, attachment_id: str, add: bool) -> None:
        with _SETTINGS_LOCK:
            data = self._settings()
            ids = [i for i in self.wanted() if i != attachment_id]
            if add:
                ids.append(attachment_id)
            data["wanted"] = ids
            self._save(data)

    # --- reads (database worker) --------------------------------------------------------------

    def for_complaint(self, complaint_id: str) -> list[AttachmentInfo]:
        """The complaint's attachments (its own and its follow-ups'), oldest first."""
        with self.cache.engine.connect() as connection:
            rows = list(connection.execute(select(Attachment).where(
                Attachment.complaint_id == complaint_id).order_by(Attachment.created_at,
                                                                 Attachment.id)))
        wanted = set(self.wanted())
        return [self._info(r, wanted) for r in rows]

    def info(self, attachment_id: str) -> AttachmentInfo:
        with self.cache.engine.connect() as connection:
            row = connection.execute(select(Attachment).where(
                Attachment.id == attachment_id)).first()
        if row is None:
            raise NotFound(f"no attachment {attachment_id}", code="not_found")
        return self._info(row, set(self.wanted()))

    def _info(self, r: Any, wanted: set[str], stored: set[str] | None = None) -> AttachmentInfo:
        """``r`` is an Attachment row; ``stored`` (when given) the hashes in the blob store,
        so that the store is not asked once per attachment."""
        return AttachmentInfo(
            id=r.id, complaint_id=r.complaint_id, follow_up_id=r.follow_up_id,
            filename=shown_text(r.filename) or r.sha256[:12], mime_type=r.mime_type or "",
            kind=kind_of(r.mime_type, r.filename), size=int(r.size or 0), sha256=r.sha256,
            available=self._available(r.sha256, stored), wanted=r.id in wanted)

    def _available(self, sha256: str, stored: set[str] | None) -> bool:
        """A copy is in the profile's blob store (checked when it is read)."""
        if stored is not None:
            return sha256 in stored
        try:
            return self.cache.blobs.contains(sha256)
        except ValueError:  # not a SHA-256: nothing of it can be here
            return False

    def plan(self, policy: OfflinePolicy | None = None) -> OfflinePlan:
        """Which attachments the prefetch keeps: wanted ones, then the active complaints'
        attachments by deadline (soonest first) while they fit in the budget."""
        policy = policy or self.policy()
        due = running_deadlines(ACTIVE_STATUSES)
        with self.cache.engine.connect() as connection:
            rows = list(connection.execute(
                select(Attachment).join(due, due.c.id == Attachment.complaint_id)
                .order_by(due.c.due.is_(None), due.c.due, Attachment.created_at,
                          Attachment.id)))
            wanted_ids = self.wanted()
            wanted_rows = list(connection.execute(select(Attachment).where(
                Attachment.id.in_(wanted_ids)))) if wanted_ids else []
        stored = self.cache.blobs.stored()
        wanted = set(wanted_ids)
        fetch: list[AttachmentInfo] = []
        seen: set[str] = set()
        planned = 0
        for row in wanted_rows:
            info = self._info(row, wanted, stored)
            if info.sha256 not in seen and not info.available:
                fetch.append(info)
                planned += info.size
            seen.add(info.sha256)
        used, kept, left_out = 0, 0, 0
        # Tens of thousands of rows in a big profile: only those to fetch become an
        # AttachmentInfo (building one per row took most of the plan's time, on a worker
        # thread that then held the interpreter from the list the person was waiting for).
        for row in rows:
            sha256 = row.sha256
            if sha256 in seen:
                continue
            seen.add(sha256)
            size = int(row.size or 0)
            if size > policy.max_file_bytes or used + size > policy.budget_bytes:
                left_out += 1
                continue
            used += size
            if sha256 in stored:
                kept += size
            else:
                fetch.append(self._info(row, wanted, stored))
                planned += size
        return OfflinePlan(tuple(fetch), kept, planned, left_out)

    # --- network (network worker) -------------------------------------------------------------

    def content(self, attachment_id: str, on_bytes: Moved | None = None) -> bytes:
        """The attachment's verified content, in memory (for a viewer), downloaded first when
        it is not here.

        Raises :class:`AttachmentUnavailable` (``offline``: remembered and fetched on the next
        sync; ``damaged``: the server's copy does not match its hash)."""
        info = self._usable(attachment_id)
        store = self.cache.blobs
        if store.contains(info.sha256):
            try:
                return store.read(info.sha256)
            except BlobDamaged:
                self._drop_damaged(info)
        self._download(info, on_bytes)
        try:
            return store.read(info.sha256)
        except BlobDamaged as exc:
            raise AttachmentUnavailable(str(exc), code="damaged") from exc

    def fetch(self, attachment_id: str, on_bytes: Moved | None = None) -> AttachmentInfo:
        """Make sure a verified copy of the attachment is here (downloading it if need be)."""
        info = self._usable(attachment_id)
        store = self.cache.blobs
        if store.contains(info.sha256):
            if store.verify(info.sha256) is not None:
                return info
            self._drop_damaged(info)
        self._download(info, on_bytes)
        return self.info(attachment_id)

    def _usable(self, attachment_id: str) -> AttachmentInfo:
        """The attachment's info, refused (``invalid_response``) when its hash is not one: a
        cache filled before pages were checked by shape may hold such a row, and no file or
        request is ever made from it."""
        info = self.info(attachment_id)
        if not is_sha256(info.sha256):
            raise AttachmentUnavailable("the attachment's hash is not a SHA-256",
                                        code="invalid_response")
        return info

    def _drop_damaged(self, info: AttachmentInfo) -> None:
        event(log, "attachment.local_damaged", logging.WARNING, sha256=info.sha256)
        self.cache.blobs.remove(info.sha256)

    def _download(self, info: AttachmentInfo, on_bytes: Moved | None) -> None:
        transport = self.transport()
        if transport is None:
            raise AttachmentUnavailable("not signed in", code="not_signed_in")
        from lapor_desk.sync.blobs import download_blob

        try:
            download_blob(self.cache, transport, info.sha256, info.size, on_bytes)
        except sync_errors.BlobIntegrityError as exc:
            raise AttachmentUnavailable(str(exc), code="damaged") from exc
        except sync_errors.OfflineError as exc:
            self._want(info.id, True)
            event(log, "attachment.wanted_offline", attachment=info.id)
            raise AttachmentUnavailable(str(exc), code="offline") from exc
        except sync_errors.SyncError as exc:
            raise translate(exc) from exc
        if info.wanted:
            self._want(info.id, False)

    def external_copy(self, attachment_id: str) -> Path:
        """A plain copy under the attachment's own name for the system's application
        (services/external_copies.py: owner-only, inside the profile, removed later)."""
        info = self.fetch(attachment_id)
        try:
            with storage_guard(self.settings_path.parent):
                return self.external.make(info.sha256, info.filename)
        except BlobDamaged as exc:
            self._drop_damaged(info)
            raise AttachmentUnavailable(str(exc), code="damaged") from exc

    def remove_external_copies(self, older_than: float = EXTERNAL_KEEP_SECONDS) -> int:
        """Delete copies handed to the system's application ``older_than`` seconds ago or
        earlier (all with 0); the sealed blobs stay."""
        return self.external.remove(older_than)

    def prefetch(self, cancel: threading.Event | None = None,
                 on_bytes: Moved | None = None,
                 plan: OfflinePlan | None = None) -> PrefetchResult:
        """Download what :meth:`plan` says; stops at the first offline error or when cancelled.
        A file that fails its hash check is skipped (and retried by a later prefetch)."""
        self.remove_external_copies()
        plan = plan or self.plan()
        return self.fetch_some(plan.fetch, cancel, on_bytes)

    def fetch_some(self, items: Sequence[AttachmentInfo], cancel: threading.Event | None = None,
                   on_bytes: Moved | None = None) -> PrefetchResult:
        transport = self.transport()
        if transport is None:
            return PrefetchResult(0, 0, 0, False)
        from lapor_desk.sync.blobs import download_blob

        done = moved = failed = 0
        for info in items:
            if cancel is not None and cancel.is_set():
                break
            try:
                download_blob(self.cache, transport, info.sha256, info.size, on_bytes)
            except sync_errors.OfflineError:
                event(log, "attachment.prefetch_offline", done=done)
                return PrefetchResult(done, moved, failed, True)
            except sync_errors.StorageError as exc:  # the next file would not fit either
                event(log, "attachment.prefetch_storage", logging.ERROR, code=exc.code, done=done)
                raise translate(exc) from exc
            except sync_errors.SyncError as exc:
                failed += 1
                event(log, "attachment.prefetch_failed", logging.WARNING, sha256=info.sha256,
                      code=exc.code)
                continue
            done += 1
            moved += info.size
            if info.wanted:
                self._want(info.id, False)
        event(log, "attachment.prefetched", count=done, bytes=moved, failed=failed)
        return PrefetchResult(done, moved, failed, False)

