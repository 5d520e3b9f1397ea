"""The user's preferences: one typed, frozen value, kept in ``preferences.json`` in the platform's
configuration folder (:data:`lapor_desk.paths.DeskPaths.preferences`).

Only what the user chooses lives here (the language of the window); what a widget remembers of
itself (geometry, splitter, columns) stays in ``QSettings``, where Qt keeps it.

The file is written whole or not at all (:func:`lapor_desk.models.cache.file_writes.atomic_file`).
Reading never fails: a missing, unreadable, oversized or malformed file, or a value of the wrong
type, gives the default for what cannot be read (and the reason in the log), so a damaged file
never keeps the desktop from starting; the next choice the user makes writes a good one.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from lapor_desk.models.cache.file_writes import atomic_file
from lapor_desk.paths import desk_paths
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.preferences")

#: A preferences file larger than this is not read (it holds a few short values).
MAX_BYTES = 64 * 1024
DEFAULT_LANGUAGE = "id"
#: A language code as the catalogues are named (``id``, ``en``, ``pt_BR``).
_LANGUAGE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


@dataclass(frozen=True)
class Preferences:
    #: The window's language (a catalogue's code); Bahasa Indonesia by default.
    language: str = DEFAULT_LANGUAGE

    @staticmethod
    def from_json(data: object) -> Preferences:
        """The preferences in ``data``; a missing or malformed value keeps its default."""
        values: dict[str, Any] = {}
        if isinstance(data, dict):
            language = data.get("language")
            if isinstance(language, str) and _LANGUAGE.fullmatch(language):
                values["language"] = language
        return Preferences(**values)


class PreferencesFile:
    """``preferences.json``: read and written on the UI thread (a few bytes, rarely)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else desk_paths().preferences

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> Preferences:
        try:
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return Preferences()
        except OSError as exc:
            event(log, "preferences.unreadable", logging.WARNING, error=type(exc).__name__)
            return Preferences()
        if len(raw) > MAX_BYTES:
            event(log, "preferences.too_large", logging.WARNING, limit=MAX_BYTES)
            return Preferences()
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:
            event(log, "preferences.malformed", logging.WARNING)
            return Preferences()
        return Preferences.from_json(data)

    def save(self, preferences: Preferences) -> None:
        """Write the file whole (an ``OSError`` leaves the previous one as it was)."""
        body = json.dumps(asdict(preferences), indent=2, sort_keys=True) + "\n"
        with atomic_file(self.path, prefix=".preferences-") as out:
            out.write(body.encode("utf-8"))
        event(log, "preferences.saved", **{f.name: getattr(preferences, f.name)
                                           for f in fields(preferences)})

    def update(self, **changes: Any) -> Preferences:
        """Load, change, save; returns what was saved."""
        preferences = replace(self.load(), **changes)
        self.save(preferences)
        return preferences

    def carry_over(self, **earlier: Any) -> Preferences:
        """Preferences kept elsewhere by an earlier version, written here once: only when there
        is no file yet (a file written since wins). Returns the preferences now in force."""
        if self.exists():
            return self.load()
        preferences = Preferences.from_json(earlier)
        self.save(preferences)
        event(log, "preferences.carried_over", **earlier)
        return preferences
