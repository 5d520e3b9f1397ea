"""Where the test PostgreSQL is, and whether its absence fails the run or skips the test.

``LAPOR_TEST_PG_URL`` names an admin URL (``scripts/pg-start.sh`` prints one). The test command
and CI set ``LAPOR_REQUIRE_PG=1``: there a missing PostgreSQL fails instead of skipping, so the
PostgreSQL half of the suite can never vanish silently. On a developer machine without it, the
PostgreSQL tests are skipped with that reason.
"""

from __future__ import annotations

import os

import pytest


def pg_admin_url(required_here: bool = True) -> str | None:
    """The admin URL, failing (CI) or skipping (dev machine) the calling test when it is absent."""
    url = os.environ.get("LAPOR_TEST_PG_URL")
    if url:
        return url
    if os.environ.get("LAPOR_REQUIRE_PG") == "1":
        pytest.fail("LAPOR_TEST_PG_URL is not set but PostgreSQL is required (run scripts/test.sh)")
    if required_here:
        pytest.skip("PostgreSQL not configured: set LAPOR_TEST_PG_URL (scripts/test.sh does)")
    return None
