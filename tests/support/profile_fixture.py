"""Profiles made by an earlier version and kept as fixtures (``tests/fixtures/*.zip``).

A profile is named after its server's address (``services/profiles.py``). The fixture's server
serves again on whatever port is free now, so the unpacked profile is moved to the name of that
address, as a laptop's profile would be after its server moved: a fixed port could be held at
that moment by another process's connection (it lies in the ephemeral range).
"""

from __future__ import annotations

import json
from pathlib import Path

from lapor_desk.services.profiles import PROFILE_FILE, profile_slug


def readdress_profile(profile: Path, server_url: str) -> Path:
    """Move the unpacked ``profile`` to the folder its user has on ``server_url``, and say so in
    its ``profile.json``. Returns the new folder."""
    record = json.loads((profile / PROFILE_FILE).read_text("utf-8"))
    target = profile.parent / profile_slug(server_url, record["username"])
    if target != profile:
        profile.rename(target)
    record.update(server_url=server_url, directory=str(target))
    (target / PROFILE_FILE).write_text(json.dumps(record, indent=2), "utf-8")
    return target
