"""The 2025 public category taxonomy of LAPOR! (38 categories, ~900 sub-categories)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def _fold(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).casefold()


class Taxonomy:
    def __init__(self, tree: dict[str, list[str]]) -> None:
        self.tree = tree
        self._top = {_fold(k): k for k in tree}
        self._sub = {_fold(k): {_fold(s): s for s in subs} for k, subs in tree.items()}

    def category(self, name: str) -> str | None:
        """The canonical spelling of a top-level category, or None."""
        return self._top.get(_fold(name))

    def subcategory(self, category: str, name: str) -> str | None:
        canonical = self.category(category)
        if canonical is None:
            return None
        return self._sub[_fold(canonical)].get(_fold(name))

    def categories(self) -> list[str]:
        return list(self.tree)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    text = resources.files("lapor_desk").joinpath("data/categories-2025.json").read_text("utf-8")
    return Taxonomy(json.loads(text))
