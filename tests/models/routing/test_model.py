"""The routing model learned from a small history, and its suggestions."""

from __future__ import annotations

import pytest

from lapor_desk.models.routing.model import RoutingModel, train
from lapor_desk.models.routing.suggest import suggest
from lapor_desk.models.routing.types import ModelState
from tests.models.routing.support import UNIT_NAMES, history, unit_id


@pytest.fixture(scope="module")
def model() -> RoutingModel:
    return train(history(), kind="nb")


def test_the_unit_of_the_matter_in_that_regency_comes_first(model: RoutingModel) -> None:
    answer = suggest(model, title="Jln berlubang parah", body="aspal mengelupas, truk lewat",
                     regency="Kabupaten Muna", category=None, allowed=UNIT_NAMES)
    assert answer.state is ModelState.READY and answer.trained_on == 160
    assert [u.unit_id for u in answer.units][:1] == [unit_id("Kabupaten Muna", "pupr")]
    assert len(answer.units) == 3
    assert sum(u.score for u in answer.units) <= 1.0
    best = answer.units[0]
    assert best.similar_count > 0 and best.regency == "Kabupaten Muna"
    assert all(case.unit_id == best.unit_id for case in best.similar)
    assert best.similar == tuple(sorted(best.similar, key=lambda c: -c.similarity))


def test_only_units_the_viewer_may_forward_to(model: RoutingModel) -> None:
    right = unit_id("Kota Kendari", "dinkes")
    allowed = {k: v for k, v in UNIT_NAMES.items() if k != right}
    answer = suggest(model, title="Puskesmas tidak ada dokter", body="obat habis",
                     regency="Kota Kendari", category=None, allowed=allowed, top=5)
    assert right not in [u.unit_id for u in answer.units]
    excluded = suggest(model, title="Puskesmas tidak ada dokter", body="obat habis",
                       regency="Kota Kendari", category=None, allowed=UNIT_NAMES,
                       exclude=right)
    assert right not in [u.unit_id for u in excluded.units]


def test_the_category_only_when_the_reporters_looks_wrong(model: RoutingModel) -> None:
    text = {"title": "Blanko KTP elektronik habis", "body": "antre di dukcapil, akta juga",
            "regency": "Kota Kendari", "allowed": UNIT_NAMES}
    wrong = suggest(model, category="INFRASTRUKTUR", **text)  # type: ignore[arg-type]
    assert wrong.category is not None
    assert wrong.category.category == "KEPENDUDUKAN" and wrong.category.current == "INFRASTRUKTUR"
    right = suggest(model, category="KEPENDUDUKAN", **text)  # type: ignore[arg-type]
    assert right.category is None
