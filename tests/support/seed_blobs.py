"""Serve the seeded attachments' files from a live test server.

``seed_database`` writes the attachments' files (and registers them as complete blobs) only when
it is given a blob directory; the shared test template is seeded without one. A test that
downloads attachments calls :func:`serve_seed_blobs`: the seed's small, deterministic files go
into its own server's blob directory and are registered, exactly as the seeder would have done.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from lapor_desk.server.db import Attachment
from lapor_desk.server.seed.writer import write_blobs
from tests.support.live_server import LiveServer


def serve_seed_blobs(server: LiveServer, seed: int = 7) -> Path:
    blob_dir = server.settings.resolved_blob_dir()
    with server.engine.begin() as connection:
        used = sorted(set(connection.execute(select(Attachment.sha256)).scalars()))
        write_blobs(connection, seed, used, blob_dir, datetime.now(UTC))
    return blob_dir
