"""Country names written with one wrong letter ("Afganistan", "Venezuala", "Ukriane").

A capitalised word of at least six letters that no actor table knows, and that is one edit
(a letter inserted, left out, changed, or two neighbours swapped) away from exactly one
single-word country name of at least six letters, is that country. Shorter names are left out:
one letter turns "Mali" into "Bali" or "Malí", "Chad" into "Thad". Person names are never
read as countries ("Frances", "Roland"), nor words of ISO 3166-2 subdivision names, which are
places of their own ("Columbia", "Granada", "Tainan"), nor a name with an s ("the Americas").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

import pycountry

#: The shortest name (and word) compared.
MIN_LETTERS: Final = 6


@dataclass(frozen=True, slots=True)
class MisspeltCountries:
    """Single-word country names by length, for near-miss look-ups."""

    by_length: Mapping[int, tuple[tuple[str, str], ...]]  # length -> ((folded name, iso3), ...)
    known: frozenset[str]  # folded words that are names of something else
    #: Each name under itself and under every one-letter deletion of it: two words one edit
    #: apart share a key, so a word is compared with the few names sharing one of its keys.
    by_key: Mapping[str, tuple[tuple[str, str], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, set[tuple[str, str]]] = {}
        for pairs in self.by_length.values():
            for pair in pairs:
                for key in _keys(pair[0]):
                    index.setdefault(key, set()).add(pair)
        object.__setattr__(self, "by_key", {k: tuple(sorted(v)) for k, v in index.items()})

    @classmethod
    def of(
        cls, names: Iterable[tuple[str, str]], *, known: Iterable[str] = ()
    ) -> MisspeltCountries:
        """From (name, iso3) pairs; names of several words or under six letters are skipped.
        ``known`` words are never read as misspellings."""
        found: dict[int, set[tuple[str, str]]] = {}
        for name, iso3 in names:
            if name.isalpha() and len(name) >= MIN_LETTERS:
                found.setdefault(len(name), set()).add((name.lower(), iso3))
        pairs = {n: tuple(sorted(p)) for n, p in found.items()}
        return cls(pairs, frozenset(w.lower() for w in known))

    def country(self, word: str) -> str | None:
        """The ISO3 code of the one country ``word`` misspells, else None."""
        if len(word) < MIN_LETTERS or not word.isalpha() or not word[0].isupper():
            return None
        folded = word.lower()
        if folded in self.known:
            return None
        near = {pair for key in _keys(folded) for pair in self.by_key.get(key, ())}
        codes = {
            iso3
            for name, iso3 in near
            if abs(len(name) - len(word)) <= 1
            and name != folded
            and folded != name + "s"
            and one_edit(folded, name)
        }
        return codes.pop() if len(codes) == 1 else None


def _keys(word: str) -> set[str]:
    """The word and every word one letter deletion makes of it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@functools.cache
def subdivision_words() -> frozenset[str]:
    """The words of ISO 3166-2 subdivision names (pycountry), folded."""
    return frozenset(
        w.lower() for s in pycountry.subdivisions for w in re.findall(r"[^\W\d_]+", s.name)
    )


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of two
    neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
