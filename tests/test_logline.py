"""Log values cannot break or forge a line: controls, separators and bidi characters are escaped,
on the desktop's event lines and the server's alike."""

from __future__ import annotations

import logging

import pytest

from lapor_desk.logline import MAX_VALUE, value
from lapor_desk.server.logs import event as server_event
from lapor_desk.sync.log import event as desktop_event


@pytest.mark.parametrize(("raw", "written"), [
    ("plain", "plain"),
    ("", '""'),
    ("two words", '"two words"'),
    ("a=b", '"a=b"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", "back\\\\slash"),
    ("line\nevent=forged user=admin", '"line\\nevent=forged user=admin"'),
    ("cr\rlf", "cr\\rlf"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("nel\x85csi\x9b", "nel\\x85csi\\x9b"),
    ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
    ("rlo\u202egnp.exe", "rlo\\u202egnp.exe"),
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("nbsp\u00a0ideographic\u3000", "nbsp\\xa0ideographic\\u3000"),
    ("private\ue000unassigned\u0378", "private\\ue000unassigned\\u0378"),
    ("Rp\u2014\u00e9t\u00e9\u4e2d\u6587\U0001f600", "Rp\u2014\u00e9t\u00e9\u4e2d\u6587\U0001f600"),
    ("lone\ud800", "lone\\ud800"),
    ("Kab. Konawe", '"Kab. Konawe"'),
    (42, "42"),
    (None, "None"),
])
def test_values_are_escaped_and_quoted(raw: object, written: str) -> None:
    assert value(raw) == written


def test_long_values_are_cut_with_a_marker() -> None:
    assert value("x" * (MAX_VALUE + 5)) == "x" * MAX_VALUE + "...[+5]"


def test_an_escaped_value_has_no_character_that_ends_a_line() -> None:
    every = "".join(chr(c) for c in range(0x3000)) + "\U0001f600\U000e0001"
    written = value(every, limit=len(every))
    assert written.splitlines() == [written]
    assert all(c.isprintable() or c == " " for c in written), "a control got through"


def test_desktop_and_server_event_lines_use_it(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("lapor_desk.tests.logline")
    desktop_event(logger, "http.retry", path="/api/v1/x\nsync.done ok=1", error="a\rb")
    server_event(logger, "request", path="/x\r\nevent=login user=admin", user="budi\u2028")
    assert [r.getMessage() for r in caplog.records] == [
        'http.retry path="/api/v1/x\\nsync.done ok=1" error=a\\rb',
        'event=request path="/x\\r\\nevent=login user=admin" user=budi\\u2028',
    ]


def test_an_exception_is_written_on_its_event_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("lapor_desk.tests.logline")
    try:
        raise KeyError("x\nevent=login user=admin")
    except KeyError as error:
        server_event(logger, "unhandled_error", logging.ERROR, exc=error, path="/p")
    [record] = caplog.records
    text = caplog.text
    assert record.exc_info is None and text.count("\n") == 1  # one line, trace included
    message = record.getMessage()
    assert message.startswith("event=unhandled_error path=/p error=KeyError message=")
    assert "\\nevent=login" in message and "trace=\"Traceback" in message
