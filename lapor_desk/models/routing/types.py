"""What a routing suggestion says, shared by the engine, the desktop and ``lapor-desk
suggest-unit``. The words are the reader's: these values carry facts (counts, names, scores) and
the desktop builds its translated sentence from them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ModelState(Enum):
    #: A model trained from the history is in use.
    READY = "ready"
    #: No model yet; one is being trained (suggestions follow when it is done).
    TRAINING = "training"
    #: Too few finished complaints to learn from (a new pemda): no suggestion is offered.
    TOO_LITTLE_HISTORY = "too_little_history"


@dataclass(frozen=True)
class SimilarCase:
    """A past complaint like this one and the unit that finally handled it."""

    complaint_id: str
    tracking_no: str
    title: str
    unit_id: int
    unit_name: str
    #: Cosine similarity of the two texts, 0..1.
    similarity: float


@dataclass(frozen=True)
class UnitSuggestion:
    unit_id: int
    unit_name: str
    #: The model's confidence, 0..1 (the scores of one answer sum to at most 1).
    score: float
    #: How many of the similar past complaints this unit finally handled ("12 laporan serupa").
    similar_count: int
    #: The regency those similar complaints came from, when most of them share the complaint's.
    regency: str | None
    #: How many similar complaints came back from another unit ("bukan wewenang") before this
    #: unit handled them: the misroutes this suggestion would have caught.
    caught_misroutes: int
    #: The most similar of those past complaints, best first (a few; one click away in the desktop).
    similar: tuple[SimilarCase, ...]


@dataclass(frozen=True)
class CategorySuggestion:
    """Offered only when the reporter's category looks wrong."""

    category: str
    score: float
    #: The category the complaint carries now.
    current: str | None


@dataclass(frozen=True)
class Suggestions:
    state: ModelState
    #: Best first, at most the number asked for; empty unless ``state`` is READY.
    units: tuple[UnitSuggestion, ...] = ()
    category: CategorySuggestion | None = None
    #: How many finished complaints the model in use learned from.
    trained_on: int = 0
