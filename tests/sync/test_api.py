"""The typed client: each call goes to its endpoint of the wire description, every endpoint has
a call, and what comes back is read as the protocol says."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

import pytest

from lapor_desk.models import wire
from lapor_desk.models.enums import Role
from lapor_desk.sync.api import Api
from lapor_desk.sync.errors import ProtocolError

SHA = "ab" * 32
PERSON = {"id": 9, "username": "lo_baru", "display_name": "Wa Ode", "role": "liaison_officer",
          "unit_id": 11, "disabled": False, "must_change_password": False,
          "created_at": "2026-12-07T00:00:00.000000Z"}
USER = {"id": 5, "username": "sari", "display_name": "Sari", "role": "agency_admin",
        "unit_id": 11, "scope_root_id": 10}


class Recorder:
    """A transport that answers from a table and writes down each request."""

    def __init__(self, answers: dict[Any, Any]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def _answer(self, method: str, path: str, **details: Any) -> Any:
        self.calls.append((method, path, details))
        return self.answers.get((method, path), self.answers.get(path))

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._answer("GET", path, params=params)

    def post_json(self, path: str, body: Any, *, auth: bool = True,
                  retry_throttled: bool = True) -> Any:
        return self._answer("POST", path, body=body, auth=auth, retry_throttled=retry_throttled)

    def put_bytes(self, path: str, params: Mapping[str, Any], data: bytes) -> Any:
        return self._answer("PUT", path, params=params, data=data)

    def download(self, path: str, sink: BinaryIO, offset: int,
                 on_bytes: Callable[[int], None] | None = None) -> int:
        sink.write(self._answer("GET", path, offset=offset))
        return offset + len(self.answers[path])


ANSWERS: dict[Any, Any] = {
    wire.HEALTH.path: {"status": "ok", "schema_version": 1, "instance_id": "i-1"},
    wire.LOGIN.path: {"token": "t", "expires_at": "2026-12-07T00:00:00Z", "user": USER},
    wire.LOGOUT.path: {"status": "ok"},
    wire.ME.path: USER,
    wire.PULL.path: {"schema_version": 3, "cursor": "c", "has_more": False},
    wire.PUSH.path: {"results": [{"mutation_id": 7, "outcome": "applied", "version": 2,
                                  "reason": None, "detail": None, "current": None}]},
    wire.UPLOAD_CHUNK.to(sha256=SHA): {"offset": 3, "complete": True},
    wire.DOWNLOAD_BLOB.to(sha256=SHA): b"abc",
    wire.AGENCY_ALIASES.to(agency_id="12"): {"id": 12, "aliases": ["Dinkes"]},
    wire.CHANGE_PASSWORD.path: {"token": "t2", "expires_at": "2026-12-07T00:00:00Z",
                                "user": USER},
    wire.USERS.path: {"users": [PERSON], "has_more": False},
    wire.CREATE_USER.route: {"user": {**PERSON, "must_change_password": True},
                             "one_time_password": "abcd-efgh-jkmn"},
    wire.DISABLE_USER.to(user_id="9"): {**PERSON, "disabled": True},
    wire.ENABLE_USER.to(user_id="9"): PERSON,
    wire.MOVE_USER.to(user_id="9"): {**PERSON, "unit_id": 12},
    wire.RESET_PASSWORD.to(user_id="9"): {"user": {**PERSON, "must_change_password": True},
                                          "one_time_password": "abcd-efgh-jkmn"},
    wire.USER_AUDIT.path: {"entries": [{
        "id": 3, "at": "2026-12-07T00:00:00.000000Z", "actor_id": 5, "actor_username": "sari",
        "action": "moved", "user_id": 9, "username": "lo_baru",
        "detail": {"from_unit_id": 11, "unit_id": 12}}]},
}


def every_call(api: Api) -> None:
    api.health()
    api.login("sari", "rahasia", "pc-1")
    api.logout()
    api.me()
    api.pull_answer({"layout": "packed"})
    api.push("client-1", [{"mutation_id": 7}], [7])
    api.upload_status(SHA, 3)
    api.upload_chunk(SHA, 0, 3, b"abc")
    api.download_blob(SHA, io.BytesIO(), 0)
    api.set_aliases(12, ["Dinkes"])
    api.change_password("sari", "abcd-efgh-jkmn", "kata-sandi-baru", "pc-1")
    api.list_users({"role": "liaison_officer"})
    api.create_user("lo_baru", "Wa Ode", "liaison_officer", 11)
    api.disable_user(9)
    api.enable_user(9)
    api.move_user(9, 12, None)
    api.reset_password(9)
    api.user_audit({"user_id": 9})


def test_every_endpoint_has_one_call_and_each_call_its_endpoint() -> None:
    recorder = Recorder(ANSWERS)
    every_call(Api(recorder))
    requests = [(method, path) for method, path, _ in recorder.calls]
    described = [(e.method, e.path.format(sha256=SHA, agency_id="12", user_id="9")) for e in wire.ENDPOINTS]
    assert requests == described


def test_calls_carry_what_each_endpoint_takes_and_read_its_answer() -> None:
    recorder = Recorder(ANSWERS)
    api = Api(recorder)
    assert api.health().instance_id == "i-1"
    login = api.login("sari", "rahasia", "pc-1")
    assert (login.token, login.user.role) == ("t", Role.AGENCY_ADMIN)
    assert api.me().unit_id == 11
    assert api.pull_answer({"cursor": "c"}) == ANSWERS[wire.PULL.path]  # checked by the engine
    [result] = api.push("client-1", [{"mutation_id": 7}], [7]).results
    assert (result.mutation_id, result.version) == (7, 2)
    assert api.upload_chunk(SHA, 0, 3, b"abc").complete
    sink = io.BytesIO()
    assert api.download_blob(SHA, sink, 0) == 3 and sink.getvalue() == b"abc"
    details = {path: found for _, path, found in recorder.calls}
    # a login goes without a token and is never retried when throttled (the person waits)
    assert details[wire.LOGIN.path] == {
        "body": {"username": "sari", "password": "rahasia", "device": "pc-1"},
        "auth": False, "retry_throttled": False}
    assert details[wire.PUSH.path]["body"] == {"client_id": "client-1",
                                               "actions": [{"mutation_id": 7}]}
    assert details[wire.PULL.path] == {"params": {"cursor": "c"}}
    assert details[wire.UPLOAD_CHUNK.to(sha256=SHA)]["params"] == {"offset": 0, "total": 3}
    assert api.set_aliases(12, ["Dinkes"]) == ("Dinkes",)
    changed = api.change_password("sari", "abcd-efgh-jkmn", "kata-sandi-baru", "pc-1")
    assert changed.token == "t2"
    details = {path: found for _, path, found in recorder.calls}
    assert details[wire.CHANGE_PASSWORD.path] == {
        "body": {"username": "sari", "password": "abcd-efgh-jkmn",
                 "new_password": "kata-sandi-baru", "device": "pc-1"},
        "auth": False, "retry_throttled": False}
    assert api.reset_password(9).one_time_password == "abcd-efgh-jkmn"
    assert api.move_user(9, 12, "agency_admin").unit_id == 12
    assert recorder.calls[-1][2]["body"] == {"unit_id": 12, "role": "agency_admin"}
    [entry] = api.user_audit({})
    assert (entry.action, entry.detail["unit_id"]) == ("moved", 12)
    assert api.list_users({}).people[0].role == Role.LIAISON_OFFICER


def test_an_answer_that_breaks_the_protocol_is_refused() -> None:
    api = Api(Recorder({**ANSWERS, wire.ME.path: {"id": "five"}}))
    with pytest.raises(ProtocolError):
        api.me()
    aliases = Api(Recorder({wire.AGENCY_ALIASES.to(agency_id="12"): {"aliases": [3]}}))
    with pytest.raises(ProtocolError):
        aliases.set_aliases(12, ["Dinkes"])
