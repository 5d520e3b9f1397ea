"""A headless desk for the crash test: the same pieces as ``lapor-desk sync --once`` (cache,
transport, engine, sign-in with ``LAPOR_PASSWORD``) but with small pull pages and push batches,
so that a SIGKILL at a random moment lands between, or inside, many page and batch commits.

    python -m tests.sync.crash_client PROFILE SERVER USER PAGE_LIMIT BATCH_SIZE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lapor_desk.sync.engine import SyncEngine
from lapor_desk.sync.secure_cache import open_secure_cache
from lapor_desk.sync.transport import Transport


def main(argv: list[str]) -> int:
    profile, server, user, page_limit, batch_size = argv
    cache = open_secure_cache(Path(profile))  # encrypted, as the desktop and the CLI keep it
    transport = Transport(server, timeout=(5.0, 20.0))
    try:
        engine = SyncEngine(
            cache, transport, page_limit=int(page_limit), batch_size=int(batch_size)
        )
        engine.login(user, os.environ["LAPOR_PASSWORD"], "crash-test")
        engine.sync()
    finally:
        transport.close()
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
