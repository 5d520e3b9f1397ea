"""Features of a complaint for the routing model: TF-IDF of its word stems (words and word
pairs), TF-IDF of the character n-grams of its normalised text (misspellings the table does not
know still share most of their n-grams), and its regency and category as one-hot columns.

Columns are hashed (scikit-learn's ``HashingVectorizer``: no vocabulary to store or load), then
the columns seen in at least :data:`MIN_DF` training complaints are kept (at most a cap per
block, the most frequent first). What is stored per block is two arrays, the kept hashed columns
and their IDF weights: loading them is reading two arrays, with nothing to unpickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from lapor_desk.models.routing.text import prepare

HASH_BITS = 20
MIN_DF = 2
#: Kept columns per block, the most frequent first.
MAX_WORDS = 40_000
MAX_CHARS = 40_000
#: Complaints whose character n-grams are counted at a time (memory stays bounded).
CHUNK = 5000
#: How much each block weighs against the words (each block is L2-normalised first).
CHAR_WEIGHT = 0.6
META_WEIGHT = 0.35

WORDS = HashingVectorizer(n_features=1 << HASH_BITS, analyzer="word", token_pattern=r"\S+",
                          ngram_range=(1, 2), alternate_sign=False, norm=None, lowercase=False)
CHARS = HashingVectorizer(n_features=1 << HASH_BITS, analyzer="char_wb", ngram_range=(3, 5),
                          alternate_sign=False, norm=None, lowercase=False)
META = HashingVectorizer(n_features=1 << 16, analyzer=lambda tokens: tokens,
                         alternate_sign=False, norm=None)

#: A SciPy CSR matrix (SciPy ships no types).
Matrix: TypeAlias = Any
Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Prepared:
    """A complaint's text made ready (:func:`.text.prepare`) and its place and category."""

    stems: str
    normalised: str
    regency: str | None
    category: str | None


def prepared(title: str, body: str | None, regency: str | None,
             category: str | None) -> Prepared:
    words, normal = prepare(title, body)
    return Prepared(words, normal, regency, category)


def _meta(items: Sequence[Prepared], with_category: bool) -> list[list[str]]:
    out = []
    for p in items:
        tokens = [f"regency={(p.regency or '').lower()}"]
        if with_category and p.category:
            tokens.append(f"category={p.category.lower()}")
        out.append(tokens)
    return out


@dataclass(frozen=True)
class Block:
    """The kept hashed columns of one block (sorted) and their IDF weights."""

    columns: Ints
    idf: Floats

    def apply(self, counts: Matrix) -> Matrix:
        """Counts (hashed columns) -> sublinear TF-IDF on the kept columns, rows L2-normalised."""
        counts = counts.tocsr()
        counts.sort_indices()
        where = np.searchsorted(self.columns, counts.indices)
        inside = where < len(self.columns)
        hit = np.zeros(len(where), dtype=np.bool_)
        hit[inside] = self.columns[where[inside]] == counts.indices[inside]
        running = np.concatenate([[0], np.cumsum(hit)]).astype(np.int64)
        indptr = running[counts.indptr]
        columns = where[hit]
        values = (1.0 + np.log(counts.data[hit])).astype(np.float32) * self.idf[columns]
        kept = sparse.csr_matrix((values, columns.astype(np.int32), indptr),
                                 shape=(counts.shape[0], len(self.columns)))
        return _normalised(kept)


def _normalised(matrix: Matrix) -> Matrix:
    squares = matrix.multiply(matrix).sum(axis=1)
    norms = np.sqrt(np.asarray(squares, dtype=np.float32).ravel())
    norms[norms == 0] = 1.0
    lengths = np.diff(matrix.indptr)
    matrix.data = (matrix.data / np.repeat(norms, lengths)).astype(np.float32)
    return matrix


def fit_block(counts: Matrix, cap: int, min_df: int = MIN_DF) -> Block:
    """The columns seen in at least ``min_df`` rows (the ``cap`` most frequent), and their
    smoothed IDF."""
    return _block(np.bincount(counts.indices, minlength=counts.shape[1]), counts.shape[0],
                  cap, min_df)


def _block(df: Ints, n: int, cap: int, min_df: int) -> Block:
    candidates = np.flatnonzero(df >= min_df)
    if len(candidates) > cap:
        candidates = candidates[np.argsort(-df[candidates], kind="stable")[:cap]]
    columns = np.sort(candidates).astype(np.int64)
    idf = (np.log((1.0 + n) / (1.0 + df[columns])) + 1.0).astype(np.float32)
    return Block(columns, idf)


@dataclass(frozen=True)
class Featurizer:
    words: Block
    chars: Block
    meta: Block
    with_category: bool

    def parts(self, items: Sequence[Prepared]) -> tuple[Matrix, Matrix, Matrix, Matrix]:
        """``(words, chars, meta with the category, meta without it)``, each block's rows
        L2-normalised."""
        word_part = self.words.apply(WORDS.transform([p.stems for p in items]))
        char_part = sparse.vstack([self.chars.apply(CHARS.transform(_chars(items[i:i + CHUNK])))
                                   for i in range(0, max(len(items), 1), CHUNK)], format="csr")
        meta = self.meta.apply(META.transform(_meta(items, self.with_category)))
        plain = (self.meta.apply(META.transform(_meta(items, False))) if self.with_category
                 else meta)
        return word_part, char_part, meta, plain

    @staticmethod
    def join(words: Matrix, chars: Matrix, meta: Matrix) -> Matrix:
        """The model's input from the blocks."""
        return sparse.hstack([words, chars * CHAR_WEIGHT, meta * META_WEIGHT],
                             format="csr", dtype=np.float32)

    def transform(self, items: Sequence[Prepared], *, category: bool = True
                  ) -> tuple[Matrix, Matrix]:
        """``(all features, word features)``: the model's input and the similarity's;
        ``category=False``: without the reporter's category (the category model's input)."""
        words, chars, meta, plain = self.parts(items)
        return self.join(words, chars, meta if category else plain), words


def _chars(items: Sequence[Prepared]) -> list[str]:
    """The character n-grams' input: each word of the normalised text once (a misspelling
    needs its n-grams, not their repeats; a history's memory stays bounded)."""
    return [" ".join(dict.fromkeys(p.normalised.split())) for p in items]


def _char_df(items: Sequence[Prepared]) -> Ints:
    df = np.zeros(CHARS.n_features, dtype=np.int64)
    for i in range(0, len(items), CHUNK):
        counts = CHARS.transform(_chars(items[i:i + CHUNK]))
        df += np.bincount(counts.indices, minlength=CHARS.n_features)
    return df


def fit_featurizer(items: Sequence[Prepared], with_category: bool = True) -> Featurizer:
    return Featurizer(
        fit_block(WORDS.transform([p.stems for p in items]), MAX_WORDS),
        _block(_char_df(items), len(items), MAX_CHARS, MIN_DF),
        fit_block(META.transform(_meta(items, with_category)), 1 << 16, min_df=1),
        with_category)
