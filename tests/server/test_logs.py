"""Every log line of the server is one line whatever a client sends: paths with %0a/%0d/ESC are
written escaped, and usernames with line separators or control characters are refused before
anything is logged (the real process's output, as written)."""

from __future__ import annotations

import ast
import io
import json
import logging
import re
import socket
import sys
from pathlib import Path

import pytest
import requests

from lapor_desk.server import logs
from lapor_desk.server.logs import JsonFormatter, event
from tests.server.builder import build_world
from tests.support.live_server import DatabaseFactory
from tests.support.server_process import ServerProcess

SERVER = Path(__file__).resolve().parents[2] / "lapor_desk" / "server"
LEVELS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


def _raw_get(url: str, target: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_hostile_paths_and_usernames_give_one_escaped_line_each(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    url = db_factory.new_url()
    build_world(url)
    server = ServerProcess(url, tmp_path / "blobs")
    try:
        forged = b"/api/v1/x%0a2026-01-01%20INFO%20lapor_desk%20event=login%20user=nasional%0d%1b[2K"
        assert _raw_get(server.url, forged).startswith(b"HTTP/1.1 404 ")
        for username in ("budi\u2028event=login user=nasional", "budi\x85x", "budi\u202e\x9b",
                         "budi\nevent=login"):
            answer = requests.post(server.url + "/api/v1/auth/login", timeout=30,
                                   json={"username": username, "password": "salah-sandi"})
            assert answer.status_code == 422  # never a username: refused before the log
        plain = requests.post(server.url + "/api/v1/auth/login", timeout=30,
                              json={"username": "budi \"x\" = y", "password": "salah-sandi"})
        assert plain.status_code == 401
    finally:
        server.stop()
    text = server.raw_output.decode("utf-8")
    lines = text.split("\n")
    assert text.splitlines() == lines[:-1]  # no line break but "\n" anywhere
    assert not any(c in text for c in "\r\x1b\x85\x9b\u2028\u202e")
    [path_line] = [line for line in lines if 'path="/api/v1/x' in line]
    assert ('path="/api/v1/x\\n2026-01-01 INFO lapor_desk event=login user=nasional\\r\\x1b[2K"'
            in path_line)
    failed = [line for line in lines if "event=login_failed " in line]
    assert [line.split(" user=", 1)[1].split(" addr=")[0] for line in failed] == [
        '"budi \\"x\\" = y"']  # quoted: the value cannot pose as another field
    assert not [line for line in lines if line.startswith("event=")]  # nothing forged


def test_no_server_module_logs_around_the_escaping_helper() -> None:
    """Each log line of the server goes through ``server.logs.event``: a direct
    ``log.info("... %s", value)`` would write the value unescaped."""
    direct = []
    for path in sorted(SERVER.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LEVELS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in {"log", "logger", "logging"}):
                direct.append(f"{path.relative_to(SERVER)}:{node.lineno}")
    assert direct == ["logs.py:51"]  # the helper itself


def test_json_format_gives_one_object_per_line_with_the_fields(
        db_factory: DatabaseFactory, tmp_path: Path) -> None:
    """``LAPOR_LOG_FORMAT=json``: every line the process writes, uvicorn's too, is one JSON
    object with time, level and event; values come back exactly as they were."""
    url = db_factory.new_url()
    build_world(url)
    server = ServerProcess(url, tmp_path / "blobs", env={"LAPOR_LOG_FORMAT": "json"})
    try:
        forged = b"/api/v1/x%0a%22%7D%7B%22event%22:%22login%22%1b[2K%e2%80%a8"
        assert _raw_get(server.url, forged).startswith(b"HTTP/1.1 404 ")
        wrong = requests.post(server.url + "/api/v1/auth/login", timeout=30,
                              json={"username": "budi \"x\" = y", "password": "salah-sandi"})
        assert wrong.status_code == 401
    finally:
        server.stop()
    text = server.raw_output.decode("utf-8")
    assert text.endswith("\n") and text.isascii()
    lines = [json.loads(line) for line in text.splitlines()]
    assert all({"time", "level", "logger", "event"} <= set(line) for line in lines)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
               for line in lines)
    assert any(line["event"] == "log" and "Uvicorn running" in line["message"]
               for line in lines)  # uvicorn's own lines, in the same format
    [path_line] = [line for line in lines if line["event"] == "request"
                   and line["path"].startswith("/api/v1/x")]
    assert path_line["path"] == '/api/v1/x\n"}{"event":"login"\x1b[2K\u2028'
    assert (path_line["status"], path_line["route"], path_line["level"]) == (
        404, "unmatched", "INFO")
    assert isinstance(path_line["ms"], float) and path_line["ms"] >= 0
    [failed] = [line for line in lines if line["event"] == "login_failed"]
    assert (failed["user"], failed["code"], failed["level"]) == (
        'budi "x" = y', "bad_credentials", "WARNING")
    assert [line for line in lines if line["event"] == "login"] == []  # nothing forged


def test_json_lines_carry_an_exception_and_keep_reserved_names() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.server.json_lines")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        raise ValueError("nilai\nburuk")
    except ValueError as error:
        event(logger, "auto_close_failed", logging.ERROR, exc=error, time="x", count=3,
              event="y")
    finally:
        logger.removeHandler(handler)
    [line] = stream.getvalue().splitlines()
    found = json.loads(line)
    assert (found["event"], found["level"], found["count"]) == ("auto_close_failed", "ERROR", 3)
    assert (found["time_"], found["event_"]) == ("x", "y")  # a field never hides the line's own
    assert (found["error"], found["message"]) == ("ValueError", "nilai\nburuk")
    assert "raise ValueError" in found["trace"]


def test_lines_go_to_the_standard_error_of_the_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Logging configured while one standard error was in place keeps writing after it was
    replaced and closed (a command run in-process, a test's capture), instead of failing on a
    closed stream at every line."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))  # given back after the test
    monkeypatch.setattr(root, "level", root.level)
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    logs.configure("INFO", "text")
    first.close()
    second = io.StringIO()
    monkeypatch.setattr(sys, "stderr", second)
    logs.event(logging.getLogger("lapor_desk.server.test"), "after_the_swap", n=1)
    [line] = second.getvalue().splitlines()  # the line itself, no "--- Logging error ---"
    assert line.endswith("INFO lapor_desk.server.test event=after_the_swap n=1")
