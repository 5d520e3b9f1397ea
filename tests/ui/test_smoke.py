"""``lapor-desk --smoke-test``: the desktop's real start path, headless, then JSON and an exit code.

(The frozen app runs the same mode in tests/installer/test_frozen.py.)"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lapor_desk import cli
from lapor_desk.ui import smoke
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(autouse=True)
def own_log_handlers() -> Iterator[None]:
    """The smoke mode adds the CLI's rotating log handler; take it off again afterwards."""
    root = logging.getLogger("lapor_desk")
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_smoke_mode_signs_in_syncs_and_prints_status(
        live_server: LiveServer, password: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAPOR_PASSWORD", password)
    code = cli.main(["--smoke-test", live_server.url, "admin.kendari",
                     "--profile-root", str(tmp_path / "profiles")])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0, result
    assert result["window_visible"] is True and result["sync"]["pulled_rows"] > 0
    assert result["status"]["complaints"] > 0 and result["status"]["last_sync_at"]
    assert (tmp_path / "profiles" / "logs" / "lapor-desk.log").exists()


def test_smoke_mode_fails_with_the_error_code(live_server: LiveServer, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, qtbot: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAPOR_PASSWORD", "salah")
    monkeypatch.setattr(smoke, "SMOKE_TIMEOUT_MS", 5_000)
    code = cli.main(["--smoke-test", live_server.url, "admin.kendari",
                     "--profile-root", str(tmp_path / "profiles")])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 1 and result["error"] == "bad_credentials"
    # Its time limit ends with it: the application it ran in keeps its event loops afterwards.
    started = time.monotonic()
    qtbot.wait(10_000)  # Qt's coarse timers may end this wait up to 5 % early: 9.5 s
    assert time.monotonic() - started >= 9.0, "the smoke test's time limit ended an event loop"
