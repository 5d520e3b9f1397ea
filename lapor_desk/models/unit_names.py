"""Finding a unit by the names admins use: abbreviations, the directory's own aliases, typos.

An admin types "dukcapil", "satpol pp", "dinkes konawe" or "kependudkan" and expects the unit
that is meant. :class:`UnitIndex` answers that for a list of units (the agency tree the desktop
holds, a few hundred to a few thousand nodes), best first:

- every word typed must be found, as a whole word or the start of one, in the unit's names: its
  name, its code, its aliases from the directory (``agency.aliases``, edited by the admins), and
  the abbreviations of ``data/unit-abbreviations.json`` that fit it (a unit whose name holds
  "kependudukan", "pencatatan" and "sipil" is "dukcapil"; a unit named "RSUD ..." is also a
  "rumah sakit umum daerah");
- or in the names of the agencies above it ("dinkes konawe": the Dinas Kesehatan under the
  Kabupaten Konawe), which count for less;
- a word of four letters or more may carry a typo (one letter wrong, missing, extra or two
  swapped; two in a word of eight letters or more);
- among equal matches the units used most recently come first (``recent``), then shorter names.

Every word of every name is put in one vocabulary: a typed word is compared with each distinct
word once, not with each unit (bench: a few milliseconds for 1,000 units).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[0-9a-z]+")
#: Words that say nothing about which unit is meant.
STOP_WORDS = frozenset({"dan", "di", "ke", "dari", "untuk", "yang", "the", "of", "and"})
#: Weights of a typed word found in the unit's own names and in the agencies above it.
OWN, ABOVE = 1.0, 0.45
EXACT, PREFIX, TYPO, TYPO_PREFIX = 1.0, 0.8, 0.6, 0.5
#: What being among the recently used units adds (less than one word's worth).
RECENT_BONUS = 0.3


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents dropped, punctuation a separator)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _WORD.findall(plain)


@cache
def abbreviations() -> Mapping[str, tuple[str, ...]]:
    """The shipped abbreviation table: abbreviation -> the words of the full name."""
    text = (resources.files("lapor_desk").joinpath("data/unit-abbreviations.json")
            .read_text("utf-8"))
    table = json.loads(text)
    return {key: tuple(words(value)) for key, value in table.items()
            if not key.startswith("_") and isinstance(value, str)}


@dataclass(frozen=True)
class UnitEntry:
    """A unit (or agency) as the search knows it. ``above``: the names of the agencies above
    it, nearest first (matched with less weight)."""

    id: int
    name: str
    code: str = ""
    aliases: tuple[str, ...] = ()
    above: tuple[str, ...] = ()


def _typo_allowance(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (insert, delete, replace, swap
    two neighbours), or ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def word_match(typed: str, word: str) -> float:
    """How well a typed word fits a word of a name (0: not at all)."""
    if typed == word:
        return EXACT
    if word.startswith(typed):
        return PREFIX
    allowed = _typo_allowance(typed)
    if not allowed:
        return 0.0
    if distance(typed, word, allowed) <= allowed:
        return TYPO
    if len(typed) >= 5 and len(word) > len(typed) and (
            distance(typed, word[:len(typed)], allowed) <= allowed):
        return TYPO_PREFIX
    return 0.0


def name_keys(names: Iterable[str], table: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The words a unit can be found by: the words of its names, the abbreviations whose full
    words its names hold, the full words of the abbreviations it is named by."""
    found: set[str] = set()
    for name in names:
        found.update(words(name))
    content = found - STOP_WORDS
    padded = "".join(_joined(names))
    extra: set[str] = set()
    for abbreviation, full in table.items():
        key_words = words(abbreviation)
        if full and set(full) <= content:
            extra.update(key_words)
            extra.add("".join(key_words))
        if key_words and f" {' '.join(key_words)} " in padded:
            extra.update(full)
    return (found | extra) - STOP_WORDS


def _joined(names: Iterable[str]) -> list[str]:
    return [" " + " ".join(words(n)) + " " for n in names]


class UnitIndex:
    """Units found by what an admin types (see the module's description)."""

    def __init__(self, entries: Sequence[UnitEntry],
                 table: Mapping[str, tuple[str, ...]] | None = None) -> None:
        table = abbreviations() if table is None else table
        self.entries = list(entries)
        self._own: dict[str, set[int]] = {}
        self._above: dict[str, set[int]] = {}
        above_keys: dict[tuple[str, ...], set[str]] = {}
        for n, entry in enumerate(self.entries):
            names = [entry.name, *entry.aliases, *_code_words(entry.code)]
            for key in name_keys(names, table):
                self._own.setdefault(key, set()).add(n)
            keys = above_keys.get(entry.above)
            if keys is None:
                keys = above_keys[entry.above] = name_keys(entry.above, table)
            for key in keys:
                self._above.setdefault(key, set()).add(n)
        self._vocabulary = sorted(set(self._own) | set(self._above))

    def find(self, text: str, recent: Sequence[int] = (), limit: int | None = None) -> list[int]:
        """Ids of the units that fit ``text``, best first; nothing typed: the ``recent`` ones
        (ids, most recent first) that are in the index."""
        typed = [w for w in words(text) if w not in STOP_WORDS]
        order = {unit_id: rank for rank, unit_id in enumerate(recent)}
        if not typed:
            known = {e.id for e in self.entries}
            return [i for i in recent if i in known][:limit]
        totals: dict[int, float] = {}
        own_all: set[int] | None = None
        for n, word in enumerate(typed):
            own, above = self._scores(word)
            if not own and not above:
                return []
            scores = {u: s * OWN for u, s in own.items()}
            for u, s in above.items():
                scores[u] = max(scores.get(u, 0.0), s * ABOVE)
            totals = scores if n == 0 else {
                u: totals[u] + s for u, s in scores.items() if u in totals}
            own_all = set(own) if own_all is None else own_all & set(own)
            if not totals:
                return []
        ranked = sorted(totals, key=lambda u: (
            -(totals[u] + (0.5 if own_all and u in own_all else 0.0)
              + (RECENT_BONUS if self.entries[u].id in order else 0.0)),
            order.get(self.entries[u].id, len(order)), len(self.entries[u].name),
            self.entries[u].name))
        ids = [self.entries[u].id for u in ranked]
        return ids if limit is None else ids[:limit]

    def _scores(self, typed: str) -> tuple[dict[int, float], dict[int, float]]:
        own: dict[int, float] = {}
        above: dict[int, float] = {}
        for word, quality in _matching_words(tuple(self._vocabulary), typed):
            for postings, best in ((self._own.get(word, ()), own),
                                   (self._above.get(word, ()), above)):
                for unit in postings:
                    if quality > best.get(unit, 0.0):
                        best[unit] = quality
        return own, above


def _code_words(code: str) -> list[str]:
    """A unit's code ("KAB-7471.DUKCAPIL") offers its last part as a name ("dukcapil")."""
    parts = words(code)
    return [parts[-1]] if parts and not parts[-1].isdigit() else []


def _matching_words(vocabulary: tuple[str, ...], typed: str) -> list[tuple[str, float]]:
    found = []
    for word in vocabulary:
        quality = word_match(typed, word)
        if quality:
            found.append((word, quality))
    return found


# --- the directory's aliases: what may be stored, who may edit them --------------------------

#: At most this many other names per unit, each of this many characters.
MAX_ALIASES = 12
ALIAS_LENGTH = (2, 80)


class AliasProblem(ValueError):
    """Aliases that cannot be stored; ``code`` says why (``too_many``, ``too_short``,
    ``too_long``)."""

    def __init__(self, code: str, alias: str = "") -> None:
        super().__init__(f"{code}: {alias!r}" if alias else code)
        self.code = code
        self.alias = alias


def clean_aliases(values: Sequence[str], name: str = "") -> tuple[str, ...]:
    """The aliases as they are stored: each on one line with single spaces, empty ones and
    repeats (ignoring case, and the unit's own name) left out, in the order given. Raises
    :class:`AliasProblem` for too many, too short or too long ones."""
    from lapor_desk.models.text import clean_line

    seen = {" ".join(words(name))} if name else set()
    kept: list[str] = []
    for value in values:
        alias = " ".join(clean_line(value).split())
        if not alias:
            continue
        if len(alias) < ALIAS_LENGTH[0]:
            raise AliasProblem("too_short", alias)
        if len(alias) > ALIAS_LENGTH[1]:
            raise AliasProblem("too_long", alias)
        key = " ".join(words(alias)) or alias.casefold()
        if key in seen:
            continue
        seen.add(key)
        kept.append(alias)
    if len(kept) > MAX_ALIASES:
        raise AliasProblem("too_many")
    return tuple(kept)


def may_edit_aliases(role: str, scope_path: str, node_path: str) -> bool:
    """Whether a user may edit a node's aliases: a national admin anywhere, an agency admin in
    the agency's own subtree (its OPDs), a liaison officer nowhere. Both sides ask this."""
    if role == "national_admin":
        return True
    return role == "agency_admin" and node_path.startswith(scope_path)
