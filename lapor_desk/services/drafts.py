"""Drafts of follow-up replies and internal notes, saved as the officer types.

One JSON file per profile (``drafts.json`` in the profile directory, beside the cache; it holds
the same kind of personal data and is protected the same way), written atomically: a temporary
file in the same directory, flushed and fsynced, then renamed over the old one. A draft is keyed
by complaint and kind (``follow_up`` / ``internal_note``) and removed once the text is sent.

Reads are served from memory after the first load; writes are meant for the database worker.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.drafts")

FILE_NAME = "drafts.json"


@dataclass(frozen=True)
class Draft:
    complaint_id: str
    kind: str
    text: str
    files: tuple[str, ...]   # paths of files picked to attach
    saved_at: str


def _key(complaint_id: str, kind: str) -> str:
    return f"{complaint_id}|{kind}"


class DraftStore:
    def __init__(self, directory: Path | str, clock: Callable[[], datetime]) -> None:
        self.path = Path(directory) / FILE_NAME
        self.clock = clock
        self._lock = threading.Lock()
        self._drafts: dict[str, dict[str, object]] | None = None

    def _load(self) -> dict[str, dict[str, object]]:
        if self._drafts is None:
            try:
                data = json.loads(self.path.read_text("utf-8"))
                self._drafts = data if isinstance(data, dict) else {}
            except FileNotFoundError:
                self._drafts = {}
            except (OSError, ValueError) as exc:  # keep the broken file for a person to see
                event(log, "drafts.unreadable", logging.WARNING, error=str(exc))
                self.path.replace(self.path.with_suffix(".broken"))
                self._drafts = {}
        return self._drafts

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

    def _write(self, drafts: dict[str, dict[str, object]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".drafts-", suffix=".tmp",
                                             dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(drafts, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        event(log, "drafts.saved", count=len(drafts))
