"""Drafts of follow-up replies and internal notes, saved as the officer types.

One JSON file per profile (``drafts.json`` in the profile directory, beside the cache). It holds
the same kind of personal data (a reporter's name, a NIK typed into a reply) and is protected
the same way: sealed with the drafts key derived from the profile's key
(:mod:`lapor_desk.models.cache.at_rest`), written atomically (a private temporary file in the same
directory, flushed and fsynced, then renamed over the old one). A plain ``drafts.json`` of an
earlier version is sealed when the session starts (:meth:`DraftStore.seal_plaintext`) and its
plain bytes overwritten; a profile whose cache is plain (the demo) keeps plain drafts. A draft
is keyed by complaint and kind (``follow_up`` / ``internal_note``) and removed once the text is
sent. A form being filled in (a complaint recorded at the counter) is kept the same way, as its
values (:meth:`DraftStore.get_form`), until it is saved or thrown away.

Reads are served from memory after the first load; writes are meant for the database worker.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lapor_desk.models.cache import at_rest, file_writes
from lapor_desk.models.cache.at_rest import SealedFileError
from lapor_desk.paths import DRAFTS_FILE as FILE_NAME
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.drafts")



@dataclass(frozen=True)
class Draft:
    complaint_id: str
    kind: str
    text: str
    files: tuple[str, ...]   # paths of files picked to attach
    saved_at: str


@dataclass(frozen=True)
class FormDraft:
    """A form's values as it was being filled in, the files picked for it, when it was kept."""

    form: str
    values: dict[str, object]
    files: tuple[str, ...]
    saved_at: str


def _form_key(form: str) -> str:
    return f"form|{form}"


def _key(complaint_id: str, kind: str) -> str:
    return f"{complaint_id}|{kind}"


class DraftStore:
    def __init__(self, directory: Path | str, clock: Callable[[], datetime],
                 key: bytes | None = None) -> None:
        """``key``: the drafts key (``cache.keys.drafts``); None keeps plain drafts."""
        self.path = Path(directory) / FILE_NAME
        self.clock = clock
        self._key = key
        self._lock = threading.Lock()
        self._drafts: dict[str, dict[str, object]] | None = None

    def _read(self) -> dict[str, dict[str, object]]:
        raw = self.path.read_bytes()
        text = at_rest.open_bytes(self._key, raw) if at_rest.is_sealed(raw) else raw
        data = json.loads(text.decode("utf-8"))
        return data if isinstance(data, dict) else {}

    def _load(self) -> dict[str, dict[str, object]]:
        if self._drafts is None:
            try:
                self._drafts = self._read()
            except FileNotFoundError:
                self._drafts = {}
            except (OSError, ValueError, SealedFileError) as exc:
                # Kept for a person to see (sealed, like the drafts).
                event(log, "drafts.unreadable", logging.WARNING, error=str(exc))
                broken = self.path.with_suffix(".broken")
                self.path.replace(broken)
                if self._key is not None and not at_rest.file_is_sealed(broken):
                    at_rest.seal_in_place(broken, self._key)
                self._drafts = {}
        return self._drafts

    def seal_plaintext(self) -> bool:
        """Seal a plain ``drafts.json`` of an earlier version (its plain bytes overwritten).
        True when one was sealed; nothing to do without a key."""
        if self._key is None:
            return False
        for leftover in self.path.parent.glob(".drafts-*.tmp"):  # a write cut off by a crash
            file_writes.scrub_file(leftover)
        with self._lock:
            try:
                if at_rest.file_is_sealed(self.path):
                    return False
            except FileNotFoundError:
                return False
            drafts = self._load()
            if not self.path.exists():  # unreadable: set aside as drafts.broken
                return False
            self._write(drafts, replacing_plaintext=True)
        event(log, "drafts.sealed_plaintext", count=len(drafts))
        return True

    def get(self, complaint_id: str, kind: str) -> Draft | None:
        with self._lock:
            item = self._load().get(_key(complaint_id, kind))
        if not item:
            return None
        files = item.get("files") or []
        return Draft(complaint_id, kind, str(item.get("text") or ""),
                     tuple(str(f) for f in files) if isinstance(files, list) else (),
                     str(item.get("saved_at") or ""))

    def count(self) -> int:
        """How many drafts there are: typed work not sent yet."""
        with self._lock:
            return len(self._load())

    def save(self, complaint_id: str, kind: str, text: str,
             files: tuple[str, ...] | list[str] = ()) -> None:
        """Keep the draft (an empty text with no files removes it)."""
        with self._lock:
            drafts = self._load()
            key = _key(complaint_id, kind)
            if not text.strip() and not files:
                if drafts.pop(key, None) is None:
                    return
            else:
                drafts[key] = {"text": text, "files": list(files),
                               "saved_at": self.clock().isoformat()}
            self._write(drafts)

    def remove(self, complaint_id: str, kind: str) -> None:
        self.save(complaint_id, kind, "")

    def get_form(self, form: str) -> FormDraft | None:
        with self._lock:
            item = self._load().get(_form_key(form))
        values = item.get("values") if item else None
        if not item or not isinstance(values, dict):
            return None
        files = item.get("files") or []
        return FormDraft(form, dict(values),
                         tuple(str(f) for f in files) if isinstance(files, list) else (),
                         str(item.get("saved_at") or ""))

    def save_form(self, form: str, values: dict[str, object],
                  files: tuple[str, ...] | list[str] = ()) -> None:
        """Keep a form's values (JSON values) and its picked files."""
        with self._lock:
            drafts = self._load()
            drafts[_form_key(form)] = {"values": values, "files": list(files),
                                       "saved_at": self.clock().isoformat()}
            self._write(drafts)

    def remove_form(self, form: str) -> None:
        with self._lock:
            drafts = self._load()
            if drafts.pop(_form_key(form), None) is not None:
                self._write(drafts)

    def _write(self, drafts: dict[str, dict[str, object]], *,
               replacing_plaintext: bool = False) -> None:
        data = json.dumps(drafts, ensure_ascii=False, indent=1).encode("utf-8")
        if self._key is not None:
            data = at_rest.seal_bytes(self._key, data)
        with file_writes.atomic_file(self.path, prefix=".drafts-",
                                 scrub_old=replacing_plaintext) as out:
            out.write(data)
        event(log, "drafts.saved", count=len(drafts))
