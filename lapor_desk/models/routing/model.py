"""The routing model: which unit (and which category) a complaint's text points to, and the past
complaints most like it.

Two linear models over :mod:`.features`, kept as plain arrays: the unit model (misrouted
complaints weigh :data:`.history.MISROUTE_WEIGHT`) and the category model (without the reporter's
category among its inputs). Each is scikit-learn's ``ComplementNB`` (the default: one pass over
the data, so a national history trains in seconds) or ``SGDClassifier`` with the logistic loss
(``kind="sgd"``; slower, compared in bench/routing_bench.py). A naive Bayes score is turned into
shares by a softmax whose temperature is fitted on the newest tenth of the history (learned from
the older nine tenths), so a share reads like a probability. The neighbour index is the word
TF-IDF of every complaint learned from, cut to its :data:`INDEX_TERMS` heaviest terms and kept
term by term (an inverted index): the cosine of a new complaint against it reads only the
complaints that share a term with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import sparse

from lapor_desk.models.routing.features import (
    Featurizer,
    Floats,
    Ints,
    Matrix,
    Prepared,
    fit_featurizer,
    prepared,
)
from lapor_desk.models.routing.history import MISROUTE_WEIGHT, Labelled

#: Terms kept per complaint in the neighbour index (the heaviest; the row is renormalised).
INDEX_TERMS = 24
#: Added to each (unit, regency) count of the regency prior.
PRIOR_SMOOTHING = 0.5
#: The fewest finished complaints (and units among them) worth learning from.
MIN_HISTORY = 30
MIN_UNITS = 2
#: The logistic SGD's regularisation and passes (``kind="sgd"``).
ALPHA = 2e-5
EPOCHS = 12
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Linear:
    """A linear model as arrays: ``labels[i]`` is class ``i``. ``temperature`` > 0: shares
    are the softmax of the scores times it (naive Bayes); 0: the one-vs-rest sigmoids
    normalised (logistic SGD)."""

    labels: Ints
    #: classes x features, sparse (CSR)
    coef: Matrix
    intercept: Floats
    temperature: float = 0.0

    def proba(self, x: Matrix, prior: Floats | None = None) -> Floats:
        """Per row, each class's share (summing to 1); ``prior``: log-odds to add per row and
        class (the regency's, :func:`regency_prior`)."""
        scores = _dense(x @ self.coef.T) + self.intercept
        if self.temperature > 0:
            scaled = scores * self.temperature
        else:
            scaled = -np.log1p(np.exp(-np.clip(scores, -30, 30)))  # log of the sigmoid
        if prior is not None:
            scaled = scaled + prior
        odds = np.exp(scaled - scaled.max(axis=1, keepdims=True))
        total = odds.sum(axis=1, keepdims=True)
        total[total == 0] = 1.0
        return np.asarray(odds / total, dtype=np.float32)


@dataclass(frozen=True)
class Neighbours:
    """The complaints learned from, for "similar past complaints"."""

    #: term x complaint (CSR): each term's complaints and weights
    postings: Matrix
    complaint_ids: tuple[str, ...]
    units: Ints
    misrouted: npt.NDArray[np.bool_]
    #: index into ``regency_names`` (-1: none)
    regencies: Ints
    regency_names: tuple[str, ...]

    def nearest(self, words: Matrix, limit: int) -> tuple[Ints, Floats]:
        """The complaints most similar to ``words`` (one row), best first, and their cosines."""
        query = words.tocsr()
        if query.nnz == 0 or self.postings.shape[1] == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        rows = self.postings[query.indices]
        sims = np.asarray(rows.T @ query.data, dtype=np.float32).ravel()
        limit = min(limit, len(sims))
        best = np.argpartition(-sims, limit - 1)[:limit]
        best = best[np.argsort(-sims[best], kind="stable")]
        keep = sims[best] > 0
        return best[keep].astype(np.int64), sims[best][keep]


@dataclass(frozen=True)
class RoutingModel:
    featurizer: Featurizer
    units: Linear
    #: log P(regency | unit) per unit (as ``units.labels``) and regency (:func:`regency_prior`)
    unit_regency: Floats
    #: None when the history carries fewer than two categories.
    categories: Linear | None
    category_names: tuple[str, ...]
    neighbours: Neighbours
    #: How many finished complaints it learned from, and how many the cache held then.
    trained_on: int
    history_size: int
    #: ISO 8601 UTC, and the newest ``created_at`` learned from.
    trained_at: str
    newest: str


#: Model kinds: "nb" (ComplementNB with a fitted temperature) or "sgd" (logistic SGD).
KIND = "nb"
NB_ALPHA = 0.3
#: Weights kept per class of the naive Bayes model (the heaviest; the rest are near zero).
CLASS_TERMS = 3000
TEMPERATURES = (0.5, 1, 2, 3, 5, 8, 12, 18, 25, 35, 50, 70, 100)


def _fit(kind: str, x: Matrix, y: npt.NDArray[np.int64], weights: Floats | None) -> Linear:
    if kind == "sgd":
        from sklearn.linear_model import SGDClassifier

        sgd = SGDClassifier(loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None,
                            random_state=0)
        sgd.fit(x, y, sample_weight=weights)
        labels = np.asarray(sgd.classes_, dtype=np.int64)
        coef = np.asarray(sgd.coef_, dtype=np.float32)
        intercept = np.asarray(sgd.intercept_, dtype=np.float32)
        if len(labels) == 2:  # binary: scikit-learn keeps one row, for the second class
            coef = np.vstack([-coef, coef])
            intercept = np.concatenate([-intercept, intercept])
        return Linear(labels, sparse.csr_matrix(coef), intercept)
    from sklearn.naive_bayes import ComplementNB

    nb = ComplementNB(alpha=NB_ALPHA)
    nb.fit(x, y, sample_weight=weights)
    labels = np.asarray(nb.classes_, dtype=np.int64)
    # A feature's weight minus its mean over the classes changes no softmax (each row's scores
    # move together); most of what is left is near zero: each class keeps its heaviest.
    coef = np.asarray(nb.feature_log_prob_, dtype=np.float32)
    coef -= coef.mean(axis=0, keepdims=True)
    return Linear(labels, _heaviest(coef, CLASS_TERMS),
                  np.zeros(len(labels), dtype=np.float32), 1.0)


def _heaviest(coef: Floats, keep: int) -> Matrix:
    """Each row's ``keep`` largest weights (by magnitude), as a sparse matrix."""
    if coef.shape[1] <= keep:
        return sparse.csr_matrix(coef)
    top = np.argpartition(-np.abs(coef), keep - 1, axis=1)[:, :keep]
    top.sort(axis=1)
    rows = np.repeat(np.arange(coef.shape[0]), keep)
    values = coef[rows, top.ravel()]
    return sparse.csr_matrix((values, (rows, top.ravel())), shape=coef.shape, dtype=np.float32)


def _dense(product: Matrix) -> Floats:
    if sparse.issparse(product):
        return np.asarray(product.toarray(), dtype=np.float32)
    return np.asarray(product, dtype=np.float32)


def regency_prior(labels: Ints, units: Ints, places: Ints, regencies: int) -> Floats:
    """log P(regency | unit), smoothed, per class (rows, as ``labels``) and regency (columns,
    one more, all zero, for a complaint with no known regency: index -1). Added to a model's
    scores, it makes the place count as naive Bayes would count it: a kabupaten's OPD
    handles complaints from that kabupaten."""
    position = {int(label): i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), regencies + 1), dtype=np.float64)
    for unit, place in zip(units.tolist(), places.tolist(), strict=True):
        if place >= 0 and unit in position:
            counts[position[unit], place] += 1.0
    known = counts[:, :regencies]
    shares = (known + PRIOR_SMOOTHING) / (
        known.sum(axis=1, keepdims=True) + PRIOR_SMOOTHING * max(regencies, 1))
    out = np.zeros_like(counts)
    out[:, :regencies] = np.log(shares)
    return out.astype(np.float32)


def _temperature(model: Linear, x: Matrix, y: npt.NDArray[np.int64],
                 prior: Floats | None) -> float:
    """The softmax temperature that makes ``model``'s shares likeliest on ``(x, y)``."""
    scores = _dense(x @ model.coef.T).astype(np.float64) + model.intercept
    position = {int(label): i for i, label in enumerate(model.labels)}
    known = np.asarray([int(label) in position for label in y], dtype=np.bool_)
    if not known.any():
        return 1.0
    rows = np.flatnonzero(known)
    truth = np.asarray([position[int(label)] for label in y[known]], dtype=np.int64)
    best, best_loss = 1.0, float("inf")
    for t in TEMPERATURES:
        scaled = scores[rows] * t + (prior[rows] if prior is not None else 0.0)
        scaled -= scaled.max(axis=1, keepdims=True)
        log_total = np.log(np.exp(scaled).sum(axis=1))
        loss = float(np.mean(log_total - scaled[np.arange(len(rows)), truth]))
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def _linear(kind: str, x: Matrix, y: npt.NDArray[np.int64], weights: Floats | None,
            places: Ints | None = None, regencies: int = 0) -> Linear:
    """Fitted on everything; for naive Bayes, the temperature from a fit on the older nine
    tenths scored on the newest tenth (rows are oldest first), with the regency prior of
    those nine tenths when ``places`` (each row's regency) is given."""
    model = _fit(kind, x, y, weights)
    if kind == "sgd" or len(y) < 50:
        return model
    cut = len(y) * 9 // 10
    older = _fit(kind, x[:cut], y[:cut], None if weights is None else weights[:cut])
    prior = None
    if places is not None:
        table = regency_prior(older.labels, y[:cut], places[:cut], regencies)
        prior = table[:, places[cut:]].T
    return replace(model, temperature=_temperature(older, x[cut:], y[cut:], prior))


def _postings(words: Matrix) -> Matrix:
    """Each complaint's :data:`INDEX_TERMS` heaviest terms (renormalised), term by term."""
    rows = words.tocsr()
    data, indices, indptr = [], [], [0]
    for i in range(rows.shape[0]):
        start, end = rows.indptr[i], rows.indptr[i + 1]
        values, cols = rows.data[start:end], rows.indices[start:end]
        if len(values) > INDEX_TERMS:
            top = np.argpartition(-values, INDEX_TERMS - 1)[:INDEX_TERMS]
            values, cols = values[top], cols[top]
        norm = float(np.sqrt(np.dot(values, values))) or 1.0
        data.append(values / norm)
        indices.append(cols)
        indptr.append(indptr[-1] + len(values))
    cut = sparse.csr_matrix(
        (np.concatenate(data).astype(np.float32) if data else np.zeros(0, np.float32),
         np.concatenate(indices).astype(np.int32) if indices else np.zeros(0, np.int32),
         np.asarray(indptr, dtype=np.int64)), shape=rows.shape)
    postings: Matrix = cut.T.tocsr()
    postings.sort_indices()
    return postings


def learnable(history: Sequence[Labelled]) -> bool:
    return (len(history) >= MIN_HISTORY
            and len({h.unit_id for h in history}) >= MIN_UNITS)


def train(history: Sequence[Labelled], *, history_size: int | None = None,
          progress: Progress | None = None, now: Callable[[], str] | None = None,
          kind: str = KIND) -> RoutingModel:
    """Learn from ``history`` (finished complaints, oldest first). ``progress(done, total)``
    is called as texts are prepared and at each later step."""
    total = len(history) + 4
    items: list[Prepared] = []
    for n, h in enumerate(history):
        items.append(prepared(h.title, h.body, h.regency, h.category))
        if progress is not None and n % 500 == 0:
            progress(n, total)
    featurizer = fit_featurizer(items)
    words, chars, meta, plain = featurizer.parts(items)
    x = featurizer.join(words, chars, meta)
    if progress is not None:
        progress(len(history) + 1, total)
    y = np.asarray([h.unit_id for h in history], dtype=np.int64)
    weights = np.asarray([MISROUTE_WEIGHT if h.misrouted else 1.0 for h in history],
                         dtype=np.float32)
    regency_names = tuple(sorted({h.regency for h in history if h.regency}))
    where = {name: i for i, name in enumerate(regency_names)}
    places = np.asarray([where.get(h.regency or "", -1) for h in history], dtype=np.int64)
    units = _linear(kind, x, y, weights, places, len(regency_names))
    prior = regency_prior(units.labels, y, places, len(regency_names))
    if progress is not None:
        progress(len(history) + 2, total)
    names = sorted({h.category for h in history if h.category})
    categories = None
    if len(names) >= 2:
        known = np.asarray([i for i, h in enumerate(history) if h.category], dtype=np.int64)
        position = {name: i for i, name in enumerate(names)}
        x_plain = featurizer.join(words, chars, plain)[known]
        categories = _linear(kind, x_plain, np.asarray(
            [position[history[i].category or ""] for i in known], dtype=np.int64), None)
    if progress is not None:
        progress(len(history) + 3, total)
    neighbours = Neighbours(
        _postings(words), tuple(h.complaint_id for h in history), y,
        np.asarray([h.misrouted for h in history], dtype=np.bool_),
        places, regency_names)
    stamp = now() if now is not None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if progress is not None:
        progress(total, total)
    return RoutingModel(featurizer, units, prior, categories, tuple(names), neighbours,
                        len(history),
                        history_size if history_size is not None else len(history), stamp,
                        max((h.created_at for h in history), default=""))
