"""Configuration keys that moved, read under their old names for one more release.

The keys that send replies to reporters moved from ``[notify]`` to the section of their channel,
so each channel is configured in one place: SMTP beside the IMAP keys in ``[email]``, the SMS
gateway's send API beside its webhook token in ``[sms]``. A file that still gives an old name
works as before, and every start says so in the log (``event=config_key_deprecated``, with the
name to use). A key given under both names is an error (config_file.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lapor_desk.server.logs import event

log = logging.getLogger(__name__)

#: ``(old section, old name) -> (section, name)``.
RENAMED: dict[tuple[str, str], tuple[str, str]] = {
    ("notify", "smtp_host"): ("email", "smtp_host"),
    ("notify", "smtp_port"): ("email", "smtp_port"),
    ("notify", "smtp_security"): ("email", "smtp_security"),
    ("notify", "smtp_username"): ("email", "smtp_username"),
    ("notify", "smtp_password"): ("email", "smtp_password"),
    ("notify", "email_from"): ("email", "from"),
    ("notify", "email_reply_to"): ("email", "reply_to"),
    ("notify", "sms_url"): ("sms", "url"),
    ("notify", "sms_username"): ("sms", "username"),
    ("notify", "sms_password"): ("sms", "password"),
}


@dataclass(frozen=True)
class Renamed:
    """A key a file gave under its old name."""

    old: str  # "[notify] smtp_host"
    new: str  # "[email] smtp_host"


def log_deprecations(renamed: Iterable[Renamed], file: Path | None) -> None:
    """One warning per key the configuration file gave under its old name."""
    for key in renamed:
        event(log, "config_key_deprecated", logging.WARNING, file=str(file), key=key.old,
              use=key.new, until="the next release")
