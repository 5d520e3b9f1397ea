"""Server settings: one typed object, built from the configuration (server/config_file.py:
command line > environment > file > these defaults) or by tests."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    #: Seconds between automatic closes of unanswered follow-ups (0 disables the loop). With
    #: several workers one of them does each round (server/housekeeping.py).
    auto_close_interval: float = 600.0
    sla_config: Path | None = None
    #: A training (bimtek) server: the training world's clock, no auto-close, the staged conflict
    #: of the exercises, and ``health`` says so (server/training/).
    training: bool = False
    #: Where ``lapor-server serve`` listens, and how many worker processes it starts.
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    #: Seconds an idle kept-alive connection stays open. Behind a proxy that keeps connections
    #: to the server (nginx ``keepalive``, Caddy), make it longer than the proxy's idle timeout:
    #: a connection the server closes just as the proxy reuses it fails that request.
    keep_alive_seconds: int = 5
    #: The log's level and its lines: ``text`` (``event=name key=value``) or ``json``.
    log_level: str = "INFO"
    log_format: str = "text"
    #: The channels the pemda runs itself (server/channels/, docs/deploy.md "Channels"): each
    #: is off until configured. Their complaints are addressed to the unit ``channels_agency``
    #: (its code) at this place, in this category, until an admin verifies them.
    channels_agency: str = ""
    channels_province: str = ""
    channels_regency: str = ""
    channels_category: str = "TOPIK LAINNYA"
    #: Email over IMAP: on when ``imap_host`` is set; read every housekeeping round.
    imap_host: str = ""
    imap_port: int = 993
    #: ``ssl`` (port 993), ``starttls`` (143) or ``none`` (a server on this machine only).
    imap_security: str = "ssl"
    imap_user: str = ""
    imap_password: str = ""
    imap_folder: str = "INBOX"
    #: WhatsApp Business Cloud API: the webhook is on when ``whatsapp_app_secret`` is set.
    whatsapp_verify_token: str = ""
    whatsapp_app_secret: str = ""
    whatsapp_access_token: str = ""
    whatsapp_graph_url: str = "https://graph.facebook.com/v21.0"
    #: The SMS gateway's webhook: on when ``sms_token`` is set (the gateway sends it).
    sms_token: str = ""
    #: Messages to reporters (server/notify/; docs/server.md "[notify]"). Seconds between
    #: sending rounds (0: none), attempts before a message is given up, the template file (else
    #: the packaged one) and the public tracking page named in the messages. Each channel is off
    #: until its keys are set, in its own section: email needs ``[email] smtp_host`` and
    #: ``from``, WhatsApp the phone number id (and ``[whatsapp] access_token``), SMS the
    #: gateway's URL (``[sms] url``).
    notify_interval: float = 30.0
    notify_max_attempts: int = 8
    notify_templates: Path | None = None
    notify_tracking_url: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_password: str = ""
    email_from: str = ""
    email_reply_to: str = ""
    whatsapp_phone_number_id: str = ""
    whatsapp_template: str = ""
    whatsapp_template_language: str = "id"
    sms_url: str = ""
    sms_username: str = ""
    sms_password: str = ""
    #: The public pages at ``/`` and ``/lacak`` (server/public/): off ("") until an agency is
    #: named, the agency the citizens' complaints are addressed to: its code (as ``lapor-server
    #: org export`` writes it) or its id.
    public_agency: str = ""
    public_max_files: int = 3
    public_max_file_bytes: int = 2 * 1024 * 1024
    #: Per client address and hour: complaints sent, and look-ups (tracking, answering, rating).
    public_submits_per_hour: int = 5
    public_lookups_per_hour: int = 30
    #: The link with SP4N-LAPOR! (docs/sp4n.md): its address, the file holding the agency's
    #: token, and the first day whose complaints are sent (older ones are recorded by hand).
    #: Off while ``sp4n_url`` is unset.
    sp4n_url: str | None = None
    sp4n_token_file: Path | None = None
    sp4n_since: str | None = None
    #: The unit (its code) national records new here are addressed to (``sp4n-import``, the
    #: round's fetch), and the connector the round speaks (``addstream`` or ``bridge``).
    sp4n_agency: str = ""
    sp4n_connector: str = "addstream"
    #: Seconds between SP4N rounds in the server's housekeeping (server/sp4n/loop.py; 0: none,
    #: the round then runs only from ``lapor-server sp4n-round``). One worker does each round.
    sp4n_interval: float = 900.0
    #: Hosts besides the bridge's own that national files may be downloaded from.
    sp4n_file_hosts: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def resolved_blob_dir(self) -> Path:
        if self.blob_dir is not None:
            return self.blob_dir
        if self.database_url.startswith("sqlite:///") and len(self.database_url) > 10:
            return Path(self.database_url[len("sqlite:///"):] + ".blobs")
        return Path("lapor-blobs")

    def to_json(self) -> str:
        """The settings as JSON (``serve`` hands them to its worker processes this way)."""
        values: dict[str, Any] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            values[item.name] = str(value) if isinstance(value, Path) else (
                list(value) if isinstance(value, tuple) else value)
        return json.dumps(values)

    @classmethod
    def from_json(cls, text: str) -> ServerSettings:
        values = json.loads(text)
        for item in dataclasses.fields(cls):  # every path setting, by its declared type
            if "Path" in str(item.type) and values.get(item.name) is not None:
                values[item.name] = Path(values[item.name])
        values["trusted_proxies"] = tuple(values.get("trusted_proxies", ()))
        values["sp4n_file_hosts"] = tuple(values.get("sp4n_file_hosts", ()))
        if "metrics_allow" in values:
            values["metrics_allow"] = tuple(values["metrics_allow"])
        return cls(**values)
