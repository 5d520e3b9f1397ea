"""The sign-in dialog says at once, beside the server address, that plain ``http://`` to another
computer is not used and to use ``https://``; signing in to it sends nothing (not even a
connection), and the smoke test refuses it the same way."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from lapor_desk import cli
from lapor_desk.services import Workstation
from lapor_desk.ui import i18n, labels
from lapor_desk.ui.dialogs.login import LoginDialog
from tests.support.listener import Listener, listening, own_address

pytestmark = pytest.mark.timeout(120)
HINT = ("Use the address that starts with https://. With http:// your password and the "
        "complaints would travel unprotected, so LAPOR Desk does not connect to it.")


@pytest.fixture
def listener() -> Iterator[Listener]:
    address = own_address()
    if address is None:
        pytest.skip("this computer has no address but loopback to listen on")
    with listening(address) as listening_socket:
        yield listening_socket


@pytest.fixture
def login(qtbot: Any) -> LoginDialog:
    dialog = LoginDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_server(qtbot: Any, login: LoginDialog, text: str) -> None:
    field = login.server_field
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_the_address_field_says_to_use_https_as_it_is_typed(qtbot: Any,
                                                            login: LoginDialog) -> None:
    hint = QCoreApplication.translate("LoginDialog", HINT)
    type_server(qtbot, login, "http://lapor.kendarikab.go.id")
    assert login.server_hint.isVisible() and login.server_hint.text() == hint
    assert "https://" in hint
    type_server(qtbot, login, "https://lapor.kendarikab.go.id")
    assert not login.server_hint.isVisible()
    type_server(qtbot, login, "http://127.0.0.1:8000")  # this computer (the demo): fine
    assert not login.server_hint.isVisible()
    type_server(qtbot, login, "lapor.kendarikab.go.id")  # no scheme: https
    assert not login.server_hint.isVisible()


def test_the_hint_is_indonesian_by_default(qtbot: Any) -> None:
    previous = i18n.saved_language()
    i18n.set_language("id")
    try:
        dialog = LoginDialog([])
        qtbot.addWidget(dialog)
        dialog.server_field.setText("http://lapor.kendarikab.go.id")
        text = dialog.server_hint.text()
        assert "https://" in text and text != HINT and "kata sandi" in text.lower()
        assert "https://" in labels.error("plain_http") and "kata sandi" in \
            labels.error("plain_http").lower()
    finally:
        i18n.set_language(previous)


def test_signing_in_to_plain_http_sends_nothing(qtbot: Any, login: LoginDialog,
                                                listener: Listener) -> None:
    sent: list[tuple[str, str, str]] = []
    login.submitted.connect(lambda *values: sent.append(values))
    type_server(qtbot, login, listener.url)
    qtbot.keyClicks(login.username, "admin.kendari")
    qtbot.keyClicks(login.password, "kata-sandi-rahasia")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert sent == [] and login.isVisible() and login.buttons.isEnabled()
    assert login.message.text() == labels.error("plain_http")
    assert login.server_field.selectedText() == listener.url  # where the fix is
    assert QApplication.focusWidget() in (login.server_field, login.server, None)
    assert listener.connections() == 0


def test_a_refused_address_from_the_services_is_worded_at_the_address(
        qtbot: Any, login: LoginDialog, tmp_path: Path, listener: Listener) -> None:
    from lapor_desk.services import SignInError

    station = Workstation(tmp_path / "profiles", device="pytest")
    try:
        with pytest.raises(SignInError) as info:
            station.sign_in(listener.url, "admin.kendari", "x")
    finally:
        station.close()
    login.server_field.setText(listener.url)
    login.failed(info.value)
    assert login.message.text() == labels.error("plain_http")
    assert login.server_field.selectedText() == listener.url
    assert listener.connections() == 0


@pytest.fixture
def own_log_handlers() -> Iterator[None]:
    root = logging.getLogger("lapor_desk")
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_the_smoke_test_refuses_plain_http(listener: Listener, tmp_path: Path, qtbot: Any,
                                           own_log_handlers: None,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LAPOR_PASSWORD", "kata-sandi-rahasia")
    code = cli.main(["--smoke-test", listener.url, "admin.kendari",
                     "--profile-root", str(tmp_path / "profiles")])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 1 and result["error"] == "plain_http"
    assert listener.connections() == 0
