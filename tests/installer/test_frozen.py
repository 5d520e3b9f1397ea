"""The Linux build of ``installer/lapor-desk.spec``, smoke-tested against the reference server.

The frozen app runs in a clean environment (its own HOME, no PYTHONPATH): a module or data file
the spec forgot fails here, not on an office PC. The measured figures (bundle size, start times,
build time) go to ``test-artifacts/frozen-app.json``; the README's install section quotes them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.installer.frozen_build import (
    ROOT,
    FrozenApp,
    frozen_app,
    frozen_env,
    gnome_keyring_available,
    keyring_session,
    record_metric,
)
from tests.support.live_server import LiveServer, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1200),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),  # the app is what's tested
]
USER = "admin.kendari"
RUN_TIMEOUT = 180


@pytest.fixture(scope="module")
def app() -> Iterator[FrozenApp]:
    built = frozen_app()
    record_metric(bundle_bytes=built.size_bytes(), **(
        {"build_seconds": round(built.build_seconds, 1)} if built.build_seconds else {}))
    yield built


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True,
                          timeout=RUN_TIMEOUT, check=False)


def require_gnome_keyring() -> None:
    if gnome_keyring_available():
        return
    if os.environ.get("LAPOR_REQUIRE_PG") == "1":  # the full test command (scripts/test.sh)
        pytest.fail("gnome-keyring and dbus-run-session are needed (scripts/test.sh installs them)")
    pytest.skip("gnome-keyring not installed: the frozen keyring test needs it")


def test_the_bundle_holds_resources_and_leaves_unneeded_qt_out(app: FrozenApp,
                                                               backend: str) -> None:
    internal = app.folder / "_internal"
    assert app.desktop.is_file() and app.cli.is_file()
    for needed in ("resources/style.qss", "resources/icons/app.svg",
                   "resources/translations/lapor_desk_id.qm", "lapor_desk/data/sla.toml",
                   "lapor_desk/data/categories-2025.json",
                   "lapor_desk/models/migrations/env.py",
                   "lapor_desk/models/migrations/versions/0001_initial_cache_schema.py",
                   "lapor_desk/server/migrations/env.py",  # the demo's server: init-db
                   "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                   "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/imageformats/libqsvg.so",
                   "PySide6/Qt/plugins/iconengines/libqsvgicon.so"):
        assert (internal / needed).is_file(), needed
    if importlib.util.find_spec("PySide6.QtPdf") is not None:  # the attachment viewer's PDFs
        assert list((internal / "PySide6").glob("QtPdf.*")), "QtPdf"
        assert list((internal / "PySide6").glob("QtPdfWidgets.*")), "QtPdfWidgets"
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("WebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "Multimedia", "Qt6Charts",
                     "libqpdf", "libqgtk3", "psycopg"):
        assert not [n for n in names if unwanted in n], unwanted
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert (app.folder / "VERSION").read_text("utf-8").strip() == version


def test_version_starts_cold_in_a_clean_environment(app: FrozenApp, backend: str,
                                                    tmp_path: Path) -> None:
    env = frozen_env(tmp_path, real_keyring=False)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    times = []
    for command in (app.cli, app.desktop):
        started = time.monotonic()
        done = run([str(command), "--version"], env)
        times.append(time.monotonic() - started)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"lapor-desk {version}"
    record_metric(version_seconds_first=round(times[0], 2), version_seconds_again=round(times[1], 2))


def in_keyring_session(commands: list[list[str]]) -> list[str]:
    """One shell line running ``commands`` in order (stopping at the first failure) inside a
    D-Bus session with an unlocked gnome-keyring: the cache key and the session token live
    there, as on a desktop."""
    script = " && ".join(" ".join(shlex.quote(part) for part in command)
                         for command in commands)
    return keyring_session(["sh", "-c", script])


def test_frozen_cli_signs_in_syncs_and_reports_status(app: FrozenApp, live_server: LiveServer,
                                                      password: str, tmp_path: Path) -> None:
    require_gnome_keyring()
    profile = tmp_path / "profile"
    env = frozen_env(tmp_path / "home", real_keyring=True, LAPOR_PASSWORD=password)
    done = run(in_keyring_session([
        [str(app.cli), "sync", "--profile", str(profile), "--server", live_server.url,
         "--user", USER, "--once"],
        ["echo", "--- status"],
        [str(app.cli), "status", "--profile", str(profile), "--json"]]), env)
    assert done.returncode == 0, done.stdout + done.stderr
    synced, status = done.stdout.split("--- status\n")
    assert synced.startswith("synced: pushed 0")
    answer = json.loads(status)
    assert answer["user"] == USER and answer["complaints"] > 0 and answer["last_sync_at"]
    assert (profile / "logs" / "lapor-desk.log").stat().st_size > 0


def test_frozen_cli_keeps_its_session_in_gnome_keyring(app: FrozenApp, live_server: LiveServer,
                                                       password: str, tmp_path: Path) -> None:
    """The keyring backends are in the bundle: a token saved by the first sync lets the second
    run without a password, inside one D-Bus session with an unlocked gnome-keyring."""
    require_gnome_keyring()
    profile = tmp_path / "profile"
    env = frozen_env(tmp_path / "home", real_keyring=True, LAPOR_PASSWORD=password)
    sync = [str(app.cli), "sync", "--profile", str(profile), "--server", live_server.url,
            "--user", USER, "--once"]
    done = run(in_keyring_session([sync, ["env", "-u", "LAPOR_PASSWORD", *sync]]), env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("synced: pushed 0") == 2
    log = (profile / "logs" / "lapor-desk.log").read_text("utf-8")
    assert "keyring_unavailable" not in log


@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
def test_frozen_desktop_opens_signs_in_syncs_and_exits(app: FrozenApp, live_server: LiveServer,
                                                       password: str, tmp_path: Path,
                                                       platform: str) -> None:
    """Offscreen, and on a real X server (Xvfb): the bundled xcb plugin and its libraries."""
    require_gnome_keyring()
    env = frozen_env(tmp_path / "home", real_keyring=True, LAPOR_PASSWORD=password,
                     QT_QPA_PLATFORM=platform)
    command = in_keyring_session([[str(app.desktop), "--smoke-test", live_server.url, USER,
                                   "--profile-root", str(tmp_path / "profiles")]])
    if platform == "xcb":
        if not shutil.which("xvfb-run"):
            if os.environ.get("LAPOR_REQUIRE_PG") == "1":
                pytest.fail("xvfb-run is needed (scripts/test.sh installs xvfb)")
            pytest.skip("xvfb-run not installed")
        env.pop("DISPLAY", None)
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    started = time.monotonic()
    done = run(command, env)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["window_visible"] is True
    assert result["sync"]["pulled_rows"] > 0
    assert result["status"]["complaints"] > 0 and result["status"]["pending"] == 0
    assert result["status"]["last_sync_at"]
    assert result["window_since_process_start"] >= result["window_seconds"]
    if platform == "offscreen":
        record_metric(gui_window_seconds=result["window_seconds"],
                      gui_window_since_process_start=result["window_since_process_start"],
                      gui_smoke_total_seconds=round(seconds, 2))


def test_frozen_app_runs_the_training_server(app: FrozenApp, backend: str, password: str,
                                             tmp_path: Path) -> None:
    """``lapor-desk --demo`` starts ``sys.executable -m lapor_desk.server.cli`` (services/demo.py):
    the same commands, run by the frozen executable, give a server a frozen client syncs with."""
    env = frozen_env(tmp_path / "home", real_keyring=True, LAPOR_PASSWORD=password)
    server_cli = [str(app.desktop), "-m", "lapor_desk.server.cli", "--log-level", "WARNING"]
    db = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    blobs = str(tmp_path / "blobs")
    for args in (["init-db", "--db", db],
                 ["seed", "--db", db, "--complaints", "60", "--seed", "1708", "--blobs", blobs]):
        done = run([*server_cli, *args], env)
        assert done.returncode == 0, done.stdout + done.stderr
    port = free_port()
    server = subprocess.Popen([*server_cli, "serve", "--db", db, "--host", "127.0.0.1", "--port",
                               str(port), "--blobs", blobs], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if requests.get(url + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        require_gnome_keyring()
        done = run(in_keyring_session([[str(app.cli), "sync", "--profile",
                                        str(tmp_path / "profile"), "--server", url, "--user",
                                        USER, "--once"]]), env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith("synced: pushed 0")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_frozen_app_trains_routing_help(app: FrozenApp, backend: str, tmp_path: Path) -> None:
    """Routing help trains in ``-m lapor_desk.models.routing.trainer`` of the same executable
    (services/routing.py): scikit-learn, SciPy and NumPy are in the bundle as far as training
    (the desktop's model kind) and suggesting need them, and the model it makes suggests what
    one trained here does."""
    from lapor_desk.models.routing.model import KIND, train
    from lapor_desk.models.routing.storage import from_bytes
    from lapor_desk.models.routing.suggest import suggest
    from lapor_desk.models.routing.trainer import encode
    from tests.models.routing.support import UNIT_NAMES, history

    items = history()
    done = subprocess.run(
        [str(app.desktop), "-m", "lapor_desk.models.routing.trainer"],
        input=b"".join(encode(items, len(items), KIND)),
        env=frozen_env(tmp_path, real_keyring=False), capture_output=True,
        timeout=RUN_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    assert done.stderr.decode().splitlines()[-1].startswith("progress ")
    frozen = from_bytes(done.stdout)
    ask = {"title": "lampu jalan mati", "body": "gelap malam", "regency": "Kota Kendari",
           "category": None, "allowed": UNIT_NAMES}
    answer = suggest(frozen, **ask)  # type: ignore[arg-type]
    here = suggest(train(items, kind=KIND), **ask)  # type: ignore[arg-type]
    # The same units in the same order; the scores may differ in the last digits (the bundle's
    # copy of the same BLAS may sum in another order).
    assert [u.unit_id for u in answer.units] == [u.unit_id for u in here.units]
    assert [u.score for u in answer.units] == pytest.approx([u.score for u in here.units],
                                                            abs=0.01)
    assert answer.category is not None and here.category is not None
    assert answer.category.category == here.category.category == "PERHUBUNGAN"
    assert answer.units[0].unit_name == "DISHUB Kota Kendari"
