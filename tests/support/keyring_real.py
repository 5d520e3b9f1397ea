"""The real OS keyring for tests: gnome-keyring's Secret Service in a private D-Bus session.

``run_in_gnome_keyring(profile)`` starts ``dbus-run-session``, unlocks a fresh gnome-keyring
daemon in it and runs this module twice in that session, as two processes: ``write`` (saves a
token, creates the profile's encrypted cache and its key) and ``read`` (reads them back). Each
prints one JSON line. The test command and CI set ``LAPOR_REQUIRE_KEYRING=1``: there a missing
gnome-keyring or D-Bus fails the test instead of skipping it (like ``tests/support/pg.py``).

    python -m tests.support.keyring_real write|read PROFILE_DIR
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

SERVER = "https://lapor.example.go.id"
USER = "admin.kendari"
TOKEN = "token-from-the-server-0123456789"
REPO = Path(__file__).resolve().parents[2]
TOOLS = ("dbus-run-session", "gnome-keyring-daemon")


def require_gnome_keyring() -> None:
    """Fail (``LAPOR_REQUIRE_KEYRING=1``) or skip when gnome-keyring or D-Bus is missing."""
    import pytest

    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = (f"{', '.join(missing)} not installed (apt-get install gnome-keyring dbus "
               "dbus-x11; scripts/test.sh does)")
    if os.environ.get("LAPOR_REQUIRE_KEYRING") == "1":
        pytest.fail(message + " but the real keyring test is required")
    pytest.skip(message)


def run_in_gnome_keyring(profile: Path, timeout: float = 120.0) -> list[dict[str, Any]]:
    python = shlex.quote(sys.executable)
    target = shlex.quote(str(profile))
    script = ("printf 'test-keyring-password' | gnome-keyring-daemon --unlock "
              "--components=secrets >/dev/null && "
              f"{python} -m tests.support.keyring_real write {target} && "
              f"exec {python} -m tests.support.keyring_real read {target}")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
    env["HOME"] = str(profile.parent / "home")  # a fresh login keyring, not the user's own
    env["XDG_DATA_HOME"] = str(profile.parent / "home" / ".local" / "share")
    env["XDG_RUNTIME_DIR"] = str(profile.parent / "runtime")
    for name in ("HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        Path(env[name]).mkdir(parents=True, exist_ok=True, mode=0o700)
    done = subprocess.run(["dbus-run-session", "--", "sh", "-c", script], check=False, cwd=REPO,
                          env=env,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"keyring session failed ({done.returncode}):\n{done.stdout}\n"
                             f"{done.stderr}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _secret_service_items(service: str) -> list[str]:
    """Look the secret up with secretstorage itself, not through keyring."""
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [item.get_secret().decode() for item in
                collection.search_items({"service": service})]
    finally:
        connection.close()


def _main(step: str, profile: Path) -> int:
    import keyring

    from lapor_desk.models.cache.crypto import file_state
    from lapor_desk.models.cache.store import CACHE_FILE
    from lapor_desk.sync import credentials
    from lapor_desk.sync.secure_cache import open_secure_cache

    backend = keyring.get_keyring()
    chain = getattr(backend, "backends", [backend])  # keyring's ChainerBackend, best first
    result: dict[str, Any] = {"step": step, "backends": [
        f"{type(b).__module__}.{type(b).__name__}" for b in chain]}
    if step == "write":
        credentials.save_token(SERVER, USER, TOKEN)
    cache = open_secure_cache(profile)
    with cache.engine.connect() as connection:
        result["client_id"] = connection.exec_driver_sql(
            "SELECT client_id FROM sync_state").scalar_one()
    cache.close()
    key = credentials.load_cache_key(profile)
    assert key is not None
    key_id = (profile / credentials.KEY_ID_FILE).read_text().strip()
    result.update(
        token=credentials.load_token(SERVER, USER), cache_key=key.hex(),
        file_state=file_state(profile / CACHE_FILE),
        secret_service_token=_secret_service_items(credentials.SERVICE),
        secret_service_key=_secret_service_items(credentials.cache_key_service(key_id)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], Path(sys.argv[2])))
