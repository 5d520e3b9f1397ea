"""Schemathesis against the real server over loopback, as a liaison officer, an agency admin and
the national admin, on SQLite and PostgreSQL: every check (``st run --checks all``), positive and
negative data, the coverage, fuzzing and stateful phases (the stateful one follows the
document's links), bounded and seeded. It must find nothing: the OpenAPI document tells what the
server really does.

The run is Schemathesis's own engine (what ``st run`` drives), started from the test: the
document and the tokens exist only once the fixtures have started the server (and the lazy
``schemathesis.pytest.from_fixture`` does not run under pytest 9.2).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.engine import Status, events, from_schema

from lapor_desk.server.database import transaction
from lapor_desk.server.services import tokens
from lapor_desk.server.settings import ServerSettings
from tests.server.builder import PASSWORD, World
from tests.support.live_server import DatabaseFactory, LiveServer, start_server

pytestmark = pytest.mark.slow

ROLES = {"liaison_officer": "lo_prov_health", "agency_admin": "admin_prov",
         "national_admin": "nasional"}
#: Every role on PostgreSQL, the strict one; a liaison officer on SQLite. The first role of a
#: backend runs every phase; the others skip the coverage phase, whose requests (the schema's
#: boundaries, missing and wrong parameters and credentials) come out the same for every role,
#: and run the phases whose answers depend on what the role may see and do.
ROLES_ON = {"postgresql": tuple(ROLES), "sqlite": ("liaison_officer",)}
API = "/api/v1"
LOGOUT = API + "/auth/logout"
PUBLIC = (API + "/health", API + "/auth/login")
UPLOAD = API + "/blobs/{sha256}/upload"
DOWNLOAD = API + "/blobs/{sha256}"
PULL = API + "/sync/pull"
PUSH = API + "/sync/push"

SEED = 20261102
MAX_EXAMPLES = 10
STATEFUL_STEPS = 10

#: Refusals of schema-valid requests that depend on content a schema cannot express; for these
#: (operation, status) the positive-data check accepts the status, and only with these codes
#: (``refusals_name_their_content``): a 422 ``invalid_request`` there is still a failure.
CONTENT_REFUSALS: dict[tuple[str, str, int], frozenset[str]] = {
    # The bytes must hash to the path's SHA-256 and fit inside `total`.
    ("PUT", UPLOAD, 422): frozenset({"hash_mismatch", "chunk_past_total"}),
    # A cursor is opaque: any string is well formed, only the server's own are cursors.
    ("GET", PULL, 400): frozenset({"cursor_invalid"}),
    # A range is checked against the blob's size.
    ("GET", DOWNLOAD, 416): frozenset({"invalid_request"}),
}
DEFAULT_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
DEFAULT_REJECTED = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429",
                    "5xx"]


def _accepting(method: str, path: str, status: int) -> dict[str, Any]:
    return {"include-method": method, "include-path": path, "checks": {
        "positive_data_acceptance": {"expected-statuses": [*DEFAULT_ACCEPTED, str(status)]}}}


def _rejecting_too_large(method: str, path: str) -> dict[str, Any]:
    # A batch over `maxItems` or a `total` over `maximum` is schema-invalid, and the contract's
    # answer to it is 413 `too_large` (docs/sync-protocol.md), a rejection like 422.
    return {"include-method": method, "include-path": path, "checks": {
        "negative_data_rejection": {"expected-statuses": [*DEFAULT_REJECTED, "413"]}}}


def fuzz_config(base_url: str, *, coverage: bool) -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "base-url": base_url,
        "workers": 1,
        "checks": {"enabled": True},  # --checks all
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
        "phases": {"coverage": {"enabled": coverage},
                   "stateful": {"max-steps": STATEFUL_STEPS}},
        "operations": [
            *(_accepting(method, path, status) for method, path, status in CONTENT_REFUSALS),
            _rejecting_too_large("POST", PUSH),
            _rejecting_too_large("PUT", UPLOAD),
        ],
    })


@schemathesis.check
def refusals_name_their_content(ctx: Any, response: Any, case: Any) -> bool | None:
    """A schema-valid request refused with one of :data:`CONTENT_REFUSALS`' statuses must be
    refused for its content, by code."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    allowed = CONTENT_REFUSALS.get((case.method.upper(), case.operation.path,
                                    response.status_code))
    if allowed is None:
        return None
    code = response.json().get("error", {}).get("code")
    assert code in allowed, (
        f"a schema-valid request refused {response.status_code} `{code}`; only "
        f"{sorted(allowed)} depend on content the schema cannot express")
    return None


@dataclass
class Target:
    live: LiveServer
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def target(db_factory: DatabaseFactory, world_template: tuple[str, World],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """One copy of the world for the module; every role signs in before any request is fuzzed
    (the fuzzed logins lock the loopback address out of logging in for a while)."""
    template_url, world = world_template
    settings = ServerSettings(database_url=db_factory.copy_of(template_url),
                              blob_dir=tmp_path_factory.mktemp("blobs"), auto_close_interval=0)
    live = start_server(settings, seed=world)
    signed_in = {}
    try:
        for role, username in ROLES.items():
            response = requests.post(live.url + API + "/auth/login", timeout=30, json={
                "username": username, "password": PASSWORD, "device": "schemathesis"})
            assert response.status_code == 200, response.text
            signed_in[role] = response.json()["token"]
        yield Target(live, signed_in)
    finally:
        live.stop()


def _bearer(case: Any, token: str) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


def _authenticate(schema: Any, target: Target, role: str) -> None:
    """The role's token on every authenticated route but logout, which gets a token of its own
    each time (it revokes the one it is sent)."""
    token = target.tokens[role]
    username = ROLES[role]

    class RoleToken:
        def get(self, case: Any, context: Any) -> str:
            return token

        def set(self, case: Any, data: str, context: Any) -> None:
            _bearer(case, data)

    class FreshToken:
        def get(self, case: Any, context: Any) -> str:
            with transaction(target.live.engine) as session:
                return tokens.login(session, username, PASSWORD, "schemathesis").token

        def set(self, case: Any, data: str, context: Any) -> None:
            _bearer(case, data)

    schema.auth(refresh_interval=None).apply_to(path=LOGOUT)(FreshToken)
    schema.auth(refresh_interval=None).skip_for(path=[*PUBLIC, LOGOUT])(RoleToken)


def _problem(recorder: Any, case_id: str, check: Any) -> str:
    """What a check found (or that it crashed), the request as curl and the answer."""
    interaction = recorder.interactions.get(case_id)
    answer = ""
    if interaction is not None and interaction.response is not None:
        response = interaction.response
        answer = f"\n-> {response.status_code} {response.content[:500]!r}"
    if check.failure_info is None:
        return f"{recorder.label} [{check.name}]: the check crashed{answer}"
    failure = check.failure_info.failure
    return (f"{recorder.label} [{check.name}]: {failure.title}\n{failure.message}\n"
            f"{check.failure_info.code_sample[:3000]}{answer}")


@dataclass
class Findings:
    cases: int
    problems: list[str]
    phases: dict[str, str]


def run(schema: Any) -> Findings:
    cases = 0
    problems: list[str] = []
    phases: dict[str, str] = {}
    started: dict[str, float] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            cases += len(event.recorder.cases)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status in (Status.FAILURE, Status.ERROR):
                        problems.append(_problem(event.recorder, case_id, check))
        elif isinstance(event, events.NonFatalError | events.FatalError):
            problems.append(f"{type(event).__name__}: {getattr(event, 'info', event)!s}")
        elif isinstance(event, events.PhaseStarted):
            started[event.phase.name.value] = event.timestamp
        elif isinstance(event, events.PhaseFinished):
            name = event.phase.name.value
            took = event.timestamp - started.get(name, event.timestamp)
            phases[name] = f"{event.status.value} {took:.1f}s"
    return Findings(cases, list(dict.fromkeys(problems)), phases)


def test_schemathesis_finds_nothing(target: Target, backend: str) -> None:
    problems: list[str] = []
    for index, role in enumerate(ROLES_ON[backend]):
        config = fuzz_config(target.live.url, coverage=index == 0)
        schema = schemathesis.openapi.from_url(target.live.url + "/openapi.json", config=config)
        _authenticate(schema, target, role)
        started = time.monotonic()
        found = run(schema)
        print(f"schemathesis backend={backend} role={role} cases={found.cases} "
              f"seconds={time.monotonic() - started:.1f} phases={found.phases}")
        problems += [f"as {role}: {problem}" for problem in found.problems]
        ran = {name for name, outcome in found.phases.items() if outcome.startswith("success")}
        expected = {"coverage", "fuzzing", "stateful"} if index == 0 else {"fuzzing", "stateful"}
        if not expected <= ran or found.cases < (300 if index == 0 else 150):
            problems.append(f"as {role}: {found.cases} cases; phases {found.phases}")
    assert not problems, "\n\n".join(problems)
