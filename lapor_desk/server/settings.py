"""Server settings: one typed object, built from the command line or tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    #: Where attachment blobs live; defaults to ``<sqlite file>.blobs`` or ``./lapor-blobs``.
    blob_dir: Path | None = None
    #: A token ends this long after the login, however much it is used.
    token_ttl_hours: float = 24 * 30
    #: ... and this long after its last use (0: never idle). A desktop that is open syncs every
    #: few minutes and stays signed in; one closed overnight or over a weekend asks for the
    #: password the next working day, so a token left on a shared or lost PC is of no use by then.
    token_idle_hours: float = 8
    max_blob_bytes: int = 25 * 1024 * 1024
    #: The largest body of one ``PUT /blobs/{sha256}/upload`` (the desktop sends 4 MiB).
    max_chunk_bytes: int = 4 * 1024 * 1024
    max_push_actions: int = 500
    max_push_bytes: int = 8 * 1024 * 1024
    #: Failed logins before logins are slowed down, per username and per client address (an
    #: office behind one NAT address shares the second; see services/throttle.py).
    login_failures_per_user: int = 5
    login_failures_per_address: int = 30
    #: Addresses or networks (``10.0.0.0/8``) of reverse proxies whose ``X-Forwarded-For`` names
    #: the client; from any other peer the header is ignored.
    trusted_proxies: tuple[str, ...] = ()
    #: Addresses or networks allowed to read ``GET /metrics`` (it tells about the traffic); the
    #: client as ``trusted_proxies`` resolve it. Default: this machine only.
    metrics_allow: tuple[str, ...] = ("127.0.0.0/8", "::1")
    #: Seconds between automatic closes of unanswered follow-ups (0 disables the loop).
    auto_close_interval: float = 600.0
    sla_config: Path | None = None
    #: A training (bimtek) server: the training world's clock, no auto-close, the staged conflict
    #: of the exercises, and ``health`` says so (server/training/).
    training: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def resolved_blob_dir(self) -> Path:
        if self.blob_dir is not None:
            return self.blob_dir
        if self.database_url.startswith("sqlite:///") and len(self.database_url) > 10:
            return Path(self.database_url[len("sqlite:///"):] + ".blobs")
        return Path("lapor-blobs")
