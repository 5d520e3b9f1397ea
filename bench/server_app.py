"""The server as an app factory for ``uvicorn --factory --workers N`` (each worker calls it).

Used by bench/server_bench.py when ``lapor-server serve`` has no ``--workers``: the settings are
``serve``'s defaults with the database from ``LAPOR_BENCH_DB_URL`` and the blob store from
``LAPOR_BENCH_BLOBS``. The database must have been initialised (``lapor-server init-db``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI

from lapor_desk.server.app import create_app
from lapor_desk.server.settings import ServerSettings


def make_app() -> FastAPI:
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    blobs = os.environ.get("LAPOR_BENCH_BLOBS")
    return create_app(ServerSettings(database_url=os.environ["LAPOR_BENCH_DB_URL"],
                                     blob_dir=Path(blobs) if blobs else None))
