"""Building the frozen app for the tests, with a cache that is safe to reuse, and running it.

The build (``installer/lapor-desk.spec``) takes about a minute. Its result is kept in
``build/frozen-cache/<key>/`` where the key is a hash of everything that goes into it: the spec
and entry script, ``pyproject.toml``, every file of the ``lapor_desk`` package and of
``resources/``, the name and version of every installed distribution, the Python version and the
platform. Any change gives a new key and a fresh build; only the newest build is kept.
``LAPOR_FROZEN_REBUILD=1`` ignores the cache; ``LAPOR_FROZEN_APP=DIR`` tests an app built
elsewhere (e.g. by ``installer/build-linux.sh``) instead of building one.

A real keyring for the frozen app: the product keeps the session token and the cache's
encryption key in the OS keyring and has no plain-file fallback, so the sign-in tests run the
frozen app under ``dbus-run-session`` with a fresh, unlocked gnome-keyring (:func:`keyring_session`;
HOME and XDG folders in a temporary directory). ``--version`` needs no keyring and runs without a
D-Bus session (``PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring``, test-only).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "frozen-cache"
ARTIFACTS = ROOT / "test-artifacts"
BUILD_TIMEOUT = 900


@dataclass(frozen=True)
class FrozenApp:
    folder: Path
    build_seconds: float | None  # None: reused from the cache

    @property
    def desktop(self) -> Path:
        return self.folder / ("lapor-desk.exe" if os.name == "nt" else "lapor-desk")

    @property
    def cli(self) -> Path:
        return self.folder / ("lapor-desk-cli.exe" if os.name == "nt" else "lapor-desk-cli")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file()
                   and not p.is_symlink())


def build_key() -> str:
    digest = hashlib.sha256()
    inputs = [ROOT / "installer" / "lapor-desk.spec", ROOT / "installer" / "entry.py",
              ROOT / "pyproject.toml"]
    for folder in (ROOT / "lapor_desk", ROOT / "resources"):
        inputs += sorted(p for p in folder.rglob("*") if p.is_file()
                         and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for path in inputs:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(dists).encode())
    digest.update(f"{sys.version}|{platform.platform()}".encode())
    return digest.hexdigest()[:20]


def frozen_app() -> FrozenApp:
    given = os.environ.get("LAPOR_FROZEN_APP")
    if given:
        return FrozenApp(Path(given), None)
    import fcntl  # POSIX only, like the build this module makes

    key = build_key()
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time, even across test runs
        target = CACHE / key
        done = target / "complete.json"
        if done.exists() and os.environ.get("LAPOR_FROZEN_REBUILD") != "1":
            return FrozenApp(target / "dist" / "lapor-desk", None)
        for old in CACHE.iterdir():
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        started = time.monotonic()
        done_build = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
             "--distpath", str(target / "dist"), "--workpath", str(target / "work"),
             str(ROOT / "installer" / "lapor-desk.spec")],
            cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False,
            # PyInstaller's own cache (stripped binaries, module hooks' findings) in the build's
            # folder: ``--clean`` empties it, and the one in the home folder is shared by every
            # test run on the machine, whose concurrent builds would empty it under each other.
            env=dict(os.environ, PYINSTALLER_CONFIG_DIR=str(target / "pyinstaller")))
        seconds = time.monotonic() - started
        if done_build.returncode != 0:
            raise RuntimeError(f"PyInstaller failed ({done_build.returncode}):\n"
                               f"{done_build.stderr[-6000:]}")
        shutil.rmtree(target / "work", ignore_errors=True)
        shutil.rmtree(target / "pyinstaller", ignore_errors=True)
        done.write_text(json.dumps({"build_seconds": round(seconds, 1)}), "utf-8")
        return FrozenApp(target / "dist" / "lapor-desk", seconds)


def gnome_keyring_available() -> bool:
    return bool(shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"))


def keyring_session(command: list[str]) -> list[str]:
    """``command`` run in a private D-Bus session with an unlocked gnome-keyring."""
    script = ('printf "lapor-test" | gnome-keyring-daemon --unlock --components=secrets '
              '>/dev/null 2>&1 || exit 90; exec "$@"')
    return ["dbus-run-session", "--", "sh", "-c", script, "keyring-session", *command]


def frozen_env(home: Path, *, real_keyring: bool, **extra: str) -> dict[str, str]:
    """A clean environment for the frozen app: its own HOME/XDG dirs, offscreen Qt, and nothing
    from this interpreter (no PYTHONPATH, no virtualenv) that could hide a missing module."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LAPOR_", "XDG_", "DBUS_"))}
    for name in ("config", "data", "cache", "state"):
        (home / name).mkdir(parents=True, exist_ok=True)
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_STATE_HOME=str(home / "state"), XDG_RUNTIME_DIR=str(runtime),
               QT_QPA_PLATFORM="offscreen")
    if not real_keyring:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env.update(extra)
    return env


def record_metric(**values: object) -> None:
    """Measured figures of the frozen app, for the README (test-artifacts/frozen-app.json)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "frozen-app.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    data.update(values)
    path.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
