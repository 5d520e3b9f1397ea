"""Where LAPOR Desk keeps its files on this computer: every folder and file it writes, named once.

The folders of the user's account come from ``platformdirs``, read from the environment at each
call (on Linux ``XDG_DATA_HOME``, ``XDG_CONFIG_HOME``, ``XDG_STATE_HOME``...: a test, a sandbox
or a trainer's launcher moves them all at once). On Windows ``data``, ``config`` and ``logs`` are
all under ``%LOCALAPPDATA%\\LAPOR\\lapor-desk``, the folder the uninstaller offers to delete::

    <data>/profiles/<user>@<server>/    one profile per server and user (PROFILES_DIR, owner-only)
        profile.json                    what the sign-in screen offers again (no secrets)
        cache.sqlite3 (-wal, -shm)      the local cache, encrypted (CACHE_FILE)
        cache.keyid                     which keyring entry holds the cache key
        blobs/                          attachment files, sealed (BLOB_DIR)
        opened/<hash>/<name>            a file handed to another application, removed soon after
        drafts.json                     reply, note and record-form drafts, sealed
        offline-attachments.json        which attachments to keep for offline use
        notified.json                   the queue last announced (complaint ids only)
        reminded.json                   postponements whose day was announced (ids, days)
        server_clock.json               the server's clock as the last sync learned it
        reply-templates.json            the profile's own reply templates (read, never written)
        import-presets.json             register layouts saved by name (column names, defaults)
        logs/lapor-desk.log             the log of ``lapor-desk sync`` / ``import`` for it
    <data>/demo/                        the training sandbox (DEMO_DIR; only it is ever wiped)
        server.sqlite3, server.log, blobs/, seeded.json, port, profiles/
    <data>/training/                    the room's training (bimtek) server (TRAINING_DIR)
        the same files, and roster.json (the trainees' accounts and passwords)
    <config>/preferences.json           the user's preferences (``services.preferences``)
    <logs>/lapor-desk.log               the desktop's log, rotating
    <documents>/LAPOR Desk/             diagnostics bundles for support (where they are saved)

Widget state (window geometry, splitter, columns) stays in ``QSettings``, where Qt keeps it.
This module imports nothing heavy: the lower layers take their file names from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

APP_NAME: Final = "lapor-desk"
APP_AUTHOR: Final = "LAPOR"

# --- the folders of the user's account ---------------------------------------------------------
PROFILES_DIR: Final = "profiles"
DEMO_DIR: Final = "demo"
TRAINING_DIR: Final = "training"
PREFERENCES_FILE: Final = "preferences.json"
LOG_FILE: Final = "lapor-desk.log"
DIAGNOSTICS_DIR: Final = "LAPOR Desk"

# --- inside a profile folder -------------------------------------------------------------------
PROFILE_FILE: Final = "profile.json"
CACHE_FILE: Final = "cache.sqlite3"
CACHE_KEY_ID_FILE: Final = "cache.keyid"
BLOB_DIR: Final = "blobs"
OPENED_DIR: Final = "opened"
DRAFTS_FILE: Final = "drafts.json"
OFFLINE_ATTACHMENTS_FILE: Final = "offline-attachments.json"
NOTIFIED_FILE: Final = "notified.json"
REMINDED_FILE: Final = "reminded.json"
SERVER_CLOCK_FILE: Final = "server_clock.json"
USER_TEMPLATES_FILE: Final = "reply-templates.json"
IMPORT_PRESETS_FILE: Final = "import-presets.json"
PROFILE_LOG_DIR: Final = "logs"

# --- inside the training sandbox ---------------------------------------------------------------
DEMO_DATABASE_FILE: Final = "server.sqlite3"
DEMO_SERVER_LOG: Final = "server.log"
DEMO_SEEDED_FILE: Final = "seeded.json"
DEMO_PORT_FILE: Final = "port"
TRAINING_ROSTER_FILE: Final = "roster.json"


@dataclass(frozen=True)
class DeskPaths:
    """The folders of one user's account that LAPOR Desk writes to."""

    data: Path
    config: Path
    logs: Path
    documents: Path

    @property
    def profiles(self) -> Path:
        return self.data / PROFILES_DIR

    @property
    def demo(self) -> Path:
        return self.data / DEMO_DIR

    @property
    def training(self) -> Path:
        return self.data / TRAINING_DIR

    @property
    def preferences(self) -> Path:
        return self.config / PREFERENCES_FILE

    @property
    def log_file(self) -> Path:
        return self.logs / LOG_FILE

    @property
    def diagnostics(self) -> Path:
        return self.documents / DIAGNOSTICS_DIR


def desk_paths() -> DeskPaths:
    """This user's folders as the platform names them (the environment is read at each call)."""
    import platformdirs  # here: importing this module stays free for the layers that name files

    return DeskPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        documents=Path(platformdirs.user_documents_dir()),
    )


def profile_log_dir(profile: Path) -> Path:
    """Where ``lapor-desk sync`` / ``import`` log for the profile at ``profile``."""
    return profile / PROFILE_LOG_DIR
