"""The training sandbox: seeded once and kept between starts (same address, same profile),
wiped and seeded afresh on reset, and ``lapor-desk --reset`` refuses to touch anything outside
demo mode or without a yes."""

from __future__ import annotations

import io
import json
import urllib.request
from pathlib import Path

import pytest

from lapor_desk import cli
from lapor_desk.services.demo import PORT_FILE, SEEDED_FILE, DemoServer
from lapor_desk.services.types import DemoProgress

pytestmark = pytest.mark.timeout(240)


def health(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "/api/v1/health", timeout=5) as answer:
        return dict(json.loads(answer.read()))


def test_sandbox_is_kept_between_starts_and_reseeded_on_reset(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    beside = tmp_path / "not-the-demo.txt"
    beside.write_text("keep me")
    demo = DemoServer(root, complaints=40)
    steps: list[str] = []
    try:
        url = demo.start(lambda p: steps.append(p.step))
        assert steps == ["prepare", "seed", "start", "ready"] and demo.seeded
        assert health(url)["status"] == "ok"
        assert health(url)["training"] is True  # the training world's clock, no auto-close
        (demo.profile_root / "someone").mkdir(parents=True)
        database = (root / "server.sqlite3").stat()
        demo.close()
        assert (root / SEEDED_FILE).is_file()  # closing keeps the training data

        steps.clear()
        again = DemoServer(root, complaints=40)
        url2 = again.start(lambda p: steps.append(p.step))
        assert steps == ["prepare", "start", "ready"]  # not seeded twice
        assert (root / "server.sqlite3").stat().st_ino == database.st_ino
        if url2 == url:  # the address (and so the profile) stays when the port is free
            assert (again.profile_root / "someone").is_dir()
        assert (root / PORT_FILE).read_text() == url2.rsplit(":", 1)[1]

        progress: list[DemoProgress] = []
        url3 = again.reseed(progress.append)
        assert [p.step for p in progress] == ["prepare", "seed", "start", "ready"]
        assert health(url3)["status"] == "ok"
        assert not (again.profile_root / "someone").exists()  # the demo caches are wiped
        assert beside.read_text() == "keep me"  # nothing outside the sandbox
        again.close()
    finally:
        demo.stop()


def test_a_half_seeded_sandbox_starts_over(tmp_path: Path) -> None:
    demo = DemoServer(tmp_path / "demo", complaints=20)
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "server.sqlite3").write_bytes(b"not a database")
    try:
        demo.start()
        assert demo.seeded
    finally:
        demo.close()


def test_reset_only_with_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--reset"]) == cli.EXIT_USAGE
    assert "--demo" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_reset_asks_first_and_no_keeps_everything(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert cli.main(["--demo", "--reset"]) == cli.EXIT_OK  # no desktop was opened
    out = capsys.readouterr().out
    assert "Reset the training data?" in out and "Nothing was deleted." in out
