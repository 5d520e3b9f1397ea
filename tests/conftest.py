"""Shared fixtures: the real reference server on loopback, on SQLite and on PostgreSQL.

``LAPOR_TEST_PG_URL`` names a PostgreSQL admin URL (``scripts/pg-start.sh`` prints one; the test
command sets it). With ``LAPOR_REQUIRE_PG=1`` (the test command and CI) a missing PostgreSQL
fails the run instead of skipping the PostgreSQL half.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lapor_desk.services import Workstation
    from tests.support.live_server import DatabaseFactory, LiveServer
    from tests.support.shared_server import SharedServer
    from tests.support.templates import SessionDatabases

PASSWORD = "rahasia-uji-123"  # the seeded users' password (tests/support/live_server.py too)

BACKENDS = ["sqlite", "postgresql"]
SEED_COMPLAINTS = 400
SEED = 7


def _pg_url() -> str | None:
    from tests.support.pg import pg_admin_url

    return pg_admin_url(required_here=False)


#: Where the desktop is what is tested, the server runs on SQLite alone: its PostgreSQL half is
#: covered where the backend matters (tests/server, tests/sync). A module about the backend says
#: so with ``pytest.mark.parametrize("backend", BACKENDS, indirect=True, scope="session")``.
DESKTOP_DIRS = ("ui", "services")


def backends_for(path: Path) -> list[str]:
    tests_dir = Path(__file__).resolve().parent
    try:
        top = path.resolve().relative_to(tests_dir).parts[0]
    except (ValueError, IndexError):
        return BACKENDS
    return ["sqlite"] if top in DESKTOP_DIRS else BACKENDS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    for mark in metafunc.definition.iter_markers("parametrize"):
        names = mark.args[0] if mark.args else mark.kwargs.get("argnames", "")
        if "backend" in ([n.strip() for n in names.split(",")] if isinstance(names, str)
                         else list(names)):
            return  # the test or its module chose
    metafunc.parametrize("backend", backends_for(metafunc.definition.path), indirect=True,
                         scope="session")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        from tests.support.pg import pg_admin_url

        pg_admin_url()  # skips on a machine without PostgreSQL; fails in CI
    return str(request.param)


@pytest.fixture(scope="session")
def session_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionDatabases]:
    """Each backend's database factory and templates, kept for the whole test process.

    ``backend`` is a session-scoped parameter, and pytest holds one value of it at a time: a
    test process that runs a file's SQLite half, then its PostgreSQL half, then the next file's
    SQLite half sets up the backend's session fixtures anew at every switch. The factories and
    the templates live here instead, so a switch costs nothing; the databases copied from them
    are still dropped at the switch (``db_factory``)."""
    from tests.support.templates import SessionDatabases

    databases = SessionDatabases(tmp_path_factory, _pg_url())
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def db_factory(backend: str, session_databases: SessionDatabases) -> Iterator[DatabaseFactory]:
    factory = session_databases.factory(backend)
    yield factory
    factory.drop_copies()


@pytest.fixture(scope="session")
def seeded_template(db_factory: DatabaseFactory,
                    session_databases: SessionDatabases) -> tuple[str, object]:
    """A database initialised and seeded once per backend; tests get copies of it."""
    return session_databases.template(db_factory, "seeded", _seed)


def _seed(url: str) -> object:
    from lapor_desk.server.database import init_database
    from lapor_desk.server.seed import seed_database

    init_database(url)
    return seed_database(url, complaints=SEED_COMPLAINTS, seed=SEED, password=PASSWORD)


@pytest.fixture(scope="module")
def module_live_server(db_factory: DatabaseFactory, seeded_template: tuple[str, object],
                       tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServer]:
    """The module's server on its copy of the seeded database (tests/support/shared_server.py)."""
    from tests.support.shared_server import SharedServer

    template_url, report = seeded_template
    shared = SharedServer(db_factory, template_url, report, tmp_path_factory.mktemp("blobs"))
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def live_server(module_live_server: SharedServer) -> LiveServer:
    """The seeded database served on loopback, as it was seeded: the module's server with its
    data put back before this test."""
    return module_live_server.fresh()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def national(tmp_path: Path, live_server: LiveServer, password: str) -> Iterator[Workstation]:
    """The national admin (nasional1) signed in and synced on its own profile."""
    from lapor_desk.services import Workstation

    station = Workstation(tmp_path / "national", device="pytest-national")
    station.sign_in(live_server.url, "nasional1", password)
    station.sync()
    yield station
    station.close()


@pytest.fixture(autouse=True)
def _logging_given_back() -> Iterator[None]:
    """A command run in-process (``lapor-server ...``'s ``main``) configures the process's
    logging as its own process would; the next test starts with the logging it found."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _umask_given_back() -> Iterator[None]:
    """Opening a desktop cache makes the process's new files owner-only (umask 077, as the
    desktop wants); the next test starts with the umask it found."""
    found = os.umask(0o077)
    os.umask(found)
    yield
    os.umask(found)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a test process of a distributed run: long units first (tests/support/scheduling.py),
    after pytest has grouped the tests by their fixtures' parameters."""
    if not hasattr(config, "workerinput"):
        return
    from tests.support.scheduling import order_items

    order_items(items)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile``: a file, or each backend's half of it, per unit
    (tests/support/scheduling.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.support.scheduling import make_scheduler

    return make_scheduler(config, log)
