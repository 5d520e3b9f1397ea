"""A diagnostics bundle an admin can send to support: versions, sync state, recent logs, settings.

``make_bundle(folder, ...)`` writes ``lapor-desk-diagnostics-<time>.zip``:

* ``about.json``: LAPOR Desk, Python, Qt/PySide (given by the UI: this layer has no Qt), the
  operating system, the cache schema revision, SQLite, whether the app is frozen;
* ``sync-state.json``: per profile the cursor, last sync, complaint count and outbox counts by
  state — counts only, never a complaint's content, and no user name (the role and unit id are
  kept, so support knows what the account can see);
* ``logs/lapor-desk.log``: the newest log lines (current file and rotated backups), redacted by
  :func:`redact`;
* ``settings.json``: the settings without secrets (keys that name passwords, tokens or keys are
  dropped; binary widget state too).

Redaction (:class:`Redactor`) removes what a log line can carry about people: e-mail addresses,
NIK-like 16-digit numbers, phone numbers, session tokens and other long secrets, the values of
``key=value`` fields that hold names, titles, texts or file names, the user's home
directory and the user name in profile folder names, and every person's name the profile's
cache knows (reporters, officers, the signed-in user) wherever it appears. It errs on the side
of removing too much: support needs the events, codes and counts, not the words.

Building reads files and the cache only: call it on a worker thread.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import platform
import re
import sqlite3
import sys
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from lapor_desk import __version__
from lapor_desk.models.cache.schema import (
    Complaint,
    Disposition,
    Event,
    FollowUp,
    OutboxEntry,
    SyncState,
)
from lapor_desk.models.cache.store import Cache, current_revision, head_revision
from lapor_desk.models.calendar import utcnow
from lapor_desk.paths import LOG_FILE as LOG_NAME
from lapor_desk.paths import desk_paths, profile_log_dir
from lapor_desk.services.workstation import Workstation
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.diagnostics")

LOG_LINES = 2000
REDACTED = "<redacted>"

#: ``key=value`` fields whose value is about a person or their words, never sent.
PERSONAL_KEYS = frozenset({
    "user", "username", "display_name", "name", "reporter", "reporter_name", "actor",
    "actor_name", "author", "author_name", "title", "body", "text", "note", "reason",
    "email", "phone", "nik", "contact", "reporter_contact", "password", "token", "secret",
    "key", "file", "filename",
})
# Paths stay (an API path or a folder tells support a lot); the home folder and the user name
# in a profile folder's name are taken out of every line instead.

#: Of those, fields that also carry codes (``push.answer reason=out_of_scope``): a code stays.
CODE_KEYS = frozenset({"reason"})
_CODE = re.compile(r"^(?:[a-z][a-z0-9_]{0,63}|None|-)$")
#: Settings keys that hold secrets: left out of ``settings.json`` entirely.
SECRET_SETTING = re.compile(r"pass|token|secret|key|credential|cookie|auth", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?8\d{1,3}(?:[\s.-]?\d{2,4}){2,3}(?!\d)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
_SECRET_ASSIGNED = re.compile(r"(?i)\b(token|password|passwd|secret|api[_-]?key|authorization)"
                              r"([\"']?\s*[:=]\s*[\"']?)(?!(?:bearer|basic)\b|<)[^\s\"',;]+")
_LONG_SECRET = re.compile(r"(?<![\w/])[A-Za-z0-9_\-]{32,}(?![\w/])")
_HEX_ID = re.compile(r"^(?:[0-9a-f]{32,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                     r"[0-9a-f]{12})$")
_URL_CREDENTIALS = re.compile(r"(://)[^/\s:@]+:[^/\s@]+@")
_PROFILE_SLUG = re.compile(r"[A-Za-z0-9._-]+@([A-Za-z0-9._-]+)")
_FIELD = re.compile(r'(?P<key>[A-Za-z_][\w.]*)=(?P<value>"(?:[^"\\]|\\.)*"|\S+)')
_WORD = re.compile(r"\w+(?:['.-]\w+)*")


@dataclass
class Redactor:
    """Removes personal data from text. ``names``: people's names to remove wherever they occur
    (matched as whole words, case-insensitively, up to five words long)."""

    names: set[str] = field(default_factory=set)
    home: str = field(default_factory=lambda: str(Path.home()))

    def __post_init__(self) -> None:
        self._names = {" ".join(n.lower().split()) for n in self.names
                       if n and len(n.strip()) >= 3}

    def redact(self, text: str) -> str:
        text = _URL_CREDENTIALS.sub(r"\1<credentials>@", text)
        text = _FIELD.sub(self._field, text)
        if self.home and len(self.home) > 1:
            text = text.replace(self.home, "~")
        text = _BEARER.sub(lambda m: f"{m.group(1)} <token>", text)
        text = _SECRET_ASSIGNED.sub(lambda m: f"{m.group(1)}{m.group(2)}<token>", text)
        text = _EMAIL.sub(self._email, text)
        text = _PROFILE_SLUG.sub(r"<user>@\1", text)
        text = _NIK.sub("<nik>", text)
        text = _PHONE.sub("<phone>", text)
        text = _LONG_SECRET.sub(self._long, text)
        return self._remove_names(text)

    @staticmethod
    def _email(match: re.Match[str]) -> str:
        return "<email>"

    @staticmethod
    def _long(match: re.Match[str]) -> str:
        # A SHA-256 or a UUID names a file or a record, not a person: support may need it.
        return match.group(0) if _HEX_ID.match(match.group(0)) else "<secret>"

    @staticmethod
    def _field(match: re.Match[str]) -> str:
        key = match.group("key")
        name = key.lower().rsplit(".", 1)[-1]
        if name in CODE_KEYS and _CODE.match(match.group("value")):
            return match.group(0)  # a reason code (out_of_scope), not a person's words
        if name in PERSONAL_KEYS:
            return f"{key}={REDACTED}"
        return match.group(0)

    def _remove_names(self, text: str) -> str:
        if not self._names:
            return text
        words = list(_WORD.finditer(text))
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            for size in range(min(5, len(words) - i), 0, -1):
                chunk = " ".join(w.group(0).lower() for w in words[i:i + size])
                if chunk in self._names:
                    spans.append((words[i].start(), words[i + size - 1].end()))
                    i += size
                    break
            else:
                i += 1
        for start, end in reversed(spans):
            text = text[:start] + "<name>" + text[end:]
        return text


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` without personal data (see :class:`Redactor`)."""
    return Redactor(set(names)).redact(text)


# --- what goes in ---------------------------------------------------------------------------


def known_names(cache: Cache) -> set[str]:
    """Every person's name the cache holds: reporters, officers in the timeline, the user."""
    names: set[str] = set()
    columns = (Complaint.reporter_name, Disposition.actor_name, Event.actor_name,
               FollowUp.author_name, SyncState.display_name, SyncState.username)
    with cache.engine.connect() as connection:
        for column in columns:
            names.update(v for v in connection.execute(select(column).distinct()).scalars() if v)
    return names


def sync_state(cache: Cache) -> dict[str, Any]:
    with cache.engine.connect() as connection:
        state = connection.execute(select(SyncState).where(SyncState.id == 1)).one()
        complaints = connection.execute(select(func.count()).select_from(Complaint)).scalar_one()
        by_state = {f"{s}{'_dismissed' if d else ''}": n for s, d, n in connection.execute(
            select(OutboxEntry.state, OutboxEntry.dismissed, func.count())
            .group_by(OutboxEntry.state, OutboxEntry.dismissed)).all()}
        oldest = connection.execute(select(func.min(OutboxEntry.created_at)).where(
            OutboxEntry.state == "pending")).scalar_one()
    return {
        "cache_revision": current_revision(cache.engine),
        "cursor": state.cursor,
        "last_sync_at": state.last_sync_at,
        "server": _server_host(state.server_url),
        "role": state.role,
        "unit_id": state.unit_id,
        "complaints": int(complaints),
        "outbox": dict(sorted(by_state.items())),
        "oldest_pending_at": oldest,
        "cache_bytes": _size(cache.path),
        "blob_bytes": sum(p.stat().st_size for p in cache.blob_dir.rglob("*") if p.is_file())
        if cache.blob_dir.is_dir() else 0,
    }


def _server_host(url: str | None) -> str | None:
    return _URL_CREDENTIALS.sub(r"\1", url) if url else None


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def about(ui_versions: Mapping[str, str] | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "lapor_desk": __version__,
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "os": platform.system(),
        "os_release": platform.release(),
        "os_version": platform.version(),
        "machine": platform.machine(),
        "sqlite": sqlite3.sqlite_version,
        "cache_schema_head": head_revision(),
        "locale": os.environ.get("LANG", ""),
    }
    for dist in ("sqlalchemy", "alembic", "requests", "keyring", "platformdirs", "sqlcipher3"):
        try:
            info[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            info[dist] = None
    try:
        import keyring

        info["keyring_backend"] = type(keyring.get_keyring()).__module__
    except Exception:  # noqa: BLE001 - a broken keyring is itself worth reporting
        info["keyring_backend"] = "unavailable"
    info.update(ui_versions or {})
    return info


def recent_log_lines(log_dirs: Iterable[Path], limit: int = LOG_LINES) -> list[str]:
    """The newest ``limit`` lines of ``lapor-desk.log`` and its rotated backups, oldest first."""
    files: list[Path] = []
    for folder in log_dirs:
        base = Path(folder) / LOG_NAME
        backups = sorted(base.parent.glob(LOG_NAME + ".*"),
                         key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0,
                         reverse=True)
        files += [p for p in backups if p.suffix[1:].isdigit()] + ([base] if base.exists()
                                                                     else [])
    lines: deque[str] = deque(maxlen=limit)
    for path in files:
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                lines.extend(line.rstrip("\n") for line in handle)
        except OSError:
            continue
    return list(lines)


def clean_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Settings fit to send: no secrets, no binary widget state, no personal values."""
    out: dict[str, Any] = {}
    for key, value in sorted(settings.items()):
        if SECRET_SETTING.search(key) or isinstance(value, (bytes, bytearray, memoryview)):
            continue
        if isinstance(value, (bool, int, float)) or value is None:
            out[key] = value
        else:
            out[key] = redact(str(value))
    return out


# --- the bundle -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundle:
    path: Path
    log_lines: int
    profiles: int


def make_bundle(folder: Path | str, *, caches: Iterable[Cache] = (),
                log_dirs: Iterable[Path] = (), settings: Mapping[str, Any] | None = None,
                ui_versions: Mapping[str, str] | None = None,
                clock: Callable[[], datetime] = utcnow) -> Bundle:
    """Write the bundle into ``folder`` and return where it is."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    caches = list(caches)
    names: set[str] = set()
    states = []
    for number, cache in enumerate(caches, 1):
        names |= known_names(cache)
        states.append({"profile": number, **sync_state(cache)})
    redactor = Redactor(names)
    lines = [redactor.redact(line) for line in recent_log_lines(log_dirs)]
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    path = folder / f"lapor-desk-diagnostics-{stamp}.zip"
    partial = path.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.json", _json({**about(ui_versions), "made_at": clock()
                                              .isoformat()}))
        archive.writestr("sync-state.json", _json(states))
        archive.writestr("logs/" + LOG_NAME, "\n".join(lines) + ("\n" if lines else ""))
        archive.writestr("settings.json", _json(clean_settings(settings or {})))
        archive.writestr("README.txt", README)
    partial.replace(path)
    event(log, "diagnostics.saved", lines=len(lines), profiles=len(caches))
    return Bundle(path, len(lines), len(caches))


def default_log_dir() -> Path:
    """Where the desktop writes its log (``lapor_desk.cli.setup_logging`` without a profile)."""
    return desk_paths().logs


def default_folder() -> Path:
    return desk_paths().diagnostics


def bundle_for(workstation: Workstation, folder: Path | str | None = None, *,
               settings: Mapping[str, Any] | None = None,
               ui_versions: Mapping[str, str] | None = None) -> Bundle:
    """The bundle of what this desktop runs: the open profile's cache (when signed in), the
    desktop's log and that profile's command-line log."""
    cache = workstation.session.cache
    log_dirs = [default_log_dir()]
    if cache is not None:
        log_dirs.append(profile_log_dir(cache.profile_dir))
    return make_bundle(folder or default_folder(), caches=[cache] if cache else [],
                       log_dirs=log_dirs, settings=settings, ui_versions=ui_versions,
                       clock=workstation.clock)


def _json(value: Any) -> str:
    return json.dumps(value, indent=1, sort_keys=True, default=str, ensure_ascii=False)


README = """LAPOR Desk diagnostics bundle

about.json       versions of LAPOR Desk, Python, Qt and the operating system
sync-state.json  per profile: sync cursor, last sync, complaint and outbox counts (no contents)
logs/            the newest log lines, with names, NIK, phone numbers, e-mail addresses,
                 tokens, titles, texts, file names and the home folder removed
settings.json    the settings, without passwords, tokens or keys

Nothing in this file identifies a reporter. Check it before sending if you wish.
"""
