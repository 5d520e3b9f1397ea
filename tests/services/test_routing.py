"""Routing help on a profile synced from the real server's seeded history."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select

from lapor_desk.cli import main
from lapor_desk.models.cache import open_cache
from lapor_desk.models.cache.schema import Agency, Complaint
from lapor_desk.models.routing import storage
from lapor_desk.models.routing.types import ModelState
from lapor_desk.services import Workstation
from lapor_desk.services.routing import RoutingHelp, TrainingFailed
from lapor_desk.sync.credentials import MemoryKeyring
from tests.conftest import PASSWORD
from tests.support.shared_server import SharedServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "routing" / "complaints.jsonl"


Trained = tuple[Workstation, list[tuple[int, int]], KeyringBackend]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory,
            module_live_server: SharedServer) -> Iterator[Trained]:
    """The national admin's profile, synced; the routing model trained once in a child
    process (progress seen) and kept for the module's tests, with the keyring that holds the
    profile's cache key."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    live = module_live_server.fresh()
    station = Workstation(tmp_path_factory.mktemp("routing") / "profiles", device="pytest")
    station.sign_in(live.url, "nasional1", PASSWORD)
    station.sync()
    done = station.routing.suggest(_a_complaint(station, "done"))
    assert done.state is ModelState.TRAINING and not done.units  # no model yet: never trains
    seen: list[tuple[int, int]] = []
    assert station.routing.refresh(lambda d, t: seen.append((d, t))) is ModelState.READY
    yield station, seen, backend
    station.close()


def _a_complaint(station: Workstation, status: str) -> str:
    with station.session.require_cache().engine.connect() as c:
        return str(c.execute(select(Complaint.id).where(Complaint.status == status)
                             .order_by(Complaint.created_at.desc())).scalars().first())


def test_refresh_trains_once_and_then_waits_for_more_history(
        trained: Trained) -> None:
    station, seen, _ = trained
    assert seen and seen[-1][0] == seen[-1][1] and seen == sorted(seen)
    routing = station.routing
    assert station.routing is routing  # one per session: the model is kept
    path = routing.path
    written = path.stat().st_mtime_ns
    assert routing.refresh() is ModelState.READY  # no new history: nothing trained
    assert path.stat().st_mtime_ns == written


def test_suggestions_name_active_units_the_viewer_may_forward_to(
        trained: Trained) -> None:
    station, _, _ = trained
    complaint_id = _a_complaint(station, "unverified")
    answer = station.routing.suggest(complaint_id)
    assert answer.state is ModelState.READY and answer.trained_on >= 30
    assert 1 <= len(answer.units) <= 3
    assert sum(u.score for u in answer.units) <= 1.0
    with station.session.require_cache().engine.connect() as c:
        names = {row.id: row.name for row in c.execute(select(Agency.id, Agency.name).where(
            Agency.level == "unit", Agency.active.is_(True)))}
        place = c.execute(select(Complaint.responsible_id).where(
            Complaint.id == complaint_id)).scalar_one()
    for unit in answer.units:
        assert names[unit.unit_id] == unit.unit_name and unit.unit_id != place
        for case in unit.similar:
            assert case.unit_id == unit.unit_id and case.title and case.tracking_no
    top5 = station.routing.suggest(complaint_id, top=5)
    assert len(top5.units) == 5 and top5.units[:3] == answer.units


def test_the_stored_model_is_sealed_and_a_new_session_uses_it(
        trained: Trained) -> None:
    station, _, _ = trained
    cache = station.session.require_cache()
    raw = (Path(cache.profile_dir) / storage.MODEL_FILE).read_bytes()
    with cache.engine.connect() as c:
        title = c.execute(select(Complaint.title)).scalars().first()
    assert raw.startswith(b"LDSEAL") and title and title.encode() not in raw
    complaint_id = _a_complaint(station, "forwarded")
    again = RoutingHelp(cache)  # loads the sealed file, trains nothing
    assert again.suggest(complaint_id) == station.routing.suggest(complaint_id)


def test_a_profile_without_history_says_so(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    try:
        routing = RoutingHelp(cache, in_child=False)
        assert routing.suggest_text("Jalan rusak", "", None).state is (
            ModelState.TOO_LITTLE_HISTORY)
        assert routing.refresh() is ModelState.TOO_LITTLE_HISTORY
        assert not routing.path.exists()
    finally:
        cache.close()


def test_suggest_unit_prints_the_desktops_suggestions_per_line(
        trained: Trained,
        capsys: pytest.CaptureFixture[str]) -> None:
    station, _, backend = trained
    keyring.set_keyring(backend)  # the CLI reads the profile's cache key from the keyring
    profile = station.info.profile_dir  # type: ignore[union-attr]
    capsys.readouterr()
    assert main(["suggest-unit", "--profile", str(profile), "--top", "2", str(FIXTURE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    queries = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines() if line]
    assert len(lines) == len(queries) >= 12
    for line, query in zip(lines, queries, strict=True):
        units = json.loads(line)
        assert len(units) == 2 and set(units[0]) == {"unit_id", "unit_name", "score"}
        same = station.routing.suggest_text(query["title"], query["body"], query["regency"],
                                            top=2)
        assert [u["unit_id"] for u in units] == [u.unit_id for u in same.units]


def test_suggest_unit_names_a_bad_line_and_prints_nothing(
        trained: Trained, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    station, _, backend = trained
    keyring.set_keyring(backend)  # the CLI reads the profile's cache key from the keyring
    profile = station.info.profile_dir  # type: ignore[union-attr]
    model = Path(profile) / storage.MODEL_FILE
    before = model.read_bytes()
    lines = FIXTURE.read_text("utf-8").splitlines()[:3]
    for bad, says in (('{"title": "Jalan rusak", "body": 5, "regency": null}', '"body"'),
                      ('{"title": "Jalan rusak", "body": "x", "region": "Muna"}', "region"),
                      ("{not json", "not valid JSON"), ('["a list"]', "not a JSON object"),
                      ('{"body": "tanpa judul", "regency": null}', '"title"')):
        path = tmp_path / "in.jsonl"
        path.write_text("\n".join([*lines[:2], bad, lines[2]]) + "\n", "utf-8")
        capsys.readouterr()
        assert main(["suggest-unit", "--profile", str(profile), str(path)]) == 2
        out = capsys.readouterr()
        assert out.out == "" and "line 3" in out.err and says in out.err
    long = tmp_path / "long.jsonl"
    long.write_text(json.dumps({"title": "x", "body": "y" * 70_000, "regency": None}) + "\n")
    assert main(["suggest-unit", "--profile", str(profile), str(long)]) == 2
    assert "line 1 is longer" in capsys.readouterr().err
    assert model.read_bytes() == before


def test_suggest_unit_without_a_profile_explains(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(FIXTURE.read_text("utf-8"), "utf-8")
    assert main(["suggest-unit", "--profile", str(tmp_path / "none"), str(path)]) == 2
    assert "lapor-desk sync" in capsys.readouterr().err




def test_signing_out_while_the_model_trains_leaves_nothing_behind(
        trained: Trained, tmp_path: Path) -> None:
    """The training's child is stopped and its model never written into the wiped folder."""
    _, _, backend = trained
    keyring.set_keyring(backend)
    station = Workstation(tmp_path / "profiles", device="pytest")
    first = trained[0].info
    assert first is not None
    info = station.sign_in(first.server_url, "nasional1", PASSWORD)
    station.sync()
    routing = station.routing
    outcome: list[object] = []

    def refresh() -> None:
        try:
            outcome.append(routing.refresh())
        except TrainingFailed as exc:
            outcome.append(exc)

    worker = threading.Thread(target=refresh)
    worker.start()
    deadline = time.monotonic() + 60
    while routing._child is None and worker.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert routing._child is not None  # training under way in its child
    station.sign_out(discard_unsynced=True)
    worker.join(60)
    assert not worker.is_alive() and isinstance(outcome[0], TrainingFailed)
    assert not Path(info.profile_dir).exists()  # nothing of the session came back
