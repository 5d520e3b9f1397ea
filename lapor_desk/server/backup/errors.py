"""The one error of backups and restores: a ``ServiceError`` (the CLI prints its message)."""

from __future__ import annotations

from lapor_desk.server.services.errors import ServiceError


class BackupError(ServiceError):
    """A backup or restore that cannot go on; nothing of a restore is changed when it is raised
    before the database is touched (every check comes first)."""

    def __init__(self, message: str, code: str = "backup_failed") -> None:
        super().__init__(message, code=code)
