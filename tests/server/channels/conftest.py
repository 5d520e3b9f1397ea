"""Fixtures of the channel tests: the world's server with its channels configured."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lapor_desk.server.settings import ServerSettings
from tests.server.client import WorldServer


def channel_settings(server: WorldServer, **extra: Any) -> ServerSettings:
    """The server's settings with complaints from the channels going to the kabupaten."""
    return replace(server.live.settings, channels_agency="T-kab",
                   channels_province="Sulawesi Tenggara", channels_regency="Konawe", **extra)
