"""What a sync round reports to its caller (the service layer words it for a person)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Progress:
    phase: str  # "push", "upload", "pull", "download", "done"
    records: int  # rows applied / actions answered so far in this phase
    bytes: int  # blob bytes moved so far in this phase (pull: compressed page bytes received)
    fraction: float | None = None  # pull: estimated share done (protocol.pull_fraction)


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    rejected: int = 0
    conflicts: int = 0
    pages: int = 0
    rows: int = 0
    resets: int = 0
    uploaded_bytes: int = 0
    finished_at: str | None = None
    messages: list[str] = field(default_factory=list)
    #: The server went back to a backup (its epoch changed) during this round; ``resent`` of
    #: our actions it had applied were sent again (sync/epoch.py).
    server_restored: bool = False
    resent: int = 0
