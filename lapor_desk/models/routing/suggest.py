"""A suggestion for one complaint from a trained :class:`.model.RoutingModel`: the likeliest
units the viewer may forward to, each with the similar past complaints it handled, and the
category when the reporter's looks wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from lapor_desk.models.routing.features import Matrix, prepared
from lapor_desk.models.routing.model import RoutingModel
from lapor_desk.models.routing.types import (
    CategorySuggestion,
    ModelState,
    SimilarCase,
    Suggestions,
    UnitSuggestion,
)

#: Past complaints looked at for "similar", and how alike a text must be to count as similar.
NEIGHBOURS = 200
SIMILAR_AT = 0.25
#: The similar past complaints shown per unit.
SHOWN = 5
#: The category is offered when the model is at least this sure of another one and gives the
#: reporter's at most :data:`CATEGORY_DOUBT`.
CATEGORY_CONFIDENCE = 0.6
CATEGORY_DOUBT = 0.15

#: complaint ids -> {id: (tracking number, title)} (read from the cache).
Lookup = Callable[[Sequence[str]], Mapping[str, tuple[int | None, str]]]


def suggest(model: RoutingModel, *, title: str, body: str | None, regency: str | None,
            category: str | None, allowed: Mapping[int, str], top: int = 3,
            exclude: int | None = None, lookup: Lookup | None = None) -> Suggestions:
    """The ``top`` likeliest units among ``allowed`` (id -> name; ``exclude``: where the
    complaint is now). Scores are the model's shares: they sum to at most 1."""
    item = prepared(title, body, regency, category)
    words, chars, meta, plain = model.featurizer.parts([item])
    names = model.neighbours.regency_names
    at = names.index(regency) if regency in names else -1
    shares = model.units.proba(model.featurizer.join(words, chars, meta),
                               model.unit_regency[:, at][np.newaxis, :])[0]
    order = np.argsort(-shares, kind="stable")
    picked = [(int(model.units.labels[i]), float(shares[i])) for i in order
              if int(model.units.labels[i]) in allowed and int(model.units.labels[i]) != exclude]
    picked = picked[:max(0, top)]

    rows, sims = model.neighbours.nearest(words, NEIGHBOURS)
    similar_rows = rows[sims >= SIMILAR_AT]
    similar_sims = sims[sims >= SIMILAR_AT]
    wanted = {unit for unit, _ in picked}
    per_unit: dict[int, list[tuple[int, float]]] = {unit: [] for unit in wanted}
    for row, sim in zip(similar_rows.tolist(), similar_sims.tolist(), strict=True):
        unit = int(model.neighbours.units[row])
        if unit in per_unit:
            per_unit[unit].append((row, sim))
    shown_ids = [model.neighbours.complaint_ids[row]
                 for cases in per_unit.values() for row, _ in cases[:SHOWN]]
    found = lookup(shown_ids) if lookup is not None and shown_ids else {}

    units = []
    for unit, score in picked:
        cases = per_unit[unit]
        places = Counter(int(model.neighbours.regencies[row]) for row, _ in cases)
        place = None
        if places:
            where, count = places.most_common(1)[0]
            if where >= 0 and count * 2 > len(cases):
                place = model.neighbours.regency_names[where]
        shown = []
        for row, sim in cases[:SHOWN]:
            complaint_id = model.neighbours.complaint_ids[row]
            tracking, case_title = found.get(complaint_id, (None, ""))
            shown.append(SimilarCase(complaint_id, str(tracking or ""), case_title, unit,
                                     allowed[unit], round(min(1.0, sim), 4)))
        units.append(UnitSuggestion(
            unit_id=unit, unit_name=allowed[unit], score=round(score, 4),
            similar_count=len(cases), regency=place,
            caught_misroutes=sum(bool(model.neighbours.misrouted[row]) for row, _ in cases),
            similar=tuple(shown)))
    category_input = model.featurizer.join(words, chars, plain)
    return Suggestions(ModelState.READY, tuple(units), _category(model, category_input, category),
                       model.trained_on)


def _category(model: RoutingModel, x: Matrix, current: str | None
              ) -> CategorySuggestion | None:
    if model.categories is None:
        return None
    shares = model.categories.proba(x)[0]
    best = int(np.argmax(shares))
    name = model.category_names[int(model.categories.labels[best])]
    if name == current or float(shares[best]) < CATEGORY_CONFIDENCE:
        return None
    if current is not None and current in model.category_names:
        position = model.category_names.index(current)
        mine = np.flatnonzero(model.categories.labels == position)
        if len(mine) and float(shares[mine[0]]) > CATEGORY_DOUBT:
            return None
    return CategorySuggestion(name, round(float(shares[best]), 4), current)
